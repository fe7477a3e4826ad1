"""Many workers and crashes, with real processes: every job done exactly once, nothing lost."""

import asyncio
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo, Transcript
from tests.support.factories import (
    distinct_wavs,
    issue_token,
    long_speech_wav,
    stored_audio_files,
)
from tests.support.processes import (
    SHORT_MEMO,
    assert_every_job_done_once,
    job_counts,
    queue_memos,
    serving,
    start,
    stop,
    wait_until,
)


@pytest.mark.postgres
def test_four_worker_processes_do_200_jobs_exactly_once_on_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    settings = Settings(data_dir=tmp_path / "queue", database_url=postgres_url, blob_backend="database")
    db = open_database(settings)
    queue_memos(db, distinct_wavs(SHORT_MEMO, 200))
    # Each worker has its own data folder: the database is all they share.
    workers = [
        start(settings.model_copy(update={"data_dir": tmp_path / f"worker-{i}"}), "worker", "--once")
        for i in range(4)
    ]
    for worker in workers:
        assert worker.wait(timeout=600) == 0, worker.stderr.read().decode() if worker.stderr else ""
    assert_every_job_done_once(db, expected=200, workers=4)


def test_four_worker_processes_share_one_sqlite_queue(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    db = open_database(settings)
    queue_memos(db, distinct_wavs(SHORT_MEMO, 24))
    workers = [start(settings, "worker", "--once") for _ in range(4)]
    for worker in workers:
        assert worker.wait(timeout=600) == 0, worker.stderr.read().decode() if worker.stderr else ""
    assert_every_job_done_once(db, expected=24, workers=2)


def test_worker_killed_mid_transcription_is_replaced_after_its_lease(settings: Settings) -> None:
    settings = settings.model_copy(update={"job_lease_seconds": 3})
    db = open_database(settings)
    queue_memos(db, [long_speech_wav()])
    doomed = start(settings, "worker")
    wait_until(lambda: job_counts(db).get(JobStatus.RUNNING) == 1, timeout=60, what="a claim")
    time.sleep(1.0)  # mid-transcription
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    assert job_counts(db) == {JobStatus.RUNNING: 1}
    rescuer = start(settings, "worker")
    try:
        wait_until(lambda: job_counts(db) == {JobStatus.DONE: 1}, timeout=180, what="the rescue")
    finally:
        stop(rescuer)
    with db.read() as session:
        job = session.scalars(select(Job)).one()
        assert job.attempts == 2
        assert session.scalar(select(func.count()).select_from(Transcript)) == 1


def test_server_killed_mid_upload_leaves_no_memo_and_doctor_cleans_the_rest(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    token = issue_token(settings, "Alice")
    db = open_database(settings)
    with serving(settings, "--no-worker") as (base, server):
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(
                f"POST /api/memos HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: audio/wav\r\nContent-Length: {5_000_000}\r\n\r\n".encode()
                + b"RIFF"
                + b"\0" * 1_000_000
            )
            staging = db.blobs.staging_dir
            wait_until(
                lambda: staging.exists() and any(p.stat().st_size > 0 for p in staging.iterdir()),
                timeout=30,
                what="the upload to reach staging",
            )
            server.send_signal(signal.SIGKILL)
            server.wait()
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Memo)) == 0
    assert [p.name for p in db.blobs.staging_dir.iterdir()] != []
    doctor = start(settings, "doctor", "--fix", "--staging-age", "0")
    assert doctor.wait(timeout=60) == 0
    assert stored_audio_files(db) == []


def test_sqlite_api_and_worker_processes_take_50_parallel_uploads(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", uploads_per_minute=1000, uploads_per_client_per_minute=1000
    )
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}", "Content-Type": "audio/wav"}
    memos = distinct_wavs(SHORT_MEMO, 50)
    worker = start(settings, "worker")
    try:
        with serving(settings, "--no-worker") as (base, _server):
            statuses = asyncio.run(upload_all(base, headers, memos))
            assert statuses == [202] * 50
            db = open_database(settings)
            wait_until(lambda: job_counts(db) == {JobStatus.DONE: 50}, timeout=300, what="50 transcripts")
    finally:
        stop(worker)


async def upload_all(base: str, headers: dict[str, str], memos: list[bytes]) -> list[int]:
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        responses = await asyncio.gather(*(client.post("/api/memos", content=body) for body in memos))
    return [response.status_code for response in responses]
