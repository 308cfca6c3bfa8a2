"""A QR code as inline SVG: black squares on white, sharp at any print size."""

from __future__ import annotations

from html import escape

import qrcode  # type: ignore[import-untyped]  # pure Python, no type hints
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]

QUIET_ZONE = 4
"""White modules around the code, as the QR standard asks, so phone cameras find it."""


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of a QR code for ``data`` (True is black), quiet zone included."""
    # Level M survives a fold or a coffee stain on paper and keeps the code small.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_svg(data: str, label: str) -> str:
    """An SVG of the QR code for ``data``; ``label`` is its accessible name."""
    matrix = qr_matrix(data)
    size = len(matrix)
    squares = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, black in enumerate(row) if black
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(label, quote=True)}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{squares}" fill="#000"/></svg>'
    )
