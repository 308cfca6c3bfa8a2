"""Short-lived signed download links, shared by every feature that offers a file in Teams
(one's own data, a printable card).

A token is ``<subject>.<expiry, Unix seconds>.<HMAC-SHA256 of both>``. Any replica with the same
secret can check it; a changed character or a passed expiry makes it worthless. The subject
says what the link opens (a user key, which is already a keyed hash, or a card's name); it
holds no dot.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime


def make_token(secret: bytes, subject: str, expires: datetime) -> str:
    """A token for ``subject``, valid until ``expires``.

    Raises:
        ValueError: ``subject`` is empty or holds a dot.
    """
    if not subject or "." in subject:
        raise ValueError("a link's subject is not empty and holds no dot")
    payload = f"{subject}.{int(expires.timestamp())}"
    return f"{payload}.{_signature(secret, payload)}"


def read_token(secret: bytes, token: str, now: datetime) -> str | None:
    """The subject of a genuine token that has not expired; None for anything else."""
    subject, _, rest = token.partition(".")
    expiry, _, signature = rest.partition(".")
    if not (subject and expiry.isdigit() and signature):
        return None
    if not hmac.compare_digest(signature, _signature(secret, f"{subject}.{expiry}")):
        return None
    if datetime.fromtimestamp(int(expiry), UTC) <= now:
        return None
    return subject


def _signature(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
