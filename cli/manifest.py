"""``paraat manifest``: build the Teams app package an administrator uploads, or check one.

The bot's app id comes from the settings (``PARAAT_APP_ID``); what only the organisation knows
(its name, web addresses, the bot's public host) is given on the command line. The command menus
are the features' own commands (``wiring.features.catalogue``), so they never drift.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.output import fail
from cli.settings import settings_or_exit
from manifest.build import DEFAULT_ACCENT

if TYPE_CHECKING:
    from conversation.commands import Catalogue
    from manifest.commands import BotCommand

app = typer.Typer(name="manifest", help="Build the Teams app package to upload, or check one.")

PACKAGE_NAME = "paraat-teams-app.zip"
"""The package's file name in the data folder when ``--out`` is not given."""


@app.command()
def build(
    domain: Annotated[
        list[str] | None,
        typer.Option(
            help="The bot's public host name, as in https://HOST/api/messages (default: "
            "PARAAT_PUBLIC_HOST); repeat the option for more domains the app may open.",
            metavar="HOST",
            show_default=False,
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            help="The organisation's name, shown as the app's developer, at most 32 characters "
            "(default: PARAAT_ORGANISATION_NAME).",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    website: Annotated[
        str | None,
        typer.Option(
            help="The organisation's web site (default: PARAAT_WEBSITE_URL).",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    privacy_url: Annotated[
        str | None,
        typer.Option(
            help="Its privacy statement (default: PARAAT_PRIVACY_URL).",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    terms_url: Annotated[
        str | None,
        typer.Option(
            help="Its terms of use (default: PARAAT_TERMS_URL).", metavar="URL", show_default=False
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help=f"Where to write the zip (default: {PACKAGE_NAME} in the data folder).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    app_id: Annotated[
        str | None,
        typer.Option(
            help="The bot's app id (default: PARAAT_APP_ID).", metavar="GUID", show_default=False
        ),
    ] = None,
    version: Annotated[
        str | None,
        typer.Option(
            help="Package version, major.minor.patch; raise it for every update of the app "
            "(default: Paraat's version).",
            metavar="X.Y.Z",
            show_default=False,
        ),
    ] = None,
    accent_color: Annotated[
        str,
        typer.Option(help="The app's colour: background of the colour icon.", metavar="#RRGGBB"),
    ] = DEFAULT_ACCENT,
) -> None:
    """Build the Teams app package (a zip): manifest, icons, translation."""
    from importlib.metadata import version as installed_version

    from manifest.build import AppDetails, ManifestError, build_files, package
    from manifest.checks import problems
    from manifest.commands import command_lists
    from wiring.features import catalogue

    settings = settings_or_exit()
    bot = app_id or settings.app_id
    if not bot:
        fail("No app id: set PARAAT_APP_ID (the bot's Entra app id) or pass --app-id.", 2)
    hosts = domain or ([settings.public_host] if settings.public_host else [])
    name = organisation or settings.organisation_name
    site = website or settings.website_url
    privacy = privacy_url or settings.privacy_url
    terms = terms_url or settings.terms_url
    missing = [
        needed
        for needed, value in (
            ("--domain or PARAAT_PUBLIC_HOST", hosts),
            ("--organisation or PARAAT_ORGANISATION_NAME", name),
            ("--website or PARAAT_WEBSITE_URL", site),
            ("--privacy-url or PARAAT_PRIVACY_URL", privacy),
            ("--terms-url or PARAAT_TERMS_URL", terms),
        )
        if not value
    ]
    if missing or not (name and site and privacy and terms):
        fail("The package needs: " + ", ".join(missing), 2)
    details = AppDetails(
        app_id=bot,
        version=version or installed_version("paraat"),
        organisation=name,
        website_url=site,
        privacy_url=privacy,
        terms_url=terms,
        domains=tuple(host.strip().lower() for host in hosts),
        default_language=settings.default_language,
        accent_color=accent_color,
    )
    commands = bot_commands(catalogue())
    try:
        files = build_files(details, commands)
    except ManifestError as error:
        fail(f"Cannot build the package: {error}", 2)
    broken = problems(files)
    if broken:
        fail("The package would break Teams' rules:\n  " + "\n  ".join(broken), 1)
    target = out or settings.data_dir / PACKAGE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    data = package(files)
    target.write_bytes(data)
    print(
        f"Wrote {target}: version {details.version}, app id {details.app_id.lower()}, "
        f"sha256 {hashlib.sha256(data).hexdigest()}."
    )
    for entry in command_lists(commands):
        titles = ", ".join(c.title[details.default_language] for c in entry.commands)
        print(f"Menu for {', '.join(entry.scopes)}: {titles}")
    print("Upload it in the Teams admin center: Teams apps → Manage apps → Upload new app.")


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="The package (zip) to check.", metavar="FILE")],
) -> None:
    """Check a package against Teams' rules that the schema does not cover; exit 1 on problems."""
    from manifest.build import ManifestError, unpack
    from manifest.checks import problems

    try:
        files = unpack(path.read_bytes())
    except (OSError, ManifestError) as error:
        fail(f"Cannot read {path}: {error}", 2)
    broken = problems(files)
    for problem in broken:
        print(problem)
    if broken:
        print(f"{len(broken)} problem{'s' if len(broken) != 1 else ''} in {path}")
        raise typer.Exit(1)
    print(f"No problems in {path}.")


def bot_commands(catalogue: Catalogue) -> list[BotCommand]:
    """The catalogue's commands as plain menu data: each language's first word and line."""
    from content.language import LANGUAGES
    from manifest.commands import BotCommand

    return [
        BotCommand(
            name=spec.name,
            title={language: spec.words[language][0] for language in LANGUAGES},
            description={language: spec.description[language] for language in LANGUAGES},
        )
        for spec in catalogue.specs
    ]
