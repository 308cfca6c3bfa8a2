"""Paraat's version, for the User-Agent of its calls to Microsoft."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def _version() -> str:
    try:
        return version("paraat")
    except PackageNotFoundError:
        return "0+unknown"


PARAAT_VERSION = _version()
USER_AGENT = f"Paraat/{PARAAT_VERSION} (directory)"
"""How Paraat names itself to Microsoft Graph."""
