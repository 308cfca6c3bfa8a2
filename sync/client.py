"""The SharePoint site as Paraat uses it: site pages (find, create, check out, save as draft,
promote to news, publish, unpublish), files in a library (upload, recycle) and list items.

The real client is office365-rest-python-client against SharePoint REST. Its calls block, so
each runs in a worker thread, one at a time; every call goes through the client's retrying
executor (``execute_query_retry``), which waits out 429 and 503 for as long as ``Retry-After``
asks (up to :attr:`Retry.longest_wait`) and backs off with jitter otherwise. A create is retried
only when SharePoint refused it outright (429, 503), never after a timeout or another 5xx, when
the page may exist after all: the next run then finds it by name.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import requests
from office365.runtime.client_request_exception import ClientRequestException
from office365.runtime.paths.v3.entity import EntityPath
from office365.runtime.retry import is_transient_error, retry_after_delay
from office365.sharepoint.client_context import ClientContext
from office365.sharepoint.publishing.pages.page import SitePage

from directory.errors import DirectoryError
from directory.session import DirectorySession
from directory.tokens import GraphToken
from directory.version import PARAAT_VERSION
from sync.connection import Connection
from sync.errors import StepFailed, SyncError

logger = logging.getLogger(__name__)

USER_AGENT = f"NONISV|Paraat|Paraat/{PARAAT_VERSION} (sharepoint)"
"""How Paraat names itself to SharePoint, in the form Microsoft asks for (``NONISV|company|
app/version``): traffic it can attribute is throttled last."""
TOKEN_REUSE_SECONDS = 300
"""How long the client reuses a token before asking msal again (msal's cache renews it)."""
THROTTLED = frozenset({429, 503})
"""Statuses with which SharePoint refused a request without doing it."""

T = TypeVar("T")


class SitePages(Protocol):
    """What the publisher needs of a site; the real client, or a fake in unit tests."""

    async def check_site(self) -> None:
        """Check the site exists and Paraat may use it; raise :class:`SyncError` if not."""
        ...

    async def find_page(self, name: str) -> int | None:
        """The id of the page called ``name`` in Site Pages, or None."""
        ...

    async def create_page(self, name: str, title: str) -> int:
        """Create a page (checked out to Paraat) and return its id."""
        ...

    async def check_out(self, page_id: int) -> None:
        """Check the page out to Paraat."""
        ...

    async def save_draft(self, page_id: int, title: str, canvas: str) -> None:
        """Save the page's title and canvas as a draft (a minor version)."""
        ...

    async def promote_to_news(self, page_id: int) -> None:
        """Make the page a news post (it must be checked out)."""
        ...

    async def publish(self, page_id: int) -> None:
        """Publish the page as a major version."""
        ...

    async def unpublish(self, name: str, comment: str) -> None:
        """Withdraw the page's published version; it stays as a draft."""
        ...

    async def upload_file(self, folder: str, name: str, content: bytes) -> str:
        """Upload (or replace in place) a file in a folder; its server-relative URL."""
        ...

    async def recycle_file(self, url: str) -> None:
        """Move the file at ``url`` to the site's recycle bin (a file already gone is fine)."""
        ...

    async def find_list_item(self, list_title: str, field: str, value: str) -> int | None:
        """The id of the item of a list whose ``field`` is ``value`` (the lowest), or None."""
        ...

    async def add_list_item(self, list_title: str, fields: Mapping[str, object]) -> int:
        """Add an item to a list; its id."""
        ...

    async def update_list_item(
        self, list_title: str, item_id: int, fields: Mapping[str, object]
    ) -> None:
        """Change fields of a list item."""
        ...

    async def recycle_list_item(self, list_title: str, item_id: int) -> None:
        """Move a list item to the site's recycle bin (an item already gone is fine)."""
        ...

    async def close(self) -> None:
        """Close the connections."""
        ...


@dataclass(frozen=True)
class Retry:
    """How often and how long to try a call again.

    Attributes:
        attempts: Tries after the first one.
        first_wait: The first backoff without ``Retry-After`` (seconds); it doubles per try.
        longest_wait: A ``Retry-After`` longer than this gives up instead of waiting.
    """

    attempts: int = 5
    first_wait: int = 2
    longest_wait: int = 120


class _WaitTooLong(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class SharePointSite:
    """A SharePoint site through office365-rest-python-client, with the app's certificate."""

    def __init__(self, connection: Connection, *, retry: Retry | None = None) -> None:
        """Nothing is sent until the first call."""
        self._connection = connection
        self._retry = retry or Retry()
        self._token = GraphToken(
            connection.credentials, scope=connection.scope, service="SharePoint"
        )
        self._session = DirectorySession(connection.verify)
        self._session.headers["User-Agent"] = USER_AGENT
        self._context = self._new_context()
        self._lock = asyncio.Lock()

    async def check_site(self) -> None:
        """Read the site's title: a wrong address or a missing grant shows here, once."""

        def build() -> Any:
            return self._context.web.get().select(["Title", "ServerRelativeUrl"])

        await self._call(build, "read the site")

    async def find_page(self, name: str) -> int | None:
        """The id of the page called ``name`` in Site Pages, or None."""

        def build() -> Any:
            return self._context.site_pages.pages.find_by_name(name)

        page = await self._call(build, f"look up page {name}")
        if not page.is_loaded:
            return None
        page_id = page.properties.get("Id")
        return int(page_id) if page_id is not None else None

    async def create_page(self, name: str, title: str) -> int:
        """Create the page called ``name`` (checked out to Paraat) and return its id."""

        def build() -> Any:
            return self._context.site_pages.pages.add(name, title, "Article")

        page = await self._call(build, f"create page {name}", retry_if=_throttled)
        page_id = page.properties.get("Id")
        if page_id is None:
            raise StepFailed(None, f"SharePoint created page {name} without an id")
        return int(page_id)

    async def check_out(self, page_id: int) -> None:
        """Check the page out to Paraat."""
        await self._call(lambda: self._page(page_id).checkout_page(), f"check out page {page_id}")

    async def save_draft(self, page_id: int, title: str, canvas: str) -> None:
        """Save title and canvas as a draft."""
        await self._call(
            lambda: self._page(page_id).save_page_as_draft(title, canvas_content=canvas),  # type: ignore[no-untyped-call]
            f"save page {page_id} as a draft",
        )

    async def promote_to_news(self, page_id: int) -> None:
        """Make the page a news post."""
        await self._call(
            lambda: self._page(page_id).promote_to_news(),  # type: ignore[no-untyped-call]
            f"promote page {page_id} to news",
        )

    async def publish(self, page_id: int) -> None:
        """Publish the page."""
        await self._call(lambda: self._page(page_id).publish(), f"publish page {page_id}")

    async def unpublish(self, name: str, comment: str) -> None:
        """Withdraw the published version of the page called ``name``."""
        url = f"{self._connection.site_path.rstrip('/')}/SitePages/{name}"
        await self._call(
            lambda: self._context.web.get_file_by_server_relative_url(url).unpublish(comment),
            f"unpublish page {name}",
        )

    async def upload_file(self, folder: str, name: str, content: bytes) -> str:
        """Upload (or replace in place: ``overwrite=true``) a file in a folder of the site, such
        as a team's printable card; its server-relative URL.

        The upload is one request that replaces the whole file, so retrying it (429, 503, a
        lost answer) never makes a second file.
        """

        def build() -> Any:
            target = self._context.web.get_folder_by_server_relative_url(folder)
            return target.upload_file(name, content)

        try:
            uploaded = await self._call(build, f"upload {name}")
        except StepFailed as error:
            if error.status != 404:
                raise
            raise StepFailed(
                404, f"There is no document library at {folder} on the site (404): create the "
                "library (docs/operations.md, SharePoint); the next run uploads the file."
            ) from None  # fmt: skip
        return str(uploaded.properties.get("ServerRelativeUrl") or f"{folder}/{name}")

    async def recycle_file(self, url: str) -> None:
        """Move the file at ``url`` (server-relative) to the site's recycle bin; a file that is
        not there any more (404) counts as done."""

        def build() -> Any:
            return self._context.web.get_file_by_server_relative_url(url).recycle(
                ignore_missing=True
            )

        await self._call(build, f"move {url} to the recycle bin")

    async def find_list_item(self, list_title: str, field: str, value: str) -> int | None:
        """The id of the item of a list whose ``field`` is ``value`` (the lowest, should there
        be two), or None."""
        quoted = value.replace("'", "''")

        def build() -> Any:
            items = self._context.web.lists.get_by_title(list_title).items
            return items.filter(f"{field} eq '{quoted}'").select(["Id", field]).get()

        found = await self._in_list(build, f"look up {value} in {list_title}", list_title)
        ids = [int(item.properties["Id"]) for item in found if "Id" in item.properties]
        return min(ids) if ids else None

    async def add_list_item(self, list_title: str, fields: Mapping[str, object]) -> int:
        """Add an item to a list; its id. Retried only when SharePoint refused it (429, 503):
        after another failure the item may exist, and the next run finds it by its key."""

        def build() -> Any:
            return self._context.web.lists.get_by_title(list_title).add_item(dict(fields))

        item = await self._in_list(
            build, f"add an item to {list_title}", list_title, retry_if=_throttled
        )
        return int(item.properties["Id"])

    async def update_list_item(
        self, list_title: str, item_id: int, fields: Mapping[str, object]
    ) -> None:
        """Change fields of a list item (MERGE)."""

        def build() -> Any:
            item = self._context.web.lists.get_by_title(list_title).get_item_by_id(item_id)
            for name, value in fields.items():
                item.set_property(name, value)  # type: ignore[no-untyped-call]
            return item.update()

        await self._call(build, f"update item {item_id} of {list_title}")

    async def recycle_list_item(self, list_title: str, item_id: int) -> None:
        """Move a list item to the site's recycle bin; an item not there any more (404) counts
        as done."""

        def build() -> Any:
            item = self._context.web.lists.get_by_title(list_title).get_item_by_id(item_id)
            return item.recycle(ignore_missing=True)

        await self._call(build, f"move item {item_id} of {list_title} to the recycle bin")

    async def _in_list(
        self,
        build: Callable[[], T],
        action: str,
        list_title: str,
        *,
        retry_if: Callable[[Exception], bool] = is_transient_error,
    ) -> T:
        """A call on a list, saying what to do when the list is not there."""
        try:
            return await self._call(build, action, retry_if=retry_if)
        except StepFailed as error:
            if error.status != 404:
                raise
            raise StepFailed(
                404, f"There is no list {list_title} on the site (404): create the list "
                "(docs/operations.md, SharePoint); the next run adds its items."
            ) from None  # fmt: skip

    async def close(self) -> None:
        """Close the connections to SharePoint and Entra."""
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        self._session.close()
        self._token.close()

    def _new_context(self) -> ClientContext:
        return (
            ClientContext(self._connection.site_url)
            .with_access_token(self._token_response)
            .with_transport(session=self._session)
        )

    def _page(self, page_id: int) -> SitePage:
        return SitePage(
            self._context, EntityPath(page_id, self._context.site_pages.pages.resource_path)
        )

    def _token_response(self) -> dict[str, Any]:
        # The client keeps a token for ``expires_in`` seconds; msal's own cache decides when
        # a new one is needed, so asking it every few minutes costs nothing.
        return {
            "access_token": self._token.get(),
            "token_type": "Bearer",
            "expires_in": TOKEN_REUSE_SECONDS,
        }

    async def _call(
        self,
        build: Callable[[], T],
        action: str,
        *,
        retry_if: Callable[[Exception], bool] = is_transient_error,
    ) -> T:
        async with self._lock:
            return await asyncio.to_thread(self._execute, build, action, retry_if)

    def _execute(
        self, build: Callable[[], T], action: str, retry_if: Callable[[Exception], bool]
    ) -> T:
        try:
            return self._execute_once(build, action, retry_if)
        except SyncError as error:
            if error.status != 401:
                raise
        # The token may have been revoked: once more with a new one (a new context drops the
        # client's copy, ``forget`` msal's).
        self._token.forget()
        self._context = self._new_context()
        return self._execute_once(build, action, retry_if)

    def _execute_once(
        self, build: Callable[[], T], action: str, retry_if: Callable[[Exception], bool]
    ) -> T:
        result = build()
        try:
            self._context.execute_query_retry(
                max_retry=self._retry.attempts,
                timeout_secs=self._retry.first_wait,
                max_delay=self._retry.longest_wait,
                failure_callback=self._wait_for,
                is_retriable=retry_if,
            )
        except _WaitTooLong as error:
            raise StepFailed(
                429, f"SharePoint asked Paraat to wait {error.seconds} s before it could "
                f"{action}; the next run goes on from here."
            ) from None  # fmt: skip
        except ClientRequestException as error:
            raise self._failure(error, action) from None
        except DirectoryError as error:
            raise SyncError(str(error)) from None
        except requests.RequestException as error:
            raise SyncError(
                f"Cannot reach SharePoint at {self._connection.site_url} "
                f"({type(error).__name__}): check the address, the network, proxy and TLS."
            ) from None
        return result

    def _wait_for(self, attempt: int, error: Exception) -> int | None:
        seconds = retry_after_delay(error)
        status = _status(error)
        if seconds is not None and seconds > self._retry.longest_wait:
            raise _WaitTooLong(seconds)
        if status is not None:
            logger.info(
                "SharePoint answered %s (try %d); trying again in %s s.",
                status,
                attempt,
                seconds if seconds is not None else "a few",
            )
        return seconds

    def _failure(self, error: ClientRequestException, action: str) -> Exception:
        status = _status(error)
        site = self._connection.site_url
        app = self._connection.credentials.client_id
        said = _said(error)
        if status == 401:
            return SyncError.with_status(
                401,
                f"SharePoint refused Paraat's sign-in at {site} (401{said}). SharePoint accepts "
                f"app {app} only with its certificate: check that PARAAT_APP_CERTIFICATE is the "
                "certificate uploaded to the app registration, not expired, and that "
                "PARAAT_TENANT_ID is the site's tenant.",
            )
        if status == 403:
            return SyncError(
                f"Paraat may not {action} on {site} (403{said}). Grant app {app} the "
                "permission Sites.Selected with the role 'write' on this site (docs/operations.md, "
                "SharePoint)."
            )
        if status == 404 and action == "read the site":
            return SyncError(
                f"There is no SharePoint site at {site} (404). Check PARAAT_SHAREPOINT_SITE_URL: "
                "the address of the communication site, e.g. "
                "https://<tenant>.sharepoint.com/sites/<site>."
            )
        return StepFailed(status, f"Paraat could not {action} ({status or 'no answer'}{said}).")


def _status(error: Exception) -> int | None:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _throttled(error: Exception) -> bool:
    return _status(error) in THROTTLED


def _said(error: ClientRequestException) -> str:
    message = (error.message or "").strip().splitlines()
    return f": {message[0][:200]}" if message else ""
