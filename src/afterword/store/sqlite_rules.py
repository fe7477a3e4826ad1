"""What every SQLite connection Afterword opens agrees on. Standard library only, so the fast
path (store.opening) and the SQLAlchemy path (store.db) share it."""

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from afterword.errors import DatabaseBusy

SQLITE_BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process to let go of the write lock."""
BUSY_TIMEOUT_VARIABLE = "AFTERWORD_SQLITE_BUSY_TIMEOUT_SECONDS"
"""Settings.sqlite_busy_timeout_seconds, as the fast path reads it without building Settings."""
SQLITE_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)

WRITE_OPTION = "afterword_writes"
"""Execution option of a connection that will write: on SQLite it begins IMMEDIATE, taking the
write lock up front, so a writer waits for the lock instead of failing halfway through."""

SECURE_DELETE = "PRAGMA secure_delete=ON"
"""Deleted rows are overwritten with zeros, so a deleted memo's words do not stay readable in the
file's free space. Some builds of SQLite turn it on by default, others do not: we always ask.
What it costs is measured by benchmarks/secure_delete.py (see the README)."""


def busy_timeout_ms(environ: Mapping[str, str] = os.environ) -> int:
    """The busy timeout the environment sets (as Settings reads it), else the default."""
    given = {name.upper(): value for name, value in environ.items()}.get(BUSY_TIMEOUT_VARIABLE)
    try:
        seconds = float(given) if given else None
    except ValueError:
        seconds = None  # Settings says what is wrong with it
    return int(seconds * 1000) if seconds and seconds > 0 else SQLITE_BUSY_TIMEOUT_MS


def is_busy(error: BaseException | None) -> bool:
    """Whether a sqlite3 error is the lock held elsewhere past the busy timeout."""
    code = getattr(error, "sqlite_errorcode", None)
    return (
        isinstance(error, sqlite3.OperationalError) and code is not None and code & 0xFF in SQLITE_BUSY_CODES
    )


@contextmanager
def busy_means_unavailable() -> Iterator[None]:
    """The lock held elsewhere past the busy timeout (from sqlite3, or SQLAlchemy wrapping it) as
    DatabaseBusy: the API answers 503 with Retry-After and the CLI one line, instead of an
    unexpected error and its traceback."""
    try:
        yield
    except Exception as error:
        if is_busy(error) or is_busy(getattr(error, "orig", None)):
            raise DatabaseBusy() from error
        raise
