"""The container, checked without a container engine: the Dockerfile installs what `make run`
installs, runs as a non-root user, and checks a health path the app serves; the compose example
migrates once and runs two replicas on PostgreSQL."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

from bot.app import Services, create_app
from config.settings import Settings
from content.loader import Library
from store.database import Database

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
SETUP = ROOT / "scripts" / "setup.sh"
MAKEFILE = ROOT / "Makefile"
COMPOSE = ROOT / "docs" / "compose.example.yaml"


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(instruction, arguments) per Dockerfile instruction, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile.read_text())
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, rest = line.partition(" ")
            found.append((name.upper(), rest.strip()))
    return found


def project_installs(script: str) -> list[tuple[bool, frozenset[str]]]:
    """Each ``pip install`` of this project in a shell text: (editable, its extras)."""
    installs = []
    for line in script.replace("\\\n", " ").splitlines():
        if "pip" not in line or "install" not in line:
            continue
        words = shlex.split(line, comments=True)
        commands: list[list[str]] = [[]]
        for word in words:
            if word in ("&&", ";", "||"):
                commands.append([])
            else:
                commands[-1].append(word)
        for command in commands:
            if "install" not in command or not any(w.endswith("pip") for w in command):
                continue
            for word in command[command.index("install") + 1 :]:
                target = re.fullmatch(r"(?:\.|/src)(?:\[([\w,\s-]*)\])?", word)
                if target:
                    extras = frozenset(e.strip() for e in (target.group(1) or "").split(",") if e)
                    installs.append(("-e" in command, extras))
    return installs


def make_run_installs() -> list[tuple[bool, frozenset[str]]]:
    """What ``make run`` installs: its ``setup`` target runs scripts/setup.sh (no --test)."""
    run = re.search(r"^run: (.*)$", MAKEFILE.read_text(), re.MULTILINE)
    assert run and run.group(1).split() == ["setup"]
    setup = re.search(r"^setup:\n\t@?(.*)$", MAKEFILE.read_text(), re.MULTILINE)
    assert setup and setup.group(1).strip() == "scripts/setup.sh"
    return project_installs(SETUP.read_text())


def test_the_image_installs_what_make_run_installs() -> None:
    runs = " && ".join(args for name, args in instructions(DOCKERFILE) if name == "RUN")
    image = {extras for _, extras in project_installs(runs)}
    developed = {extras for _, extras in make_run_installs()}
    assert developed == {frozenset({"dev"})}  # what setup.sh installs today
    assert image == developed


def test_the_image_is_slim_python_311_runs_paraat_serve_as_a_non_root_user() -> None:
    steps = instructions(DOCKERFILE)
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", dict(steps)["FROM"])
    users = [args for name, args in steps if name == "USER"]
    assert users and users[-1] not in ("root", "0") and not users[-1].startswith("0:")
    assert dict(steps)["CMD"] == '["paraat", "serve"]'


def test_the_health_check_asks_a_path_the_app_serves(
    sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    check = dict(instructions(DOCKERFILE))["HEALTHCHECK"]
    path = re.search(r"/(\w+)'", check)
    assert path and path.group(1) == "healthz"
    settings = Settings(_env_file=None, database_url=sqlite_url, data_dir=tmp_path)  # type: ignore[call-arg]
    app = create_app(settings, Services(Database(sqlite_url), library=bundled))
    assert ("GET", "/healthz") in routes(app)


def routes(app: web.Application) -> set[tuple[str, str]]:
    return {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
    }


def test_compose_migrates_once_then_runs_two_replicas_on_postgresql() -> None:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["paraat", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    bot = services["bot"]
    assert bot["command"] == ["paraat", "serve"]
    assert bot["deploy"]["replicas"] == 2
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    environment = bot["environment"]
    assert environment["PARAAT_DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert float(environment["PARAAT_CAMPAIGN_RATE"]) * bot["deploy"]["replicas"] <= 40
    grace = int(bot["stop_grace_period"].removesuffix("s"))
    assert grace > Settings.model_fields["stop_seconds"].default
