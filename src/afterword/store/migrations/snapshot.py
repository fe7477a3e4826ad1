"""The SQLite schema at the newest revision, as one SQL script, so a new data folder is created in
a few milliseconds instead of importing Alembic and replaying every migration (about 0.4 s).

The script is Alembic's own result, not a second definition: it is dumped from a database the
migrations built, and tests/test_migrations.py fails whenever it differs from a fresh dump.
Regenerate it after adding a migration:

    python -m afterword.store.migrations.snapshot
"""

import sqlite3
import tempfile
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("sqlite_schema.sql")


def create_from_snapshot(connection: sqlite3.Connection) -> None:
    """The newest schema in an empty SQLite database (both paths to a new data folder use it)."""
    connection.executescript(SNAPSHOT.read_text())


FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def dump_schema(connection: sqlite3.Connection) -> str:
    """Every CREATE statement SQLite keeps (in the order it made them) and the revision; FTS5's
    shadow tables are left out, as their virtual table makes them."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'sqlite_sequence' ORDER BY rowid"
    ).fetchall()
    virtual = [name for kind, name, sql in rows if kind == "table" and sql.startswith("CREATE VIRTUAL TABLE")]
    shadows = {name + suffix for name in virtual for suffix in FTS5_SHADOW_SUFFIXES}
    statements = [f"{sql};" for _kind, name, sql in rows if name not in shadows]
    (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');")
    return "BEGIN;\n" + "\n".join(statements) + "\nCOMMIT;\n"


def migrated_dump() -> str:
    """The schema a fresh SQLite database gets from the migrations themselves."""
    from sqlalchemy import create_engine

    from afterword.store.migrations.runner import upgrade_to_head

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.db"
        engine = create_engine(f"sqlite:///{path}")
        upgrade_to_head(engine)
        engine.dispose()
        connection = sqlite3.connect(path)
        try:
            return dump_schema(connection)
        finally:
            connection.close()


if __name__ == "__main__":
    SNAPSHOT.write_text(migrated_dump())
    print(f"wrote {SNAPSHOT}")
