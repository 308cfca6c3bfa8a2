"""``afdrukken`` in Teams: a card with buttons that open the team's card and the checklist as
PDF through short-lived links, and why there are none when Paraat cannot make them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from config.settings import Settings
from content.loader import Library
from conversation.feature import FeatureContext
from conversation.people import Person, Turn
from conversation.reply import Card
from conversation.router import catalogue_of
from printing.downloads import PATH, PrintDownloads
from printing.feature import Printing, print_downloads
from printing.version import current_card_version
from store.clock import utc_now
from store.database import Database
from wiring.build import build_people
from wiring.features import catalogue


class NoOutbox:
    async def send(self, card: Card) -> str | None:
        raise AssertionError("not used")

    async def update(self, activity_id: str, card: Card) -> None:
        raise AssertionError("not used")


@pytest.fixture
async def database(sqlite_url: str) -> AsyncIterator[Database]:
    db = Database(sqlite_url)
    yield db
    await db.close()


def context(settings: Settings, library: Library, database: Database) -> FeatureContext:
    people = build_people(settings, database, library, utc_now)
    return FeatureContext(settings, library, database, utc_now, catalogue_of([Printing]), people)


def turn(team: str | None, language: str = "nl") -> Turn:
    person = Person("key", "en" if language == "en" else "nl", team, "chat", "personal", "oid")
    return Turn(person, NoOutbox())


def urls(card: Card) -> list[str]:
    return [a["url"] for a in card.get("actions", []) if a["type"] == "Action.OpenUrl"]


def text(card: Card) -> str:
    return " ".join(str(block.get("text", "")) for block in card["body"])


async def test_the_card_offers_the_teams_card_and_the_checklist_as_links_that_work(
    tmp_path: Path, bundled: Library, database: Database
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    ctx = context(settings, bundled, database)
    reply = await Printing(ctx).offer(turn("burgerzaken"), "")
    assert reply.card is not None and reply.card["version"] == "1.5"
    links = urls(reply.card)
    assert len(links) == 2
    assert all(link.startswith(f"{settings.public_url}{PATH}") for link in links)
    version = current_card_version(bundled, "burgerzaken")
    assert version is not None
    assert f"versie {version.profile_version} (kenmerk {version.mark})" in text(reply.card)
    served: PrintDownloads = print_downloads(ctx)
    team_token = links[0].rsplit("/", 1)[1]
    subject = team_token.split(".")[0]
    assert subject == "team_nl_burgerzaken"  # names the card, never the person
    assert served.team_link("burgerzaken", "nl") is not None


async def test_without_a_team_only_the_checklist_and_a_way_to_choose_the_team(
    tmp_path: Path, bundled: Library, database: Database
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    reply = await Printing(context(settings, bundled, database)).offer(turn(None, "en"), "")
    assert reply.card is not None
    (only,) = urls(reply.card)
    assert only.rsplit("/", 1)[1].startswith("checklist_en.")
    commands: list[Any] = [
        a["data"]["command"] for a in reply.card["actions"] if a["type"] == "Action.Submit"
    ]
    assert commands == ["choose-team"]
    assert "Choose your team first" in text(reply.card)


async def test_without_a_public_address_the_card_says_why_there_are_no_buttons(
    tmp_path: Path, bundled: Library, database: Database
) -> None:
    settings = Settings(
        _env_file=None, data_dir=tmp_path, app_id="app", app_password=SecretStr("pw"),
        tenant_id="t", user_key_secret=SecretStr("secret"), host="0.0.0.0",
    )  # type: ignore[call-arg]  # fmt: skip
    assert settings.public_url is None
    reply = await Printing(context(settings, bundled, database)).offer(turn("hr"), "")
    assert reply.card is not None and urls(reply.card) == []
    assert "paraat print all" in text(reply.card)


def test_staff_reach_it_by_typing_afdrukken_or_print() -> None:
    commands = catalogue()
    for typed in ("afdrukken", "printen", "print"):
        assert commands.parse(typed).name == "print"


def test_the_print_card_passes_microsofts_renderer_and_its_button_opens_the_link() -> None:
    from printing.card import print_card
    from printing.version import CardVersion
    from tests.printing.reader import OUTPUT
    from tests.support.card_renderer import (
        NamedCard,
        RenderRequest,
        render_cards,
        renderer_unavailable_reason,
        validate_cards,
    )
    from tests.support.ci import missing_tool

    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)
    link = "https://paraat.gemeente.nl/afdrukken/team_nl_hr.1.abc"
    cards = {
        "with-team": print_card(
            link, link + "c", CardVersion("hr", "nl", 2, "abcdef"), 30, "nl", has_team=True
        ),
        "without-team": print_card(None, link + "c", None, 30, "en", has_team=False),
        "no-address": print_card(None, None, None, 30, "nl", has_team=True),
    }
    events = validate_cards([NamedCard(name, card) for name, card in cards.items()])
    assert events == {name: [] for name in cards}
    shots = render_cards(
        [RenderRequest(f"print-{name}", card) for name, card in cards.items()],
        OUTPUT / "teams",
    )
    assert {name: shot.errors for name, shot in shots.items()} == {
        f"print-{name}": [] for name in cards
    }
    clicked = shots["print-with-team"].clicked
    assert clicked is not None and clicked.url == link
