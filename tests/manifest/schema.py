"""Microsoft's JSON schemas for Teams manifests, run offline from the tests.

``validate_schema.cjs`` (next to this file) runs the validator of npm ``@microsoft/app-manifest``
(installed in ``tools/node_modules`` from ``tools/package.json``) on each document, against the
schema its ``$schema`` names, read from the package's own copy.

Use::

    reason = schema_tool_unavailable_reason()
    if reason:
        missing_tool(reason)  # tests.support.ci: fails in CI, skips locally
    errors = validate({"manifest.json": manifest})["manifest.json"]
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / "tools"
PACKAGE = TOOLS / "node_modules" / "@microsoft" / "app-manifest"
TEAMS_SCHEMAS = PACKAGE / "build" / "json-schemas" / "teams"
SCRIPT = Path(__file__).with_name("validate_schema.cjs")
_NEEDED = ("@microsoft/app-manifest/package.json", "fs-extra/package.json")


class SchemaToolError(RuntimeError):
    """The Node script failed or printed something that is not its JSON."""


def schema_tool_unavailable_reason() -> str | None:
    """Why the schema check cannot run here (Node or the npm package missing), or None."""
    if shutil.which("node") is None:
        return "Node.js is not installed (scripts/setup.sh installs it)"
    for module in _NEEDED:
        if not (TOOLS / "node_modules" / module).is_file():
            return f"tools/node_modules/{module} is missing: run npm ci --prefix tools"
    return None


def validate(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """The schema errors of each document by name; an empty list means valid."""
    done = subprocess.run(
        ["node", str(SCRIPT), str(TOOLS)],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise SchemaToolError(f"validate_schema.cjs failed: {done.stderr[-4000:]}")
    try:
        results: dict[str, list[str]] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SchemaToolError(f"validate_schema.cjs printed no JSON: {done.stdout[:500]}") from None
    return results


def carried_versions() -> list[str]:
    """The Teams manifest schema versions the npm package carries, oldest first (``1.30``);
    ``devPreview`` is not a version."""
    found = [
        folder.name[1:]
        for folder in TEAMS_SCHEMAS.iterdir()
        if re.fullmatch(r"v\d+\.\d+", folder.name)
    ]
    return sorted(found, key=lambda v: tuple(int(part) for part in v.split(".")))
