"""Errors of publishing to SharePoint: one message that says what to fix."""

from __future__ import annotations


class SyncError(Exception):
    """Publishing cannot go on at all (wrong site, no permission, certificate expired, no
    network); the message says what to fix. Messages never contain a secret or a token."""

    status: int | None = None
    """SharePoint's HTTP status, when it answered."""

    @classmethod
    def with_status(cls, status: int, message: str) -> SyncError:
        """The error for SharePoint's answer ``status``."""
        error = cls(message)
        error.status = status
        return error


class Busy(SyncError):
    """Another publish is running (in this process or on another replica)."""


class StepFailed(Exception):
    """One step for one page failed after its retries; other pages go on."""

    def __init__(self, status: int | None, message: str) -> None:
        """``status`` is SharePoint's HTTP status, None when there was no answer."""
        super().__init__(message)
        self.status = status
