"""Another Afterword process holds SQLite's write lock past the busy timeout (a long import, a
stuck writer): an API write answers 503 with Retry-After, a command prints one line saying so and
exits 1, on the Typer path, the fast path and review's fast path; never a 500 or a traceback."""

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.web.app import create_app
from tests.support.factories import issue_token
from tests.support.processes import REPO, env_for
from tests.support.samples import SAMPLES

BUSY = "another Afterword process holds the database"


@contextmanager
def write_lock_held(settings: Settings) -> Iterator[None]:
    """What another process's writer does: take the write lock and keep it."""
    other = sqlite3.connect(settings.data_dir / "afterword.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def afterword(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, as a person runs it, with a short busy timeout."""
    env = env_for(settings, AFTERWORD_SQLITE_BUSY_TIMEOUT_SECONDS="0.2")
    return subprocess.run(
        [sys.executable, "-m", "afterword", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_api_writes_answer_503_with_retry_after_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", sqlite_busy_timeout_seconds=0.2)
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings, run_worker=False)) as client:
        assert client.get("/api/me", headers=alice).status_code == 200  # its last use is noted now
        with write_lock_held(settings):
            focus = client.put("/api/focus", json={"text": "giving first"}, headers=alice)
            upload = client.post(
                "/api/memos", files={"file": ("jfk.m4a", (SAMPLES / "jfk.m4a").read_bytes())}, headers=alice
            )
            reading = client.get("/api/memos", headers=alice)
        for answer in (focus, upload):
            assert answer.status_code == 503, answer.text
            assert answer.headers["Retry-After"] == "5"
            assert (
                answer.json()["detail"]
                == "Another Afterword process holds the database; try again in a moment."
            )
        assert reading.status_code == 200  # reads go on beside a writer (WAL)
        assert client.put("/api/focus", json={"text": "giving first"}, headers=alice).status_code == 200


def test_a_command_says_in_one_line_that_another_process_holds_the_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    open_database(settings).close()  # a database with no one in it: the first command adds "me"
    with write_lock_held(settings):
        typer_path = afterword(settings, "focus", "giving first")
        fast_path = afterword(settings, "list")
    for done in (typer_path, fast_path):
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines() == [f"Error: {BUSY}; try again in a moment"], done.stderr


def test_review_on_its_fast_path_says_so_in_one_line_too(week_with_a_summary: Path) -> None:
    settings = Settings(data_dir=week_with_a_summary)
    with write_lock_held(settings):
        done = afterword(settings, "review", "Dad", "--answer", "helped")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [f"Error: {BUSY}; try again in a moment"], done.stderr
