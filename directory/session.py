"""The HTTP session for Entra and Graph: Paraat's User-Agent, its TLS trust, a timeout."""

from __future__ import annotations

from typing import Any

import requests

from directory.version import USER_AGENT

TIMEOUT = (10.0, 60.0)
"""Seconds to connect, and to wait for each part of an answer."""


class DirectorySession(requests.Session):
    """A ``requests`` session that applies ``verify`` and a timeout to every request.

    ``requests`` lets ``REQUESTS_CA_BUNDLE`` override a session's own ``verify`` (it only
    yields to a per-request value), so the CA bundle chosen here is passed on each request.
    Proxies still come from the environment.
    """

    def __init__(self, verify: bool | str) -> None:
        """A session that trusts ``verify``: the system's CAs (True) or a CA bundle path."""
        super().__init__()
        self._verify = verify
        self.headers.update({"User-Agent": USER_AGENT})

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> requests.Response:
        """Send, with this session's ``verify`` and timeout unless the caller gives its own."""
        if kwargs.get("verify") is None:
            kwargs["verify"] = self._verify
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = TIMEOUT
        return super().request(method, url, *args, **kwargs)
