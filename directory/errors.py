"""The one error the directory raises: what went wrong, and what an operator should fix."""

from __future__ import annotations


class DirectoryError(Exception):
    """Microsoft Entra or Graph refused or failed; the message says what to check or fix.

    Messages never contain a secret, a private key or a token.
    """


class DirectoryUnreachable(DirectoryError):
    """Entra or Graph could not be reached (network, TLS, timeout); worth trying again."""
