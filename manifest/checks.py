"""Teams' rules for an app package that its JSON schema does not check.

The schema (Microsoft's, run by the tests) checks the manifest's shape. These are the rules
Microsoft documents elsewhere, and Paraat's own: the ids, the icons' sizes and colours, the
command menus' limits, and that every translation names a text of the manifest and every
command has one. ``paraat manifest build`` refuses to write a package with any of these problems.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from manifest.build import MANIFEST
from manifest.commands import MAX_COMMANDS, MAX_DESCRIPTION, MAX_TITLE
from manifest.png import PngError, decode

ICON_SIZES = {"color": 192, "outline": 32}
"""Width and height in pixels of each icon the manifest names."""

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_UNTRANSLATED = {"$schema", "localizationKeys"}


def problems(files: Mapping[str, bytes]) -> list[str]:
    """Every broken rule in a package's ``files`` (by name), one line each; empty when none."""
    manifest = _json_file(files, MANIFEST)
    if not isinstance(manifest, dict):
        return [f"{MANIFEST}: missing, or not a JSON object"]
    return [
        *_identity(manifest),
        *_icons(manifest, files),
        *_menus(manifest),
        *_translations(manifest, files),
    ]


def _identity(manifest: dict[str, Any]) -> list[str]:
    found = []
    app_id = manifest.get("id")
    if not isinstance(app_id, str) or not _GUID.match(app_id):
        found.append(f"id: must be a GUID, is {app_id!r}")
    if not _SEMVER.match(str(manifest.get("version"))):
        found.append(f"version: must be major.minor.patch, is {manifest.get('version')!r}")
    bots = manifest.get("bots") or []
    if len(bots) != 1:
        return [*found, f"bots: must name exactly one bot, names {len(bots)}"]
    bot_id = bots[0].get("botId")
    if not isinstance(bot_id, str) or not _GUID.match(bot_id):
        found.append(f"bots[0].botId: must be a GUID, is {bot_id!r}")
    consent_id = (manifest.get("webApplicationInfo") or {}).get("id")
    if consent_id != bot_id:
        # Resource-specific consent is granted to the app named here; it must be the bot.
        found.append(f"webApplicationInfo.id: must be the bot's id {bot_id!r}, is {consent_id!r}")
    return found


def _icons(manifest: dict[str, Any], files: Mapping[str, bytes]) -> list[str]:
    found = []
    icons = manifest.get("icons") or {}
    for kind, size in ICON_SIZES.items():
        name = icons.get(kind)
        if not isinstance(name, str) or name not in files:
            found.append(f"icons.{kind}: the package has no file {name!r}")
            continue
        try:
            image = decode(files[name])
        except PngError as error:
            found.append(f"icons.{kind} ({name}): {error}")
            continue
        if (image.width, image.height) != (size, size):
            found.append(
                f"icons.{kind} ({name}): must be {size}×{size} pixels, "
                f"is {image.width}×{image.height}"
            )
        if kind == "outline":
            found += _outline(name, image.all_pixels())
    return found


def _outline(name: str, pixels: list[tuple[int, int, int, int]]) -> list[str]:
    found = []
    coloured = sum(1 for r, g, b, a in pixels if a and (r, g, b) != (255, 255, 255))
    if coloured:
        found.append(f"icons.outline ({name}): only white may show, {coloured} pixels are not")
    if not any(a == 0 for *_, a in pixels):
        found.append(f"icons.outline ({name}): the background must be transparent")
    if not any(a == 255 and (r, g, b) == (255, 255, 255) for r, g, b, a in pixels):
        found.append(f"icons.outline ({name}): nothing shows, no pixel is fully white")
    return found


def _menus(manifest: dict[str, Any]) -> list[str]:
    found = []
    seen: set[str] = set()
    lists = (manifest.get("bots") or [{}])[0].get("commandLists") or []
    for i, entry in enumerate(lists):
        where = f"bots[0].commandLists[{i}]"
        commands = entry.get("commands") or []
        if len(commands) > MAX_COMMANDS:
            found.append(
                f"{where}: Teams shows {MAX_COMMANDS} commands, the list has {len(commands)}"
            )
        twice = seen & set(entry.get("scopes") or [])
        if twice:
            found.append(f"{where}: scope {sorted(twice)} has a list already")
        seen |= set(entry.get("scopes") or [])
        titles = [c.get("title") for c in commands]
        if len(set(titles)) != len(titles):
            found.append(f"{where}: a title is used twice")
        for j, command in enumerate(commands):
            found += _command_texts(f"{where}.commands[{j}]", command)
    return found


def _command_texts(where: str, command: Mapping[str, Any], tag: str = "") -> list[str]:
    found = []
    title, description = command.get("title"), command.get("description", "")
    suffix = f" ({tag})" if tag else ""
    if not isinstance(title, str) or not 0 < len(title) <= MAX_TITLE:
        found.append(f"{where}.title{suffix}: 1 to {MAX_TITLE} characters, is {title!r}")
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        found.append(
            f"{where}.description{suffix}: at most {MAX_DESCRIPTION} characters, is {description!r}"
        )
    return found


def _translations(manifest: dict[str, Any], files: Mapping[str, bytes]) -> list[str]:
    found = []
    commands = [
        f"bots[0].commandLists[{i}].commands[{j}]"
        for i, entry in enumerate((manifest.get("bots") or [{}])[0].get("commandLists") or [])
        for j in range(len(entry.get("commands") or []))
    ]
    languages = (manifest.get("localizationInfo") or {}).get("additionalLanguages") or []
    for language in languages:
        name, tag = language.get("file"), language.get("languageTag")
        strings = _json_file(files, name)
        if not isinstance(strings, dict):
            found.append(f"localizationInfo ({tag}): {name!r} is missing, or not a JSON object")
            continue
        for key, text in strings.items():
            if key in _UNTRANSLATED:
                continue
            if not isinstance(_at(manifest, key), str):
                found.append(f"{name}: {key!r} names no text in the manifest")
            elif not isinstance(text, str) or not text.strip():
                found.append(f"{name}: {key!r} is empty")
        for where in commands:
            texts = {part: strings.get(f"{where}.{part}") for part in ("title", "description")}
            if any(text is None for text in texts.values()):
                found.append(f"{name}: {where} has no translation")
            else:
                found += _command_texts(where, texts, tag)
    return found


def _at(document: Any, path: str) -> Any:
    """The value at a localization key such as ``bots[0].commandLists[1].commands[2].title``.

    A key like ``name.short`` is a path of object keys; Teams writes array items as ``[n]``.
    """
    node = document
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _json_file(files: Mapping[str, bytes], name: object) -> Any:
    if not isinstance(name, str) or name not in files:
        return None
    try:
        return json.loads(files[name].decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
