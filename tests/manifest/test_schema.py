"""The built package against Microsoft's own JSON schemas (npm @microsoft/app-manifest), offline."""

from __future__ import annotations

import json
from typing import Any

import pytest

from manifest.build import SCHEMA_VERSION
from tests.manifest.schema import carried_versions, schema_tool_unavailable_reason, validate
from tests.support.ci import missing_tool


@pytest.fixture(autouse=True)
def schema_tool() -> None:
    reason = schema_tool_unavailable_reason()
    if reason:
        missing_tool(reason)


def _documents(files: dict[str, bytes]) -> dict[str, Any]:
    return {name: json.loads(data) for name, data in files.items() if name.endswith(".json")}


def test_the_manifest_and_its_translation_are_valid_against_the_schema(
    files: dict[str, bytes],
) -> None:
    documents = _documents(files)
    assert set(documents) == {"manifest.json", "en-us.json"}
    assert documents["manifest.json"]["$schema"].endswith(
        f"/teams/v{SCHEMA_VERSION}/MicrosoftTeams.schema.json"
    )
    assert documents["en-us.json"]["$schema"].endswith(
        f"/teams/v{SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json"
    )
    assert validate(documents) == {"manifest.json": [], "en-us.json": []}


def test_the_validator_finds_what_the_schema_forbids(files: dict[str, bytes]) -> None:
    documents = _documents(files)
    documents["manifest.json"]["name"]["short"] = "P" * 31
    documents["manifest.json"]["bots"][0]["supportsFiles"] = "no"
    documents["en-us.json"]["description.short"] = "D" * 81
    errors = validate(documents)
    assert any("/name/short" in e and "30 characters" in e for e in errors["manifest.json"])
    assert any("/bots/0/supportsFiles" in e for e in errors["manifest.json"])
    assert any("/description.short" in e for e in errors["en-us.json"])


def test_the_template_is_on_the_newest_schema_the_package_carries() -> None:
    # devPreview is left out by carried_versions: it is not for apps in production.
    assert carried_versions()[-1] == SCHEMA_VERSION
