"""Facts about the machine and software of a run, for the report."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "microsoft-agents-hosting-core",
    "microsoft-agents-hosting-aiohttp",
    "aiohttp",
    "sqlalchemy",
    "aiosqlite",
    "asyncpg",
)


def machine_facts(project: Path) -> dict[str, str]:
    """CPU count and model, OS, Python, the main packages' versions and the git commit."""
    facts = {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    for package in PACKAGES:
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = "not installed"
    facts["commit"] = _commit(project)
    return facts


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _commit(project: Path) -> str:
    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=project, capture_output=True, text=True, timeout=10,
            check=True,
        ).stdout.strip()  # fmt: skip

    try:
        head, dirty = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head
