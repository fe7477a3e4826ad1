"""Export and import: SQLite to PostgreSQL and back gives identical content."""

import json
import zipfile
from pathlib import Path

import pytest

from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.models import Person
from afterword.store.tokens import authenticate, create_token
from afterword.store.transfer import TransferError, export_zip, import_zip
from afterword.transcribe.worker import Worker
from tests.support.factories import add_person, ingest_file
from tests.support.samples import SAMPLES


def contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.postgres
def test_sqlite_to_postgres_and_back_is_identical(
    tmp_path: Path,
    postgres_url: str,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    source = open_database(Settings(data_dir=tmp_path / "a"))
    alice = add_person(source, "Alice")
    add_person(source, "Bob")
    for sample in ("jfk.m4a", "ami-abbie.wav"):
        ingest_file(source, SAMPLES / sample, owner_id=alice)
    Worker(source, whisper_engine).drain()
    with source.write() as session:
        token = create_token(session, person=session.get_one(Person, alice), label="phone").token
    export_zip(source, tmp_path / "one.zip")

    postgres = open_database(
        Settings(data_dir=tmp_path / "b", database_url=postgres_url, blob_backend="database")
    )
    counts = import_zip(postgres, tmp_path / "one.zip")
    assert counts["memos"] == 2 and counts["people"] == 2 and counts["segments"] > 0
    export_zip(postgres, tmp_path / "two.zip")

    back = open_database(Settings(data_dir=tmp_path / "c"))
    import_zip(back, tmp_path / "two.zip")
    export_zip(back, tmp_path / "three.zip")

    one, two, three = (contents(tmp_path / f"{n}.zip") for n in ("one", "two", "three"))
    assert one == two == three
    assert json.loads(one["manifest.json"])["rows"]["transcripts"] == 2
    assert_works_after_import(postgres, token)
    assert_works_after_import(back, token)


def assert_works_after_import(db: Database, token: str) -> None:
    """Tokens still sign in, search finds the words, new rows get fresh ids."""
    from afterword.capture.memos import search_memo_views
    from afterword.store.reading import Reader

    with db.read() as session:
        row = authenticate(session, token=token)
    assert row is not None
    assert len(search_memo_views(Reader(db, row.person_id), words="country", limit=50)) == 1
    ingest_file(db, SAMPLES / "librispeech-1272-141231-0000.3gp", owner_id=row.person_id)


def test_import_refuses_a_database_with_data(tmp_path: Path, db: Database, person_id) -> None:  # type: ignore[no-untyped-def]
    ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id)
    export_zip(db, tmp_path / "backup.zip")
    with pytest.raises(TransferError, match="already holds data"):
        import_zip(db, tmp_path / "backup.zip")


def test_import_refuses_what_is_not_an_export(tmp_path: Path, db: Database) -> None:
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(TransferError, match="not an Afterword export"):
        import_zip(db, tmp_path / "other.zip")


def test_import_refuses_damaged_audio_and_keeps_nothing(tmp_path: Path, db: Database, person_id) -> None:  # type: ignore[no-untyped-def]
    ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id)
    export_zip(db, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "damaged.zip", "w") as damaged:
        for name, data in contents(tmp_path / "backup.zip").items():
            damaged.writestr(name, data[:-1] + b"!" if name.startswith("audio/") else data)
    empty = open_database(Settings(data_dir=tmp_path / "other"))
    with pytest.raises(TransferError, match="does not match its hash"):
        import_zip(empty, tmp_path / "damaged.zip")
    with empty.read() as session:
        assert session.query(Person).count() == 0
