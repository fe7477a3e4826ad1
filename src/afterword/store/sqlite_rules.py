"""What every SQLite connection Afterword opens agrees on. Standard library only, so the fast
path (store.opening) and the SQLAlchemy path (store.db) share it."""

SQLITE_BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process to let go of the write lock."""

WRITE_OPTION = "afterword_writes"
"""Execution option of a connection that will write: on SQLite it begins IMMEDIATE, taking the
write lock up front, so a writer waits for the lock instead of failing halfway through."""
