"""Paraat's user key: a keyed hash of the Entra object id, so stored data names no one directly."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from pathlib import Path

logger = logging.getLogger(__name__)


def user_key(secret: bytes, object_id: str) -> str:
    """HMAC-SHA256 of the (lower-cased) object id, as 64 hex characters."""
    return hmac.new(secret, object_id.strip().lower().encode(), hashlib.sha256).hexdigest()


def local_user_key_secret(data_dir: Path) -> bytes:
    """The secret for local mode: made once at random and kept in ``data_dir``."""
    path = data_dir / "user-key.secret"
    if path.is_file():
        return path.read_bytes().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32).encode()
    path.touch(mode=0o600)
    path.write_bytes(value)
    logger.warning("No PARAAT_USER_KEY_SECRET set: made a local one at %s (local mode only).", path)
    return value
