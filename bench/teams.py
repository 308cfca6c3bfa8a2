"""Teams for the fan-out benchmark, in a process of its own: ``python -m bench.teams``.

It serves the test kit's :class:`~testkit.teams_emulator.TeamsEmulator` (Teams' limits, or none
with ``--no-limits``) on a free loopback port and, on a second port, a small control API for the
benchmark: what was accepted (per conversation, over time, and the first message itself), the
429s given, random 429s on and off, and a reset. It prints ``TEAMS <service url> <control url>``
on standard output and runs until its standard input closes or ``--lifetime`` seconds pass.

A process of its own, so Paraat's sender and "Teams" never share an event loop or a core's time
slice: what the benchmark measures is Paraat's side.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Sequence

from aiohttp import web

from bench.lifetime import wait_for_end_of_input
from testkit.teams_emulator import NO_LIMITS, Limits, TeamsEmulator

HOST = "127.0.0.1"
SAMPLE_EVERY = 0.05
"""Seconds between two samples of the number of accepted messages (the timeline)."""


class Control:
    """The control API over one emulator, and the timeline of what it accepted."""

    def __init__(self, emulator: TeamsEmulator) -> None:
        """Control ``emulator``."""
        self._emulator = emulator
        self._timeline: list[tuple[float, int]] = []
        self.app = web.Application()
        self.app.router.add_get("/stats", self._stats)
        self.app.router.add_get("/counts", self._counts)
        self.app.router.add_get("/timeline", self._timeline_json)
        self.app.router.add_get("/sample", self._sample)
        self.app.router.add_post("/chaos", self._chaos)
        self.app.router.add_post("/reset", self._reset)

    async def sample(self) -> None:
        """Record the number of accepted messages every :data:`SAMPLE_EVERY` seconds."""
        while True:
            count = len(self._emulator.messages)
            if not self._timeline or self._timeline[-1][1] != count:
                self._timeline.append((time.monotonic(), count))
            await asyncio.sleep(SAMPLE_EVERY)

    async def _stats(self, _: web.Request) -> web.Response:
        scopes = Counter(throttle.scope for throttle in self._emulator.throttles)
        return web.json_response(
            {"messages": len(self._emulator.messages), "throttles": dict(scopes)}
        )

    async def _counts(self, _: web.Request) -> web.Response:
        return web.json_response(dict(self._emulator.counts()))

    async def _timeline_json(self, _: web.Request) -> web.Response:
        return web.json_response(self._timeline)

    async def _sample(self, _: web.Request) -> web.Response:
        messages = self._emulator.messages
        return web.json_response(messages[0].activity if messages else None)

    async def _chaos(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._emulator.chaos(float(body["probability"]), tuple(int(s) for s in body["statuses"]))
        return web.json_response({"at": time.monotonic()})

    async def _reset(self, _: web.Request) -> web.Response:
        emulator = self._emulator
        for record in (emulator.messages, emulator.throttles, emulator.created):
            record.clear()
        emulator.set_limits(emulator.limits)  # forgets what the limits counted so far
        emulator.chaos(0.0)
        self._timeline.clear()
        return web.json_response({})


async def serve(limits: Limits, lifetime: float) -> None:
    """Serve the emulator and its control API until standard input closes."""
    emulator = TeamsEmulator(limits, host=HOST)
    control = Control(emulator)
    runner = web.AppRunner(control.app, handle_signals=False, access_log=None)
    await emulator.start()
    await runner.setup()
    sampler = asyncio.create_task(control.sample())
    try:
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"TEAMS {emulator.url} http://{HOST}:{port}/", flush=True)
        await wait_for_end_of_input(lifetime, "bench teams")
    finally:
        sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampler
        await runner.cleanup()
        await emulator.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve Teams for the benchmark, with Teams' limits unless told otherwise."""
    parser = argparse.ArgumentParser(prog="python -m bench.teams", description=__doc__)
    parser.add_argument("--no-limits", action="store_true", help="turn Teams' rate limits off")
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds at most")
    args = parser.parse_args(argv)
    asyncio.run(serve(NO_LIMITS if args.no_limits else Limits(), args.lifetime))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
