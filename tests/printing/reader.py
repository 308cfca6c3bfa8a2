"""Read a PDF as a person would: its pages, its text, and how each page looks (poppler)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from printing.chromium import chromium_path
from tests.support.ci import missing_tool

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "print"
"""Where the page images go, to look at after a run."""

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")
A4_POINTS = (595.0, 842.0)


def need_tools() -> None:
    """Chromium and poppler, or a failure in CI and a loud skip elsewhere."""
    if chromium_path() is None:
        missing_tool("Chromium is not installed (Debian package chromium; make setup-test)")
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        missing_tool(f"{', '.join(missing)} not installed (Debian package poppler-utils)")


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def page_count(pdf: Path) -> int:
    """The number of pages, as pdfinfo reports it."""
    match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.MULTILINE)
    assert match, "pdfinfo reported no page count"
    return int(match.group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in points."""
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(pdf)), re.M)
    assert match, "pdfinfo reported no page size"
    return float(match.group(1)), float(match.group(2))


def text_of(pdf: Path) -> str:
    """All text of the PDF, with every run of white space as one space."""
    return " ".join(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-").split())


def flat(text: str) -> str:
    """``text`` with every run of white space as one space, to find it in :func:`text_of`."""
    return " ".join(text.split())


def page_images(pdf: Path, name: str, dpi: int = 100) -> list[Path]:
    """Each page as a PNG in :data:`OUTPUT` (``<name>-1.png``, ...), to look at."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob(f"{name}-*.png"):
        old.unlink()
    _run("pdftoppm", "-png", "-r", str(dpi), str(pdf), str(OUTPUT / name))
    return sorted(OUTPUT.glob(f"{name}-*.png"))


def ink_at_edges(pdf: Path, edge_mm: float, dpi: int = 50) -> int:
    """How many pixels of the first page are not white within ``edge_mm`` of the paper's
    edge: where most office printers print nothing, so anything there is lost."""
    raw = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    width, height, pixels = _pgm(raw)
    band = round(edge_mm / 25.4 * dpi)
    dark = 0
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        if y < band or y >= height - band:
            dark += sum(value < 200 for value in row)
        else:
            dark += sum(value < 200 for value in row[:band]) + sum(
                value < 200 for value in row[width - band :]
            )
    return dark


def _pgm(raw: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5, 8 bits)."""
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(raw, position)
        assert match, "not a PGM image"
        fields.append(match.group(2))
        position = match.end()
    assert fields[0] == b"P5" and fields[3] == b"255", "expected an 8-bit binary PGM"
    width, height = int(fields[1]), int(fields[2])
    start = position + 1
    return width, height, raw[start : start + width * height]


def reads(needle: str, text: str) -> bool:
    """``needle``'s words appear in ``text`` in their order. A table's cells come out of
    pdftotext interleaved line by line, so a cell's words need not stand together."""
    words = iter(_bare(text))
    return all(any(word == seen for seen in words) for word in _bare(needle))


def _bare(text: str) -> list[str]:
    return [word.strip(".,:;!?()") for word in text.split()]


LINE_BOX = 1.117
"""Height of a word's box per point of type in Liberation Sans (ascent 0.905 + descent 0.212)."""


def smallest_type_pt(pdf: Path) -> float:
    """The size of the smallest type in the PDF, in points, from the words' boxes."""
    boxes = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
        _run("pdftotext", "-bbox", str(pdf), "-"),
    )
    assert boxes, "pdftotext found no words"
    return min(float(bottom) - float(top) for top, bottom in boxes) / LINE_BOX
