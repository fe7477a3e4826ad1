"""What every SQLite connection Afterword opens agrees on. Standard library only, so the lean
path of `afterword review` (store.lean) and the SQLAlchemy path (store.db) share it."""

SQLITE_BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process to let go of the write lock."""

WRITE_OPTION = "afterword_writes"
"""Execution option of a connection that will write: on SQLite it begins IMMEDIATE, taking the
write lock up front, so a writer waits for the lock instead of failing halfway through."""

SECURE_DELETE = "PRAGMA secure_delete=ON"
"""Deleted rows are overwritten with zeros, so a deleted memo's words do not stay readable in the
file's free space. Some builds of SQLite turn it on by default, others do not: we always ask.
What it costs is measured by benchmarks/secure_delete.py (see the README)."""
