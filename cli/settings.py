"""Settings for the commands that need them (serve, dev, db): read once, logging set up."""

from __future__ import annotations

from typing import Any

from cli.logs import configure_logging
from cli.output import fail
from config.settings import Settings, SettingsError, load_settings


def settings_or_exit(**overrides: Any) -> Settings:
    """The settings, with the command line's ``overrides`` that were given (not None).

    A bad setting ends the command with its message and exit code 2.
    """
    given = {name: value for name, value in overrides.items() if value is not None}
    try:
        settings = load_settings(**given)
    except SettingsError as error:
        fail(error, 2)
    configure_logging(settings.log_level, settings.log_format)
    return settings
