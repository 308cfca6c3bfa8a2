"""A Bot Connector that can hold its answers: a test sees a call arrive, does something while the
bot waits for Teams (stops it, say), and then lets the answer go."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

Json = dict[str, Any]


class HeldConnector:
    """Accepts every send; while :attr:`holding`, each answer waits for :meth:`release`."""

    def __init__(self) -> None:
        """Idle until :meth:`start`; not holding."""
        self.holding = False
        self.arrived: list[Json] = []
        """Every activity posted to it, in order of arrival (answered or not)."""
        self.answered: list[Json] = []
        """The activities it has answered 200 to."""
        self._released = asyncio.Event()
        self._ids = itertools.count(1)
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._send)
        self._server = TestServer(app)

    async def start(self) -> None:
        """Serve."""
        await self._server.start_server()

    async def close(self) -> None:
        """Let everything held go, and stop serving."""
        self.release()
        await self._server.close()

    @property
    def url(self) -> str:
        """The service URL."""
        return str(self._server.make_url("/"))

    def hold(self) -> None:
        """From now on, answers wait for :meth:`release`."""
        self._released.clear()
        self.holding = True

    def release(self) -> None:
        """Answer everything held, and stop holding."""
        self.holding = False
        self._released.set()

    async def _send(self, request: web.Request) -> web.Response:
        activity: Json = await request.json()
        self.arrived.append(activity)
        if self.holding:
            await self._released.wait()
        self.answered.append(activity)
        return web.json_response({"id": str(next(self._ids))})
