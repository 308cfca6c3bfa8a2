"""A local Microsoft Entra and Microsoft Graph: sign-in for apps, groups and people, over TLS.

The real client (msal for the token, ``requests`` for Graph) talks to it unchanged:

* Entra: OpenID discovery ``/{tenant}/v2.0/.well-known/openid-configuration`` and the token
  endpoint ``/{tenant}/oauth2/v2.0/token`` for the client credentials grant, with a client
  secret or a client assertion (a JWT signed with the app's certificate, checked against the
  registered certificate: thumbprint, signature, audience, issuer, lifetime). Errors have
  Entra's shape and codes (``invalid_tenant`` AADSTS90002, ``unauthorized_client``
  AADSTS700016, ``invalid_client`` AADSTS7000215 / AADSTS700027, ...).
* Graph v1.0: ``/groups/{id}/transitiveMembers/microsoft.graph.user`` (nested groups
  resolved) and ``/users``, with ``$select``, ``$expand=manager($select=…)``, ``$top`` and
  ``@odata.nextLink`` paging (small pages, so paging is exercised). Each call checks the
  bearer token and its ``roles`` (the app's application permissions), as Graph does.
* Tokens for other resources too (a SharePoint host, :meth:`FakeGraph.add_resource`), which
  their own fakes check with :meth:`FakeGraph.token_claims`.
* Error injection (:meth:`FakeGraph.fail_next`), token revocation, and a request log.

msal accepts only an https authority, so the server serves TLS with its own self-signed
certificate; clients trust :attr:`FakeGraph.ca_file`.
"""

from __future__ import annotations

import base64
import hmac
import itertools
import secrets
import ssl
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jwt
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

Json = dict[str, Any]

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
GRAPH_AUDIENCE = "https://graph.microsoft.com"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ALL_PERMISSIONS = frozenset({"GroupMember.Read.All", "User.Read.All"})
"""What an app registered without ``permissions`` may do."""
GROUP_MEMBER_PERMISSIONS = frozenset(
    {"GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"}
)
"""Any one of these lets an app list a group's members (Microsoft's permission table)."""
USER_PERMISSIONS = frozenset({"User.Read.All", "Directory.Read.All"})
"""Any one of these lets an app list users with their department and manager."""
USER_FIELDS = frozenset(
    {"id", "displayName", "userPrincipalName", "department", "accountEnabled", "mail", "jobTitle"}
)
"""The user properties the fake knows; ``$select`` of any other is refused, as Graph does."""
DEFAULT_USER_FIELDS = ("id", "displayName", "userPrincipalName", "mail", "jobTitle")
"""Returned without ``$select``: like Graph, not ``department`` nor ``accountEnabled``."""
MAX_TOP = 999
EXPAND_PAGE_LIMIT = 100
"""With ``$expand``, Graph returns at most 100 directory objects per page whatever ``$top``."""
TOKEN_LIFETIME = 3599


def new_certificate(
    common_name: str,
    *,
    key: rsa.RSAPrivateKey | None = None,
    ip: str | None = None,
    valid_days: int = 30,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-signed certificate (and its key): an app credential, or a server's TLS identity.

    Args:
        common_name: The subject's CN.
        key: The key to certify; a fresh 2048-bit RSA key when None.
        ip: An IP address to name in the subject alternative names (for a TLS server).
        valid_days: Days from now until it expires (negative: already expired).
    """
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1) + min(timedelta(0), timedelta(days=valid_days)))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if ip is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(ip))]), critical=False
        ).add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
    return key, builder.sign(key, hashes.SHA256())


def thumbprint(certificate: x509.Certificate, algorithm: str = "sha1") -> str:
    """The certificate's thumbprint in hex, upper case (``sha1`` as Entra shows it)."""
    digest = hashes.SHA1() if algorithm == "sha1" else hashes.SHA256()
    return certificate.fingerprint(digest).hex().upper()


@dataclass
class _App:
    client_id: str
    secret: str | None
    certificate: x509.Certificate | None
    permissions: frozenset[str]


@dataclass
class _User:
    object_id: str
    display_name: str
    user_principal_name: str
    department: str | None
    manager_id: str | None
    enabled: bool

    def fields(self) -> Json:
        return {
            "id": self.object_id,
            "displayName": self.display_name,
            "userPrincipalName": self.user_principal_name,
            "department": self.department,
            "accountEnabled": self.enabled,
            "mail": self.user_principal_name,
            "jobTitle": None,
        }


@dataclass
class _Failure:
    status: int
    retry_after: str | None


@dataclass(frozen=True)
class LoggedRequest:
    """One request the fake answered.

    Attributes:
        method: ``GET`` or ``POST``.
        path: The path, without the query.
        query: The query parameters, decoded.
        status: The status the fake answered with.
        user_agent: The client's ``User-Agent``.
    """

    method: str
    path: str
    query: Mapping[str, str]
    status: int
    user_agent: str

    @property
    def is_token(self) -> bool:
        """A token request (client credentials)."""
        return self.method == "POST" and self.path.endswith("/oauth2/v2.0/token")

    @property
    def is_graph(self) -> bool:
        """A Graph request."""
        return self.path.startswith("/v1.0/")


@dataclass
class _Cursor:
    path: str
    offset: int


@dataclass
class _Directory:
    users: dict[str, _User] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)


class FakeGraph:
    """Entra and Graph for one tenant, on a free loopback port with TLS."""

    def __init__(self, tls_dir: Path, *, tenant_id: str | None = None, page_size: int = 2) -> None:
        """An idle server; :meth:`start` serves it.

        Args:
            tls_dir: A folder for the server's TLS key and the CA file clients trust.
            tenant_id: The one tenant it knows (a random GUID when None).
            page_size: The most items on a page of any collection (small, to exercise paging).
        """
        self.tenant_id = tenant_id or str(uuid.uuid4())
        self.page_size = page_size
        self.requests: list[LoggedRequest] = []
        """Every request answered, in order."""
        self._apps: dict[str, _App] = {}
        self._directory = _Directory()
        self._failures: list[_Failure] = []
        self._cursors: dict[str, _Cursor] = {}
        self._tokens: set[str] = set()
        self._resources: set[str] = set()
        self._signing_key = secrets.token_bytes(32)
        self._seen_assertions: set[str] = set()
        self._serial = itertools.count(1)
        tls_key, tls_certificate = new_certificate("Paraat test Graph", ip="127.0.0.1")
        tls_dir.mkdir(parents=True, exist_ok=True)
        self.ca_file = tls_dir / "graph-ca.pem"
        """The server's certificate: give it to clients as their CA bundle (``verify``)."""
        self.ca_file.write_bytes(tls_certificate.public_bytes(serialization.Encoding.PEM))
        key_file = tls_dir / "graph-key.pem"
        key_file.write_bytes(
            tls_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self._ssl = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._ssl.load_cert_chain(self.ca_file, key_file)
        app = web.Application(middlewares=[self._log])
        app.router.add_get(
            "/{tenant}/v2.0/.well-known/openid-configuration", self._openid_configuration
        )
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get(
            "/v1.0/groups/{group}/transitiveMembers/microsoft.graph.user", self._group_members
        )
        app.router.add_get("/v1.0/users", self._users)
        app.router.add_route("*", "/v1.0/{tail:.*}", self._unknown_segment)
        self._runner = web.AppRunner(app)
        self._port: int | None = None

    # -- serving ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on a free loopback port."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self._ssl)
        await site.start()
        address = self._runner.addresses[0]
        self._port = int(address[1])

    async def close(self) -> None:
        """Stop serving."""
        await self._runner.cleanup()

    async def __aenter__(self) -> FakeGraph:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    @property
    def url(self) -> str:
        """``https://127.0.0.1:<port>``: the authority host for msal."""
        if self._port is None:
            raise RuntimeError("FakeGraph is not started")
        return f"https://127.0.0.1:{self._port}"

    @property
    def graph_url(self) -> str:
        """Graph's base URL on this server (``…/v1.0``)."""
        return f"{self.url}/v1.0"

    # -- what it knows ---------------------------------------------------------------------

    def register_app(
        self,
        client_id: str,
        *,
        secret: str | None = None,
        certificate: x509.Certificate | None = None,
        permissions: Iterable[str] = ALL_PERMISSIONS,
    ) -> None:
        """Register an app with a secret and/or a certificate and its granted permissions."""
        self._apps[client_id] = _App(client_id, secret, certificate, frozenset(permissions))

    def add_user(
        self,
        object_id: str,
        display_name: str,
        user_principal_name: str,
        *,
        department: str | None = None,
        manager: str | None = None,
        enabled: bool = True,
    ) -> None:
        """Add a user; ``manager`` is another user's object id."""
        self._directory.users[object_id] = _User(
            object_id, display_name, user_principal_name, department, manager, enabled
        )

    def add_group(self, object_id: str, members: Iterable[str]) -> None:
        """Add a group whose members are users or other groups (by object id)."""
        self._directory.groups[object_id] = list(members)

    def add_resource(self, resource: str) -> None:
        """Let apps ask for tokens to another resource (``<resource>/.default``), e.g. a
        SharePoint host; such tokens carry it as their audience (check them with
        :meth:`token_claims`)."""
        self._resources.add(resource.rstrip("/"))

    def token_claims(self, token: str, audience: str) -> Json | None:
        """The claims of a token this Entra issued for ``audience`` and has not revoked, or None.

        ``appidacr`` tells how the app signed in, as in Entra's tokens: ``1`` with a client
        secret, ``2`` with a certificate.
        """
        if token not in self._tokens:
            return None
        try:
            claims: Json = jwt.decode(
                token, self._signing_key, algorithms=["HS256"], audience=audience
            )
        except jwt.PyJWTError:
            return None
        return claims

    def fail_next(self, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        """Answer the next ``times`` Graph requests with ``status`` (429, 401, 403, 503, ...),
        with a ``Retry-After`` header when given."""
        self._failures.extend(_Failure(status, retry_after) for _ in range(times))

    def revoke_tokens(self) -> None:
        """Every token issued so far stops working (Graph answers 401 to it)."""
        self._tokens.clear()

    def token_requests(self) -> list[LoggedRequest]:
        """The token requests so far."""
        return [request for request in self.requests if request.is_token]

    def graph_requests(self) -> list[LoggedRequest]:
        """The Graph requests so far."""
        return [request for request in self.requests if request.is_graph]

    # -- Entra ---------------------------------------------------------------------------

    @web.middleware
    async def _log(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response: web.StreamResponse = await handler(request)
        self.requests.append(
            LoggedRequest(
                request.method,
                request.path,
                dict(request.query),
                response.status,
                request.headers.get("User-Agent", ""),
            )
        )
        return response

    async def _openid_configuration(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        if tenant != self.tenant_id:
            return _entra_error(
                400,
                "invalid_tenant",
                90002,
                f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant "
                "ID and are signing into the correct cloud.",
            )
        base = f"{self.url}/{tenant}"
        return web.json_response(
            {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "private_key_jwt",
                    "client_secret_basic",
                ],
                "jwks_uri": f"{base}/discovery/v2.0/keys",
                "response_modes_supported": ["query", "fragment", "form_post"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
                "scopes_supported": ["openid", "profile", "email", "offline_access"],
                "issuer": f"{base}/v2.0",
                "request_uri_parameter_supported": False,
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
                "end_session_endpoint": f"{base}/oauth2/v2.0/logout",
                "tenant_region_scope": "EU",
                "cloud_instance_name": "microsoftonline.com",
            }
        )

    async def _token(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        if tenant != self.tenant_id:
            return _entra_error(400, "invalid_tenant", 90002, f"Tenant '{tenant}' not found.")
        form = await request.post()
        fields = {name: str(value) for name, value in form.items()}
        if fields.get("grant_type") != "client_credentials":
            return _entra_error(
                400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."
            )
        client_id = fields.get("client_id", "")
        app = self._apps.get(client_id)
        if app is None:
            return _entra_error(
                400,
                "unauthorized_client",
                700016,
                f"Application with identifier '{client_id}' was not found in the directory "
                f"'{self.tenant_id}'.",
            )
        scope = fields.get("scope", "")
        resource = scope.removesuffix("/.default")
        if scope != GRAPH_SCOPE and not (
            scope.endswith("/.default") and resource in self._resources
        ):
            return _entra_error(
                400,
                "invalid_scope",
                1002012,
                f"The provided value for scope {fields.get('scope')} is not valid. Client "
                "credential flows must have a scope value with /.default suffixed.",
            )
        refusal = self._check_client(app, fields, f"{self.url}/{tenant}/oauth2/v2.0/token")
        if refusal is not None:
            return refusal
        return web.json_response(
            {
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME,
                "ext_expires_in": TOKEN_LIFETIME,
                "access_token": self._issue(
                    app,
                    GRAPH_AUDIENCE if scope == GRAPH_SCOPE else resource,
                    "2" if "client_assertion" in fields else "1",
                ),
            }
        )

    def _check_client(
        self, app: _App, fields: Mapping[str, str], endpoint: str
    ) -> web.Response | None:
        if "client_secret" in fields:
            given = fields["client_secret"].encode()
            if app.secret is not None and hmac.compare_digest(given, app.secret.encode()):
                return None
            return _entra_error(
                401,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is "
                f"the client secret value, not the client secret ID, for a secret added to app "
                f"'{app.client_id}'.",
            )
        if "client_assertion" in fields:
            if fields.get("client_assertion_type") != ASSERTION_TYPE:
                return _entra_error(400, "invalid_request", 50027, "Invalid client_assertion_type.")
            problem = self._assertion_problem(app, fields["client_assertion"], endpoint)
            if problem is None:
                return None
            code, description = problem
            return _entra_error(401, "invalid_client", code, description)
        return _entra_error(
            400,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or "
            "'client_secret'.",
        )

    def _assertion_problem(
        self, app: _App, assertion: str, endpoint: str
    ) -> tuple[int, str] | None:
        try:
            header = jwt.get_unverified_header(assertion)
        except jwt.PyJWTError:
            return 50012, "The client assertion is not a JWT."
        certificate = app.certificate
        if certificate is None or not _names_certificate(header, certificate):
            return (
                700027,
                "The certificate with identifier used to sign the client assertion is not "
                f"registered on application {app.client_id}.",
            )
        try:
            claims = jwt.decode(
                assertion,
                certificate.public_key(),  # type: ignore[arg-type]
                algorithms=["PS256", "RS256"],
                audience=endpoint,
                issuer=app.client_id,
                options={"require": ["exp", "iat", "aud", "iss", "sub", "jti"]},
            )
        except jwt.ExpiredSignatureError:
            return 700024, "Client assertion is not within its valid time range."
        except jwt.PyJWTError as error:
            return 700027, f"Client assertion failed signature validation ({error})."
        if claims["sub"] != app.client_id:
            return 700023, "The client assertion's subject is not the client id."
        # msal signs one assertion and reuses it for some minutes, and Entra accepts that, so
        # a repeated ``jti`` is only noted, not refused.
        self._seen_assertions.add(claims["jti"])
        return None

    def _issue(self, app: _App, audience: str, how: str) -> str:
        now = int(time.time())
        token = jwt.encode(
            {
                "aud": audience,
                "appidacr": how,
                "iss": f"https://sts.windows.net/{self.tenant_id}/",
                "tid": self.tenant_id,
                "appid": app.client_id,
                "roles": sorted(app.permissions),
                "iat": now,
                "nbf": now,
                "exp": now + TOKEN_LIFETIME,
                "uti": f"token-{next(self._serial)}",
            },
            self._signing_key,
            algorithm="HS256",
        )
        self._tokens.add(token)
        return token

    # -- Graph -------------------------------------------------------------------------------

    async def _group_members(self, request: web.Request) -> web.Response:
        refusal = self._refusal(request, GROUP_MEMBER_PERMISSIONS)
        if refusal is not None:
            return refusal
        group = request.match_info["group"]
        if group not in self._directory.groups:
            return _graph_error(
                404,
                "Request_ResourceNotFound",
                f"Resource '{group}' does not exist or one of its queried reference-property "
                "objects are not present.",
            )
        users = [self._directory.users[oid] for oid in self._transitive_users(group)]
        return self._collection(request, users, allow_expand=False)

    async def _users(self, request: web.Request) -> web.Response:
        refusal = self._refusal(request, USER_PERMISSIONS)
        if refusal is not None:
            return refusal
        return self._collection(request, list(self._directory.users.values()), allow_expand=True)

    async def _unknown_segment(self, request: web.Request) -> web.Response:
        return _graph_error(
            400, "BadRequest", f"Resource not found for the segment '{request.path}'."
        )

    def _refusal(self, request: web.Request, accepted: frozenset[str]) -> web.Response | None:
        if self._failures:
            failure = self._failures.pop(0)
            return _injected(failure)
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer ") or not header.removeprefix("Bearer ").strip():
            return _graph_error(401, "InvalidAuthenticationToken", "Access token is empty.")
        token = header.removeprefix("Bearer ").strip()
        try:
            claims = jwt.decode(
                token, self._signing_key, algorithms=["HS256"], audience=GRAPH_AUDIENCE
            )
        except jwt.ExpiredSignatureError:
            return _graph_error(
                401,
                "InvalidAuthenticationToken",
                "Lifetime validation failed, the token is expired.",
            )
        except jwt.PyJWTError:
            return _graph_error(
                401, "InvalidAuthenticationToken", "Access token validation failure."
            )
        if token not in self._tokens:
            return _graph_error(401, "InvalidAuthenticationToken", "Access token has been revoked.")
        if claims.get("tid") != self.tenant_id:
            return _graph_error(401, "InvalidAuthenticationToken", "Invalid tenant.")
        if not accepted & set(claims.get("roles", [])):
            return _graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
            )
        return None

    def _transitive_users(self, group: str) -> list[str]:
        found: dict[str, None] = {}
        seen_groups = {group}
        pending = [group]
        while pending:
            for member in self._directory.groups[pending.pop()]:
                if member in self._directory.groups:
                    if member not in seen_groups:
                        seen_groups.add(member)
                        pending.append(member)
                elif member in self._directory.users:
                    found[member] = None
        return list(found)

    def _collection(
        self, request: web.Request, users: list[_User], *, allow_expand: bool
    ) -> web.Response:
        query = request.query
        try:
            selected = _selection(query.get("$select"), DEFAULT_USER_FIELDS)
            if not allow_expand and "$expand" in query:
                raise _BadQuery("Expand is not supported on this collection.")
            manager_fields = _manager_expansion(query.get("$expand"))
            top = _top(query.get("$top"))
            offset = self._offset(request)
        except _BadQuery as error:
            return _graph_error(400, "Request_BadRequest", str(error))
        limit = min(top or 100, self.page_size)
        if manager_fields is not None:
            limit = min(limit, EXPAND_PAGE_LIMIT)
        page = users[offset : offset + limit]
        values = []
        for user in page:
            fields = user.fields()
            item = {name: fields[name] for name in selected}
            if manager_fields is not None and user.manager_id in self._directory.users:
                manager = self._directory.users[user.manager_id].fields()
                item["manager"] = {"@odata.type": "#microsoft.graph.user"} | {
                    name: manager[name] for name in manager_fields
                }
            values.append(item)
        body: Json = {"@odata.context": f"{self.graph_url}/$metadata#users", "value": values}
        if offset + limit < len(users):
            body["@odata.nextLink"] = self._next_link(request, offset + limit)
        return web.json_response(body)

    def _offset(self, request: web.Request) -> int:
        token = request.query.get("$skiptoken")
        if token is None:
            return 0
        cursor = self._cursors.get(token)
        if cursor is None or cursor.path != request.path:
            raise _BadQuery("Invalid skip token.")
        return cursor.offset

    def _next_link(self, request: web.Request, offset: int) -> str:
        token = base64.urlsafe_b64encode(secrets.token_bytes(18)).decode()
        self._cursors[token] = _Cursor(request.path, offset)
        params = {name: value for name, value in request.query.items() if name != "$skiptoken"}
        params["$skiptoken"] = token
        return f"{self.url}{request.path}?{urlencode(params, safe='$,()=')}"


class _BadQuery(ValueError):
    pass


def _selection(value: str | None, default: Iterable[str]) -> list[str]:
    if value is None:
        return list(default)
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        if name not in USER_FIELDS:
            raise _BadQuery(
                f"Could not find a property named '{name}' on type 'microsoft.graph.user'."
            )
    return names


def _manager_expansion(value: str | None) -> list[str] | None:
    if value is None:
        return None
    text = value.strip()
    if text == "manager":
        return list(DEFAULT_USER_FIELDS)
    if text.startswith("manager(") and text.endswith(")"):
        inner = text.removeprefix("manager(").removesuffix(")")
        if inner.startswith("$select="):
            return _selection(inner.removeprefix("$select="), DEFAULT_USER_FIELDS)
    raise _BadQuery(
        f"Parsing OData Select and Expand failed: could not expand '{text}' on type "
        "'microsoft.graph.user'."
    )


def _top(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_TOP:
        raise _BadQuery(
            f"Invalid page size specified: '{value}'. Must be between 1 and {MAX_TOP} inclusive."
        )
    return int(value)


def _names_certificate(header: Mapping[str, Any], certificate: x509.Certificate) -> bool:
    # Base64url with or without padding: msal pads, the JOSE spec does not.
    sha256 = header.get("x5t#S256")
    if isinstance(sha256, str):
        return sha256.rstrip("=") == _b64(certificate.fingerprint(hashes.SHA256()))
    sha1 = header.get("x5t")
    return isinstance(sha1, str) and sha1.rstrip("=") == _b64(
        certificate.fingerprint(hashes.SHA1())
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _entra_error(status: int, error: str, code: int, description: str) -> web.Response:
    now = datetime.now(UTC)
    trace = uuid.uuid4()
    return web.json_response(
        {
            "error": error,
            "error_description": (
                f"AADSTS{code}: {description}\r\nTrace ID: {trace}\r\n"
                f"Correlation ID: {uuid.uuid4()}\r\nTimestamp: {now:%Y-%m-%d %H:%M:%SZ}"
            ),
            "error_codes": [code],
            "timestamp": f"{now:%Y-%m-%d %H:%M:%SZ}",
            "trace_id": str(trace),
            "correlation_id": str(uuid.uuid4()),
            "error_uri": f"https://login.microsoftonline.com/error?code={code}",
        },
        status=status,
    )


def _graph_error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> web.Response:
    now = datetime.now(UTC)
    return web.json_response(
        {
            "error": {
                "code": code,
                "message": message,
                "innerError": {
                    "date": f"{now:%Y-%m-%dT%H:%M:%S}",
                    "request-id": str(uuid.uuid4()),
                    "client-request-id": str(uuid.uuid4()),
                },
            }
        },
        status=status,
        headers=headers,
    )


_INJECTED = {
    401: ("InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."),
    403: ("Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
    404: ("Request_ResourceNotFound", "Resource does not exist."),
    429: ("TooManyRequests", "Too many requests."),
    503: ("serviceNotAvailable", "The service is temporarily unavailable."),
    504: ("UnknownError", "The gateway timed out."),
}


def _injected(failure: _Failure) -> web.Response:
    code, message = _INJECTED.get(failure.status, ("UnknownError", "Injected failure."))
    headers = {"Retry-After": failure.retry_after} if failure.retry_after is not None else None
    return _graph_error(failure.status, code, message, headers)
