"""A job whose engine raises is retried with backoff, then failed with its reason kept."""

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from afterword.settings import Settings, WhisperSettings
from afterword.store.db import open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Transcript, utc_now
from afterword.store.reading import Reader
from afterword.transcribe.engine import WhisperEngine
from afterword.transcribe.retry import retry_memo
from afterword.transcribe.worker import Worker
from tests.support.factories import add_person, ingest_file, stored_audio_files
from tests.support.samples import SAMPLES


def broken_engine(tmp_path: Path) -> WhisperEngine:
    """The real engine pointed at a model folder with no model in it: loading it raises."""
    empty_model = tmp_path / "empty-model"
    empty_model.mkdir()
    return WhisperEngine(WhisperSettings(model=str(empty_model)))


def test_failing_job_is_retried_with_backoff(tmp_path: Path, settings: Settings) -> None:
    db = open_database(settings.model_copy(update={"job_retry_base_seconds": 60}))
    person_id = add_person(db)
    memo = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    worker = Worker(db, broken_engine(tmp_path))
    before = utc_now()
    assert worker.drain() == 1  # the retry waits for its backoff
    with db.read() as session:
        job = session.scalars(select(Job).where(Job.memo_id == memo.id)).one()
    assert job.status == JobStatus.QUEUED
    assert job.attempts == 1
    assert job.run_after >= before + timedelta(seconds=59)
    assert job.last_error is not None and job.last_error.startswith("RuntimeError")


def test_job_fails_after_its_attempts_with_reason(tmp_path: Path, settings: Settings) -> None:
    update = {"job_retry_base_seconds": 0, "job_max_attempts": 3}
    db = open_database(settings.model_copy(update=update))
    person_id = add_person(db)
    memo = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    assert Worker(db, broken_engine(tmp_path)).drain() == 3
    with db.read() as session:
        job = session.scalars(select(Job).where(Job.memo_id == memo.id)).one()
    assert job.status == JobStatus.FAILED
    assert job.attempts == 3
    assert "model" in (job.last_error or "").lower()
    assert job.finished_at is not None


def test_a_transcript_that_cannot_be_written_fails_its_attempt_and_the_worker_goes_on(
    settings: Settings,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    """An error of the data, not of a database that is away, is not waited out for ever."""
    db = open_database(settings.model_copy(update={"job_retry_base_seconds": 0, "job_max_attempts": 2}))
    person_id = add_person(db)
    blocked = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    other = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id).memo
    with db.write() as session:  # a transcript already there: a second one breaks its unique key
        session.add(
            Transcript(
                memo_id=blocked.id,
                owner_id=person_id,
                text="",
                language="en",
                language_probability=1.0,
                model="m",
                device="cpu",
                compute_type="int8",
                audio_seconds=1.0,
                processing_seconds=1.0,
            )
        )
    assert Worker(db, whisper_engine).drain() == 3
    with db.read() as session:
        jobs = {job.memo_id: job for job in session.scalars(select(Job))}
    assert jobs[blocked.id].status == JobStatus.FAILED and jobs[blocked.id].attempts == 2
    assert jobs[blocked.id].last_error == "RuntimeError: its transcript could not be saved (IntegrityError)"
    assert jobs[other.id].status == JobStatus.DONE
    db.close()


def test_expired_lease_returns_job_to_queue(
    settings: Settings,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    db = open_database(settings.model_copy(update={"job_lease_seconds": 0}))
    person_id = add_person(db)
    ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id)
    crashed = Worker(db, whisper_engine)
    assert crashed.claim()  # claimed, then the worker "dies"
    rescuer = Worker(db, whisper_engine)
    assert rescuer.drain() == 1
    with db.read() as session:
        job = session.scalars(select(Job)).one()
    assert job.status == JobStatus.DONE
    assert job.worker_id == rescuer.worker_id
    assert job.attempts == 2


def test_a_memo_whose_worker_keeps_dying_fails_after_its_attempts_and_can_be_retried(
    settings: Settings,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    db = open_database(settings.model_copy(update={"job_lease_seconds": 0, "job_max_attempts": 3}))
    person_id = add_person(db)
    memo = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id).memo
    for _crash in range(3):  # claimed, then the worker dies before renewing its lease
        assert Worker(db, whisper_engine).claim()
    assert Worker(db, whisper_engine).drain() == 0  # the fourth worker finds it failed
    with db.read() as session:
        job = session.scalars(select(Job)).one()
    assert job.status == JobStatus.FAILED and job.attempts == 3
    assert job.last_error == "WorkerStopped: the worker stopped while transcribing it"
    assert stored_audio_files(db)  # its audio is kept
    retry_memo(Reader(db, person_id), db, memo_id=memo.id)
    assert Worker(db, whisper_engine).drain() == 1
    with db.read() as session:
        assert session.scalars(select(Job)).one().status == JobStatus.DONE
