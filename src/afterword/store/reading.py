"""How every view is read: named SQL (store.queries) run on the rows of one database snapshot,
for one person.

Importing SQLAlchemy and pydantic costs this machine about half a second before a command can
print anything; the standard library's sqlite3 costs a few milliseconds. So every view is read in
plain SQL with named parameters (`:name`), written once in store/sql and run two ways:

- `SqliteRows`: the stdlib sqlite3 module on the SQLite file (the CLI on the embedded default,
  opened by store.opening);
- `SessionRows`: an open SQLAlchemy session on any database (the API, the CLI elsewhere).

A use case holds one `Reader`: where rows come from and the person they are read for. Each view
is read from one `Reads` (a snapshot and that person), and only store's modules of views
(store.views) run SQL on it and map its rows to views: the one place a stored value becomes
something shown.

Values are read and written the way SQLAlchemy stores them for store.models: on SQLite a UUID is
32 hex digits and a datetime is UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'. A test keeps the two in step.
This module imports nothing outside the standard library."""

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Protocol

from afterword.store.sqlite_rules import WRITE_OPTION, busy_means_unavailable

SQLITE_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
EVER = datetime(1970, 1, 1, tzinfo=UTC)
"""A `since` that leaves nothing out (no stored time is earlier: see afterword.utc)."""
ALL = 1_000_000
"""A `limit` that leaves nothing out (far beyond what one person keeps)."""


class Rows(Protocol):
    """What a read (or review's few writes) needs from a database connection."""

    sqlite: bool
    """The few statements that differ (full-text search) ask which database this is."""

    def all(self, sql: str, **params: Any) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, **params: Any) -> None: ...

    def transaction(self) -> AbstractContextManager[object]: ...


class RowSource(Protocol):
    """Where rows come from: store.db.Database (any database, through SQLAlchemy) or SqliteRows
    (the SQLite file through the standard library, opened by store.opening)."""

    def snapshot(self) -> AbstractContextManager[Rows]:
        """Rows that see one state of the database until the block ends."""
        ...


@dataclass(frozen=True)
class Reads:
    """One snapshot of the database, read for one person: what store's views take."""

    rows: Rows
    person_id: uuid.UUID
    """Whose views these are: every query is filtered on this person (or, for what a partner
    shared, on the partnership that names them)."""


@dataclass(frozen=True)
class Reader:
    """The one read handle a use case takes: where rows come from, and the person it reads (and
    acts) for. Each view it reads sees one snapshot (`reads`)."""

    source: RowSource
    person_id: uuid.UUID

    @contextmanager
    def reads(self) -> Iterator[Reads]:
        with self.source.snapshot() as rows:
            yield Reads(rows, self.person_id)


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
    """Rows over a stdlib sqlite3 connection in autocommit mode (writes take the lock up front),
    and a RowSource of its own for the life of a CLI command."""

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
