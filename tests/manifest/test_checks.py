"""Each rule beyond the schema finds a package that breaks it (``manifest.checks``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from manifest.checks import problems
from manifest.png import Image, encode

Change = Callable[[dict[str, Any], dict[str, Any]], None]


def _broken(files: dict[str, bytes], change: Change) -> list[str]:
    manifest = json.loads(files["manifest.json"])
    english = json.loads(files["en-us.json"])
    change(manifest, english)
    return problems(
        files
        | {
            "manifest.json": json.dumps(manifest).encode(),
            "en-us.json": json.dumps(english).encode(),
        }
    )


def _menu(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    commands: list[dict[str, Any]] = manifest["bots"][0]["commandLists"][0]["commands"]
    return commands


def _add(manifest: dict[str, Any], english: dict[str, Any], i: int, command: Any) -> None:
    """Add ``command`` to list ``i``, translated, so only the rule under test is broken."""
    commands = manifest["bots"][0]["commandLists"][i]["commands"]
    key = f"bots[0].commandLists[{i}].commands[{len(commands)}]"
    commands.append(command)
    english.update({f"{key}.title": command["title"], f"{key}.description": "d"})


def _second_team_list(manifest: dict[str, Any], english: dict[str, Any]) -> None:
    manifest["bots"][0]["commandLists"].append({"scopes": ["team"], "commands": []})
    _add(manifest, english, 1, {"title": "x", "description": ""})


CASES: dict[str, tuple[Change, str]] = {
    "id not a GUID": (lambda m, e: m.update(id="paraat"), "id: must be a GUID"),
    "version not semver": (lambda m, e: m.update(version="1.0"), "version: must be"),
    "consent for another app": (
        lambda m, e: m["webApplicationInfo"].update(id="00000000-0000-0000-0000-000000000000"),
        "webApplicationInfo.id: must be the bot's id",
    ),
    "eleven commands": (
        lambda m, e: _add(m, e, 0, {"title": "extra", "description": ""}),
        "Teams shows 10 commands, the list has 11",
    ),
    "a long title": (
        lambda m, e: _menu(m)[0].update(title="t" * 33),
        "commands[0].title: 1 to 32 characters",
    ),
    "a long description": (
        lambda m, e: _menu(m)[1].update(description="d" * 129),
        "commands[1].description: at most 128 characters",
    ),
    "a title twice": (
        lambda m, e: _menu(m)[1].update(title=_menu(m)[0]["title"]),
        "a title is used twice",
    ),
    "a scope in two lists": (_second_team_list, "scope ['team'] has a list already"),
    "a key the manifest lacks": (
        lambda m, e: e.update({"bots[0].commandLists[0].commands[12].title": "x"}),
        "names no text in the manifest",
    ),
    "a key for an object, not a text": (
        lambda m, e: e.update({"developer": "x"}),
        "'developer' names no text in the manifest",
    ),
    "an untranslated command": (
        lambda m, e: e.pop("bots[0].commandLists[0].commands[3].description"),
        "commands[3] has no translation",
    ),
    "a long translated title": (
        lambda m, e: e.update({"bots[0].commandLists[0].commands[2].title": "t" * 40}),
        "commands[2].title (en-us): 1 to 32 characters",
    ),
    "a translation file missing": (
        lambda m, e: m["localizationInfo"]["additionalLanguages"][0].update(file="fr.json"),
        "'fr.json' is missing",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_rule_is_named(files: dict[str, bytes], case: str) -> None:
    change, expected = CASES[case]
    found = _broken(files, change)
    assert len(found) == 1 and expected in found[0], found


def _png(width: int, height: int, pixel: tuple[int, int, int, int]) -> bytes:
    return encode(Image(width, height, bytes(pixel) * (width * height)))


def test_icons_of_the_wrong_size_or_colours_are_named(files: dict[str, bytes]) -> None:
    wrong = files | {"color.png": _png(96, 96, (1, 2, 3, 255))}
    assert problems(wrong) == ["icons.color (color.png): must be 192×192 pixels, is 96×96"]
    grey = bytes((128, 128, 128, 255)) * (32 * 32 // 2) + bytes(4) * (32 * 32 // 2)
    found = problems(files | {"outline.png": encode(Image(32, 32, grey))})
    assert found == [
        "icons.outline (outline.png): only white may show, 512 pixels are not",
        "icons.outline (outline.png): nothing shows, no pixel is fully white",
    ]
    opaque = problems(files | {"outline.png": _png(32, 32, (255, 255, 255, 255))})
    assert opaque == ["icons.outline (outline.png): the background must be transparent"]


def test_a_missing_or_damaged_icon_is_named(files: dict[str, bytes]) -> None:
    gone = {name: data for name, data in files.items() if name != "outline.png"}
    assert problems(gone) == ["icons.outline: the package has no file 'outline.png'"]
    assert problems(files | {"color.png": b"GIF89a"}) == ["icons.color (color.png): not a PNG file"]


def test_a_package_without_a_manifest_is_named(files: dict[str, bytes]) -> None:
    assert problems({"color.png": files["color.png"]}) == [
        "manifest.json: missing, or not a JSON object"
    ]
