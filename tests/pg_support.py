"""A throwaway PostgreSQL server for the tests that run the gateway's store on both backends.

Why a server of our own rather than one from the environment: CI starts with nothing running, and the
tests must not touch a real database. Debian's PostgreSQL binaries (`/usr/lib/postgresql/<v>/bin`,
what `make scaleout` installs) start a cluster in a temp dir in about two seconds, once per session;
each test gets a fresh database. Without the binaries (or when the cluster cannot start) the
PostgreSQL half of a test is skipped, with the reason — the SQLite half still runs.

`backend` is the fixture to parametrise (`parametrise_backends`): `"sqlite"` or `"postgresql"`; `store_target(backend, tmp_path)`
gives the matching store target (a file in tmp_path, or a fresh database's URL).
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL (database `postgres`) of a session-wide throwaway cluster on loopback."""
    from bench.scaleout_check import DB_PASSWORD, DB_USER, pg_bin, postgres
    from bot.supervisor import free_port

    if pg_bin() is None:
        pytest.skip(
            "PostgreSQL server binaries not installed (apt-get install postgresql; make scaleout does)"
        )
    root = Path(tempfile.mkdtemp(prefix="talentbot-pgtest-"))
    try:
        with postgres(root, free_port()) as host:
            yield f"postgresql://{DB_USER}:{DB_PASSWORD}@{host}/postgres"
    except Exception as exc:  # any failure to start means: no PostgreSQL here
        pytest.skip(f"could not start a PostgreSQL server: {type(exc).__name__}: {exc}")
    finally:
        from bot.pg import close_pools

        close_pools()
        import shutil

        with contextlib.suppress(OSError):
            shutil.rmtree(root)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server; dropped afterwards."""
    import psycopg2  # type: ignore[import-untyped]

    from bot.pg import close_pools

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(pg_server)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    url = pg_server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        close_pools()
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" unless a test module parametrises it (indirect) with BACKENDS."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """The store for this backend: tmp_path/talentbot.db, or a fresh PostgreSQL database's URL."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return tmp_path / "talentbot.db"


def parametrise_backends(metafunc: pytest.Metafunc) -> None:
    """For a conftest's `pytest_generate_tests`: a module with `BOTH_BACKENDS = True` runs each test
    that uses the store (has `backend` among its fixtures) once per backend."""
    if getattr(metafunc.module, "BOTH_BACKENDS", False) and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, indirect=True)
