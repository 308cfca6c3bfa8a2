"""User keys are stable, keyed and never the raw object id."""

from __future__ import annotations

from pathlib import Path

from conversation.identity import local_user_key_secret, user_key


def test_user_key_is_stable_keyed_and_case_insensitive() -> None:
    object_id = "AAAAAAAA-0000-0000-0000-000000000001"
    key = user_key(b"secret", object_id)
    assert key == user_key(b"secret", object_id.lower())
    assert key != user_key(b"other secret", object_id)
    assert object_id.lower() not in key and len(key) == 64


def test_local_secret_is_made_once_and_kept_private(tmp_path: Path) -> None:
    first = local_user_key_secret(tmp_path / "var")
    assert local_user_key_secret(tmp_path / "var") == first
    assert len(first) == 64
    assert (tmp_path / "var" / "user-key.secret").stat().st_mode & 0o077 == 0
