"""The plain-SQL seam the views of memos, insights, summaries, plans and review cards are read through.

Importing SQLAlchemy and pydantic costs this machine about half a second before a command can
print anything; the standard library's sqlite3 costs a few milliseconds. So the views the CLI
prints and the API answers (memos, insights, summaries, plans, review cards) are read in plain
SQL with named parameters (`:name`), written once and run two ways:

- `SqliteRows`: the stdlib sqlite3 module on the SQLite file (the CLI on the embedded default);
- `SessionRows`: an open SQLAlchemy session on any database (the API, the CLI on PostgreSQL).

Values are read and written the way SQLAlchemy stores them for store.models: on SQLite a UUID is
32 hex digits and a datetime is UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'. A test keeps the two in step.
This module imports nothing outside the standard library, platformdirs and store.migrations (whose
snapshot of the schema makes a new SQLite file)."""

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from afterword.paths import DATABASE_FILE, default_data_dir, ensure_private_dir, ensure_private_file
from afterword.store.migrations import HEAD_REVISION
from afterword.store.migrations.snapshot import create_from_snapshot
from afterword.store.sqlite_rules import SECURE_DELETE, WRITE_OPTION, busy_means_unavailable, busy_timeout_ms

SQLITE_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class Rows(Protocol):
    """What a read (or review's few writes) needs from a database connection."""

    sqlite: bool
    """The few statements that differ (full-text search) ask which database this is."""

    def all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, **params: Any) -> None: ...

    def transaction(self) -> AbstractContextManager[object]: ...


class Reader(Protocol):
    """Where views are read from: store.db.Database (any database, through SQLAlchemy) or a
    LeanReader (the SQLite file, through the standard library)."""

    def rows(self) -> AbstractContextManager[Rows]: ...


PLAIN_ID = "replace(CAST({} AS VARCHAR), '-', '')"
"""An id column as plain hex on both databases (SQLite stores 32 hex digits, PostgreSQL a uuid),
to match the first characters a person typed."""


def hex_prefix(id_or_prefix: str) -> str | None:
    """An id or its first characters as plain lower-case hex (dashes dropped); None when it is
    empty or not hex (an empty prefix would match every row)."""
    prefix = id_or_prefix.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        return None
    return prefix


def sqlite_value(value: Any) -> Any:
    """A parameter as SQLAlchemy would have stored it in SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(UTC).strftime(SQLITE_DATETIME_FORMAT)
    if isinstance(value, Enum):
        return value.value
    return value


def as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


def as_utc(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def as_utc_or_none(value: Any) -> datetime | None:
    return None if value is None else as_utc(value)


def as_uuid_or_none(value: Any) -> uuid.UUID | None:
    return None if value is None else as_uuid(value)


def as_json(value: Any) -> Any:
    """A JSON column: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str | bytes) else value


class SqliteRows:
    """Rows over a stdlib sqlite3 connection in autocommit mode; writes take the lock up front."""

    sqlite = True

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        values = {name: sqlite_value(value) for name, value in params.items()}
        with busy_means_unavailable():
            return self.connection.execute(sql, values).fetchall()

    def run(self, sql: str, **params: Any) -> None:
        self.all(sql, **params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction of its own (a read snapshot open before it ends first)."""
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")
        with busy_means_unavailable():
            self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may have rolled back by itself (a full disk): the error is what matters.
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        with busy_means_unavailable():
            self.connection.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator["SqliteRows"]:
        """Reads that see one state of the database, as a read session does (a memo's rows
        and its transcript's, a page and its count), beside a worker that is writing."""
        self.connection.execute("BEGIN")
        try:
            yield self
        finally:
            if self.connection.in_transaction:
                self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


class LeanReader:
    """A Reader over one SqliteRows for the life of a CLI command; each view reads one snapshot."""

    def __init__(self, rows: SqliteRows) -> None:
        self.sqlite_rows = rows

    def rows(self) -> AbstractContextManager[Rows]:
        return self.sqlite_rows.snapshot()

    def close(self) -> None:
        self.sqlite_rows.close()


class SessionRows:
    """Rows over an open SQLAlchemy session (its transaction is the session's). With
    `end_reads`, for a caller that waits on a person between reads (the CLI's review), each read
    outside a write transaction ends its own at once: on PostgreSQL an open one would sit idle
    in transaction all that while."""

    def __init__(self, session: Any, *, end_reads: bool = False) -> None:
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.end_reads = end_reads
        self.writing = False

    def execute(self, sql: str, params: dict[str, Any]) -> Any:
        from sqlalchemy import text

        if self.sqlite:
            params = {name: sqlite_value(value) for name, value in params.items()}
        else:
            params = {k: v.value if isinstance(v, Enum) else v for k, v in params.items()}
        return self.session.execute(text(sql), params)

    def all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        rows = [tuple(row) for row in self.execute(sql, params)]
        if self.end_reads and not self.writing:
            self.session.commit()
        return rows

    def run(self, sql: str, **params: Any) -> None:
        self.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction of its own (whatever was read before is committed first); on
        SQLite it takes the write lock up front, as store.db's write sessions do."""
        if self.session.in_transaction():
            self.session.commit()
        self.session.connection(execution_options={WRITE_OPTION: True})
        self.writing = True
        try:
            yield
        except BaseException:
            self.session.rollback()
            raise
        finally:
            self.writing = False
        self.session.commit()


def sqlite_file_from_environment(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The SQLite file `Settings()` would open, read from AFTERWORD_* variables the way
    pydantic-settings reads them (names in any case); None when the database is not SQLite."""
    env = {name.upper(): value for name, value in environ.items()}
    url = env.get("AFTERWORD_DATABASE_URL")
    if url:
        path = url.removeprefix("sqlite:///")
        if path == url or not path or "?" in path or path == ":memory:":
            return None
        return Path(path)
    data_dir = env.get("AFTERWORD_DATA_DIR")
    if data_dir == "":
        return None  # set to nothing: Settings decides what that means
    return (Path(data_dir) if data_dir else default_data_dir()) / DATABASE_FILE


def lean_rows_from_environment(environ: Mapping[str, str] = os.environ) -> SqliteRows | None:
    """The SQLite database Settings() would open, when the lean path can be sure of it: never
    with a .env file here (it may set anything, and only Settings reads it). A data folder with
    no database yet gets one, as the full path would make it (private, WAL, the schema snapshot);
    a database named by AFTERWORD_DATABASE_URL is left to the full path to create."""
    path = None if Path(".env").exists() else sqlite_file_from_environment(environ)
    if path is None:
        return None
    named = any(name.upper() == "AFTERWORD_DATABASE_URL" and value for name, value in environ.items())
    if not path.exists() and not named:
        try:
            create_sqlite_database(path)
        except (OSError, sqlite3.Error):
            return None  # the full path says what is wrong
    return open_sqlite_rows(path)


def create_sqlite_database(path: Path) -> None:
    """A new database file with the newest schema, readable by its owner only, in a private
    folder (store.db.open_database makes the same). It is made beside the path and linked into
    place whole, so a process starting at the same moment never finds it half made; when one got
    there first, its database stays."""
    ensure_private_dir(path.parent)
    draft = path.with_name(f".{path.name}.{uuid.uuid4().hex}.new")
    ensure_private_file(draft)
    try:
        connection = sqlite3.connect(draft, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            create_from_snapshot(connection)
        finally:
            connection.close()  # the last connection to close folds the WAL into the file
        with suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)


def open_sqlite_rows(path: Path) -> SqliteRows | None:
    """The SQLite database at path, if it exists and its schema is the newest; else None (the
    full path then creates or migrates it)."""
    if not path.is_file():
        return None
    # mode=rw: never create a database here (the full path creates and migrates it).
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    connection.execute(SECURE_DELETE)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        revision = None
    if revision is None or revision[0] != HEAD_REVISION:
        connection.close()
        return None
    return SqliteRows(connection)
