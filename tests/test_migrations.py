"""The schema comes only from the migrations, and they match the models."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from afterword.settings import Settings
from afterword.store.migrations import HEAD_REVISION
from afterword.store.migrations.runner import alembic_config
from afterword.store.models import Base
from afterword.store.search import include_object
from afterword.store.storage import Storage, open_storage


def test_head_revision_constant_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_migrations_on_empty_database_match_the_models(storage: Storage) -> None:
    with storage.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    storage = open_storage(Settings(data_dir=tmp_path / "data"))
    with storage.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
