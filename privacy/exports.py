"""A person's own data as a file: a short-lived signed link, and the download behind it."""

from __future__ import annotations

import json
from datetime import timedelta

from conversation.signed_links import make_token, read_token
from store.clock import Clock
from store.personal_data import PersonalDataStore

LINK_MINUTES = 10
"""How long a download link works."""
PATH = "/mijn-gegevens/"
"""Where the bot serves the downloads."""


class DataExports:
    """Makes download links for a person's data, and serves them."""

    def __init__(
        self, store: PersonalDataStore, secret: bytes, base_url: str | None, clock: Clock
    ) -> None:
        """Sign with ``secret``; links start with ``base_url`` (None: no links can be made)."""
        self._store = store
        self._secret = secret
        self._base_url = base_url.rstrip("/") if base_url else None
        self._clock = clock

    def link(self, user_key: str) -> str | None:
        """A link to ``user_key``'s data for the next :data:`LINK_MINUTES` minutes (None when
        Paraat does not know its own public address)."""
        if self._base_url is None:
            return None
        expires = self._clock() + timedelta(minutes=LINK_MINUTES)
        return f"{self._base_url}{PATH}{make_token(self._secret, user_key, expires)}"

    async def download(self, token: str) -> bytes | None:
        """The JSON file a genuine, unexpired token stands for; None for any other token."""
        user_key = read_token(self._secret, token, self._clock())
        if user_key is None:
            return None
        data = {"about": "Wat Paraat over jou bewaart / What Paraat keeps about you"}
        data |= await self._store.export(user_key)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()
