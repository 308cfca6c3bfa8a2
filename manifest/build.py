"""The Teams app package: the manifest template filled in, its icons and its translations.

Pure: details and commands in, file contents out. Building twice gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from content.language import LANGUAGES, Language
from manifest.commands import BotCommand, command_lists
from manifest.icons import color_icon, outline_icon

SCHEMA_VERSION = "1.30"
"""The manifest schema: the newest generally available one that npm ``@microsoft/app-manifest``
carries (it also carries ``devPreview``, which is not for production)."""
MANIFEST = "manifest.json"
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
LANGUAGE_TAGS: Mapping[Language, str] = {"nl": "nl-nl", "en": "en-us"}
"""Teams' language tag for each of Paraat's languages; the other language's file is named
after its tag (``en-us.json``)."""
DEFAULT_ACCENT = "#1F5F8B"

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry: fixed, so two builds are byte for byte the same."""
_PLACEHOLDER = re.compile(r"\{\{([a-z_.]+)\}\}")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class ManifestError(ValueError):
    """The details given cannot make a valid package; the message says which and why."""


@dataclass(frozen=True)
class AppDetails:
    """What the package says about one organisation's Paraat.

    Attributes:
        app_id: The bot's Microsoft Entra app (client) id; also the Teams app's id.
        version: The package version, ``major.minor.patch``; Teams wants a higher one for every
            update of an uploaded app.
        organisation: The organisation's name, shown as the app's developer (at most 32
            characters).
        website_url: The organisation's web site (``https://``).
        privacy_url: Its privacy statement (``https://``).
        terms_url: Its terms of use (``https://``).
        domains: Host names the app may open, the bot's own public host first.
        default_language: The language of the manifest itself; the other gets a translation file.
        accent_color: ``#rrggbb``: the colour icon's background and the app's accent in Teams.
    """

    app_id: str
    version: str
    organisation: str
    website_url: str
    privacy_url: str
    terms_url: str
    domains: tuple[str, ...]
    default_language: Language = "nl"
    accent_color: str = DEFAULT_ACCENT


def build_files(details: AppDetails, commands: Sequence[BotCommand]) -> dict[str, bytes]:
    """The files of the package by name, in the order they go into the zip.

    Raises:
        ManifestError: a detail is not what Teams accepts (which one, and what is expected).
    """
    _check_details(details)
    default = details.default_language
    others = [language for language in LANGUAGES if language != default]
    values = _values(details)
    texts = {language: _fill(_template(LANGUAGE_TAGS[language]), values) for language in LANGUAGES}
    manifest = _fill(
        _template("manifest"),
        values
        | {key: text for key, text in texts[default].items() if key != "$schema"}
        | {"default_language_tag": LANGUAGE_TAGS[default]},
    )
    lists = command_lists(commands)
    manifest["bots"][0]["commandLists"] = [entry.to_json(default) for entry in lists]
    manifest["validDomains"] = list(details.domains)
    manifest["localizationInfo"]["additionalLanguages"] = [
        {"languageTag": LANGUAGE_TAGS[language], "file": f"{LANGUAGE_TAGS[language]}.json"}
        for language in others
    ]
    files = {MANIFEST: _json(manifest)}
    for language in others:
        translated = dict(texts[language])
        for i, entry in enumerate(lists):
            for j, command in enumerate(entry.commands):
                key = f"bots[0].commandLists[{i}].commands[{j}]"
                translated[f"{key}.title"] = command.title[language]
                translated[f"{key}.description"] = command.description[language]
        files[f"{LANGUAGE_TAGS[language]}.json"] = _json(translated)
    files[COLOR_ICON] = color_icon(details.accent_color)
    files[OUTLINE_ICON] = outline_icon()
    return files


def package(files: Mapping[str, bytes]) -> bytes:
    """The zip Teams takes: every file at the top level, fixed times and modes (reproducible)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            archive.writestr(entry, data, compresslevel=9)
    return buffer.getvalue()


def unpack(data: bytes) -> dict[str, bytes]:
    """The files of a package zip by name.

    Raises:
        ManifestError: the bytes are not a zip.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except zipfile.BadZipFile as error:
        raise ManifestError(f"not a zip file: {error}") from None


def _check_details(details: AppDetails) -> None:
    wrong = []
    if not _GUID.match(details.app_id):
        wrong.append(f"the app id must be a GUID, got {details.app_id!r}")
    if not _SEMVER.match(details.version):
        wrong.append(f"the version must be major.minor.patch (1.0.3), got {details.version!r}")
    if not 0 < len(details.organisation.strip()) <= 32:
        wrong.append(
            f"the organisation's name must be 1 to 32 characters: {details.organisation!r}"
        )
    for what, url in (
        ("web site", details.website_url),
        ("privacy statement", details.privacy_url),
        ("terms of use", details.terms_url),
    ):
        if not re.match(r"^https://[^\s/]+\.[^\s]+$", url):
            wrong.append(f"the {what} must be an https:// address, got {url!r}")
    if not details.domains:
        wrong.append("at least one domain is needed: the bot's public host name")
    for domain in details.domains:
        if not _DOMAIN.match(domain):
            wrong.append(f"a domain is a host name like paraat.example.nl, got {domain!r}")
    if not _HEX_COLOUR.match(details.accent_color):
        wrong.append(f"the accent colour must be #rrggbb, got {details.accent_color!r}")
    if wrong:
        raise ManifestError("; ".join(wrong))


def _values(details: AppDetails) -> dict[str, str]:
    return {
        "app_id": details.app_id.lower(),
        "version": details.version,
        "organisation": details.organisation.strip(),
        "website_url": details.website_url,
        "privacy_url": details.privacy_url,
        "terms_url": details.terms_url,
        "accent_color": details.accent_color.upper(),
    }


def _template(name: str) -> dict[str, Any]:
    text = resources.files("manifest").joinpath("template", f"{name}.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _fill(template: dict[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """``template`` with every ``{{name}}`` in its strings replaced by ``values[name]``."""

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        if isinstance(node, list):
            return [fill(item) for item in node]
        if isinstance(node, str):
            return _PLACEHOLDER.sub(lambda found: _value(found.group(1), values), node)
        return node

    filled: dict[str, Any] = fill(template)
    return filled


def _value(name: str, values: Mapping[str, str]) -> str:
    if name not in values:
        raise ManifestError(f"the manifest template asks for {{{{{name}}}}}, which has no value")
    return values[name]


def _json(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
