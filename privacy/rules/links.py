"""Download links for a person's own data: signed, short-lived, and holding only the user key.

A link is ``<user key>.<expiry, Unix seconds>.<HMAC-SHA256 of both>``. Any replica with the same
secret can check it; a changed character or a passed expiry makes it worthless. The user key is
already a keyed hash (decision #6), so the link names nobody.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime


def make_token(secret: bytes, user_key: str, expires: datetime) -> str:
    """A token for ``user_key``'s data, valid until ``expires``."""
    payload = f"{user_key}.{int(expires.timestamp())}"
    return f"{payload}.{_signature(secret, payload)}"


def read_token(secret: bytes, token: str, now: datetime) -> str | None:
    """The user key of a genuine token that has not expired; None for anything else."""
    user_key, _, rest = token.partition(".")
    expiry, _, signature = rest.partition(".")
    if not (user_key and expiry.isdigit() and signature):
        return None
    if not hmac.compare_digest(signature, _signature(secret, f"{user_key}.{expiry}")):
        return None
    if datetime.fromtimestamp(int(expiry), UTC) <= now:
        return None
    return user_key


def _signature(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
