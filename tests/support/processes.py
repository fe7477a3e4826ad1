"""Real `afterword` processes for tests: workers and servers that can be killed."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import func, select

from afterword.capture.intake import MemoInfo, ingest
from afterword.capture.staging import Stager
from afterword.settings import Settings
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Transcript
from afterword.store.reading import Reader
from tests.support.factories import add_person
from tests.support.samples import SAMPLES

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update(
        HF_HUB_OFFLINE="1",
        AFTERWORD_DATA_DIR=str(settings.data_dir),
        AFTERWORD_BLOB_BACKEND=settings.blob_backend,
        AFTERWORD_WHISPER__CPU_THREADS="1",
        AFTERWORD_WORKER_POLL_SECONDS="0.2",
        AFTERWORD_JOB_LEASE_SECONDS=str(settings.job_lease_seconds),
        AFTERWORD_UPLOADS_PER_MINUTE=str(settings.uploads_per_minute),
        AFTERWORD_UPLOADS_PER_CLIENT_PER_MINUTE=str(settings.uploads_per_client_per_minute),
        **extra,
    )
    if settings.database_url:
        env["AFTERWORD_DATABASE_URL"] = settings.database_url
    return env


def start(settings: Settings, *args: str, **extra_env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "afterword", *args],
        cwd=REPO,
        env=env_for(settings, **extra_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(
    settings: Settings, *args: str, **extra_env: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = start(settings, "serve", "--port", str(port), *args, **extra_env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: reachable(base), timeout=60, what="the server to start")
        yield base, process
    finally:
        stop(process)


def reachable(base: str) -> bool:
    try:
        httpx.get(f"{base}/api/me", timeout=1)
        return True
    except httpx.TransportError:
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, *, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def queue_memos(db: Database, memos: list[bytes]) -> None:
    owner_id = add_person(db)
    for body in memos:
        stager = Stager(db.blobs, max_bytes=db.settings.max_upload_bytes)
        stager.write(body)
        ingest(Reader(db, owner_id), db, staged=stager.finish(), info=MemoInfo())


def job_counts(db: Database) -> dict[JobStatus, int]:
    with db.read() as session:
        rows = session.execute(select(Job.status, func.count()).group_by(Job.status))
        return {status: count for status, count in rows}


def assert_every_job_done_once(db: Database, *, expected: int, workers: int) -> None:
    with db.read() as session:
        jobs = session.scalars(select(Job)).all()
        transcripts = session.scalar(select(func.count()).select_from(Transcript))
        transcribed_memos = session.scalar(select(func.count(func.distinct(Transcript.memo_id))))
    assert len(jobs) == expected
    assert all(job.status == JobStatus.DONE and job.attempts == 1 for job in jobs)
    assert transcripts == transcribed_memos == expected
    # The queue really was shared, not drained by one process alone.
    assert len({job.worker_id.rsplit(":", 2)[1] for job in jobs if job.worker_id}) >= workers


SHORT_MEMO = SAMPLES / "librispeech-1272-141231-0000.3gp"
