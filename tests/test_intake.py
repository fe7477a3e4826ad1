"""The one intake: idempotent, and a refused memo leaves no row and no file behind."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from afterword.audio import AudioTooLong, NoSound, NotAudio, SilentAudio
from afterword.capture.intake import clean_filename
from afterword.capture.staging import EmptyUpload, UploadTooLarge
from afterword.errors import AfterwordError
from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo
from tests.support.factories import add_person, ingest_file, silent_wav, stored_audio_files
from tests.support.samples import SAMPLES


def count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_memo_is_stored_with_its_queued_job(db: Database, person_id: uuid.UUID) -> None:
    result = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id)
    assert result.created
    with db.read() as session:
        job = session.scalars(select(Job).where(Job.memo_id == result.memo.id)).one()
    assert job.status == JobStatus.QUEUED
    assert result.memo.filename == "jfk.m4a"
    assert abs(result.memo.duration_seconds - 11.0) < 0.1
    with db.read() as session:
        assert db.blobs.read(session, result.memo.sha256) == (SAMPLES / "jfk.m4a").read_bytes()


def test_audio_files_are_private(tmp_path: Path) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data"))
    person_id = add_person(db)
    sha256 = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo.sha256
    blob = db.settings.audio_dir / sha256[:2] / sha256[2:4] / sha256
    assert blob.stat().st_mode & 0o777 == 0o600
    assert blob.parent.stat().st_mode & 0o777 == 0o700
    assert db.settings.data_dir.stat().st_mode & 0o777 == 0o700


def test_same_bytes_twice_returns_same_memo(db: Database, person_id: uuid.UUID) -> None:
    first = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id)
    second = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id)
    assert not second.created
    assert second.memo.id == first.memo.id
    assert count(db, Memo) == 1
    assert count(db, Job) == 1
    assert len(stored_audio_files(db)) == 1


def bad_input(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.m4a", b"", EmptyUpload),
        ("letter.m4a", b"Dear me, remember what she said about rest.\n" * 100, NotAudio),
        ("random.ogg", bytes(range(256)) * 100, NotAudio),
        ("nothing.wav", silent_wav(0.0), NoSound),
        ("quiet.wav", silent_wav(3.0), SilentAudio),
    ],
)
def test_bad_input_is_refused_and_leaves_nothing(
    db: Database,
    person_id: uuid.UUID,
    tmp_path: Path,
    name: str,
    content: bytes,
    error: type[AfterwordError],
) -> None:
    with pytest.raises(error) as raised:
        ingest_file(db, bad_input(tmp_path, name, content), owner_id=person_id)
    assert str(raised.value).endswith(".")
    assert count(db, Memo) == 0
    assert count(db, Job) == 0
    assert stored_audio_files(db) == []


def test_audio_longer_than_the_cap_is_refused(tmp_path: Path) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data", max_audio_seconds=5))
    person_id = add_person(db)
    with pytest.raises(AudioTooLong, match="longer than the limit"):
        ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id)
    assert count(db, Memo) == 0
    assert stored_audio_files(db) == []


def test_file_bigger_than_the_cap_is_refused(tmp_path: Path) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data", max_upload_bytes=50_000))
    person_id = add_person(db)
    with pytest.raises(UploadTooLarge, match="larger than the limit"):
        ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id)
    assert count(db, Memo) == 0
    assert stored_audio_files(db) == []


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\memo.m4a", "memo.m4a"),
        ("memo\x00\x1b[31m.m4a", "memo[31m.m4a"),
        ("é🎙️ memo.m4a", "é🎙️ memo.m4a"),
        ("a" * 10_000, "a" * 255),
        ("a" * 10_000 + ".m4a", "a" * 251 + ".m4a"),
        ("", None),
    ],
)
def test_filenames_are_stored_safely(given: str, kept: str | None) -> None:
    assert clean_filename(given) == kept
