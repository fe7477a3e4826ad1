"""Fresh PostgreSQL databases on the local server, made from one migrated template."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER_URL = os.environ.get(
    "AFTERWORD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def admin_engine():  # type: ignore[no-untyped-def]
    engine = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except Exception as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {SERVER_URL} ({type(error).__name__}); start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`",
            pytrace=False,
        )
    return engine


def url_of(database: str) -> str:
    return make_url(SERVER_URL).set(database=database).render_as_string(hide_password=False)


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """A new, empty (or template-copied) database; dropped afterwards."""
    name = f"afterword_test_{uuid.uuid4().hex[:10]}"
    engine = admin_engine()
    with engine.connect() as connection:
        suffix = f" TEMPLATE {template}" if template else ""
        connection.execute(text(f"CREATE DATABASE {name}{suffix}"))
    try:
        yield name
    finally:
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()
