"""Logging set-up: readable text for people, one JSON object a line for log collectors."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from ops.logcontext import ContextFilter, ContextTextFormatter

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

QUIET_AT_INFO = ("aiohttp.access", "apscheduler")
"""Loggers kept to warnings: aiohttp's access log (a line per request, and a turn is one) and
APScheduler's (two lines per run of the campaign poll; Paraat logs each campaign's start)."""


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with any ``extra=`` fields kept."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str, fmt: str) -> None:
    """Send logs to standard error at ``level`` as ``text`` or ``json``; each line carries the
    turn's or campaign's context (:mod:`ops.logcontext`)."""
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            ContextTextFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET_AT_INFO:
        logging.getLogger(name).setLevel(logging.WARNING)
