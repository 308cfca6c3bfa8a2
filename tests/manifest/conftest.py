"""A package built by ``paraat manifest build``, in an environment of the test's own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli.main import main
from manifest.build import unpack
from tests.manifest.options import OPTIONS


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No PARAAT_ variables or .env of the developer's; the data folder under ``tmp_path``."""
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def package_path(tmp_path: Path) -> Path:
    """The package, built with :data:`OPTIONS` into ``tmp_path``."""
    out = tmp_path / "paraat.zip"
    assert main(["manifest", "build", *OPTIONS, "--out", str(out)]) == 0
    return out


@pytest.fixture
def files(package_path: Path) -> dict[str, bytes]:
    """The package's files by name."""
    return unpack(package_path.read_bytes())
