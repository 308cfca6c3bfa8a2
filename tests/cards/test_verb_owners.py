"""Every verb a card can send has an owner: a feature's handler."""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings
from content.loader import Library
from conversation.feature import Feature, FeatureContext, verb
from conversation.people import Turn
from conversation.reply import Reply
from store.clock import utc_now
from store.database import Database
from tests.support.cards import NamedCards, card_verbs
from wiring.build import build_paraat


def sent_verbs(every_card: NamedCards) -> dict[str, str]:
    """Each verb the cards can send, with the first card that sends it."""
    found: dict[str, str] = {}
    for name, card in every_card:
        for sent in card_verbs(card):
            found.setdefault(sent, name)
    return found


async def router_verbs(bundled: Library, tmp_path: Path) -> frozenset[str]:
    settings = Settings(data_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'paraat.db'}")
    try:
        return build_paraat(settings, database, bundled, utc_now).router.verbs
    finally:
        await database.close()


async def test_every_verb_a_card_sends_has_a_handler(
    every_card: NamedCards, bundled: Library, tmp_path: Path
) -> None:
    owned = await router_verbs(bundled, tmp_path)
    orphans = {verb: card for verb, card in sent_verbs(every_card).items() if verb not in owned}
    assert not orphans, f"card verbs without an owner (verb: first card that sends it): {orphans}"


async def test_every_handled_verb_is_sent_by_some_card(
    every_card: NamedCards, bundled: Library, tmp_path: Path
) -> None:
    unsent = await router_verbs(bundled, tmp_path) - set(sent_verbs(every_card))
    assert not unsent, f"verbs that no card sends (dead handlers?): {sorted(unsent)}"


def test_a_verb_handler_without_a_payload_model_is_refused_at_declaration() -> None:
    class Careless(Feature):
        def __init__(self, context: FeatureContext) -> None:
            super().__init__(context)

        @verb("careless.click")
        async def click(self, turn: Turn, payload: dict[str, str]) -> Reply:
            return Reply()

    try:
        Careless.declared_verbs()
    except TypeError as error:
        assert "Careless.click" in str(error) and "Payload" in str(error)
    else:
        raise AssertionError("a verb without a payload model was accepted")
