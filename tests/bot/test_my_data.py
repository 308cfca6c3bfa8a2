"""``mijn gegevens``: a person sees what Paraat keeps, downloads it through a short-lived link, and
erases it; nobody else's data changes, and shared channel-quiz counts stay true."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from bot.app import DATABASE
from content.loader import Library
from store import tables
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import invoke, send
from tests.support.cards import card_text

Json = dict[str, Any]
ME, COLLEAGUE = a.user(1), a.user(2)


async def rows(client: TestClient[Any, Any], table: type[tables.Base], **where: str) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(getattr(table, column) == value)
    async with client.app[DATABASE].sessions() as session:
        return int(await session.scalar(query) or 0)


def click(connector: FakeConnector, verb: str, data: Json | None = None, who: Json = ME) -> Json:
    return a.invoke(connector.url, verb, (data or {}) | {"verb": verb}, sender=who)


@pytest.fixture
def team_briefing(bundled: Library) -> Json:
    """What the team briefing's "Gelezen" button sends for Burgerzaken."""
    return {
        "briefing": "team-burgerzaken",
        "version": bundled["nl"].briefings["team-burgerzaken"].version,
    }


async def some_learning(
    bot: TestClient[Any, Any], connector: FakeConnector, who: Json, read: Json
) -> None:
    """Choose a team, read the team briefing, tick a checklist item."""
    await send(bot, a.message(connector.url, "kies team", sender=who))
    choice = connector.cards()[-1]["actions"][0]["data"] | {"team": "burgerzaken"}
    await invoke(bot, a.invoke(connector.url, "team.choose", choice, sender=who))
    await invoke(bot, click(connector, "briefing.read", read, who))
    connector.clear()
    await send(bot, a.message(connector.url, "checklist", sender=who))
    checklist = connector.cards()[-1]
    tick = next(
        action["data"] for action in _actions(checklist) if action.get("verb") == "checklist.save"
    )
    toggle = next(node["id"] for node in _nodes(checklist) if node.get("type") == "Input.Toggle")
    await invoke(bot, click(connector, "checklist.save", tick | {toggle: "true"}, who))


def _nodes(card: Any) -> list[Json]:
    found: list[Json] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def _actions(card: Json) -> list[Json]:
    return [n for n in _nodes(card) if n.get("type") in ("Action.Execute", "Action.Submit")]


async def channel_answer(bot: TestClient[Any, Any], connector: FakeConnector) -> None:
    people = [a.user(n) for n in range(1, 7)]
    await send(bot, a.members_changed(connector.url, added=[a.BOT, *people]))
    connector.clear()
    await send(bot, a.message(connector.url, "quiz", scope="team"))
    data = connector.cards()[-1]["actions"][0]["data"] | {"answer": "a"}
    for person in people[:5]:
        await invoke(
            bot, a.invoke(connector.url, "channel.answer", data, sender=person, scope="team")
        )


async def test_the_overview_counts_what_paraat_keeps(
    bot: TestClient[Any, Any], connector: FakeConnector, team_briefing: Json
) -> None:
    await some_learning(bot, connector, ME, team_briefing)
    connector.clear()
    await send(bot, a.message(connector.url, "mijn gegevens"))
    shown = card_text(connector.cards()[-1])
    assert "Mijn gegevens" in shown and "Burgerzaken" in shown
    assert "Uitleg die je las\n1" in shown and "Afgevinkt op je checklist\n1" in shown


async def test_the_download_holds_ones_own_data_and_its_link_cannot_be_forged(
    bot: TestClient[Any, Any], connector: FakeConnector, team_briefing: Json
) -> None:
    await some_learning(bot, connector, ME, team_briefing)
    await some_learning(bot, connector, COLLEAGUE, team_briefing)
    card = await invoke(bot, click(connector, "data.export"))
    [link] = [node["url"] for node in _nodes(card) if node.get("type") == "Action.OpenUrl"]
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = await bot.get("/" + path)
    assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
    data = await response.json()
    assert data["choices"]["team"] == "burgerzaken"
    assert [b["briefing"] for b in data["briefings_read"]] == ["team-burgerzaken"]
    assert len(data["checklist"]) == 1
    token = path.rsplit("/", 1)[1]
    user_key, expiry, signature = token.split(".")
    for forged in (
        f"{user_key}.{int(expiry) + 3600}.{signature}",  # a later expiry
        f"{'0' * 64}.{expiry}.{signature}",  # someone else
        token[:-1] + ("0" if token[-1] != "0" else "1"),
    ):
        assert (await bot.get(f"/mijn-gegevens/{forged}")).status == 404


async def test_erasing_removes_ones_own_data_only_and_keeps_shared_counts(
    bot: TestClient[Any, Any],
    connector: FakeConnector,
    caplog: pytest.LogCaptureFixture,
    team_briefing: Json,
) -> None:
    await some_learning(bot, connector, ME, team_briefing)
    await some_learning(bot, connector, COLLEAGUE, team_briefing)
    await channel_answer(bot, connector)
    async with bot.app[DATABASE].sessions() as session:
        mine = (await session.scalars(select(tables.User.user_key))).all()
    assert len(mine) == 2
    channel_answers = await rows(bot, tables.Answer)

    asked = card_text(await invoke(bot, click(connector, "data.erase")))
    assert "Weet je het zeker?" in asked
    assert await rows(bot, tables.ChecklistTick) == 2  # nothing yet
    with caplog.at_level(logging.INFO):
        erased = card_text(await invoke(bot, click(connector, "data.erase.confirm")))
    assert "Je gegevens zijn gewist" in erased

    async with bot.app[DATABASE].sessions() as session:
        [colleague] = (await session.scalars(select(tables.User.user_key))).all()
        answer_keys = (await session.scalars(select(tables.Answer.user_key))).all()
    [my_key] = set(mine) - {colleague}
    for table in (tables.ChecklistTick, tables.Acknowledgement, tables.Answer, tables.Review):
        assert await rows(bot, table, user_key=my_key) == 0
    assert await rows(bot, tables.ChecklistTick, user_key=colleague) == 1
    assert await rows(bot, tables.Acknowledgement, user_key=colleague) == 1
    assert await rows(bot, tables.Answer) == channel_answers  # the shared card's counts stay true
    assert sum(key.startswith("erased:") for key in answer_keys) == 1
    logged = [r.getMessage() for r in caplog.records if "erased their data" in r.getMessage()]
    assert len(logged) == 1 and all(key not in logged[0] for key in mine)

    await send(bot, a.message(connector.url, "mijn gegevens"))
    assert "Afgevinkt op je checklist\n0" in card_text(connector.cards()[-1])
