"""The schema comes only from the migrations, and they match the models."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from afterword.settings import Settings
from afterword.store.db import Database, current_revision, open_database
from afterword.store.migrations import HEAD_REVISION
from afterword.store.migrations.runner import alembic_config
from afterword.store.migrations.snapshot import SNAPSHOT, dump_schema, migrated_dump
from afterword.store.models import Base
from afterword.store.search import include_object
from tests.support.postgres import fresh_database, url_of


def test_head_revision_constant_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def same_schema(script: str) -> list[list[str]]:
    """The script's statements, each with its lines in order: SQLite keeps a table's
    constraints in the order Alembic's batch mode happened to write them, which varies."""
    return [
        sorted(line.strip().rstrip(",") for line in statement.splitlines())
        for statement in script.split(";\n")
    ]


def test_the_sqlite_schema_snapshot_is_what_the_migrations_make() -> None:
    assert same_schema(SNAPSHOT.read_text()) == same_schema(migrated_dump()), (
        "run python -m afterword.store.migrations.snapshot"
    )


def test_a_new_sqlite_folder_gets_the_snapshot_without_alembic(tmp_path: Path) -> None:
    code = (
        "import sys; from afterword.settings import Settings; from afterword.store.db import open_database; "
        "open_database(Settings(data_dir=sys.argv[1])).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
    connection = sqlite3.connect(tmp_path / "data" / "afterword.db")
    assert same_schema(dump_schema(connection)) == same_schema(migrated_dump())
    connection.close()


def test_migrations_on_empty_database_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data"))
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_a_read_session_leaves_the_sqlite_write_lock_free(tmp_path: Path) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data"))
    other = sqlite3.connect(tmp_path / "data" / "afterword.db", timeout=0, isolation_level=None)
    try:
        with db.read() as session:
            session.execute(text("SELECT count(*) FROM memos")).scalar()
            other.execute("BEGIN IMMEDIATE")  # would raise "database is locked" if the read held it
            other.execute("ROLLBACK")
        with db.write() as session:
            session.execute(text("SELECT count(*) FROM memos")).scalar()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        db.close()


MIGRATE = "import sys; from afterword.settings import Settings; from afterword.store.db import open_database; open_database(Settings(database_url=sys.argv[1])).close()"


@pytest.mark.postgres
def test_workers_starting_together_on_a_new_postgres_database_migrate_it_once() -> None:
    with fresh_database() as name:
        processes = [
            subprocess.Popen([sys.executable, "-c", MIGRATE, url_of(name)], stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        failures = [
            p.stderr.read().decode()[-500:] for p in processes if p.wait(timeout=120) != 0 and p.stderr
        ]
        assert failures == []
        database = open_database(Settings(database_url=url_of(name)))
        assert current_revision(database.engine) == HEAD_REVISION
        database.close()
