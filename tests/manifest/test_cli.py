"""``paraat manifest``: clear refusals, and ``check`` on a package."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cli.main import main
from tests.manifest.options import APP_ID, OPTIONS


def _without_app_id() -> list[str]:
    at = OPTIONS.index("--app-id")
    return OPTIONS[:at] + OPTIONS[at + 2 :]


def test_without_an_app_id_nothing_is_built(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["manifest", "build", *_without_app_id()]) == 2
    assert "set PARAAT_APP_ID" in capsys.readouterr().err
    assert not (isolated / "var" / "paraat-teams-app.zip").exists()


def test_the_app_id_comes_from_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated: Path
) -> None:
    certificate = tmp_path / "paraat.pfx"
    certificate.write_bytes(b"not read here")
    for name, value in {
        "PARAAT_APP_ID": APP_ID.upper(),
        "PARAAT_TENANT_ID": "11111111-2222-3333-4444-555555555555",
        "PARAAT_APP_CERTIFICATE": str(certificate),
        "PARAAT_USER_KEY_SECRET": "s" * 32,
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["manifest", "build", *_without_app_id()]) == 0
    with zipfile.ZipFile(isolated / "var" / "paraat-teams-app.zip") as archive:
        assert f'"id": "{APP_ID}"' in archive.read("manifest.json").decode()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--app-id", "paraat", "the app id must be a GUID"),
        ("--domain", "https://paraat.example.nl/api/messages", "a domain is a host name"),
        ("--privacy-url", "http://www.example.nl/privacy", "privacy statement must be an https"),
        ("--organisation", "Gemeente " + "X" * 30, "1 to 32 characters"),
        ("--version", "1.0", "major.minor.patch"),
        ("--accent-color", "blue", "#rrggbb"),
    ],
)
def test_a_bad_option_is_refused_with_what_is_expected(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    given = [*OPTIONS]
    if option in given:
        given[given.index(option) + 1] = value
    else:
        given += [option, value]
    assert main(["manifest", "build", *given]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Cannot build the package:") and message in err


def test_the_organisations_details_are_required(
    monkeypatch: pytest.MonkeyPatch, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["manifest", "build", "--app-id", APP_ID]) == 2
    err = capsys.readouterr().err
    assert "--domain or PARAAT_PUBLIC_HOST" in err and "--terms-url or PARAAT_TERMS_URL" in err
    for name, value in {
        "PARAAT_PUBLIC_HOST": "paraat.example.nl",
        "PARAAT_ORGANISATION_NAME": "Gemeente Voorbeeld",
        "PARAAT_WEBSITE_URL": "https://www.example.nl",
        "PARAAT_PRIVACY_URL": "https://www.example.nl/privacy",
        "PARAAT_TERMS_URL": "https://www.example.nl/voorwaarden",
    }.items():
        monkeypatch.setenv(name, value)  # the settings stand in for every option
    assert main(["manifest", "build", "--app-id", APP_ID]) == 0
    with zipfile.ZipFile(isolated / "var" / "paraat-teams-app.zip") as archive:
        assert '"paraat.example.nl"' in archive.read("manifest.json").decode()


def test_check_passes_a_built_package_and_names_a_broken_one(
    package_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["manifest", "check", str(package_path)]) == 0
    assert "No problems" in capsys.readouterr().out
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package_path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if name != "outline.png":
                target.writestr(name, source.read(name))
    assert main(["manifest", "check", str(broken)]) == 1
    assert "icons.outline: the package has no file 'outline.png'" in capsys.readouterr().out
    (tmp_path / "not.zip").write_text("hello")
    assert main(["manifest", "check", str(tmp_path / "not.zip")]) == 2
