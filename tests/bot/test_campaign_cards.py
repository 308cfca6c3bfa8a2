"""What staff do with a campaign's message in Teams: "Gelezen" once, stale cards refused."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.app import DATABASE
from campaigns.rules.model import Audience, Content, Schedule, State
from store.campaigns import CampaignStore, NewCampaign
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import invoke
from tests.support.cards import card_text


async def announce(bot: TestClient[Any, Any], quiz: bool = False) -> int:
    content = Content("quiz") if quiz else Content("message", text="Vrijdag oefenen we.")
    campaign = await CampaignStore(bot.app[DATABASE]).add(
        NewCampaign("Oefening", content, Audience("all"), Schedule(), State.DONE, "cli:x", "cli:x",
                    None)
    )  # fmt: skip
    return campaign.id


async def test_gelezen_is_kept_once_and_the_card_says_when(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    campaign = await announce(bot)
    click = a.invoke(
        connector.url, "campaign.read", {"campaign": campaign, "verb": "campaign.read"}
    )
    first = card_text(await invoke(bot, click))
    assert "Oefening" in first and "Je hebt dit gelezen op" in first and "Gelezen" not in first
    assert card_text(await invoke(bot, click)) == first
    assert await CampaignStore(bot.app[DATABASE]).acknowledgements(campaign) == 1
    colleague = a.invoke(connector.url, "campaign.read", {"campaign": campaign}, sender=a.user(2))
    await invoke(bot, colleague)
    assert await CampaignStore(bot.app[DATABASE]).acknowledgements(campaign) == 2


async def test_a_click_for_an_unknown_campaign_changes_nothing(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    quiz = await announce(bot, quiz=True)
    for data in ({"campaign": 999}, {"campaign": quiz}, {"campaign": "1"}):
        shown = card_text(await invoke(bot, a.invoke(connector.url, "campaign.read", data)))
        assert "Deze knop werkt niet meer" in shown
    assert await CampaignStore(bot.app[DATABASE]).acknowledgements(quiz) == 0
