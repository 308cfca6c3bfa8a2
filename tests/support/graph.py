"""A small organisation in the fake Graph, and the app credentials that reach it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from directory.credentials import Credential, GraphCredentials
from directory.graph import GraphDirectory
from directory.retry import RetryPolicy
from testkit.graph_server import FakeGraph, new_certificate

SECRET = "paraat-test-secret-0123456789"
"""The client secret the tests' app is registered with."""

MakeDirectory = Callable[..., GraphDirectory]
"""The ``make_directory`` fixture: (credential=None, *, app=None, retry=…, **credential changes)."""


def new_id() -> str:
    """A fresh Entra object id."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Person:
    """A user the organisation below puts in the fake directory."""

    object_id: str
    name: str
    department: str | None
    manager: Person | None = None
    enabled: bool = True

    @property
    def upn(self) -> str:
        """The sign-in name."""
        return f"{self.name.lower()}@gemeente.example"


@dataclass(frozen=True)
class Organisation:
    """Five people, one disabled, and an authors group with a nested group (and a cycle)."""

    people: tuple[Person, ...]
    authors_group: str
    communications_group: str
    authors: frozenset[str]
    """The object ids the authors group holds, nested groups included."""


def small_organisation(graph: FakeGraph) -> Organisation:
    """Put the organisation in ``graph`` and describe it."""
    bert = Person(new_id(), "Bert", "ICT")
    anna = Person(new_id(), "Anna", "ICT", manager=bert)
    carla = Person(new_id(), "Carla", "Communicatie", manager=bert)
    daan = Person(new_id(), "Daan", "Communicatie", manager=carla, enabled=False)
    eva = Person(new_id(), "Eva", None, manager=carla)
    people = (anna, bert, carla, daan, eva)
    for person in people:
        graph.add_user(
            person.object_id,
            person.name,
            person.upn,
            department=person.department,
            manager=person.manager.object_id if person.manager else None,
            enabled=person.enabled,
        )
    authors, communications = new_id(), new_id()
    # Communications is nested in the authors group, and (a cycle) holds it in turn.
    graph.add_group(authors, [anna.object_id, communications])
    graph.add_group(communications, [carla.object_id, eva.object_id, anna.object_id, authors])
    return Organisation(
        people=people,
        authors_group=authors,
        communications_group=communications,
        authors=frozenset({anna.object_id, carla.object_id, eva.object_id}),
    )


@dataclass(frozen=True)
class AppCertificate:
    """An app's certificate credential in the forms Paraat accepts."""

    certificate: x509.Certificate
    key_pem: str
    certificate_pem: str
    pfx: Path


def app_certificate(folder: Path, *, valid_days: int = 30) -> AppCertificate:
    """A fresh self-signed app certificate, also written as a PFX without password."""
    key, certificate = new_certificate("Paraat app", valid_days=valid_days)
    folder.mkdir(parents=True, exist_ok=True)
    pfx = folder / f"app-{uuid.uuid4().hex[:8]}.pfx"
    pfx.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"paraat", key, certificate, None, serialization.NoEncryption()
        )
    )
    return AppCertificate(
        certificate=certificate,
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        pfx=pfx,
    )


def credentials_for(graph: FakeGraph, client_id: str, credential: Credential) -> GraphCredentials:
    """Credentials that sign in at ``graph`` and trust its TLS certificate."""
    return GraphCredentials(
        tenant_id=graph.tenant_id,
        client_id=client_id,
        credential=credential,
        authority_host=graph.url,
        graph_url=graph.graph_url,
        verify=str(graph.ca_file),
    )


QUICK_RETRY = RetryPolicy(attempts=3, first_wait=0.01, longest_wait=2.0, jitter=lambda: 0.0)
"""Three tries with short waits, so giving up takes no time."""


@dataclass
class RecordedSleep:
    """An ``asyncio.sleep`` that also records how long it was asked to wait."""

    waits: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        """Record, then really wait."""
        self.waits.append(seconds)
        await asyncio.sleep(seconds)


@dataclass
class ManualClock:
    """A monotonic clock that moves only when told."""

    now: float = 1000.0

    def __call__(self) -> float:
        """The current reading."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock on."""
        self.now += seconds
