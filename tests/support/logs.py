"""Capturing what the bot logs, the way production formats it (with the turn's context)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from cli.logs import QUIET_AT_INFO, JsonFormatter
from ops.logcontext import ContextFilter


class _Keep(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self._into = into
        self.addFilter(ContextFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self._into.append(record)


@dataclass
class Captured:
    """Records at INFO and above, and the same as production's JSON lines."""

    records: list[logging.LogRecord] = field(default_factory=list)
    stream: io.StringIO = field(default_factory=io.StringIO)

    def lines(self) -> list[dict[str, object]]:
        """Every JSON line written so far."""
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def since(self, start: int) -> list[logging.LogRecord]:
        """The records after the first ``start``."""
        return self.records[start:]


@contextmanager
def captured_logs() -> Iterator[Captured]:
    """Capture the root logger's records (INFO and up) while the block runs.

    The access log and the scheduler are kept at WARNING, as ``configure_logging`` does.
    """
    captured = Captured()
    keep = _Keep(captured.records)
    json_lines = logging.StreamHandler(captured.stream)
    json_lines.setLevel(logging.INFO)
    json_lines.addFilter(ContextFilter())
    json_lines.setFormatter(JsonFormatter())
    root = logging.getLogger()
    quiet = [logging.getLogger(name) for name in QUIET_AT_INFO]
    levels = [(logger, logger.level) for logger in (root, *quiet)]
    root.setLevel(logging.INFO)
    for logger in quiet:
        logger.setLevel(logging.WARNING)
    root.addHandler(keep)
    root.addHandler(json_lines)
    try:
        yield captured
    finally:
        root.removeHandler(keep)
        root.removeHandler(json_lines)
        for logger, level in levels:
            logger.setLevel(level)
