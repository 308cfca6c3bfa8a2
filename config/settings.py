"""Paraat's settings: read once from the environment and `.env`, validated, typed.

Every setting is an environment variable with the prefix ``PARAAT_``. A bad value stops start-up
with the variable's name and what was expected (:class:`SettingsError`).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from content.language import Language

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class SettingsError(ValueError):
    """One or more settings have a bad value; the message names each variable."""


class Settings(BaseSettings):
    """All of Paraat's settings. Each field is the variable ``PARAAT_<FIELD NAME>``."""

    model_config = SettingsConfigDict(
        env_prefix="PARAAT_", env_file=".env", extra="ignore", frozen=True
    )

    host: str = "127.0.0.1"
    """Address the bot listens on. Local mode allows loopback only."""
    port: int = Field(default=3978, ge=1, le=65535)
    """Port the bot listens on."""
    database_url: str = "sqlite+aiosqlite:///var/paraat.db"
    """SQLAlchemy async URL: SQLite by default, ``postgresql+asyncpg://…`` for PostgreSQL."""
    data_dir: Path = Path("var")
    """Folder for local files: the SQLite database and, in local mode, the generated user-key."""
    app_id: str | None = None
    """The bot's Microsoft Entra app (client) id. Empty: local mode, no inbound authentication."""
    app_password: SecretStr | None = None
    """Client secret of the app (for the Bot Connector). Or use ``PARAAT_APP_CERTIFICATE``."""
    app_certificate: Path | None = None
    """Path to a PFX file without password, the app's certificate credential."""
    tenant_id: str | None = None
    """The organisation's Microsoft Entra tenant id (required with an app id)."""
    default_language: Language = "nl"
    """The organisation's language for staff: ``nl`` (Dutch) or ``en`` (English)."""
    follow_client_language: bool = False
    """When true, follow the Teams client's locale (``en-*`` gives English) instead of the
    organisation's default. A user's own choice (``taal english``) always wins."""
    user_key_secret: SecretStr | None = None
    """Secret for the HMAC that turns an Entra object id into Paraat's user key. Required with an
    app id; in local mode a random one is made once and kept in the data folder."""
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, le=16 * 1024 * 1024)
    """Largest request body accepted on ``/api/messages``; larger gets 413."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """Log level."""
    log_format: Literal["text", "json"] = "text"
    """``text`` for people, ``json`` for log collectors."""
    content_dir: Path | None = None
    """The content library to use; empty: the library bundled with Paraat."""
    membership_file: Path | None = None
    """CSV ``team,member`` (Entra object id or user principal name); people not listed choose
    their team once. Empty: everyone chooses."""
    organisation_refresh_seconds: float = Field(default=60.0, gt=0, le=3600)
    """How often the running bot looks for a newer ``paraat org import`` (seconds)."""
    playground_port: int = Field(default=56150, ge=1, le=65535)
    """Port of the Microsoft 365 Agents Playground that ``paraat dev`` starts."""
    campaign_authors: str = ""
    """Entra object ids of the communications team's authors, comma-separated: they plan
    campaigns in Teams. The command line is the administrator's and needs no id."""
    campaign_authors_group: str | None = None
    """Object id of an Entra group whose members (nested groups too) are authors as well. Paraat
    reads it from Microsoft Graph with the app's own credentials, which then need the application
    permission GroupMember.Read.All (docs/operations.md)."""
    campaign_four_eyes: bool = True
    """A campaign to everyone needs a second author's approval; ``false`` for small teams."""
    campaign_grace_minutes: int = Field(default=30, ge=0, le=24 * 60)
    """A campaign whose time passed while Paraat was down is still sent when at most this many
    minutes late; later, it is marked missed and its author is told."""
    campaign_poll_seconds: float = Field(default=5.0, gt=0, le=60)
    """How often the scheduler looks for campaigns planned elsewhere (the command line)."""
    campaign_lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    """How long a replica holds the recipients it took; a replica that dies gives them back to
    the others after this long."""
    teams_rate: float = Field(default=50.0, gt=0)
    """Calls per second Teams allows the app per tenant, for campaigns and replies together
    (Microsoft's figure is 50). Raise it only where Teams is not the other end (benchmarks)."""
    campaign_rate: float = Field(default=40.0, gt=0)
    """Calls per second campaigns may make of the 50 per second Teams allows an app per tenant;
    the rest is kept for answering staff."""

    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    """Serve ``GET /metrics`` (Prometheus) on this port as well, on ``PARAAT_HOST``; keep the
    port inside your network. Outside local mode ``/metrics`` on the bot's own port answers only
    with ``PARAAT_METRICS_TOKEN``, and is 404 without it."""
    metrics_token: SecretStr | None = None
    """A bearer token that opens ``/metrics`` on the bot's own port outside local mode
    (``Authorization: Bearer <token>``)."""
    stop_seconds: float = Field(default=20.0, ge=0, le=300)
    """On SIGTERM: how long turns under way and campaign calls under way may take to finish
    before the process stops anyway (new requests get 503 meanwhile)."""

    public_host: str | None = None
    """The bot's public host name (``https://<host>/api/messages``): the Teams app's domain."""
    organisation_name: str = Field(default="", max_length=32)
    """The organisation's name, shown in Teams as the app's developer."""
    website_url: str | None = None
    """The organisation's web site, for the Teams app package."""
    privacy_url: str | None = None
    """The organisation's privacy statement, for the Teams app package."""
    terms_url: str | None = None
    """The organisation's terms of use, for the Teams app package."""

    sharepoint_site_url: str | None = Field(default=None, pattern=r"^https://[^/\s]+(/\S*)?$")
    """The SharePoint communication site Paraat publishes to, e.g.
    ``https://gemeente.sharepoint.com/sites/weerbaarheid``. Empty: nothing is published. Needs
    ``PARAAT_APP_CERTIFICATE``: SharePoint refuses app tokens made with a client secret."""
    sharepoint_languages: str = Field(default="nl", pattern=r"^(nl|nl,\s*en|en,\s*nl)$")
    """The languages published on the site: ``nl``, or ``nl,en`` for English pages too."""
    sharepoint_nightly: str = Field(default="", pattern=r"^(|([01][0-9]|2[0-3]):[0-5][0-9])$")
    """The time (``HH:MM``, Europe/Amsterdam) the bot publishes every night; empty: never."""

    @model_validator(mode="after")
    def _check_sharepoint(self) -> Settings:
        if self.sharepoint_site_url and self.app_id and self.app_certificate is None:
            raise ValueError(
                "PARAAT_SHAREPOINT_SITE_URL: SharePoint accepts the app only with a certificate; "
                "set PARAAT_APP_CERTIFICATE (a PFX file without password)"
            )
        if self.sharepoint_nightly and not self.sharepoint_site_url:
            raise ValueError(
                "PARAAT_SHAREPOINT_NIGHTLY: set PARAAT_SHAREPOINT_SITE_URL too, or leave it empty"
            )
        return self

    @property
    def sharepoint_language_list(self) -> tuple[Language, ...]:
        """The languages to publish, Dutch first."""
        return ("nl", "en") if "en" in self.sharepoint_languages else ("nl",)

    @model_validator(mode="after")
    def _check_rates(self) -> Settings:
        if self.campaign_rate > self.teams_rate:
            raise ValueError(
                f"PARAAT_CAMPAIGN_RATE: at most PARAAT_TEAMS_RATE ({self.teams_rate:g}), "
                f"got {self.campaign_rate:g}"
            )
        return self

    @model_validator(mode="after")
    def _check_mode(self) -> Settings:
        if self.local_mode:
            if not _is_loopback(self.host):
                raise ValueError(
                    "PARAAT_HOST: local mode (no PARAAT_APP_ID) serves on loopback only; "
                    f"expected 127.0.0.1, ::1 or localhost, got {self.host!r}"
                )
            if self.campaign_authors_group:
                raise ValueError(
                    "PARAAT_CAMPAIGN_AUTHORS_GROUP: reading a group from Microsoft Graph needs "
                    "the app's credentials (PARAAT_APP_ID and the rest); list the authors' ids "
                    "in PARAAT_CAMPAIGN_AUTHORS instead"
                )
            return self
        missing = []
        if self.app_password is None and self.app_certificate is None:
            missing.append("PARAAT_APP_PASSWORD or PARAAT_APP_CERTIFICATE")
        if not self.tenant_id:
            missing.append("PARAAT_TENANT_ID")
        if self.user_key_secret is None:
            missing.append("PARAAT_USER_KEY_SECRET")
        if missing:
            raise ValueError(
                f"PARAAT_APP_ID is set, so these are required too: {', '.join(missing)}"
            )
        if self.app_certificate is not None and not self.app_certificate.is_file():
            raise ValueError(
                f"PARAAT_APP_CERTIFICATE: expected a PFX file, none at {self.app_certificate}"
            )
        return self

    @property
    def public_url(self) -> str | None:
        """Where people reach the bot from outside: ``https://PARAAT_PUBLIC_HOST``; in local
        mode the loopback address it serves on; None when not known."""
        if self.local_mode:
            return f"http://{self.host}:{self.port}"
        return f"https://{self.public_host}" if self.public_host else None

    @property
    def campaign_author_ids(self) -> frozenset[str]:
        """The authors' Entra object ids, lower case."""
        return frozenset(
            part.strip().lower() for part in self.campaign_authors.split(",") if part.strip()
        )

    @property
    def local_mode(self) -> bool:
        """True when no app id is configured: anonymous, loopback only, for local clients."""
        return not self.app_id


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(env_file: Path | None = Path(".env"), **overrides: object) -> Settings:
    """Read the settings once, from the environment and ``env_file``.

    Args:
        env_file: A dotenv file to read as well (the environment wins); None reads none.
        **overrides: Values that win over both, by field name (for the command line).

    Raises:
        SettingsError: with one line per bad variable, its name and what is expected.
    """
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg, arg-type]
    except ValidationError as err:
        raise SettingsError(_describe(err)) from None


def _describe(err: ValidationError) -> str:
    lines = []
    for problem in err.errors(include_url=False):
        where = ".".join(str(part) for part in problem["loc"])
        name = f"PARAAT_{where.upper()}: " if where else ""
        message = problem["msg"].removeprefix("Value error, ")
        shown = problem.get("input")
        got = f" (got {shown!r})" if where and isinstance(shown, str | int) else ""
        if "secret" in where or "password" in where:
            got = ""
        lines.append(f"{name}{message}{got}")
    return "Paraat cannot start, a setting is wrong:\n  " + "\n  ".join(lines)
