"""The log context follows each task (concurrent turns never mix), the text format shows it, and
refused requests are logged one line each, at most a burst a window."""

from __future__ import annotations

import asyncio
import logging

from bot.refusals import RefusalLog
from ops.logcontext import (
    ContextFilter,
    ContextTextFormatter,
    campaign_context,
    conversation_digest,
    turn_context,
)
from tests.support.logs import captured_logs

logger = logging.getLogger("tests.ops.logcontext")


async def test_concurrent_turns_each_log_their_own_activity_and_conversation() -> None:
    both_inside = asyncio.Barrier(2)

    async def turn(activity_id: str, conversation_id: str) -> None:
        with turn_context(activity_id, conversation_id):
            await both_inside.wait()  # the other turn has bound its own context meanwhile
            logger.warning("answered")

    with captured_logs() as logs:
        await asyncio.gather(turn("act-1", "a:chat-1"), turn("act-2", "a:chat-2"))
        logger.warning("outside any turn")
    seen = [(line.get("activity_id"), line.get("conversation")) for line in logs.lines()]
    assert sorted(seen[:2]) == [
        ("act-1", conversation_digest("a:chat-1")),
        ("act-2", conversation_digest("a:chat-2")),
    ]
    assert seen[2] == (None, None)


def test_a_campaign_send_names_its_campaign_and_chat_in_the_text_format() -> None:
    formatter = ContextTextFormatter("%(levelname)s %(message)s")
    with campaign_context(42, "a:chat-7"):
        record = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "sent", (), None)
        ContextFilter().filter(record)
    line = formatter.format(record)
    assert line == f"INFO sent [conversation={conversation_digest('a:chat-7')} campaign_id=42]"
    assert "a:chat-7" not in line


def test_refusals_beyond_the_burst_are_counted_and_said_in_the_next_window() -> None:
    now = [0.0]
    refusals = RefusalLog(burst=3, window=60.0, clock=lambda: now[0])
    with captured_logs() as logs:
        for _ in range(10):
            refusals.refused(400, "the body is not an activity")
        now[0] = 61.0
        refusals.refused(401, "unauthorized")
    messages = [str(line["message"]) for line in logs.lines()]
    assert messages == [
        "Refused a request (400): the body is not an activity.",
        "Refused a request (400): the body is not an activity.",
        "Refused a request (400): the body is not an activity.",
        "Refused a request (401): unauthorized; 7 more were refused and not logged before it.",
    ]
