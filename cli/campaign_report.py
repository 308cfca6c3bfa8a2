"""A campaign's figures for ``paraat campaign show``: as JSON, as CSV, and as rich tables.

The CSV is one table: a ``campaign`` row with every figure, then one row per group of the
breakdown (departments, teams and ``other``) with the figures a group has. Cells a row has no
figure for are empty.
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from rich.table import Table

if TYPE_CHECKING:
    from campaigns.rules.breakdown import Group
    from campaigns.rules.report import CampaignReport, CampaignStats
    from store.campaigns import CampaignRecord

_COUNTS = (
    "recipients", "targeted", "sent", "read", "acknowledged", "not_installed", "unreachable",
    "failed", "pending", "cancelled", "unknown",
)  # fmt: skip
COLUMNS = ("kind", "id", "name", "parent", *_COUNTS, "quiz_participants", "quiz_mean_right")
"""The CSV's columns, a stable interface for spreadsheets and scripts."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def figures_json(stats: CampaignStats) -> dict[str, Any]:
    """The campaign's figures as JSON values (the quiz's mean rounded to 3 decimals)."""
    figures = asdict(stats)
    if stats.quiz is not None and stats.quiz.mean_right is not None:
        figures["quiz"]["mean_right"] = round(stats.quiz.mean_right, 3)
    return figures


def breakdown_json(report: CampaignReport) -> list[dict[str, Any]]:
    """The breakdown's groups as JSON objects, departments before what they hold."""
    return [_group_row(group) for group in report.breakdown]


def write_csv(campaign: CampaignRecord, report: CampaignReport, out: TextIO) -> None:
    """Write the figures and the breakdown to ``out`` as CSV (see :data:`COLUMNS`)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    stats = report.stats
    quiz = stats.quiz
    mean = quiz.mean_right if quiz else None
    campaign_row: dict[str, Any] = {
        "kind": "campaign", "id": campaign.id, "name": campaign.title, "parent": None,
        **{name: getattr(stats, name) for name in _COUNTS},
        "quiz_participants": quiz.participants if quiz else None,
        "quiz_mean_right": None if mean is None else round(mean, 3),
    }  # fmt: skip
    writer.writerow(_cells(campaign_row))
    for group in report.breakdown:
        writer.writerow(_cells(_group_row(group)))


def figures_table(stats: CampaignStats) -> Table:
    """The campaign's figures, one per line."""
    table = Table("figure", "value", title="Figures")
    for name, value in asdict(stats).items():
        if name != "quiz":
            table.add_row(name.replace("_", " "), str(value))
    quiz = stats.quiz
    if quiz is not None:
        too_few = f"fewer than {quiz.minimum}"
        participants = too_few if quiz.participants is None else str(quiz.participants)
        mean = too_few if quiz.mean_right is None else f"{quiz.mean_right:.0%}"
        table.add_row("quiz participants", participants)
        table.add_row("quiz mean right", mean)
    return table


def breakdown_table(report: CampaignReport) -> Table:
    """The breakdown, indented by department; a caption says when nothing may be shown."""
    columns = ("group", "kind", "recipients", "sent", "read", "acknowledged")
    table = Table(*columns, title="Per department and team")
    for group in report.breakdown:
        name = group.name or "other"
        tally = group.tally
        table.add_row(
            "  " * group.depth + name, group.kind, str(tally.recipients), str(tally.sent),
            str(tally.read), str(tally.acknowledged),
        )  # fmt: skip
    if not report.breakdown:
        table.caption = "No group is large enough to show without disclosing anyone."
    return table


def _group_row(group: Group) -> dict[str, Any]:
    return {
        "kind": group.kind,
        "id": group.id,
        "name": group.name,
        "parent": group.parent,
        **asdict(group.tally),
    }


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """Empty cells for None, and text that a spreadsheet would run as a formula made inert."""
    cells: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            value = "'" + value
        cells[name] = "" if value is None else value
    return cells
