"""The campaign fan-out section of ``docs/performance.md``, written from a run."""

from __future__ import annotations

import re
import textwrap

from bench.fanout import FanoutOptions
from bench.fanout_report import (
    cpu_per_message_ratio,
    crash_table,
    limit_table,
    problems,
    profile_table,
    throughput_table,
)
from bench.fanout_results import Fanout
from campaigns.delivery import DeliverySettings

_HOW = """\
## Campaign fan-out

How fast Paraat sends a campaign, whether it keeps Teams' limits while doing so, and whether a
crash loses anyone. Measured in the same `make bench` run, after the turns.

### How

- **Paraat's side is one delivery worker in a process of its own**
  (`python -m bench.fanout_worker`): the outbox of an SQLite database, the `Deliverer` with the
  campaign runner's card and "run finished" steps, and the edge's `ConnectorSender` built as
  `paraat serve` builds it in local mode, so every message goes through the Agents SDK's
  connector client over HTTP. Delivery settings are the bot's: batches of {batch}, {concurrency}
  calls in flight, outcomes written in bulk every {flush:g} s.
- **Teams is the test kit's emulator in another process** (`python -m bench.teams`, serving
  `testkit/teams_emulator.py` plus a small control API for the benchmark), so Paraat and "Teams"
  never share an event loop. All traffic is loopback.
- **Each measurement starts from a fresh database**, migrated with Alembic: one campaign being
  sent, its run frozen into the outbox with one row per person, each with a stored personal
  conversation (as after an install). The card is the campaign's own announcement card.
- **Counted at Teams**: a person whose conversation got no copy is *lost*; every copy beyond
  the first is a *duplicate*.
- **SQLite only.** The fan-out is not measured on PostgreSQL yet (the turns above are; the
  throwaway cluster is `testkit/postgres.py`, shared with the tests).
- **(a) Throughput**: {throughput:,} recipients, the emulator without limits, and (for this
  measurement only) a tenant budget so large that it never holds a call back. The rate is end to
  end: from the worker's first claim until the last outcome is recorded. Then, against the same
  emulator, a plain aiohttp client posts the message Paraat sent to {throughput:,} conversations,
  {concurrency} at a time: the **ceiling**, what the emulator and the machine allow at all. Then
  {profiled:,} recipients once more with the worker's delivery under cProfile (that run's rate
  is not reported: the profiler slows it).
- **(b) At the real limit**: the emulator keeps Teams' limits (50 calls/s per tenant; 7 per 1 s,
  8 per 2 s, 60 per 30 s, 1,800 per hour per conversation) and Paraat has its default budget
  (campaigns 40 calls/s, the other 10 kept for replies to staff). {limit:,} recipients; from
  {after:g} s on, for {seconds:g} s, the emulator answers {probability:.0%} of the calls with 429
  and Retry-After: 1 (the **pushback**).
- **(c) Crash and resume**: the worker is killed with SIGKILL once Teams has {crash_at:.0%} of the
  messages, and a new worker is started on the same database, as an operator (or systemd)
  restarts `paraat serve`. The lease is {lease:g} s, as in the crash test
  (`PARAAT_CAMPAIGN_LEASE_SECONDS`; 60 by default), so the new worker takes over the dead one's
  rows after seconds instead of a minute. Once at Teams' limits and pace ({paced:,} recipients),
  once at full speed ({fast:,} recipients, no limits anywhere).
- One run of each, not repeated (the whole fan-out took {took:.0f} s). In the runs made while
  writing this, throughput and its ratio moved by about 10 % from one run to the next, the rates
  in (b) by a few per cent. The copies after a crash at full speed depend on where in the
  quarter second between two bulk writes the kill lands: from about 15 to 430.
"""

_READING = """\
### How to read them

- **messages per second** (a): messages Paraat got accepted by Teams, end to end, per second.
  The target on the 2-core machine this was written on is at least 1,000.
- **Paraat / ceiling**: Paraat's rate as a fraction of the plain client's, against the same
  emulator in the same run. The plain client does nothing but the HTTP call; the gap is Paraat's
  work around each message: claiming and pacing it, building the activity with the Agents SDK,
  marking it in flight and recording its outcome.
- **cores busy**: CPU seconds over the seconds the measurement took; 1.00 is one core fully
  busy. A Python process runs on one core, so a sender near 1.00 is bound by its own CPU, and
  the emulator uses part of the other core.
- **CPU per message**: the sender's CPU for one message (the worker's includes SQLite's work,
  on the event loop's thread). Paraat's worker needs {cpu_ratio:.1f} times the plain client's.
- (b) **of Teams' limit** and **of the campaign share**: messages per second over the 50 per
  second Teams allows the app in a tenant, and over the 40 per second campaigns may use of it.
  The share is the most a campaign may reach, so 1.00 would be perfect and the target is 0.90.
  **Before the pushback** is the steady pace; the **whole run** includes the slow-down that the
  pushback asks for: after a 429 the budget takes a quarter off the pace (once per second of
  429s), then gains back a quarter of the share per second, so one pushback costs a second or
  two at a lower pace. **Back at 0.9 of the share** is how long that took.
- **429s received**: every 429 Paraat got. Those "from Teams' own limits" are the emulator's
  limits speaking, not the pushback: 0 means Paraat kept Teams' limits by itself.
- (c) **Teams had at the kill**: messages accepted when the worker died. **Recorded sent**: of
  those, the ones whose outcome the outbox had written; the others waited in the worker's memory
  for the next bulk write. **In flight**: rows marked in flight in the outbox at the kill (sent or
  about to be, outcome not written). The new worker sends those again and counts each as an
  **unknown outcome**, so **duplicates** can only be among them, and **lost** must be 0. At full
  speed the quarter second between bulk writes holds more messages, hence more duplicates: the
  price of writing outcomes a few times a second instead of once per message.
- **Resumed after**: from the kill to the next message Teams accepted: the new process starting
  and the dead worker's lease running out.
"""

WIDTH = 100
"""The page's line length, as in the rest of the project."""
_CODE = re.compile(r"`[^`]*`")
_KEEP = "\0"
CPU_BOUND = 0.8
"""Cores busy from which the worker counts as limited by its own CPU."""
_CPU_BOUND = "the limit is the worker's own CPU (one Python process runs on one core)."
_NOT_BOUND = "neither is fully busy, so the worker also waits (for Teams' answers)."

_WHERE = """\
### Where the time goes

The worker's delivery of {profiled:,} recipients under cProfile (each function's own time, on
the event loop's thread; the parts add up to the whole):

{table}

- At full speed (a) the worker kept {cores:.2f} cores busy and the emulator {teams:.2f}: {bound}
  Its time is spread over many small costs per message rather than one hot spot.
- **HTTP client** is the part the plain client also has. **Agents SDK and pydantic** is the
  connector client around each call: the `Activity` model, its validation and serialisation.
  **Database** is SQLAlchemy building and running the claim, in-flight and outcome statements (a
  few per batch of {batch}, not one per message), with SQLite's own work (it runs on the event
  loop's thread, `store/database.py`). **asyncio** is a task per call and the waits around it.
  **Waiting** is the loop with nothing to do: for Teams' answers.
- At Teams' real limit none of this matters much: in (b) the worker kept {paced_cores:.0%} of one
  core busy.
- To look deeper: the statistics are in `test-output/bench/fanout-worker.prof` (and the top
  functions in `fanout-worker.txt` next to it).
"""


def fanout_section(result: Fanout, options: FanoutOptions, date: str) -> str:
    """The whole fan-out section: how, the results of this run, how to read them, where the
    time goes.

    Args:
        result: The run's fan-out measurements.
        options: How much it sent.
        date: When the run was, as written on the page.
    """
    delivery = DeliverySettings()
    throughput = result.throughput
    how = _HOW.format(
        batch=delivery.batch_size, concurrency=delivery.concurrency, flush=delivery.flush_every,
        throughput=options.throughput_recipients, profiled=options.profile_recipients,
        limit=options.limit_recipients, after=options.pushback.after,
        seconds=options.pushback.seconds, probability=options.pushback.probability,
        crash_at=options.crash_at, lease=options.crash_lease, paced=options.crash_paced,
        fast=options.crash_fast, took=result.seconds,
    )  # fmt: skip
    found = problems(result)
    checks = (
        "**Checks that failed**: " + "; ".join(found) + "."
        if found
        else "Checks: nobody lost, no duplicates outside the unknown outcomes, every campaign done."
    )
    results = (
        f"### Results of the run of {date}\n\n"
        f"(a) Throughput, on {result.database}:\n\n{throughput_table(throughput)}\n\n"
        f"(b) At Teams' limits:\n\n{limit_table(result.at_the_limit)}\n\n"
        f"(c) Crash and resume:\n\n{crash_table(result.crashes)}\n\n{checks}\n"
    )
    limit = result.at_the_limit
    cores = throughput.worker_cpu_seconds / throughput.seconds
    where = _WHERE.format(
        profiled=result.profile_recipients, table=profile_table(result), cores=cores,
        teams=throughput.teams_cpu_seconds / throughput.seconds, batch=delivery.batch_size,
        bound=_CPU_BOUND if cores >= CPU_BOUND else _NOT_BOUND,
        paced_cores=limit.worker_cpu_seconds / limit.seconds,
    )  # fmt: skip
    reading = _READING.format(cpu_ratio=cpu_per_message_ratio(throughput))
    return "\n".join(reflow(part).rstrip() + "\n" for part in (how, results, reading, where))


def reflow(markdown: str, width: int = WIDTH) -> str:
    """Wrap each paragraph and list item to ``width`` again after numbers were filled in;
    headings, tables and blank lines stay as they are."""
    blocks: list[list[str]] = []
    for line in markdown.splitlines():
        starts = not line.strip() or line.startswith(("#", "|", "- ")) or not blocks
        if starts or blocks[-1][0].startswith(("#", "|")) or not blocks[-1][0].strip():
            blocks.append([line])
        else:
            blocks[-1].append(line)
    lines: list[str] = []
    for block in blocks:
        first = block[0]
        if first.startswith(("#", "|")) or not first.strip():
            lines.extend(block)
            continue
        bullet = "- " if first.startswith("- ") else ""
        words = " ".join(line.strip() for line in block).removeprefix(bullet)
        # A code span stays on one line: its spaces are hidden from the wrapping.
        words = _CODE.sub(lambda span: span[0].replace(" ", _KEEP), words)
        indent = "  " if bullet else ""
        wrapped = textwrap.wrap(words, width, initial_indent=bullet, subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False)  # fmt: skip
        lines.extend(line.replace(_KEEP, " ") for line in wrapped)
    return "\n".join(lines) + "\n"
