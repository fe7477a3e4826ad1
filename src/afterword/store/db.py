"""The store as a process holds it: the database (the one place that knows SQLite's needs, and
migrations on first use) and the audio beside it, opened once from the settings. It is the write
handle of every use case (an ORM session per transaction) and the RowSource its views are read
from through SQLAlchemy."""

import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from afterword.paths import ensure_private_file
from afterword.settings import Settings
from afterword.store.blobs import BlobStore, DatabaseBlobStore, FolderBlobStore
from afterword.store.migrations import HEAD_REVISION
from afterword.store.opening import prepare_database
from afterword.store.reading import SessionRows
from afterword.store.sqlite_rules import (
    SECURE_DELETE,
    SQLITE_BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    busy_means_unavailable,
)

if TYPE_CHECKING:  # decoding (PyAV, numpy) loads only where audio is handled
    from afterword.audio import DecodedAudio


def make_engine(url: str, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    """An engine; on SQLite: WAL, foreign keys, a busy timeout, secure delete and BEGIN IMMEDIATE writes.
    Errors never carry the statement's parameters: they hold people's words."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Autocommit at the driver level, so SQLAlchemy's "begin" below decides how to begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute(SECURE_DELETE)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        # A writer takes the write lock up front, so it waits for the lock instead of failing
        # halfway through; a reader takes none (WAL lets it read beside a writer).
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision. A new SQLite database gets the schema the
    migrations make in one script (store.migrations.snapshot); Alembic is imported only for a
    database that is behind, or another engine."""
    if current_revision(engine) == HEAD_REVISION:
        return
    if engine.dialect.name == "sqlite" and sqlite_is_empty(engine):
        from afterword.store.migrations.snapshot import create_from_snapshot

        with engine.connect() as connection:
            create_from_snapshot(connection.connection.dbapi_connection)  # type: ignore[arg-type]
        return
    from afterword.store.migrations.runner import upgrade_to_head

    upgrade_to_head(engine)


def sqlite_is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar() == 0


@dataclass
class Database:
    settings: Settings
    """What it was opened with."""
    engine: Engine
    blobs: BlobStore
    """Where the audio is kept (a folder, or a table of this database)."""
    turn: AbstractContextManager[object] = field(default_factory=nullcontext)
    """Held for each write session's lifetime. On SQLite, threads of this process take turns
    here instead of in SQLite's busy handler, which polls with sleeps of up to 100 ms and so turns
    a burst of uploads into seconds of waiting. Other processes still meet the busy timeout."""
    decoded: "DecodedAudio | None" = None
    """Set when this process's own worker transcribes what it stores: intake then keeps each
    memo's decoded samples for it."""
    readers: sessionmaker[Session] = field(init=False)
    writers: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.readers = sessionmaker(self.engine, expire_on_commit=False)
        writing = self.engine.execution_options(**{WRITE_OPTION: True})
        self.writers = sessionmaker(writing, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: on SQLite it never holds the write lock."""
        with busy_means_unavailable(), self.readers() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session inside one transaction that commits when the block ends (rolls back on an
        error); on SQLite it holds the write lock from its first statement."""
        with busy_means_unavailable(), self.turn, self.writers() as session, session.begin():
            yield session

    @contextmanager
    def snapshot(self, *, end_reads: bool = False) -> Iterator[SessionRows]:
        """Rows over a reading session (store.reading's RowSource): every view is read through
        them, and review's few writes take transactions of their own on them. With `end_reads`,
        each read ends its transaction at once (see SessionRows)."""
        with self.read() as session:
            yield SessionRows(session, end_reads=end_reads)

    def waiting(self) -> "WaitingSource":
        """A RowSource for a caller that waits on a person between reads (the CLI's review)."""
        return WaitingSource(self)

    def close(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class WaitingSource:
    db: Database

    def snapshot(self) -> AbstractContextManager[SessionRows]:
        return self.db.snapshot(end_reads=True)


def make_sqlite_private(engine: Engine) -> None:
    """A SQLite database file, with its WAL and shared-memory files, is 0600; SQLite gives the
    files it makes later the database file's own mode."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    ensure_private_file(path)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            os.chmod(extra, 0o600)


def open_database(settings: Settings) -> Database:
    """Open (and on first use create, or migrate) the database the settings point at, after
    what the fast path makes first too (store.opening.prepare_database)."""
    url = settings.resolved_database_url
    prepare_database(url, settings.data_dir)
    engine = make_engine(url, busy_timeout_ms=int(settings.sqlite_busy_timeout_seconds * 1000))
    make_sqlite_private(engine)
    migrate(engine)
    turn = threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
    return Database(settings, engine, open_blobs(settings), turn)


def open_blobs(settings: Settings) -> BlobStore:
    if settings.blob_backend == "database":
        return DatabaseBlobStore(settings.data_dir / "staging")
    return FolderBlobStore(settings.audio_dir)
