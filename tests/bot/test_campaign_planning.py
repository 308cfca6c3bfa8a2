"""The communications team plans and follows campaigns in Teams; others get a polite refusal."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.app import DATABASE
from campaigns.rules.model import State
from store.campaigns import CampaignStore
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, invoke, send
from tests.support.cards import card_nodes, card_text

AUTHOR, SECOND, STAFF = a.user(1), a.user(2), a.user(3)
FORM = {
    "title": "Oefening zonder stroom", "content": "message",
    "message": "Vrijdag oefenen we een uur **zonder stroom**.", "acknowledge": "true",
    "audience": "team:burgerzaken", "day": "", "time": "", "recurrence": "once",
}  # fmt: skip


@pytest.fixture
async def bot(make_bot: MakeBot) -> TestClient[Any, Any]:
    authors = ",".join(person["aadObjectId"] for person in (AUTHOR, SECOND))
    return await make_bot(campaign_authors=authors)


def click(connector: FakeConnector, verb: str, data: dict[str, Any], who: Any = AUTHOR) -> Any:
    return a.invoke(connector.url, verb, data | {"verb": verb}, sender=who)


async def typed(bot: TestClient[Any, Any], connector: FakeConnector, text: str, who: Any) -> str:
    connector.clear()
    assert await send(bot, a.message(connector.url, text, sender=who)) == 202
    [card] = connector.cards()
    return card_text(card)


async def stored(bot: TestClient[Any, Any]) -> list[Any]:
    return await CampaignStore(bot.app[DATABASE]).recent()


async def test_an_author_plans_a_campaign_from_the_form(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    form = await typed(bot, connector, "plan", AUTHOR)
    assert "Nieuwe campagne" in form and "Team Burgerzaken" in form and "Inplannen" in form
    listed = card_text(await invoke(bot, click(connector, "campaign.save", FORM)))
    assert "Oefening zonder stroom" in listed and "Team Burgerzaken" in listed
    [campaign] = await stored(bot)
    assert campaign.state == State.SCHEDULED and campaign.author == f"aad:{AUTHOR['aadObjectId']}"
    assert campaign.content.text == FORM["message"] and campaign.content.acknowledge


async def test_staff_get_a_polite_refusal_and_nothing_changes(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    for text in ("plan", "planning"):
        assert "Dit is voor het communicatieteam" in await typed(bot, connector, text, STAFF)
    refused = card_text(await invoke(bot, click(connector, "campaign.save", FORM, STAFF)))
    assert "Dit is voor het communicatieteam" in refused
    assert await stored(bot) == []


async def test_a_wrong_form_comes_back_with_the_reason_and_what_was_filled_in(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    wrong = FORM | {"audience": "team:kantine"}
    card = await invoke(bot, click(connector, "campaign.save", wrong))
    assert "Dat lukte niet: er is geen team 'kantine' in de organisatie" in card_text(card)
    title = next(n for n in card_nodes(card) if n.get("id") == "title")
    assert title["value"] == FORM["title"]
    half = await invoke(bot, click(connector, "campaign.save", FORM | {"day": "2099-12-14"}))
    assert "kies een dag én een tijd" in card_text(half)
    assert await stored(bot) == []


async def test_the_preview_goes_to_the_author_only_and_plans_nothing(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    connector.clear()
    form = await invoke(bot, click(connector, "campaign.preview", FORM))
    assert "Nieuwe campagne" in card_text(form)
    [preview] = connector.cards()
    author_chat = a.message(connector.url, "plan")["conversation"]["id"]
    assert [m["_conversation"] for m in connector.messages()] == [author_chat]
    assert "Vrijdag oefenen we" in card_text(preview) and "Gelezen" in card_text(preview)
    assert await stored(bot) == []


async def test_a_campaign_to_everyone_waits_for_a_second_author(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await invoke(bot, click(connector, "campaign.save", FORM | {"audience": "all"}))
    [draft] = await stored(bot)
    assert draft.state == State.DRAFT
    connector.clear()
    own = card_text(await invoke(bot, click(connector, "campaign.approve", {"campaign": draft.id})))
    assert "Wacht op goedkeuring" in own
    [refusal] = connector.cards()
    assert "keurt een tweede collega van communicatie goed" in card_text(refusal)
    assert (await stored(bot))[0].state == State.DRAFT
    second = click(connector, "campaign.approve", {"campaign": draft.id}, SECOND)
    assert "Ingepland" in card_text(await invoke(bot, second))
    assert (await stored(bot))[0].state == State.SCHEDULED
    cancel = click(connector, "campaign.cancel", {"campaign": draft.id}, SECOND)
    assert "Geannuleerd" in card_text(await invoke(bot, cancel))
    assert (await stored(bot))[0].state == State.CANCELLED


async def test_an_author_opens_a_campaigns_figures_and_others_are_refused(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await invoke(bot, click(connector, "campaign.save", FORM))
    [campaign] = await stored(bot)
    figures = card_text(
        await invoke(bot, click(connector, "campaign.figures", {"campaign": campaign.id}))
    )
    assert "Cijfers: Oefening zonder stroom" in figures
    assert "Bezorgd" in figures and "0 van 0" in figures
    assert "Geen groep is groot genoeg" in figures
    staff = click(connector, "campaign.figures", {"campaign": campaign.id}, STAFF)
    assert "Dit is voor het communicatieteam" in card_text(await invoke(bot, staff))
    gone = click(connector, "campaign.figures", {"campaign": campaign.id + 99})
    assert "Cijfers" not in card_text(await invoke(bot, gone))
