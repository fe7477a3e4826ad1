"""One way to open the store. Which database the settings name (paths.resolve_database_url),
and what is made before either path opens it (`prepare_database`: the private data folder, a new
SQLite file made whole), are written once here; store.db.open_database then opens it through
SQLAlchemy, and the CLI's fast path (`open_fast`) through the standard library's sqlite3, which
costs a few milliseconds where SQLAlchemy and pydantic-settings cost half a second.

This module imports nothing outside the standard library, platformdirs and store.migrations
(whose snapshot of the schema makes a new SQLite file)."""

import os
import sqlite3
import uuid
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from afterword.paths import (
    default_data_dir,
    ensure_private_dir,
    ensure_private_file,
    resolve_database_url,
    sqlite_file,
)
from afterword.store.migrations import HEAD_REVISION
from afterword.store.migrations.snapshot import create_from_snapshot
from afterword.store.reading import SqliteRows
from afterword.store.sqlite_rules import SECURE_DELETE, busy_timeout_ms


def prepare_database(url: str, data_dir: Path) -> Path | None:
    """What both paths make before they open the database: the data folder, private on every
    backend (it holds staged uploads, certificates and templates), and the SQLite file the URL
    names when it does not exist yet. Returns that file; None for another database."""
    ensure_private_dir(data_dir)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        create_sqlite_database(path)
    return path


def create_sqlite_database(path: Path) -> None:
    """A new database file with the newest schema, readable by its owner only, in WAL mode. It
    is made beside the path and linked into place whole, so a process starting at the same
    moment never finds it half made; when one got there first, its database stays."""
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


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> tuple[str, Path] | None:
    """(database URL, data folder) as Settings() reads them from AFTERWORD_* variables (names in
    any case); None when only Settings can be sure: a .env file here (it may set anything), or
    AFTERWORD_DATA_DIR set to nothing."""
    if Path(".env").exists():
        return None
    env = {name.upper(): value for name, value in environ.items()}
    data_dir = env.get("AFTERWORD_DATA_DIR")
    if data_dir == "":
        return None
    folder = Path(data_dir) if data_dir else default_data_dir()
    return resolve_database_url(env.get("AFTERWORD_DATABASE_URL") or None, folder), folder


def sqlite_file_from_environment(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The SQLite file Settings() would open; None when it is not one (or only Settings knows)."""
    found = settings_from_environment(environ)
    return None if found is None else sqlite_file(found[0])


def open_fast(environ: Mapping[str, str] = os.environ) -> SqliteRows | None:
    """The SQLite database Settings() would open, through the standard library, made first as
    open_database would make it; None when the fast path cannot be sure of it (another
    database, a .env file, a database to migrate, a folder it cannot make), and SQLAlchemy's
    path then opens it or says what is wrong."""
    found = settings_from_environment(environ)
    if found is None:
        return None
    try:
        path = prepare_database(*found)
    except (OSError, sqlite3.Error):
        return None
    return None if path is None else open_sqlite_rows(path)


def open_sqlite_rows(path: Path) -> SqliteRows | None:
    """The SQLite database at path, if it exists and its schema is the newest; else None."""
    if not path.is_file():
        return None
    # mode=rw: never create a database here (prepare_database makes one whole).
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
