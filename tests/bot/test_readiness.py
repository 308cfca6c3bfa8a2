"""``gereedheid`` through the bot: a manager sees their teams, records arrangements and reminds a
team; staff get their own progress; a button for someone else's team changes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from content.loader import Library
from conversation.identity import local_user_key_secret, user_key
from organisation.importer import OrganisationImport, Wanted, chart_of_library
from organisation.rules.chart import Manager
from store import tables
from store.database import Database
from store.organisation import OrganisationStore
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.readiness import seed
from tests.support.bot import MakeBot, invoke, send
from tests.support.cards import card_text

Json = dict[str, Any]
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)  # a Wednesday: the week of 23 November ended
MANAGER = a.user(90)
ICT = [a.user(n) for n in range(1, 7)]
FACILITIES = [a.user(n) for n in range(7, 12)]
HR = [a.user(n) for n in range(12, 17)]
FINANCE = [a.user(n) for n in range(17, 19)]


def oid(user: Json) -> str:
    return str(user["aadObjectId"])


async def organisation(url: str, data_dir: Path, library: Library) -> dict[str, str]:
    """Import Bedrijfsvoering's teams with MANAGER at its head, as ``paraat org import`` does;
    the people's user keys by object id."""
    secret = local_user_key_secret(data_dir)
    chart = library["nl"].organisation
    assert chart is not None
    members = {oid(u): "ict" for u in ICT} | {oid(u): "facilitaire-zaken" for u in FACILITIES}
    members |= {oid(u): "hr" for u in HR} | {oid(u): "financien" for u in FINANCE}
    managers = frozenset({Manager(oid(MANAGER), "bedrijfsvoering")})
    database = Database(url)
    try:
        importer = OrganisationImport(OrganisationStore(database), lambda o: user_key(secret, o))
        await importer.apply(await importer.plan(Wanted(chart_of_library(chart), members,
                                                        managers, "test")), "test")  # fmt: skip
    finally:
        await database.close()
    return {o: user_key(secret, o) for o in [*members, oid(MANAGER)]}


async def answers(url: str, keys: dict[str, str], library: Library) -> str:
    """Everyone but Financiën answered a scenario question first time in November (ICT's first
    five all wrong), ICT and Facilitaire Zaken read their team's briefing; the question."""
    question = next(q for q in library["nl"].questions.values() if q.scenarios)
    day = datetime(2026, 11, 10, 9, tzinfo=UTC)
    rows = [(keys[oid(u)], question.id, day + timedelta(minutes=n), n >= 5, True)
            for n, u in enumerate(ICT)]  # fmt: skip
    rows += [(keys[oid(u)], question.id, day, True, True) for u in FACILITIES + HR]
    database = Database(url)
    try:
        await seed.answers(database, rows)
        reads = [(keys[oid(u)], "team-ict", 1, day) for u in ICT]
        reads += [(keys[oid(u)], "team-facilitaire-zaken", 1, day) for u in FACILITIES]
        await seed.acknowledgements(database, reads)
    finally:
        await database.close()
    return question.question


async def count(url: str, table: type[tables.Base]) -> int:
    database = Database(url)
    try:
        async with database.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(table)) or 0)
    finally:
        await database.close()


async def said(bot: TestClient[Any, Any], connector: FakeConnector, text: str, who: Json) -> str:
    connector.clear()
    await send(bot, a.message(connector.url, text, sender=who))
    return card_text(connector.cards()[-1])


async def clicked(bot: TestClient[Any, Any], url: str, verb: str, data: Json, who: Json) -> str:
    return card_text(await invoke(bot, a.invoke(url, verb, {"verb": verb, **data}, sender=who)))


async def test_a_manager_sees_the_teams_they_manage_and_never_a_small_group(
    make_bot: MakeBot, connector: FakeConnector, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    keys = await organisation(sqlite_url, tmp_path, bundled)
    question = await answers(sqlite_url, keys, bundled)
    bot = await make_bot(clock=lambda: NOW)
    shown = await said(bot, connector, "gereedheid", MANAGER)
    assert "Hoe paraat is Bedrijfsvoering?" in shown and "Week van 23 november 2026" in shown
    assert "Personeel en Organisatie\nte klein om te tonen" in shown
    assert "Te klein om te tonen" in shown and "nooit wie wat antwoordde" in shown
    # Financiën (2 people) and Personeel en Organisatie (5, but then Financiën could be worked
    # out) are folded into the rest of the department.
    assert "Financiën\nte klein om te tonen" in shown
    assert "Personeel en Organisatie\nte klein om te tonen" in shown
    assert re.search(r"Overige mensen van Bedrijfsvoering\n\d+ / 100", shown)
    assert re.search(r"Gebouw en ICT\n\d+ / 100", shown)
    # Nothing was attested yet: every team misses its arrangements, so recording comes first.
    assert "Leg vast wat er geregeld is" in shown
    assert "ICT en Informatie, hele team: geen papieren lijst met telefoonnummers" in shown

    inner = await clicked(bot, connector.url, "readiness.show", {"unit": "gebouw-en-ict"}, MANAGER)
    assert "Hoe paraat is Gebouw en ICT?" in inner
    assert re.search(r"ICT en Informatie\n\d+ / 100", inner)
    assert re.search(r"Facilitaire Zaken\n\d+ / 100", inner)
    # ICT's first five answers were all wrong: five answers, so the question may be named
    # (without numbers: "0 of 5" would tell what each of the five answered).
    assert f"ICT en Informatie: {question}\n" in inner
    assert "Minder dan 7 van de 10 collega's hadden dit de eerste keer goed." in inner


async def test_someone_who_manages_nothing_gets_their_own_progress(
    make_bot: MakeBot, connector: FakeConnector, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    await organisation(sqlite_url, tmp_path, bundled)
    bot = await make_bot(clock=lambda: NOW)
    shown = await said(bot, connector, "gereedheid", ICT[0])
    assert "Mijn voortgang" in shown and "Hoe paraat" not in shown
    forged = await clicked(bot, connector.url, "readiness.show", {"unit": "ict"}, ICT[0])
    assert "Mijn voortgang" in forged and "Hoe paraat" not in forged


async def test_arrangements_are_recorded_whole_and_change_what_is_least_arranged(
    make_bot: MakeBot, connector: FakeConnector, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    await organisation(sqlite_url, tmp_path, bundled)
    bot = await make_bot(clock=lambda: NOW)
    opening = {"verb": "attest.open", "team": "ict"}
    form = await invoke(bot, a.invoke(connector.url, "attest.open", opening, sender=MANAGER))
    assert "Afspraken voor uitval: ICT en Informatie" in card_text(form)
    data: Json = dict(form["actions"][0]["data"])
    processes = len(bundled["nl"].teams["ict"].processes)
    filled = data | {"evidence": "Map Continuïteit, oefening 4 mei", "paper_contacts": "true",
                     "fallback_location": "true", "systems_list": "2026-05-04",
                     "printed_card": "true"}  # fmt: skip
    for n in range(processes):
        filled |= {f"targets.{n}": "true", f"fallback.{n}": "true", f"tested.{n}": "2026-05-04"}

    refused = [
        ("attest.save", filled | {"version": data["version"] + 1}, MANAGER,
         "Het profiel van het team is veranderd"),
        ("attest.save", filled | {"tested.0": "2027-01-01"}, MANAGER, "Een datum ontbreekt"),
        ("attest.save", filled | {"evidence": "  "}, MANAGER, "Vertel waar het bewijs staat"),
        ("attest.save", filled, ICT[0], "Dit team valt niet onder jou"),
        ("attest.save", filled | {"team": "burgerzaken"}, MANAGER, "Dit team valt niet onder jou"),
        ("attest.open", {"team": "burgerzaken"}, MANAGER, "Dit team valt niet onder jou"),
    ]  # fmt: skip
    for verb, values, who, expected in refused:
        assert expected in await clicked(bot, connector.url, verb, values, who)
    assert await count(sqlite_url, tables.TeamAttestationRow) == 0
    assert await count(sqlite_url, tables.ProcessAttestationRow) == 0

    saved = await clicked(bot, connector.url, "attest.save", filled, MANAGER)
    assert "De afspraken van ICT en Informatie zijn vastgelegd" in saved
    assert await count(sqlite_url, tables.TeamAttestationRow) == 1
    assert await count(sqlite_url, tables.ProcessAttestationRow) == processes
    again = card_text(
        await invoke(bot, a.invoke(connector.url, "attest.open", opening, sender=MANAGER))
    )
    assert "Map Continuïteit, oefening 4 mei" in again
    shown = await said(bot, connector, "gereedheid ICT en Informatie", MANAGER)
    assert "Hoe paraat is ICT en Informatie?" in shown
    assert "Wat het minst geregeld is" not in shown


async def test_a_team_is_reminded_once_a_week_without_the_manager_seeing_whom(
    make_bot: MakeBot, connector: FakeConnector, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    await organisation(sqlite_url, tmp_path, bundled)
    bot = await make_bot(clock=lambda: NOW)
    forged = await clicked(bot, connector.url, "readiness.nudge", {"team": "ict"}, ICT[0])
    assert "Dit team valt niet onder jou" in forged
    assert await count(sqlite_url, tables.Campaign) == 0
    first = await clicked(bot, connector.url, "readiness.nudge", {"team": "ict"}, MANAGER)
    assert "Herinnering verstuurd" in first and "Je ziet niet wie dat zijn" in first
    assert "9 december 2026" in first
    second = await clicked(bot, connector.url, "readiness.nudge", {"team": "ict"}, MANAGER)
    assert "Deze week al herinnerd" in second and "9 december 2026" in second
    assert await count(sqlite_url, tables.Campaign) == 1
