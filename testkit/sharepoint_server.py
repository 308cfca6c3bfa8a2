"""A local SharePoint site speaking SharePoint REST (OData verbose), over TLS.

The real client (office365-rest-python-client, with a token from msal through the fake Entra
of :mod:`testkit.graph_server`) talks to it unchanged:

* ``POST /_api/contextInfo``: the form digest, required on every other POST;
* ``GET /_api/Web``: the site;
* site pages: ``GET /_api/sitePages/pages?$filter=FileName eq '…'`` (find),
  ``POST /_api/sitePages/pages`` (create, checked out to the caller; without a ``Name`` 400;
  a name that exists gets a new name, as SharePoint does, so a duplicate shows),
  ``pages(id)/CheckoutPage``, ``pages(id)/SavePageAsDraft`` (checks in a minor version),
  ``pages(id)/PromoteToNews`` (409 unless the page is checked out to the caller, as the
  protocol says), ``pages(id)/Publish`` (a major version);
* ``Web/getFileByServerRelativeUrl('…')/unpublish(comment='…')``;
* list items, in a list made by :meth:`FakeSharePoint.add_list` (any other list is a 404, as
  SharePoint answers): ``Web/lists/GetByTitle('…')`` (its entity type), ``GET …/items?$filter=
  <column> eq '…'`` (find), ``POST …/items`` (add; a column the list does not have is a 400),
  ``…/getItemById(n)`` with ``X-HTTP-Method: MERGE`` (update) and ``…/getItemById(n)/Recycle``
  (to the recycle bin; 404 when not there);
* file upload: ``Web/getFolderByServerRelativeUrl('…')/Files/add(overwrite=true,url='…')``;
* ``Web/getFileByServerRelativeUrl('…')/Recycle`` (to the recycle bin; 404 when not there).

Every call checks the bearer token with the fake Entra: it must be for this host, made with a
certificate (SharePoint answers 401 "Unsupported app only token." to a secret's token), and the
app must be granted on the site (``Sites.Selected``; else 403 "Access denied."). Failures can
be injected per operation (429 with ``Retry-After``, 503, 500, …), and every request is logged.
"""

from __future__ import annotations

import itertools
import re
import secrets
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from aiohttp import web
from cryptography.hazmat.primitives import serialization

from testkit.graph_server import FakeGraph, new_certificate

Json = dict[str, Any]

_PAGE_OPERATION = re.compile(r"^sitepages/pages\((\d+)\)/(\w+)$", re.IGNORECASE)
_UNPUBLISH = re.compile(
    r"^web/getfilebyserverrelativeurl\('(.+)'\)/unpublish\(comment='(.*)'\)$", re.IGNORECASE
)
_RECYCLE = re.compile(r"^web/getfilebyserverrelativeurl\('(.+)'\)/recycle$", re.IGNORECASE)
_LIST = re.compile(r"^web/lists/getbytitle\('([^']+)'\)(/.*)?$", re.IGNORECASE)
_ITEM = re.compile(r"^/getitembyid\((\d+)\)(/parentlist|/recycle)?$", re.IGNORECASE)
_UPLOAD = re.compile(
    r"^web/getfolderbyserverrelativeurl\('([^']*)'\)/files/add\(overwrite=(true|false),"
    r"url='([^']+)'\)$",
    re.IGNORECASE,
)
WRITES = frozenset(
    {
        "create-page",
        "CheckoutPage",
        "SavePageAsDraft",
        "PromoteToNews",
        "Publish",
        "unpublish",
        "add-item",
        "update-item",
        "recycle-item",
        "upload",
        "recycle",
    }
)
"""Operations that change the site."""


@dataclass
class Page:
    """A site page as the fake keeps it."""

    id: int
    name: str
    title: str
    checked_out: bool = True
    draft: str | None = None
    draft_title: str | None = None
    published: str | None = None
    published_title: str | None = None
    promoted: int = 0
    major: int = 0
    minor: int = 1

    def entity(self, base: str) -> Json:
        """The page in SharePoint's verbose shape."""
        return {
            "__metadata": {
                "id": f"{base}/_api/sitePages/pages({self.id})",
                "uri": f"{base}/_api/sitePages/pages({self.id})",
                "type": "SP.Publishing.SitePage",
            },
            "Id": self.id,
            "Name": self.name,
            "FileName": self.name,
            "Title": self.draft_title or self.title,
            "Url": f"SitePages/{self.name}",
            "PageLayoutType": "Article",
            "PromotedState": self.promoted,
            "CanvasContent1": self.draft,
            "IsPageCheckedOutToCurrentUser": self.checked_out,
            "Version": f"{self.major}.{self.minor}",
        }


@dataclass(frozen=True)
class LoggedRequest:
    """One request the fake answered.

    Attributes:
        method: The HTTP method.
        path: The path below the site's ``/_api/``, decoded.
        operation: What it was: ``contextinfo``, ``web``, ``find-page``, ``create-page``,
            ``CheckoutPage``, ``SavePageAsDraft``, ``PromoteToNews``, ``Publish``,
            ``unpublish``, ``list``, ``find-item``, ``add-item``, ``update-item``,
            ``recycle-item``, ``upload``, ``recycle`` or ``unknown``.
        page: The page (id) or list item (id) it was about, if any.
        status: The status answered.
        user_agent: The client's ``User-Agent``.
    """

    method: str
    path: str
    operation: str
    page: int | None
    status: int
    user_agent: str

    @property
    def is_write(self) -> bool:
        """It changed (or tried to change) the site."""
        return self.operation in WRITES


@dataclass
class _Failure:
    operation: str | None
    status: int
    retry_after: str | None
    after: Callable[[], None] | None = None


@dataclass
class SiteList:
    """A list as the fake keeps it.

    Attributes:
        title: Its title.
        columns: The columns an item may have (internal names; ``Title`` always); None: any.
        items: Its items' fields, by id.
        recycled: Items moved to the recycle bin, by their former id.
    """

    title: str
    columns: frozenset[str] | None = None
    items: dict[int, Json] = field(default_factory=dict)
    recycled: dict[int, Json] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    @property
    def entity_type(self) -> str:
        """The type of its items, as SharePoint names it from the title."""
        return f"SP.Data.{re.sub(r'[^A-Za-z0-9]', '', self.title)}ListItem"

    def add(self, fields: Json) -> int:
        """Add an item; its id (ids are never used twice, as in SharePoint)."""
        item_id = next(self._ids)
        self.items[item_id] = dict(fields)
        return item_id

    def unknown_columns(self, fields: Json) -> list[str]:
        """The fields' columns the list does not have."""
        if self.columns is None:
            return []
        return sorted(set(fields) - self.columns - {"Title"})


class FakeSharePoint:
    """One communication site on a free loopback port with TLS, trusting one fake Entra."""

    def __init__(self, tls_dir: Path, graph: FakeGraph, *, site_path: str = "/sites/paraat"):
        """An idle server for the site at ``site_path``; :meth:`start` serves it."""
        self.graph = graph
        self.site_path = site_path.rstrip("/")
        self.pages: dict[int, Page] = {}
        """The site's pages, by id."""
        self.lists: dict[str, SiteList] = {}
        """The site's lists, by title (made by :meth:`add_list`)."""
        self.files: dict[str, bytes] = {}
        """Uploaded files, by server-relative URL."""
        self.recycled: dict[str, bytes] = {}
        """Files moved to the recycle bin, by their former server-relative URL."""
        self.missing_folders: set[str] = set()
        """Folders (server-relative URLs) that do not exist: an upload to one is a 404."""
        self.requests: list[LoggedRequest] = []
        """Every request answered, in order."""
        self._granted: set[str] = set()
        self._failures: list[_Failure] = []
        self._ids = itertools.count(1)
        self._digest = f"0x{secrets.token_hex(16)},{uuid.uuid4()}"
        tls_key, tls_certificate = new_certificate("Paraat test SharePoint", ip="127.0.0.1")
        tls_dir.mkdir(parents=True, exist_ok=True)
        self.ca_file = tls_dir / "sharepoint-ca.pem"
        """The server's certificate: give it to clients as their CA bundle."""
        self.ca_file.write_bytes(tls_certificate.public_bytes(serialization.Encoding.PEM))
        key_file = tls_dir / "sharepoint-key.pem"
        key_file.write_bytes(
            tls_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self._ssl = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._ssl.load_cert_chain(self.ca_file, key_file)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        self._port: int | None = None

    # -- serving ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on a free loopback port, and let the fake Entra issue tokens for it."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self._ssl)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self.graph.add_resource(self.host)

    async def close(self) -> None:
        """Stop serving."""
        await self._runner.cleanup()

    async def __aenter__(self) -> FakeSharePoint:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    @property
    def host(self) -> str:
        """``https://127.0.0.1:<port>``, the SharePoint host (the token's audience)."""
        if self._port is None:
            raise RuntimeError("FakeSharePoint is not started")
        return f"https://127.0.0.1:{self._port}"

    @property
    def site_url(self) -> str:
        """The site's address."""
        return f"{self.host}{self.site_path}"

    # -- what it knows ---------------------------------------------------------------------

    def grant(self, client_id: str) -> None:
        """Grant an app ``Sites.Selected`` (write) on this site."""
        self._granted.add(client_id)

    def fail_next(
        self,
        status: int,
        *,
        operation: str | None = None,
        times: int = 1,
        retry_after: str | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Answer the next ``times`` requests (of ``operation``, or any) with ``status``.

        ``after=`` runs when the failure is answered, e.g. to make it look like the work was
        done before the answer was lost. With ``operation="create-page"`` the page is created
        first and then the error is answered (a create whose answer never arrived); so is the
        item with ``operation="add-item"``, unless the status is 429 or 503 (SharePoint refused
        it without doing it).
        """
        self._failures.extend(_Failure(operation, status, retry_after, after) for _ in range(times))

    def add_list(self, title: str, columns: tuple[str, ...] | None = None) -> SiteList:
        """Make a list (as an owner does by hand) with these columns (None: any)."""
        made = SiteList(title, frozenset(columns) if columns is not None else None)
        self.lists[title] = made
        return made

    def page_named(self, name: str) -> Page | None:
        """The page with this file name, or None."""
        return next((page for page in self.pages.values() if page.name == name), None)

    def writes(self) -> list[LoggedRequest]:
        """The requests that changed (or tried to change) the site."""
        return [request for request in self.requests if request.is_write]

    # -- requests --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        prefix = f"{self.site_path}/_api/"
        if not request.path.lower().startswith(prefix.lower()):
            return self._log(
                request,
                "unknown",
                None,
                _error(404, "-2147024894, System.IO.FileNotFoundException", "File Not Found."),
            )
        path = unquote(request.path[len(prefix) :])
        operation, page_id = _operation(request.method, path, request.headers)
        refusal = self._refusal(request, operation)
        if refusal is not None:
            return self._log(request, operation, page_id, refusal)
        failure = self._failure_for(operation)
        if failure is not None:
            if operation == "create-page":
                await self._create(request)
            if operation == "add-item" and failure.status not in (429, 503):
                await self._list_operation(request, operation, path)
            if failure.after is not None:
                failure.after()
            response = _error(
                failure.status, "-2147024860, Microsoft.SharePoint.SPException", "Injected failure."
            )
            if failure.retry_after is not None:
                response.headers["Retry-After"] = failure.retry_after
            return self._log(request, operation, page_id, response)
        response = await self._answer(request, operation, path, page_id)
        return self._log(request, operation, page_id, response)

    def _log(
        self, request: web.Request, operation: str, page: int | None, response: web.Response
    ) -> web.Response:
        self.requests.append(
            LoggedRequest(
                request.method,
                unquote(request.path),
                operation,
                page,
                response.status,
                request.headers.get("User-Agent", ""),
            )
        )
        return response

    def _refusal(self, request: web.Request, operation: str) -> web.Response | None:
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        claims = self.graph.token_claims(token, self.host) if token else None
        if claims is None:
            return _unauthorized("Invalid JWT token. The token is expired or not valid.")
        if claims.get("appidacr") != "2":
            return _unauthorized("Unsupported app only token.")
        if claims.get("appid") not in self._granted:
            return _error(403, "-2147024891, System.UnauthorizedAccessException", "Access denied.")
        needs_digest = request.method == "POST" and operation != "contextinfo"
        if needs_digest and request.headers.get("X-RequestDigest") != self._digest:
            return _error(
                403,
                "-2130575251, Microsoft.SharePoint.SPException",
                "The security validation for this page is invalid and might be "
                "corrupted. Please use your web browser's Back button to try your "
                "operation again.",
            )
        return None

    def _failure_for(self, operation: str) -> _Failure | None:
        for index, failure in enumerate(self._failures):
            if failure.operation is None or failure.operation == operation:
                return self._failures.pop(index)
        return None

    async def _answer(
        self, request: web.Request, operation: str, path: str, page_id: int | None
    ) -> web.Response:
        if operation == "contextinfo":
            return _d(
                {
                    "GetContextWebInformation": {
                        "__metadata": {"type": "SP.ContextWebInformation"},
                        "FormDigestTimeoutSeconds": 1800,
                        "FormDigestValue": self._digest,
                        "LibraryVersion": "16.0.25919.12007",
                        "SiteFullUrl": self.site_url,
                        "SupportedSchemaVersions": {
                            "__metadata": {"type": "Collection(Edm.String)"},
                            "results": ["14.0.0.0", "15.0.0.0"],
                        },
                        "WebFullUrl": self.site_url,
                    }
                }
            )
        if operation == "web":
            return _d(
                {
                    "__metadata": {"type": "SP.Web"},
                    "Title": "Weerbaarheid",
                    "ServerRelativeUrl": self.site_path,
                }
            )
        if operation == "find-page":
            return self._find(request)
        if operation == "create-page":
            page = await self._create(request)
            if page is None:
                return _error(
                    400,
                    "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
                    "The page needs a name.",
                )
            return _d(page.entity(self.host), status=201)
        if operation in ("list", "find-item", "add-item", "update-item", "recycle-item"):
            return await self._list_operation(request, operation, path)
        if page_id is not None:
            return await self._page_operation(request, operation, page_id)
        if operation == "unpublish":
            return self._unpublish(path)
        if operation == "upload":
            return await self._upload(request, path)
        if operation == "recycle":
            return self._recycle(path)
        return _error(
            400,
            "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
            f"Unknown request {request.method} {path}.",
        )

    def _find(self, request: web.Request) -> web.Response:
        match = re.fullmatch(r"FileName eq '(.*)'", request.query.get("$filter", ""))
        if match is None:
            return _error(400, "-1, Microsoft.SharePoint.SPException", "Bad filter.")
        name = match.group(1).replace("''", "'")
        found = [p.entity(self.host) for p in self.pages.values() if p.name == name]
        return _d({"results": found})

    async def _create(self, request: web.Request) -> Page | None:
        body = await request.json()
        name = body.get("Name")
        if not name:
            return None
        taken = {page.name for page in self.pages.values()}
        stem, counter = name.removesuffix(".aspx"), 1
        while name in taken:
            # SharePoint gives a new page a free name rather than refusing it.
            name, counter = f"{stem}({counter}).aspx", counter + 1
        page = Page(next(self._ids), name, body.get("Title") or name)
        self.pages[page.id] = page
        return page

    async def _page_operation(
        self, request: web.Request, operation: str, page_id: int
    ) -> web.Response:
        page = self.pages.get(page_id)
        if page is None:
            return _error(
                404,
                "-2147024809, System.ArgumentException",
                "Item does not exist. It may have been deleted by another user.",
            )
        if operation == "CheckoutPage":
            page.checked_out = True
            return _d(page.entity(self.host))
        if operation == "SavePageAsDraft":
            if not page.checked_out:
                return _not_checked_out()
            stream = (await request.json()).get("pageStream", {})
            page.draft = stream.get("CanvasContent1")
            page.draft_title = stream.get("Title") or page.title
            page.checked_out = False  # checked in as a minor version
            page.minor += 1
            return _d({"SavePageAsDraft": True})
        if operation == "PromoteToNews":
            if not page.checked_out:
                return _not_checked_out()
            if page.promoted == 0:
                page.promoted = 2 if page.published is not None else 1
            return _d({"PromoteToNews": True})
        if operation == "Publish":
            page.published, page.published_title = page.draft, page.draft_title or page.title
            page.checked_out = False
            page.major, page.minor = page.major + 1, 0
            if page.promoted == 1:
                page.promoted = 2
            return _d({"Publish": True})
        return _error(
            400,
            "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
            f"Unknown page operation {operation}.",
        )

    def _unpublish(self, path: str) -> web.Response:
        match = _UNPUBLISH.match(path)
        assert match is not None
        url = match.group(1)
        name = url.rsplit("/", 1)[-1]
        page = self.page_named(name)
        if page is None or not url.startswith(f"{self.site_path}/SitePages/"):
            return _error(404, "-2147024894, System.IO.FileNotFoundException", "File Not Found.")
        if page.published is None:
            return _error(
                400, "-2147024809, System.ArgumentException", "This file has no published version."
            )
        page.published = None
        page.published_title = None
        return _d({"UnPublish": None})

    async def _list_operation(
        self, request: web.Request, operation: str, path: str
    ) -> web.Response:
        match = _LIST.match(path)
        assert match is not None
        title, rest = match.group(1).replace("''", "'"), match.group(2) or ""
        listed = self.lists.get(title)
        if listed is None:
            return _error(
                404,
                "-1, System.ArgumentException",
                f"List '{title}' does not exist at site with URL '{self.site_url}'.",
            )
        item = _ITEM.match(rest)
        if operation == "list":
            if rest and (item is None or not item.group(2)):
                return _error(400, "-1, Microsoft.SharePoint.SPException", f"Unknown {rest}.")
            return _d(
                {
                    "__metadata": {"type": "SP.List"},
                    "Id": str(uuid.uuid5(uuid.NAMESPACE_URL, title)),
                    "Title": title,
                    "ListItemEntityTypeFullName": listed.entity_type,
                }
            )
        if operation == "find-item":
            return self._find_items(request, listed)
        if operation == "recycle-item":
            assert item is not None
            item_id = int(item.group(1))
            if item_id not in listed.items:
                return _item_missing()
            listed.recycled[item_id] = listed.items.pop(item_id)
            return _d({"Recycle": str(uuid.uuid4())})
        body = await request.json()
        fields = {k: v for k, v in body.items() if k != "__metadata"}
        unknown = listed.unknown_columns(fields)
        if unknown:
            return _error(
                400,
                "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
                f"The property '{unknown[0]}' does not exist on type '{listed.entity_type}'. "
                "Make sure to only use property names that are defined by the type.",
            )
        if operation == "add-item":
            if body.get("__metadata", {}).get("type") != listed.entity_type:
                return _error(
                    400,
                    "-1, Microsoft.SharePoint.Client.InvalidClientQueryException",
                    "A type named '…' could not be resolved by the model.",
                )
            item_id = listed.add(fields)
            return _d(_item(listed, item_id, self.host), status=201)
        assert item is not None
        item_id = int(item.group(1))
        if item_id not in listed.items:
            return _item_missing()
        listed.items[item_id].update(fields)
        return web.Response(status=204)

    def _find_items(self, request: web.Request, listed: SiteList) -> web.Response:
        match = re.fullmatch(r"(\w+) eq '(.*)'", request.query.get("$filter", ""))
        if match is None:
            return _error(400, "-1, Microsoft.SharePoint.SPException", "Bad filter.")
        column, value = match.group(1), match.group(2).replace("''", "'")
        if listed.columns is not None and column not in listed.columns | {"Title"}:
            return _error(
                400,
                "-1, System.ArgumentException",
                f"Column '{column}' does not exist. It may have been deleted by another user.",
            )
        found = [
            _item(listed, item_id, self.host)
            for item_id, fields in sorted(listed.items.items())
            if fields.get(column) == value
        ]
        return _d({"results": found})

    def _recycle(self, path: str) -> web.Response:
        match = _RECYCLE.match(path)
        assert match is not None
        url = match.group(1).replace("''", "'")
        if url not in self.files:
            return _error(404, "-2147024894, System.IO.FileNotFoundException", "File Not Found.")
        self.recycled[url] = self.files.pop(url)
        return _d({"Recycle": str(uuid.uuid4())})

    async def _upload(self, request: web.Request, path: str) -> web.Response:
        match = _UPLOAD.match(path)
        assert match is not None
        folder, overwrite, name = match.group(1), match.group(2).lower() == "true", match.group(3)
        url = f"{folder.rstrip('/')}/{name}"
        if folder.rstrip("/") in self.missing_folders:
            return _error(404, "-2147024894, System.IO.FileNotFoundException", "File Not Found.")
        if url in self.files and not overwrite:
            return _error(
                400,
                "-2130575257, Microsoft.SharePoint.SPException",
                f"A file with the name {url} already exists.",
            )
        self.files[url] = await request.read()
        return _d(
            {
                "__metadata": {"type": "SP.File"},
                "Name": name,
                "ServerRelativeUrl": url,
                "Length": str(len(self.files[url])),
            }
        )


def _operation(method: str, path: str, headers: Any) -> tuple[str, int | None]:
    lower = path.lower()
    if method == "POST" and lower == "contextinfo":
        return "contextinfo", None
    if method == "GET" and lower == "web":
        return "web", None
    if lower == "sitepages/pages":
        return ("find-page" if method == "GET" else "create-page"), None
    match = _PAGE_OPERATION.match(path)
    if match is not None and method == "POST":
        return match.group(2), int(match.group(1))
    if _UNPUBLISH.match(path) and method == "POST":
        return "unpublish", None
    if _RECYCLE.match(path) and method == "POST":
        return "recycle", None
    listed = _LIST.match(path)
    if listed is not None:
        rest = (listed.group(2) or "").lower()
        item = _ITEM.match(rest)
        if rest == "/items":
            return ("find-item" if method == "GET" else "add-item"), None
        if method == "GET":
            return "list", None
        if item is not None and item.group(2) == "/recycle":
            return "recycle-item", int(item.group(1))
        if item is not None and headers.get("X-HTTP-Method", "").upper() == "MERGE":
            return "update-item", int(item.group(1))
    if _UPLOAD.match(path) and method == "POST":
        return "upload", None
    return "unknown", None


def _d(value: Json, status: int = 200) -> web.Response:
    return web.json_response({"d": value}, status=status, content_type="application/json")


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response(
        {"error": {"code": code, "message": {"lang": "en-US", "value": message}}}, status=status
    )


def _item(listed: SiteList, item_id: int, host: str) -> Json:
    uri = f"{host}/_api/Web/lists/GetByTitle('{listed.title}')/items({item_id})"
    return {
        "__metadata": {"id": uri, "uri": uri, "type": listed.entity_type},
        "Id": item_id,
        "ID": item_id,
        **listed.items[item_id],
    }


def _item_missing() -> web.Response:
    return _error(
        404,
        "-2147024809, System.ArgumentException",
        "Item does not exist. It may have been deleted by another user.",
    )


def _not_checked_out() -> web.Response:
    return _error(
        409,
        "-2130575305, Microsoft.SharePoint.SPFileCheckOutException",
        "The page is not checked out to you.",
    )


def _unauthorized(description: str) -> web.Response:
    response = web.json_response({"error_description": description}, status=401)
    response.headers["WWW-Authenticate"] = (
        'Bearer realm="00000000-0000-0000-0000-000000000000",client_id="00000003-0000-0ff1-ce00-'
        '000000000000",trusted_issuers="00000001-0000-0000-c000-000000000000@*"'
    )
    return response
