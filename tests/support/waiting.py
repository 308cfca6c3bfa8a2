"""Waiting in tests for something another task or process does."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable


async def until(
    condition: Callable[[], bool | Awaitable[bool]], seconds: float, step: float = 0.05
) -> None:
    """Return as soon as ``condition()`` holds; fail after ``seconds``.

    Raises:
        AssertionError: naming the condition, when it did not hold in time.
    """
    for _ in range(max(1, round(seconds / step))):
        held = condition()
        if inspect.isawaitable(held):
            held = await held
        if held:
            return
        await asyncio.sleep(step)
    raise AssertionError(f"{getattr(condition, '__name__', condition)} did not hold in {seconds} s")
