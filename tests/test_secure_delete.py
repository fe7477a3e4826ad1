"""What is deleted leaves the SQLite file: every connection Afterword opens asks for
secure_delete (this machine's SQLite has it on by default, other builds do not, so the tests
turn the default off first), and a deleted transcript's words leave the full-text index too."""

import sqlite3
import sqlite3.dbapi2
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.reflect.moments import record_text_moment, remove_moment
from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.memos import delete_memo, delete_person
from afterword.store.opening import open_sqlite_rows
from afterword.store.reading import Reader
from tests.support.reflect_factories import person, transcribed_insight

MOMENT = "Quetzalcoatl whispered marmalade secrets at breakfast"
# Words of samples/jfk.m4a's transcript, as typed and as the index keeps them (lower case).
SPOKEN = [b"fellow", b"Americans", b"americans", b"country"]


@pytest.fixture
def sqlite_without_secure_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SQLite whose connections start with secure_delete off, as builds without
    SQLITE_SECURE_DELETE have it (SQLAlchemy connects through sqlite3.dbapi2)."""
    real = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        connection = real(*args, **kwargs)
        connection.execute("PRAGMA secure_delete=OFF")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)


@pytest.fixture
def db_here(tmp_path: Path, sqlite_without_secure_delete: None) -> Iterator[Database]:
    opened = open_database(Settings(data_dir=tmp_path / "data"))
    yield opened
    opened.close()


def left_in_files(folder: Path, words: list[bytes]) -> dict[str, list[bytes]]:
    """Which of the words each database file (with its WAL) still holds."""
    found = {}
    for path in sorted(folder.glob("afterword.db*")):
        data = path.read_bytes()
        found[path.name] = [word for word in words if word in data]
    return {name: words for name, words in found.items() if words}


def filler_moments(db: Database, owner_id, count: int) -> None:  # type: ignore[no-untyped-def]
    """Rows around the one deleted, so its page stays in use and is not simply dropped."""
    for number in range(count):
        text = f"an ordinary moment, number {number} " * 10
        record_text_moment(Reader(db, owner_id), db, text=text)


def test_a_deleted_moment_leaves_no_words_in_the_file(db_here: Database) -> None:
    owner_id = person(db_here, "me")
    filler_moments(db_here, owner_id, 20)
    moment = record_text_moment(Reader(db_here, owner_id), db_here, text=MOMENT)
    filler_moments(db_here, owner_id, 20)
    remove_moment(Reader(db_here, owner_id), db_here, moment_id=moment.id)
    db_here.close()  # the last connection folds the WAL into the file
    assert left_in_files(db_here.settings.data_dir, [b"Quetzalcoatl", b"marmalade"]) == {}


def test_a_deleted_memo_leaves_no_words_in_the_file_or_its_index(db_here: Database, whisper_engine) -> None:  # type: ignore[no-untyped-def]
    owner_id = person(db_here, "me")
    filler_moments(db_here, owner_id, 20)
    insight = transcribed_insight(db_here, whisper_engine, owner_id)
    assert left_in_files(db_here.settings.data_dir, SPOKEN)  # the words were there
    delete_memo(db_here, memo_id=insight.memo_id, owner_id=owner_id)
    db_here.close()
    assert left_in_files(db_here.settings.data_dir, SPOKEN) == {}


def test_a_deleted_person_leaves_no_words_in_the_index(db_here: Database, whisper_engine) -> None:  # type: ignore[no-untyped-def]
    keeper, leaver = person(db_here, "me"), person(db_here, "Sam")
    filler_moments(db_here, keeper, 20)
    transcribed_insight(db_here, whisper_engine, leaver)
    delete_person(db_here, name="Sam")
    db_here.close()
    assert left_in_files(db_here.settings.data_dir, SPOKEN) == {}


def test_the_fast_path_asks_for_secure_delete_too(db_here: Database) -> None:
    rows = open_sqlite_rows(db_here.settings.data_dir / "afterword.db")
    assert rows is not None
    try:
        assert rows.connection.execute("PRAGMA secure_delete").fetchone() == (1,)
    finally:
        rows.close()
    with db_here.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
