"""What Teams said when it refused a call, in a few words fit for the log."""

from __future__ import annotations

import json
import re
from http import HTTPStatus

from aiohttp import ClientResponseError

_TEAMS_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,63}")


def reason_of(error: ClientResponseError) -> str:
    """Teams' error code when the answer carried one, else the status's phrase; never the
    body itself (it may quote the message)."""
    try:
        code = json.loads(error.message)["error"]["code"]
    except (ValueError, TypeError, KeyError):
        code = None
    if isinstance(code, str) and _TEAMS_CODE.fullmatch(code):
        return code
    try:
        return HTTPStatus(error.status).phrase
    except ValueError:
        return "unknown status"
