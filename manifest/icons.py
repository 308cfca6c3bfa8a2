"""Paraat's two Teams icons, drawn when the package is built: a lightning bolt, the sign of power.

The colour icon is the bolt in white on the organisation's accent colour, 192×192, the bolt in
the middle 96×96 as Teams' icon guidelines ask. The outline icon is the bolt alone, white on
transparent, 32×32. Same accent colour in, same bytes out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from manifest.png import Image, encode

COLOR_SIZE = 192
OUTLINE_SIZE = 32

BOLT: tuple[tuple[float, float], ...] = (
    (0.54, 0.04),
    (0.20, 0.58),
    (0.45, 0.58),
    (0.36, 0.96),
    (0.80, 0.40),
    (0.55, 0.40),
    (0.74, 0.04),
)
"""The bolt's corners in a unit square (x to the right, y down)."""

_SUBROWS = 4
"""Scan lines per pixel row: enough for smooth edges at 32 pixels."""


def color_icon(accent: str) -> bytes:
    """The 192×192 full-colour icon: the white bolt on ``accent`` (``#rrggbb``)."""
    red, green, blue = _rgb(accent)
    cover = _coverage(_placed(BOLT, 48, 96), COLOR_SIZE)
    pixels = bytearray()
    for amount in cover:
        pixels += bytes(
            (
                _mix(red, amount),
                _mix(green, amount),
                _mix(blue, amount),
                255,
            )
        )
    return encode(Image(COLOR_SIZE, COLOR_SIZE, bytes(pixels)))


def outline_icon() -> bytes:
    """The 32×32 outline icon: the bolt in white, everything else fully transparent."""
    cover = _coverage(_placed(BOLT, 4, 24), OUTLINE_SIZE)
    pixels = bytearray()
    for amount in cover:
        alpha = round(amount * 255)
        pixels += bytes((255, 255, 255, alpha)) if alpha else bytes(4)
    return encode(Image(OUTLINE_SIZE, OUTLINE_SIZE, bytes(pixels)))


def _rgb(colour: str) -> tuple[int, int, int]:
    if len(colour) != 7 or not colour.startswith("#"):
        raise ValueError(f"expected a colour as #rrggbb, got {colour!r}")
    value = int(colour[1:], 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def _mix(channel: int, white: float) -> int:
    return round(channel + (255 - channel) * white)


def _placed(
    shape: Sequence[tuple[float, float]], offset: float, size: float
) -> list[tuple[float, float]]:
    return [(offset + x * size, offset + y * size) for x, y in shape]


def _coverage(polygon: Sequence[tuple[float, float]], size: int) -> list[float]:
    """How much of each pixel of a ``size``×``size`` image the polygon covers, 0 to 1.

    Each pixel row is cut by a few horizontal scan lines; along a line the covered part of each
    pixel is measured exactly, so the edges are smooth without drawing at a larger size.
    """
    cover = [0.0] * (size * size)
    edges = list(zip(polygon, [*polygon[1:], polygon[0]], strict=True))
    for row in range(size):
        for sub in range(_SUBROWS):
            y = row + (sub + 0.5) / _SUBROWS
            crossings = sorted(
                x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in edges
                if (y0 <= y < y1) or (y1 <= y < y0)
            )
            for start, end in zip(crossings[::2], crossings[1::2], strict=True):
                for column in range(max(0, math.floor(start)), min(size, math.ceil(end))):
                    inside = min(end, column + 1) - max(start, column)
                    cover[row * size + column] += inside / _SUBROWS
    return [min(1.0, amount) for amount in cover]
