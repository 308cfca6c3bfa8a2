"""A real PostgreSQL server for the test suite and the benchmarks.

Two sources, one interface (:class:`PostgresServer`):

* ``PARAAT_TEST_POSTGRES_URL`` set (see :func:`external_postgres_url`): an already running
  server that CI or a developer provides, given as an admin URL such as
  ``postgresql+asyncpg://postgres:secret@127.0.0.1:5432/postgres``. :class:`ExternalPostgres`
  creates and drops throwaway databases on it. (For TLS use asyncpg's ``?ssl=require``; libpq's
  ``sslmode`` is not understood by asyncpg.)
* otherwise :class:`PostgresCluster` runs a throwaway cluster from the local server binaries
  (:func:`find_pg_bin`; Debian/Ubuntu package ``postgresql``): ``initdb`` into a fresh directory
  under the temp dir, then the postmaster on 127.0.0.1 and a free port, tuned for tests
  (``fsync``, ``synchronous_commit`` and ``full_page_writes`` off). PostgreSQL refuses to run as
  root, so when the current user is root every server program runs as the ``postgres`` OS user
  and the cluster directory is owned by it.

:func:`postgres_unavailable_reason` says why neither can be had, so the suite can fail loudly in
CI and skip loudly elsewhere; :func:`postgres_server` picks the right source.

No server is left behind:

1. :meth:`PostgresCluster.close` (also ``__exit__``) shuts the server down ("immediate" mode,
   SIGQUIT) and removes its directory; an ``atexit`` hook closes any cluster still open when the
   interpreter exits (e.g. after Ctrl-C skipped the teardown).
2. The postmaster is started directly (not via ``pg_ctl start``, which detaches it from us) as a
   child process in its own session, so Ctrl-C in the terminal reaches only the test run, which
   then shuts it down in order. On Linux the child gets ``PR_SET_PDEATHSIG`` = SIGQUIT: if the
   test process dies without running any Python cleanup (SIGKILL, SIGTERM, a crash), the kernel
   tells the postmaster to shut down at once, and its backends follow.
3. Each cluster directory records the test process id; a later :class:`PostgresCluster` removes
   directories (and stops any server still running in them) left by processes that are gone.

Admin work (``CREATE``/``DROP DATABASE``) uses SQLAlchemy with asyncpg on a private event loop
in a worker thread, so it is synchronous, safe to call from fixtures that already run inside an
event loop, and needs no ``psql`` (an external server may come without client programs).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.pool import NullPool

__all__ = [
    "EXTERNAL_URL_ENV",
    "ExternalPostgres",
    "PostgresCluster",
    "PostgresServer",
    "PostgresStartError",
    "PostgresUnavailableError",
    "external_postgres_url",
    "find_pg_bin",
    "postgres_server",
    "postgres_unavailable_reason",
    "unique_database_name",
]

EXTERNAL_URL_ENV = "PARAAT_TEST_POSTGRES_URL"
"""Environment variable holding the admin URL of an already running server."""

PG_LIB_ROOT = Path("/usr/lib/postgresql")
CLUSTER_DIR_PREFIX = "paraat-pg-"
SERVER_OS_USER = "postgres"
SUPERUSER = "postgres"

_SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
_OWNER_FILE = "owner.pid"
_DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_PROTECTED_DATABASES = frozenset({"postgres", "template0", "template1"})
_BIND_FAILURES = ("could not bind", "Address already in use", "could not create any TCP/IP")
_PORT_ATTEMPTS = 5
_PR_SET_PDEATHSIG = 1
_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "logging_collector": "off",
}

_T = TypeVar("_T")


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL can be had here; the message says why."""


class PostgresStartError(RuntimeError):
    """The throwaway cluster could not be initialised or started; includes the log tail."""


class PostgresServer(Protocol):
    """What the test suite needs from a PostgreSQL server, whichever source it comes from."""

    @property
    def admin_url(self) -> str:
        """``postgresql+asyncpg://`` URL of the server's maintenance database."""
        ...

    def database_url(self, name: str) -> str:
        """``postgresql+asyncpg://`` URL of database ``name`` on this server."""
        ...

    def create_database(self, name: str) -> str:
        """Create empty database ``name``; return its ``postgresql+asyncpg://`` URL."""
        ...

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, disconnecting its other sessions first."""
        ...

    def close(self) -> None:
        """Release the server (stop it if this process started it)."""
        ...


# --------------------------------------------------------------------------------------------
# Discovery


def _has_server_programs(bindir: Path) -> bool:
    return all(os.access(bindir / program, os.X_OK) for program in _SERVER_PROGRAMS)


def _version_key(bindir: Path) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in bindir.parent.name.split("."))
    except ValueError:
        return (-1,)


def find_pg_bin() -> Path | None:
    """Directory of the newest local PostgreSQL server programs, or ``None``.

    Looks at ``/usr/lib/postgresql/<version>/bin`` (Debian/Ubuntu), then ``pg_config --bindir``,
    then the directory of ``initdb`` on ``PATH``. A directory counts only if it has ``initdb``,
    ``pg_ctl`` and ``postgres``.
    """
    for bindir in sorted(PG_LIB_ROOT.glob("*/bin"), key=_version_key, reverse=True):
        if _has_server_programs(bindir):
            return bindir
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        try:
            completed = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            pass
        else:
            bindir = Path(completed.stdout.strip())
            if completed.stdout.strip() and _has_server_programs(bindir):
                return bindir
    initdb = shutil.which("initdb")
    if initdb is not None:
        bindir = Path(initdb).resolve().parent
        if _has_server_programs(bindir):
            return bindir
    return None


def external_postgres_url() -> str | None:
    """The admin URL in ``PARAAT_TEST_POSTGRES_URL``, or ``None`` when unset or blank."""
    value = os.environ.get(EXTERNAL_URL_ENV, "").strip()
    return value or None


def _server_account() -> pwd.struct_passwd | None:
    """The OS account to run server programs as: ``postgres`` when we are root, else ourselves.

    ``None`` means "the current user". Raises :class:`PostgresUnavailableError` when root and
    there is no ``postgres`` account.
    """
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_OS_USER)
    except KeyError:
        raise PostgresUnavailableError(
            f"running as root, PostgreSQL refuses to run as root, and there is no "
            f"{SERVER_OS_USER!r} OS user to run it as (it comes with the 'postgresql' package); "
            f"or set {EXTERNAL_URL_ENV} to the admin URL of a running server"
        ) from None


def postgres_unavailable_reason() -> str | None:
    """Why the suite can get no PostgreSQL here, or ``None`` when it can.

    ``None`` when ``PARAAT_TEST_POSTGRES_URL`` is set (that server is trusted to be up) or when
    local server programs are found and can be run.
    """
    if external_postgres_url() is not None:
        return None
    if find_pg_bin() is None:
        return (
            f"no PostgreSQL server programs (initdb, pg_ctl, postgres) found in "
            f"{PG_LIB_ROOT}/*/bin, `pg_config --bindir` or PATH, and {EXTERNAL_URL_ENV} is not "
            f"set: install the server (apt-get install postgresql) or set {EXTERNAL_URL_ENV} to "
            f"an admin URL such as postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
        )
    try:
        _server_account()
    except PostgresUnavailableError as error:
        return str(error)
    return None


def unique_database_name(prefix: str = "paraat_test") -> str:
    """A fresh database name, e.g. ``paraat_test_1f2e3d4c5b6a``."""
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


# --------------------------------------------------------------------------------------------
# Admin work (CREATE / DROP DATABASE) through SQLAlchemy + asyncpg


def _asyncpg_url(url: str) -> str:
    """``url`` with the ``postgresql+asyncpg`` driver; rejects non-PostgreSQL URLs."""
    parsed = make_url(url)
    backend = parsed.drivername.split("+", 1)[0]
    if backend not in ("postgresql", "postgres"):
        raise ValueError(f"not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _check_database_name(name: str) -> str:
    if not _DATABASE_NAME.fullmatch(name):
        raise ValueError(
            f"database name {name!r} must match {_DATABASE_NAME.pattern} "
            f"(lower case, digits, underscores; at most 63 characters)"
        )
    return name


def _run_sync(factory: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run a coroutine to completion on a private loop in a worker thread and return its result.

    Works whether or not the calling thread is already running an event loop.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgres-admin") as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()


def _server_version(connection: AsyncConnection) -> tuple[int, ...]:
    info = connection.dialect.server_version_info
    if info is None:
        return (0,)
    return tuple(part for part in info if isinstance(part, int))


async def _create_database(admin_url: str, name: str) -> None:
    engine = create_async_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


async def _drop_database(admin_url: str, name: str) -> None:
    engine = create_async_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            version = _server_version(connection)
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            force = " WITH (FORCE)" if version >= (13,) else ""
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"{force}'))
    finally:
        await engine.dispose()


class _AdminMixin:
    """``create_database``/``drop_database`` over ``self.admin_url``."""

    @property
    def admin_url(self) -> str:
        raise NotImplementedError

    def database_url(self, name: str) -> str:
        return _with_database(self.admin_url, _check_database_name(name))

    def create_database(self, name: str) -> str:
        _check_database_name(name)
        admin_url = self.admin_url
        _run_sync(lambda: _create_database(admin_url, name))
        return self.database_url(name)

    def drop_database(self, name: str) -> None:
        _check_database_name(name)
        if name in _PROTECTED_DATABASES or name == make_url(self.admin_url).database:
            raise ValueError(f"refusing to drop database {name!r}")
        admin_url = self.admin_url
        _run_sync(lambda: _drop_database(admin_url, name))


class ExternalPostgres(_AdminMixin):
    """An already running server, given by its admin URL (see ``PARAAT_TEST_POSTGRES_URL``).

    Only databases created through :meth:`create_database` should be dropped; pick unique names
    (:func:`unique_database_name`) when the server is shared.
    """

    def __init__(self, admin_url: str) -> None:
        self._admin_url = _asyncpg_url(admin_url)

    @property
    def admin_url(self) -> str:
        return self._admin_url

    def close(self) -> None:
        """Nothing to release: the server is not ours."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# --------------------------------------------------------------------------------------------
# Throwaway local cluster


_open_clusters: set[PostgresCluster] = set()
_open_clusters_lock = threading.Lock()


def _close_open_clusters() -> None:
    with _open_clusters_lock:
        clusters = list(_open_clusters)
    for cluster in clusters:
        with contextlib.suppress(Exception):
            cluster.close()


atexit.register(_close_open_clusters)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unreachable_ancestor(path: Path, account: pwd.struct_passwd) -> Path | None:
    """The first ancestor of ``path`` that ``account`` cannot traverse, if any."""
    resolved = path.resolve()
    for directory in [*reversed(resolved.parents), resolved]:
        mode = directory.stat()
        if mode.st_uid == account.pw_uid:
            allowed = bool(mode.st_mode & stat.S_IXUSR)
        elif mode.st_gid == account.pw_gid:
            allowed = bool(mode.st_mode & stat.S_IXGRP)
        else:
            allowed = bool(mode.st_mode & stat.S_IXOTH)
        if not allowed:
            return directory
    return None


def _stop_stray_postmaster(data_dir: Path) -> None:
    """Stop a postmaster still serving ``data_dir`` (Linux only: needs /proc to be sure)."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError, IndexError):
        return
    if os.fsencode(str(data_dir)) not in cmdline:
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGQUIT)
    deadline = time.monotonic() + 10
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)  # the postmaster leads its own session and group


def _remove_stale_clusters(base_dir: Path) -> None:
    """Remove cluster directories whose test process is gone, stopping their servers."""
    for directory in base_dir.glob(f"{CLUSTER_DIR_PREFIX}*"):
        try:
            owner = int((directory / _OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue  # not ours to judge, or still being set up
        if _pid_alive(owner):
            continue
        _stop_stray_postmaster(directory / "data")
        shutil.rmtree(directory, ignore_errors=True)


def _parent_death_signal() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child receive SIGQUIT when this process dies (Linux).

    The kernel ties the setting to the creating *thread*, so it is only used from the main
    thread; elsewhere, ``None`` (the atexit hook and the stale-directory sweep remain).
    """
    if not sys.platform.startswith("linux"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def set_parent_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGQUIT))
        if os.getppid() != parent:  # the parent died before the setting took effect
            os._exit(1)

    return set_parent_death_signal


def _log_tail(path: Path, start: int = 0, lines: int = 40) -> str:
    try:
        with path.open("rb") as log:
            log.seek(start)
            content = log.read().decode("utf-8", "replace")
    except OSError as error:
        return f"(no server log: {error})"
    tail = content.splitlines()[-lines:]
    return "\n".join(tail) if tail else "(server log is empty)"


class PostgresCluster(_AdminMixin):
    """A throwaway PostgreSQL cluster, for one test session.

    ``with PostgresCluster() as cluster:`` runs ``initdb`` into a fresh directory
    ``<base_dir>/paraat-pg-XXXXXXXX`` (``base_dir`` defaults to the temp dir; as root, every
    directory above it must be traversable by the ``postgres`` user, which pytest's
    ``tmp_path_factory`` directories are not), starts the server on 127.0.0.1 and a free port
    (unix socket in that directory) and waits until it accepts connections. Leaving the block,
    :meth:`close` or interpreter exit stops it and removes the directory.

    Superuser ``postgres``, trust authentication, maintenance database ``postgres``.
    """

    def __init__(
        self,
        bin_dir: Path | None = None,
        base_dir: Path | None = None,
        *,
        startup_timeout: float = 60.0,
    ) -> None:
        found = bin_dir if bin_dir is not None else find_pg_bin()
        if found is None:
            raise PostgresUnavailableError(
                postgres_unavailable_reason() or "no PostgreSQL server programs found"
            )
        self.bin_dir = found
        self.base_dir = Path(base_dir) if base_dir is not None else Path(tempfile.gettempdir())
        self.startup_timeout = startup_timeout
        self._account = _server_account()
        self._directory: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._port: int | None = None
        self.startup_seconds: float | None = None
        """Seconds :meth:`start` took (initdb + server start-up), once started."""

    # -- public properties --------------------------------------------------------------------

    @property
    def directory(self) -> Path:
        """The cluster's own directory (data, socket and log)."""
        if self._directory is None:
            raise RuntimeError("the cluster is not started")
        return self._directory

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @property
    def log_path(self) -> Path:
        return self.directory / "server.log"

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        if self._port is None or self._process is None:
            raise RuntimeError("the cluster is not running")
        return self._port

    @property
    def admin_url(self) -> str:
        """``postgresql+asyncpg://postgres@127.0.0.1:PORT/postgres``."""
        return f"postgresql+asyncpg://{SUPERUSER}@{self.host}:{self.port}/postgres"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Initialise and start the cluster; on failure clean up and raise."""
        if self._directory is not None:
            raise RuntimeError("the cluster was already started")
        began = time.monotonic()
        with contextlib.suppress(OSError):
            _remove_stale_clusters(self.base_dir)
        try:
            self._make_directory()
            self._initdb()
            self._start_server()
        except BaseException:
            self.close()
            raise
        self.startup_seconds = time.monotonic() - began

    def close(self) -> None:
        """Stop the server (immediate shutdown) and remove the cluster directory. Idempotent."""
        try:
            self._stop_server()
        finally:
            with _open_clusters_lock:
                _open_clusters.discard(self)
            if self._directory is not None:
                shutil.rmtree(self._directory, ignore_errors=True)
                self._directory = None
            self._port = None

    stop = close

    # -- internals ----------------------------------------------------------------------------

    def _run_kwargs(self) -> dict[str, Any]:
        """``subprocess`` arguments that run a server program as the right OS user."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_ALL"] = "C"
        kwargs: dict[str, Any] = {"cwd": self.directory, "env": env}
        if self._account is not None:
            env.update(
                HOME=self._account.pw_dir,
                USER=self._account.pw_name,
                LOGNAME=self._account.pw_name,
            )
            kwargs.update(user=self._account.pw_uid, group=self._account.pw_gid, extra_groups=[])
        return kwargs

    def _make_directory(self) -> None:
        if self._account is not None:
            blocked = _unreachable_ancestor(self.base_dir, self._account)
            if blocked is not None:
                raise PostgresStartError(
                    f"the {self._account.pw_name!r} user cannot enter {blocked}, so it cannot "
                    f"run a cluster under {self.base_dir}; use a base_dir it can reach "
                    f"(the default, {tempfile.gettempdir()}, normally works)"
                )
        directory = Path(tempfile.mkdtemp(prefix=CLUSTER_DIR_PREFIX, dir=self.base_dir))
        self._directory = directory
        with _open_clusters_lock:
            _open_clusters.add(self)
        (directory / _OWNER_FILE).write_text(f"{os.getpid()}\n")
        directory.chmod(0o700)
        if self._account is not None:
            os.chown(directory, self._account.pw_uid, self._account.pw_gid)

    def _initdb(self) -> None:
        command = [
            str(self.bin_dir / "initdb"),
            "--pgdata",
            str(self.data_dir),
            "--auth",
            "trust",
            "--username",
            SUPERUSER,
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]
        try:
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                check=True,
                timeout=max(self.startup_timeout, 60.0),
                **self._run_kwargs(),
            )
        except subprocess.CalledProcessError as error:
            output = (error.stdout or b"") + (error.stderr or b"")
            raise PostgresStartError(
                f"initdb failed (exit {error.returncode}):\n"
                + output.decode("utf-8", "replace").strip()
            ) from None
        except subprocess.TimeoutExpired as error:
            raise PostgresStartError(f"initdb took longer than {error.timeout} s") from None

    def _start_server(self) -> None:
        for attempt in range(1, _PORT_ATTEMPTS + 1):
            port = _free_port()
            log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
            self._spawn(port)
            failure = self._wait_until_ready()
            if failure is None:
                self._port = port
                return
            self._stop_server()
            tail = _log_tail(self.log_path, log_start)
            bind_failure = any(marker in tail for marker in _BIND_FAILURES)
            if not (bind_failure and attempt < _PORT_ATTEMPTS):
                raise PostgresStartError(
                    f"PostgreSQL ({self.bin_dir}) did not start on 127.0.0.1:{port}: {failure}\n"
                    f"--- server log (tail) ---\n{tail}"
                )

    def _spawn(self, port: int) -> None:
        command = [str(self.bin_dir / "postgres"), "-D", str(self.data_dir), "-p", str(port)]
        command += ["-c", f"unix_socket_directories={self.directory}"]
        for name, value in _SETTINGS.items():
            command += ["-c", f"{name}={value}"]
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_parent_death_signal(),
                **self._run_kwargs(),
            )

    def _wait_until_ready(self) -> str | None:
        """``None`` once the server accepts connections, else why it never will."""
        process = self._process
        assert process is not None
        pid_file = self.data_dir / "postmaster.pid"
        deadline = time.monotonic() + self.startup_timeout
        while True:
            returncode = process.poll()
            if returncode is not None:
                return f"the server exited with status {returncode}"
            try:
                lines = pid_file.read_text().splitlines()
            except OSError:
                lines = []
            # Line 8 is the postmaster status; "ready" is what `pg_ctl start -w` waits for.
            if len(lines) >= 8 and lines[0].strip() == str(process.pid):
                if lines[7].strip() == "ready":
                    return None
            if time.monotonic() > deadline:
                return f"not ready after {self.startup_timeout} s"
            time.sleep(0.01)

    def _stop_server(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGQUIT)  # immediate shutdown
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(process.pid, signal.SIGKILL)  # postmaster and its backends
                process.wait()


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """The server the suite should use: ``PARAAT_TEST_POSTGRES_URL`` or a throwaway cluster.

    Raises :class:`PostgresUnavailableError` (see :func:`postgres_unavailable_reason`).
    """
    url = external_postgres_url()
    if url is not None:
        with ExternalPostgres(url) as external:
            yield external
        return
    reason = postgres_unavailable_reason()
    if reason is not None:
        raise PostgresUnavailableError(reason)
    with PostgresCluster() as cluster:
        yield cluster
