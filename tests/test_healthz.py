"""/healthz, for a service manager, a proxy or a monitor: no token; whether the database answers,
the queue's depth and oldest job, the workers seen and their leases; nothing of anyone's. A
worker that is killed shows as gone once its lease runs out; one that stops as told, at once."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from afterword.settings import Settings
from afterword.store.blobs import FolderBlobStore
from afterword.store.db import Database, make_engine, open_database
from afterword.store.health import check_health
from afterword.web.app import create_app
from tests.support.factories import add_person, ingest_file
from tests.support.processes import start, stop, wait_until
from tests.support.samples import SAMPLES

LEASE_SECONDS = 3.0


def health(client: TestClient) -> dict[str, Any]:
    answer = client.get("/healthz")
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    body: dict[str, Any] = answer.json()
    return body


def test_healthz_counts_the_queue_with_no_token_and_shows_nothing_of_anyones(settings: Settings) -> None:
    db = open_database(settings)
    try:
        memo = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=add_person(db, "Alice Moreau")).memo
    finally:
        db.close()
    time.sleep(0.2)
    with TestClient(create_app(settings, run_worker=False)) as client:
        body = health(client)
        raw = client.get("/healthz").text
    assert body["status"] == "stalled"  # a job waits, and no worker is alive
    assert body["database"] == "reachable" and body["workers"] == []
    queue = body["queue"]
    assert (queue["queued"], queue["running"]) == (1, 0) and queue["oldest_queued_seconds"] >= 0.2
    for private in ("Alice", "Moreau", "jfk", memo.id.hex, str(memo.id), socket.gethostname()):
        assert private not in raw


def worker_row(client: TestClient, suffix: str) -> dict[str, Any]:
    [row] = [w for w in health(client)["workers"] if w["worker"] == suffix]
    return row


def started_worker(
    settings: Settings, client: TestClient, known: set[str]
) -> tuple[subprocess.Popen[bytes], str]:
    """An `afterword worker` process, and the suffix /healthz shows for it once it beats."""
    process = start(settings, "worker")
    new: list[str] = []

    def seen() -> bool:
        new[:] = [w["worker"] for w in health(client)["workers"] if w["worker"] not in known]
        return bool(new)

    wait_until(seen, timeout=60, what="the worker's first heartbeat")
    return process, new[0]


def test_a_killed_worker_shows_as_gone_within_its_lease_and_a_stopped_one_at_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", job_lease_seconds=LEASE_SECONDS)
    with TestClient(create_app(settings, run_worker=False)) as client:
        killed, killed_id = started_worker(settings, client, set())
        stopped, stopped_id = started_worker(settings, client, {killed_id})
        try:
            assert health(client)["status"] == "ok"
            row = worker_row(client, killed_id)
            assert row["alive"] and not row["stopped"] and 0 < row["lease_seconds_left"] <= LEASE_SECONDS
            os.kill(killed.pid, signal.SIGKILL)
            killed.wait()
            at = time.monotonic()
            wait_until(
                lambda: not worker_row(client, killed_id)["alive"], timeout=10, what="the lease to run out"
            )
            assert time.monotonic() - at <= LEASE_SECONDS + 0.5
            gone = worker_row(client, killed_id)
            assert (gone["stopped"], gone["lease_seconds_left"]) == (False, 0)
            assert worker_row(client, stopped_id)["alive"]

            stopped.send_signal(signal.SIGTERM)
            assert stopped.wait(timeout=30) == 0
            row = worker_row(client, stopped_id)
            assert (row["alive"], row["stopped"]) == (False, True)
        finally:
            stop(killed)
            stop(stopped)


def test_a_database_that_does_not_answer_is_down(tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/afterword"
    settings = Settings(data_dir=tmp_path, database_url=url)
    unreachable = Database(settings, make_engine(url), FolderBlobStore(tmp_path / "audio"))
    health = check_health(unreachable)
    assert (health.status, health.database, health.queue) == ("down", "unreachable", None)
