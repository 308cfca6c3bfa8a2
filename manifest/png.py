"""PNG files without an imaging library: 8-bit RGBA images written and read with zlib.

Writing is deterministic (same pixels, same bytes). Reading takes what Teams icons usually are:
8-bit RGB or RGBA, not interlaced, any row filter.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB = 2
_RGBA = 6
_CHANNELS = {_RGB: 3, _RGBA: 4}


class PngError(ValueError):
    """The bytes are not a PNG this module can read."""


@dataclass(frozen=True)
class Image:
    """An 8-bit RGBA image: ``pixels`` holds ``width * height`` RGBA quadruples, row by row."""

    width: int
    height: int
    pixels: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        """The (red, green, blue, alpha) of the pixel at column ``x``, row ``y``."""
        at = (y * self.width + x) * 4
        red, green, blue, alpha = self.pixels[at : at + 4]
        return red, green, blue, alpha

    def all_pixels(self) -> list[tuple[int, int, int, int]]:
        """Every pixel's (red, green, blue, alpha), row by row."""
        return [
            (self.pixels[i], self.pixels[i + 1], self.pixels[i + 2], self.pixels[i + 3])
            for i in range(0, len(self.pixels), 4)
        ]


def encode(image: Image) -> bytes:
    """The PNG file of ``image`` (RGBA, no row filter, zlib level 9)."""
    if len(image.pixels) != image.width * image.height * 4:
        raise ValueError("pixels must hold width * height RGBA quadruples")
    stride = image.width * 4
    raw = b"".join(
        b"\x00" + image.pixels[row * stride : (row + 1) * stride] for row in range(image.height)
    )
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, _RGBA, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def decode(data: bytes) -> Image:
    """Read an 8-bit RGB or RGBA PNG (not interlaced) into RGBA pixels.

    Raises:
        PngError: not a PNG, a damaged one, or a kind this reader does not take.
    """
    if not data.startswith(SIGNATURE):
        raise PngError("not a PNG file")
    chunks = _chunks(data[len(SIGNATURE) :])
    if not chunks or chunks[0][0] != b"IHDR":
        raise PngError("the PNG has no header")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise PngError("only 8-bit RGB or RGBA PNGs without interlacing can be read")
    try:
        raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    except zlib.error as error:
        raise PngError(f"the PNG's image data is damaged: {error}") from None
    channels = _CHANNELS[colour]
    rows = _unfilter(raw, width * channels, height, channels)
    if channels == 4:
        return Image(width, height, rows)
    rgba = bytearray()
    for i in range(0, len(rows), 3):
        rgba += rows[i : i + 3] + b"\xff"
    return Image(width, height, bytes(rgba))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found = []
    at = 0
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if len(body) != length or len(data) < at + 12 + length:
            raise PngError("the PNG is cut short")
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        if crc != zlib.crc32(kind + body):
            raise PngError(f"the PNG's {kind.decode('latin-1')} chunk is damaged")
        found.append((kind, body))
        if kind == b"IEND":
            break
        at += 12 + length
    return found


def _unfilter(raw: bytes, stride: int, height: int, step: int) -> bytes:
    if len(raw) != (stride + 1) * height:
        raise PngError("the PNG's image data does not match its size")
    out = bytearray()
    previous = bytearray(stride)
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
            elif kind != 0:
                raise PngError(f"unknown PNG row filter {kind}")
        out += line
        previous = line
    return bytes(out)


def _paeth(left: int, up: int, corner: int) -> int:
    estimate = left + up - corner
    near_left, near_up, near_corner = (abs(estimate - v) for v in (left, up, corner))
    if near_left <= near_up and near_left <= near_corner:
        return left
    return up if near_up <= near_corner else corner
