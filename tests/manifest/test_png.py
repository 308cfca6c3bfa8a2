"""The PNG writer and reader (``manifest.png``), and the icons' determinism."""

from __future__ import annotations

import struct
import zlib

import pytest

from manifest.icons import color_icon, outline_icon
from manifest.png import SIGNATURE, Image, PngError, decode, encode


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_what_is_written_reads_back_the_same() -> None:
    pixels = bytes(range(256)) * 3  # 192 RGBA pixels
    image = Image(16, 12, pixels)
    assert decode(encode(image)) == image
    assert encode(image) == encode(image)


def test_filtered_rgb_rows_are_read_as_other_tools_write_them() -> None:
    # Two RGB pixels a row, each row with another PNG filter: Sub, Up, Average, Paeth.
    rows = [(10, 20, 30, 40, 50, 60), (11, 22, 33, 44, 55, 66), (0, 0, 0, 9, 9, 9)]
    rows.append((5, 5, 5, 200, 100, 50))
    filtered = [
        (1, 10, 20, 30, 30, 30, 30),  # Sub: minus the pixel to the left
        (2, 1, 2, 3, 4, 5, 6),  # Up: minus the pixel above
        (3, -5, -11, -16, 9 - 22, 9 - 27, 9 - 33),  # Average: minus (left + above) // 2
        (4, 5, 5, 5, 200 - 9, 100 - 9, 50 - 9),  # Paeth: above (9) is nearest 5 + 9 - 0
    ]
    raw = b"".join(bytes(value & 0xFF for value in row) for row in filtered)
    header = struct.pack(">IIBBBBB", 2, 4, 8, 2, 0, 0, 0)
    data = SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw))
    image = decode(data + _chunk(b"IEND", b""))
    read = [image.pixel(x, y)[:3] for y in range(4) for x in range(2)]
    assert read == [tuple(row[i : i + 3]) for row in rows for i in (0, 3)]
    assert {image.pixel(x, y)[3] for y in range(4) for x in range(2)} == {255}


def test_what_is_not_a_readable_png_is_refused() -> None:
    with pytest.raises(PngError, match="not a PNG"):
        decode(b"GIF89a")
    damaged = bytearray(encode(Image(2, 2, bytes(16))))
    damaged[20] ^= 0xFF
    with pytest.raises(PngError, match="damaged"):
        decode(bytes(damaged))


def test_the_icons_are_drawn_the_same_every_time_and_follow_the_accent() -> None:
    assert color_icon("#1F5F8B") == color_icon("#1f5f8b")
    assert color_icon("#1F5F8B") != color_icon("#8B1F1F")
    assert decode(color_icon("#8B1F1F")).pixel(0, 0) == (0x8B, 0x1F, 0x1F, 255)
    assert outline_icon() == outline_icon()
