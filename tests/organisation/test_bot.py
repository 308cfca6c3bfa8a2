"""Through the bot: an imported person is not asked for a team, and a move keeps their work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from content.loader import Library
from conversation.identity import local_user_key_secret, user_key
from organisation.importer import OrganisationImport, Wanted, chart_of_library
from store.database import Database
from store.organisation import OrganisationStore
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, invoke, send
from tests.support.cards import card_text

Json = dict[str, Any]
ANNA = a.user(1)


async def place(url: str, data_dir: Path, library: Library, team: str) -> None:
    """Import an organisation with Anna in ``team``, as ``paraat org import`` does."""
    secret = local_user_key_secret(data_dir)
    organisation = library["nl"].organisation
    assert organisation is not None
    wanted = Wanted(chart_of_library(organisation), {ANNA["aadObjectId"]: team}, frozenset(), "t")
    database = Database(url)
    try:
        importer = OrganisationImport(OrganisationStore(database), lambda o: user_key(secret, o))
        await importer.apply(await importer.plan(wanted), "test")
    finally:
        await database.close()


async def progress(bot: TestClient[Any, Any], connector: FakeConnector) -> str:
    connector.clear()
    await send(bot, a.message(connector.url, "voortgang", sender=ANNA))
    return card_text(connector.cards()[-1])


async def test_an_imported_person_plays_without_choosing_and_keeps_answers_after_a_move(
    make_bot: MakeBot, connector: FakeConnector, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    await place(sqlite_url, tmp_path, bundled, "ict")
    bot = await make_bot()
    await send(bot, a.message(connector.url, "quiz", sender=ANNA))
    card = connector.cards()[-1]
    assert "Bij welk team werk je?" not in card_text(card)
    data: Json = card["actions"][0]["data"]
    question = bundled["nl"].questions[data["question"]]
    data["answer"] = ",".join(question.correct)
    await invoke(bot, a.invoke(connector.url, "quiz.answer", data, sender=ANNA))
    before = await progress(bot, connector)
    assert "Je team: **ICT en Informatie**" in before and "Vragen beantwoord\n1\n" in before
    await place(sqlite_url, tmp_path, bundled, "hr")
    restarted = await make_bot()
    after = await progress(restarted, connector)
    assert "Je team: **Personeel en Organisatie**" in after and "Vragen beantwoord\n1\n" in after
