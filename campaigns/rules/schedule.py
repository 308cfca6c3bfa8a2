"""When a campaign fires: times are planned in the organisation's time zone (Europe/Amsterdam),
kept in UTC, and repeat weekly, monthly or by a cron expression."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from campaigns.rules.model import CampaignError, Schedule

ZONE = ZoneInfo("Europe/Amsterdam")
"""The organisation's time zone: what "9:00" means to the communications team."""


def parse_at(text: str, now: datetime) -> datetime | None:
    """``now`` (None: send at once) or ``YYYY-MM-DD HH:MM`` in Europe/Amsterdam, as UTC.

    Raises:
        CampaignError: for another shape, or a time that has passed.
    """
    if text.strip().lower() == "now":
        return None
    try:
        local = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise CampaignError("bad_at", given=text) from None
    moment = local.replace(tzinfo=ZONE).astimezone(UTC)
    if moment < now - timedelta(minutes=1):
        raise CampaignError("passed", given=text)
    return moment


def cron_of(repeat: str, first: datetime) -> CronTrigger:
    """The trigger for ``weekly`` (the weekday and time of ``first``), ``monthly`` (its day of
    the month and time) or a five-field cron expression, in Europe/Amsterdam.

    Raises:
        CampaignError: for a repetition that is none of these.
    """
    local = first.astimezone(ZONE)
    if repeat == "weekly":
        return CronTrigger(
            day_of_week=local.weekday(), hour=local.hour, minute=local.minute, timezone=ZONE
        )
    if repeat == "monthly":
        return CronTrigger(day=local.day, hour=local.hour, minute=local.minute, timezone=ZONE)
    try:
        return CronTrigger.from_crontab(repeat, timezone=ZONE)
    except ValueError as error:
        raise CampaignError("bad_repeat", detail=str(error)) from None


def check_repeat(repeat: str | None) -> None:
    """Refuse a repetition :func:`cron_of` cannot read.

    Raises:
        CampaignError: naming what was expected.
    """
    if repeat is not None:
        cron_of(repeat, datetime.now(UTC))


def first_run(schedule: Schedule, now: datetime) -> datetime:
    """When a newly planned campaign fires first: its time, or now."""
    return schedule.at or now


def next_run(schedule: Schedule, after: datetime) -> datetime | None:
    """The first firing strictly after ``after`` for a repeating campaign; None for a one-off."""
    if schedule.repeat is None:
        return None
    trigger = cron_of(schedule.repeat, schedule.at or after)
    fire = trigger.get_next_fire_time(None, after + timedelta(seconds=1))
    return fire.astimezone(UTC) if fire else None
