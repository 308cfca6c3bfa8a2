"""Settings: sensible defaults, and a bad value names its variable and what is expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)


def test_defaults_are_local_mode_on_loopback_with_sqlite() -> None:
    settings = load_settings(env_file=None)
    assert settings.local_mode
    assert (settings.host, settings.port) == ("127.0.0.1", 3978)
    assert settings.database_url == "sqlite+aiosqlite:///var/paraat.db"
    assert settings.default_language == "nl" and not settings.follow_client_language


def test_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PARAAT_PORT=4000\nPARAAT_DEFAULT_LANGUAGE=en\n")
    monkeypatch.setenv("PARAAT_PORT", "4100")  # the environment wins over the file
    settings = load_settings(env_file=env_file)
    assert settings.port == 4100 and settings.default_language == "en"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("PARAAT_PORT", "abc", "PARAAT_PORT: Input should be a valid integer"),
        ("PARAAT_PORT", "70000", "PARAAT_PORT: Input should be less than or equal to 65535"),
        ("PARAAT_DEFAULT_LANGUAGE", "fr", "PARAAT_DEFAULT_LANGUAGE: Input should be 'nl' or 'en'"),
        ("PARAAT_FOLLOW_CLIENT_LANGUAGE", "misschien", "PARAAT_FOLLOW_CLIENT_LANGUAGE"),
        ("PARAAT_HOST", "0.0.0.0", "PARAAT_HOST: local mode"),
        ("PARAAT_LOG_FORMAT", "xml", "PARAAT_LOG_FORMAT"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings(env_file=None)
    assert expected in str(raised.value)


def test_an_app_id_needs_its_credentials_and_secret_values_are_not_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARAAT_APP_ID", "11111111-2222-3333-4444-555555555555")
    monkeypatch.setenv("PARAAT_USER_KEY_SECRET", "s3cr3t-value")
    with pytest.raises(SettingsError) as raised:
        load_settings(env_file=None)
    message = str(raised.value)
    assert "PARAAT_APP_PASSWORD or PARAAT_APP_CERTIFICATE" in message
    assert "PARAAT_TENANT_ID" in message
    assert "s3cr3t-value" not in message


def test_a_complete_app_configuration_leaves_local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "PARAAT_APP_ID": "11111111-2222-3333-4444-555555555555",
        "PARAAT_APP_PASSWORD": "pw",
        "PARAAT_TENANT_ID": "66666666-7777-8888-9999-000000000000",
        "PARAAT_USER_KEY_SECRET": "k",
        "PARAAT_HOST": "0.0.0.0",
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings(env_file=None)
    assert not settings.local_mode and settings.host == "0.0.0.0"
    assert "pw" not in repr(settings)


def test_a_missing_certificate_file_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARAAT_APP_ID", "app")
    monkeypatch.setenv("PARAAT_TENANT_ID", "tenant")
    monkeypatch.setenv("PARAAT_USER_KEY_SECRET", "k")
    monkeypatch.setenv("PARAAT_APP_CERTIFICATE", str(tmp_path / "missing.pfx"))
    with pytest.raises(SettingsError, match="PARAAT_APP_CERTIFICATE: expected a PFX file"):
        load_settings(env_file=None)


def test_campaigns_cannot_take_more_than_teams_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAAT_CAMPAIGN_RATE", "60")
    with pytest.raises(
        SettingsError, match=r"PARAAT_CAMPAIGN_RATE: at most PARAAT_TEAMS_RATE \(50\)"
    ):
        load_settings(env_file=None)
    monkeypatch.setenv("PARAAT_TEAMS_RATE", "100")
    assert load_settings(env_file=None).campaign_rate == 60


def test_campaign_authors_are_read_as_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARAAT_CAMPAIGN_AUTHORS", " AA-1, bb-2 ,,")
    assert load_settings(env_file=None).campaign_author_ids == {"aa-1", "bb-2"}
