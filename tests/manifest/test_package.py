"""What ``paraat manifest build`` puts in the package: the rules Teams documents beyond the
schema, the bot's settings, and the command menus taken from the features."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from manifest.build import unpack
from manifest.checks import problems
from manifest.png import decode
from tests.manifest.options import APP_ID, OPTIONS
from wiring.features import catalogue

GUID = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$")


def _manifest(files: dict[str, bytes]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(files["manifest.json"])
    return document


def test_the_built_package_breaks_none_of_the_rules(files: dict[str, bytes]) -> None:
    assert problems(files) == []
    assert list(files) == ["manifest.json", "en-us.json", "color.png", "outline.png"]


def test_the_app_is_the_bot_and_consent_goes_to_it(files: dict[str, bytes]) -> None:
    manifest = _manifest(files)
    assert GUID.match(manifest["id"]) and manifest["id"] == APP_ID
    assert manifest["webApplicationInfo"]["id"] == APP_ID
    assert manifest["webApplicationInfo"]["resource"] == f"api://botid-{APP_ID}"
    assert manifest["authorization"]["permissions"]["resourceSpecific"] == [
        {"name": "ChatMessageReadReceipt.Read.Chat", "type": "Application"}
    ]
    assert manifest["validDomains"] == ["paraat.example.nl"]


def test_the_bot_talks_in_every_scope_and_is_no_file_or_notification_bot(
    files: dict[str, bytes],
) -> None:
    (bot,) = _manifest(files)["bots"]
    assert bot["botId"] == APP_ID
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is False
    assert bot["isNotificationOnly"] is False


def test_the_developer_is_the_organisation(files: dict[str, bytes]) -> None:
    manifest = _manifest(files)
    assert manifest["developer"] == {
        "name": "Gemeente Voorbeeld",
        "websiteUrl": "https://www.example.nl",
        "privacyUrl": "https://www.example.nl/privacy",
        "termsOfUseUrl": "https://www.example.nl/voorwaarden",
    }
    assert "Gemeente Voorbeeld" in manifest["description"]["full"]
    assert "{{" not in files["manifest.json"].decode() + files["en-us.json"].decode()


def test_the_icons_are_a_full_colour_192_and_a_white_on_transparent_32(
    files: dict[str, bytes],
) -> None:
    manifest = _manifest(files)
    color = decode(files[manifest["icons"]["color"]])
    outline = decode(files[manifest["icons"]["outline"]])
    assert (color.width, color.height) == (192, 192)
    assert (outline.width, outline.height) == (32, 32)
    assert all(alpha == 255 for *_, alpha in color.all_pixels())
    assert color.pixel(0, 0)[:3] == (0x1F, 0x5F, 0x8B) == _rgb(manifest["accentColor"])
    assert color.pixel(96, 96)[:3] == (255, 255, 255)  # the bolt, in the middle
    pixels = outline.all_pixels()
    assert all(a == 0 or (r, g, b) == (255, 255, 255) for r, g, b, a in pixels)
    assert outline.pixel(0, 0)[3] == 0 and outline.pixel(16, 16)[3] == 255
    assert 0.1 < sum(a > 0 for *_, a in pixels) / len(pixels) < 0.5


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_menus_are_the_catalogues_commands_in_both_languages(
    files: dict[str, bytes],
) -> None:
    available = list(catalogue().specs)
    by_title = {spec.words["nl"][0]: spec for spec in available}
    (menu,) = _manifest(files)["bots"][0]["commandLists"]
    assert menu["scopes"] == ["personal", "team", "groupChat"]
    shown = [by_title[command["title"]] for command in menu["commands"]]
    assert len(shown) == min(10, len(available))
    assert shown == [spec for spec in available if spec in shown]  # the catalogue's order
    assert "help" in [spec.name for spec in shown]
    english = json.loads(files["en-us.json"])
    for j, (command, spec) in enumerate(zip(menu["commands"], shown, strict=True)):
        assert command["description"] == spec.description["nl"]
        key = f"bots[0].commandLists[0].commands[{j}]"
        assert english[f"{key}.title"] == spec.words["en"][0]
        assert english[f"{key}.description"] == spec.description["en"]


def test_every_translated_key_names_a_text_of_the_template(files: dict[str, bytes]) -> None:
    manifest = _manifest(files)
    english = json.loads(files["en-us.json"])
    assert manifest["localizationInfo"] == {
        "defaultLanguageTag": "nl-nl",
        "additionalLanguages": [{"languageTag": "en-us", "file": "en-us.json"}],
    }
    for key in set(english) - {"$schema"}:
        node: Any = manifest
        for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        assert isinstance(node, str) and node, key
    assert english["name.short"] == "Paraat"
    assert english["description.short"] != manifest["description"]["short"]


def test_an_english_organisation_gets_an_english_manifest_and_a_dutch_translation(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARAAT_DEFAULT_LANGUAGE", "en")
    out = tmp_path / "en.zip"
    assert main(["manifest", "build", *OPTIONS, "--out", str(out)]) == 0
    files = unpack(out.read_bytes())
    manifest = _manifest(files)
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "en-us"
    assert set(files) == {"manifest.json", "nl-nl.json", "color.png", "outline.png"}
    titles = [c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]]
    assert "help" in titles and "my team" in titles
    assert problems(files) == []


def test_two_builds_are_byte_for_byte_the_same(tmp_path: Path, package_path: Path) -> None:
    again = tmp_path / "again.zip"
    assert main(["manifest", "build", *OPTIONS, "--out", str(again)]) == 0
    assert again.read_bytes() == package_path.read_bytes()
    with zipfile.ZipFile(package_path) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert all("/" not in entry.filename for entry in archive.infolist())


def test_the_package_goes_to_the_data_folder_by_default(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["manifest", "build", *OPTIONS]) == 0
    assert (isolated / "var" / "paraat-teams-app.zip").is_file()
    out = capsys.readouterr().out
    assert "Menu for personal, team, groupChat: quiz, briefing" in out
    assert "Manage apps" in out
