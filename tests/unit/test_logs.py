"""JSON logs: one object per line, with extras and tracebacks kept."""

from __future__ import annotations

import json
import logging

from cli.logs import JsonFormatter


def test_json_lines_keep_message_extras_and_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("paraat.test").makeRecord(
            "paraat.test", logging.ERROR, __file__, 1, "turn %s failed", ("q1",),
            exc_info=__import__("sys").exc_info(), extra={"conversation": "a:1"},
        )  # fmt: skip
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "turn q1 failed"
    assert entry["level"] == "ERROR" and entry["logger"] == "paraat.test"
    assert entry["conversation"] == "a:1"
    assert "ValueError: boom" in entry["traceback"]
    assert "\n" not in line
