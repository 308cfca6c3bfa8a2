"""How a benchmark child process knows when to stop: its standard input closes, or time is up."""

from __future__ import annotations

import asyncio
import sys


async def wait_for_end_of_input(lifetime: float, name: str = "bench server") -> None:
    """Return when standard input closes (the benchmark is done) or ``lifetime`` seconds pass.

    Args:
        lifetime: Seconds at most, so a child always stops by itself.
        name: Who stops, for the line written to standard error when time is up.
    """
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    try:
        await asyncio.wait_for(reader.read(), timeout=lifetime)
    except TimeoutError:
        print(f"{name}: lifetime over, stopping", file=sys.stderr)
