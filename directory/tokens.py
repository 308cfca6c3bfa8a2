"""Access tokens for Microsoft Graph from Microsoft Entra, through msal.

Blocking (msal speaks ``requests``): callers run :meth:`GraphToken.get` in a worker thread.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import msal  # type: ignore[import-untyped]
import requests
from cryptography.hazmat.primitives.serialization import load_pem_private_key, pkcs12

from directory.credentials import CertificateFile, CertificateKey, ClientSecret, GraphCredentials
from directory.errors import DirectoryError, DirectoryUnreachable
from directory.session import DirectorySession
from directory.version import PARAAT_VERSION

SCOPE = "https://graph.microsoft.com/.default"
"""The app's Graph application permissions, as granted by an administrator."""
_AADSTS = re.compile(r"AADSTS\d+")


class GraphToken:
    """Gets app-only tokens for Graph (or another resource, such as SharePoint); msal keeps them
    in its cache and renews them."""

    def __init__(
        self,
        credentials: GraphCredentials,
        *,
        scope: str = SCOPE,
        service: str = "Microsoft Graph",
    ) -> None:
        """Nothing is read or sent until the first :meth:`get`.

        Args:
            credentials: The app's ids and its secret or certificate.
            scope: The resource's ``/.default`` scope (default: Microsoft Graph).
            service: The resource's name, for error messages.
        """
        self._credentials = credentials
        self._scope = scope
        self._service = service
        self._session = DirectorySession(credentials.verify)
        self._lock = threading.Lock()
        self._app: Any = None

    def get(self) -> str:
        """A valid access token: msal's cached one while it lasts, else a new one (blocking).

        Raises:
            DirectoryError: Entra refused, with what to check (never the secret).
            DirectoryUnreachable: Entra could not be reached.
        """
        app = self._msal_app()
        try:
            result = app.acquire_token_for_client(scopes=[self._scope])
        except requests.RequestException as error:
            raise _unreachable(self._credentials, error) from None
        if "access_token" not in result:
            raise _refused(result, self._credentials, self._service)
        token: str = result["access_token"]
        return token

    def forget(self) -> None:
        """Drop the cached tokens, after Graph refused one (revoked, or signed for another)."""
        with self._lock:
            if self._app is not None:
                self._app.remove_tokens_for_client()

    def close(self) -> None:
        """Close the connections to Entra."""
        self._session.close()

    def _msal_app(self) -> Any:
        # Built on first use: msal asks the authority for its endpoints when it is created.
        with self._lock:
            if self._app is None:
                self._app = _build(self._credentials, self._session)
            return self._app


def _build(credentials: GraphCredentials, session: DirectorySession) -> Any:
    client_credential = _msal_credential(credentials)
    try:
        return msal.ConfidentialClientApplication(
            credentials.client_id,
            client_credential=client_credential,
            authority=credentials.authority,
            # Paraat names its authority itself; asking Microsoft's central list whether the
            # host is a known one adds nothing for one tenant and fails for a test server.
            instance_discovery=False,
            http_client=session,
            app_name="Paraat",
            app_version=PARAAT_VERSION,
        )
    except requests.RequestException as error:
        raise _unreachable(credentials, error) from None
    except ValueError as error:
        code = _AADSTS.search(str(error))
        detail = f" ({code.group()})" if code else ""
        raise DirectoryError(
            f"Microsoft Entra at {credentials.authority_host} does not know the tenant "
            f"{credentials.tenant_id!r}{detail}: check the tenant id."
        ) from None


def _msal_credential(credentials: GraphCredentials) -> str | dict[str, str]:
    credential = credentials.credential
    match credential:
        case ClientSecret(value):
            if not value:
                raise DirectoryError("The app's client secret is empty: set the secret's value.")
            return value
        case CertificateKey():
            return _pem_credential(credential)
        case CertificateFile():
            return _pfx_credential(credential)


def _pem_credential(credential: CertificateKey) -> dict[str, str]:
    try:
        load_pem_private_key(credential.private_key.encode(), password=None)
    except (ValueError, TypeError):
        raise DirectoryError(
            "The certificate's private key is not a PEM private key without password."
        ) from None
    if credential.thumbprint:
        return {"private_key": credential.private_key, "thumbprint": credential.thumbprint}
    if credential.certificate:
        return {"private_key": credential.private_key, "public_certificate": credential.certificate}
    raise DirectoryError(
        "A certificate credential needs the certificate's thumbprint or the certificate itself."
    )


def _pfx_credential(credential: CertificateFile) -> dict[str, str]:
    # Read here first, so a bad file gets a plain message instead of one from deep in msal.
    path = credential.path
    passphrase = credential.passphrase.encode() if credential.passphrase else None
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase)
    except OSError as error:
        raise DirectoryError(
            f"Cannot read the certificate file {path} ({error.strerror or error})."
        ) from None
    except ValueError:
        raise DirectoryError(
            f"The certificate file {path} is not a PFX (PKCS #12) file Paraat can open "
            "(wrong format, or protected by a password)."
        ) from None
    if key is None or certificate is None:
        raise DirectoryError(
            f"The certificate file {path} must hold both the private key and the certificate."
        )
    expired = certificate.not_valid_after_utc
    if expired < datetime.now(UTC):
        raise DirectoryError(
            f"The certificate in {path} expired on {expired:%Y-%m-%d}: make a new one and "
            "upload it to the app registration (Certificates & secrets)."
        )
    result = {"private_key_pfx_path": str(path)}
    if credential.passphrase:
        result["passphrase"] = credential.passphrase
    return result


def _refused(
    result: Mapping[str, Any], credentials: GraphCredentials, service: str
) -> DirectoryError:
    """The error for an Entra token refusal: its code, Entra's first line, and what to check."""
    error = str(result.get("error") or "unknown_error")
    codes = [int(code) for code in result.get("error_codes") or [] if isinstance(code, int)]
    description = str(result.get("error_description") or "").splitlines()
    said = _scrub(description[0].strip(), credentials) if description else ""
    detail = f"{error}: {said}" if said else error
    return DirectoryError(
        f"Microsoft Entra refused Paraat a token for {service} "
        f"({detail}). {_hint(error, codes, credentials)}"
    )


def _hint(error: str, codes: list[int], credentials: GraphCredentials) -> str:
    app = f"app {credentials.client_id} in tenant {credentials.tenant_id}"
    if error == "invalid_tenant" or 90002 in codes:
        return "Check the tenant id."
    if error == "invalid_resource" or 500011 in codes:
        return "The tenant has no such resource: check the host name in the address used."
    if error == "unauthorized_client" or 700016 in codes:
        return f"There is no {app}: check the client id and the tenant id."
    if 7000222 in codes:
        return f"The client secret of {app} has expired: make a new one."
    if error == "invalid_client":
        if isinstance(credentials.credential, ClientSecret):
            return (
                f"Check the client secret of {app}: use the secret's value (not its id) "
                "and make sure it has not expired."
            )
        return (
            f"Check the certificate of {app}: it must be the one uploaded under "
            "Certificates & secrets, and not expired."
        )
    return f"Check the tenant id, the client id and the secret or certificate of {app}."


def _scrub(text: str, credentials: GraphCredentials) -> str:
    for secret in credentials.secrets():
        if secret:
            text = text.replace(secret, "[hidden]")
    return text


def _unreachable(credentials: GraphCredentials, error: Exception) -> DirectoryUnreachable:
    return DirectoryUnreachable(
        f"Cannot reach Microsoft Entra at {credentials.authority_host} "
        f"({type(error).__name__}): check the network, proxy and TLS settings."
    )
