"""A manager in the Agents Playground: asks how ready their team is, records its arrangements,
reminds the team, and sees what is least arranged disappear."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli.playground import PlaygroundProcess, free_port
from tests.support.cards import card_text
from tests.support.playground import PlaygroundClient, StreamEvent
from tests.support.running_bot import RunningBot

pytestmark = pytest.mark.e2e


@dataclass
class Manager:
    """The Playground's user, named manager of the team ICT by the organisation import."""

    playground: PlaygroundClient
    bot: RunningBot


@pytest.fixture
def bot_port(playground_installed: None) -> int:
    return free_port()


def person(number: int, name: str) -> str:
    """One user of the mock tenant, as the Playground's config file lists them."""
    login = name.lower().replace(" ", "")
    return (
        f"  id: user-id-{number}\n  name: {name}\n  userPrincipleName: {login}@example.com\n"
        f"  aadObjectId: 00000000-0000-4000-8000-{20 + number:012d}\n"
        f'  givenName: {name.split()[0]}\n  surname: "{name.split()[1]}"\n'
        f"  email: {login}@example.com\n"
    )


# The Playground's own user has an object id one digit too long for a GUID, which the
# organisation import rightly refuses; this mock tenant gives the user a real one. The
# Playground wants at least five other users.
TENANT = (
    'version: "0.1.1"\ntenantId: 00000000-0000-4000-8000-000000000001\n'
    "bot:\n  id: 00000000-0000-4000-8000-000000000011\n  name: Paraat\n"
    "currentUser:\n" + person(0, "Alex Wilber")
    + "users:\n" + "".join("  -" + person(n, f"Collega {n}")[1:].replace("\n  ", "\n    ")
                            for n in range(1, 6))
    + "personalChat:\n  id: personal-chat-id\n"
    "groupChat:\n  id: group-chat-id\n  name: Group Chat\n"
    "team:\n  id: team-id\n  name: My Team\n  aadGroupId: 00000000-0000-4000-8000-000000000031\n"
    "  channels:\n    - id: channel-announcements-id\n      name: Announcements\n"
)  # fmt: skip


@pytest.fixture
def playground_process(bot_port: int, tmp_path: Path) -> Iterator[PlaygroundProcess]:
    config = tmp_path / ".m365agentsplayground.yml"
    config.write_text(TENANT)
    endpoint = f"http://127.0.0.1:{bot_port}/api/messages"
    with PlaygroundProcess(endpoint, port=free_port(), config_file=config) as it:
        yield it


@pytest.fixture
async def manager(
    playground_process: PlaygroundProcess, bot_port: int, tmp_path: Path
) -> AsyncIterator[Manager]:
    """The organisation imported with ``paraat org import`` (the Playground's user manages ICT),
    then the bot started on it."""
    async with PlaygroundClient(playground_process.url) as playground:
        user = (await playground.config()).current_user
        bot = RunningBot(port=bot_port, data_dir=tmp_path / "var")
        bot.data_dir.mkdir()
        chart = (Path(__file__).parents[2] / "docs" / "organisation-example.csv").read_text()
        rows = [line for line in chart.splitlines() if not line.startswith(("manager,", "member,"))]
        rows.append(f"manager,,,ict,{user.aad_object_id}")
        organisation = tmp_path / "organisation.csv"
        organisation.write_text("\n".join(rows) + "\n")
        command = [sys.executable, "-m", "cli"]
        await asyncio.to_thread(
            subprocess.run,
            [*command, "db", "upgrade"],
            env=bot.environment(),
            check=True,
            capture_output=True,
        )
        imported = await asyncio.to_thread(
            subprocess.run, [*command, "org", "import", str(organisation)],
            env=bot.environment(), capture_output=True, text=True,
        )  # fmt: skip
        assert imported.returncode == 0, imported.stderr
        bot.start()
        try:
            yield Manager(playground, bot)
        finally:
            bot.stop()


def shown(event: StreamEvent) -> str:
    return card_text(event.card)


async def test_a_manager_records_arrangements_and_reminds_the_team(manager: Manager) -> None:
    playground = manager.playground
    await playground.install()
    assert "Welkom bij Paraat" in shown(await playground.next_bot_activity())

    await playground.send_text("gereedheid")
    card = await playground.next_bot_activity()
    assert "Hoe paraat is ICT en Informatie?" in shown(card)
    assert "Nog te weinig mensen of antwoorden" in shown(card)  # nobody in the team answered
    assert "ICT en Informatie, hele team: geen papieren lijst met telefoonnummers" in shown(card)

    form = await playground.click(card, "attest.open")
    assert form is not None and "Afspraken voor uitval: ICT en Informatie" in card_text(
        form["value"]
    )
    inputs = {
        "evidence": "Map Continuïteit, oefening 4 mei",
        "paper_contacts": "true",
        "fallback_location": "true",
        "systems_list": "2026-05-04",
        "printed_card": "true",
    }
    processes = sum(1 for e in form["value"]["body"] if e.get("type") == "Container")
    for n in range(processes):
        inputs |= {f"targets.{n}": "true", f"fallback.{n}": "true", f"tested.{n}": "2026-05-04"}
    # The form replaced the card in place: its button is clicked on the same message.
    save = form["value"]["actions"][0]["data"] | inputs
    saved = await playground.invoke(card.message_id, "attest.save", save)
    assert "zijn vastgelegd" in card_text(saved["value"])

    reminded = await playground.click(card, "readiness.nudge")
    assert reminded is not None and "Herinnering verstuurd" in card_text(reminded["value"])
    again = await playground.click(card, "readiness.nudge")
    assert again is not None and "Deze week al herinnerd" in card_text(again["value"])

    await playground.send_text("gereedheid")
    after = await playground.next_bot_activity()
    assert "Wat het minst geregeld is" not in shown(after)
