"""Privacy controls: audio can be dropped once transcribed, a person can be removed whole, and
no transcript text or audio ever reaches a log."""

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.doctor import examine
from afterword.store.enums import JobStatus
from afterword.store.models import Job
from afterword.transcribe.worker import Worker
from afterword.web.app import create_app
from tests.support.factories import add_person, ingest_file, issue_token, stored_audio_files
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

NOTE = "she said my anger is a signal, not a verdict"


def test_no_transcript_text_or_audio_in_logs_at_any_level(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level
    settings = Settings(data_dir=tmp_path / "data")
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    audio = (SAMPLES / "jfk.m4a").read_bytes()
    with TestClient(create_app(settings)) as client:
        memo = client.post(
            "/api/memos",
            params={"note": NOTE, "filename": "jfk-secret.m4a"},
            content=audio,
            headers={**headers, "Content-Type": "audio/mp4"},
        ).json()
        done = settled_memo(client, memo["id"], headers)
        client.get("/api/insights", params={"q": "country"}, headers=headers)
    CliRunner().invoke(cli, ["add", str(SAMPLES / "ami-abbie.wav")])
    assert done["status"] == "done" and "country" in done["transcript"]["text"]

    # The test's own HTTP client logs its request URLs; everything else is Afterword's side.
    records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in records)
    assert len(records) > 5  # the logs were really captured
    for secret in ("Americans", "country", "Abigail", "Claflin", "anger", "jfk-secret", "ami-abbie"):
        assert secret not in logged, secret
    assert audio[100:132].hex() not in logged and repr(audio[100:132]) not in logged


def test_audio_can_be_dropped_once_transcribed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", keep_audio=False)
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        memo = client.post(
            "/api/memos", headers=headers, files={"file": ("memo.m4a", (SAMPLES / "jfk.m4a").read_bytes())}
        ).json()
        done = settled_memo(client, memo["id"], headers)
        assert "country" in done["transcript"]["text"]
        audio = client.get(f"/api/memos/{memo['id']}/audio", headers=headers)
        assert audio.status_code == 404 and "not kept" in audio.json()["detail"]
    db = open_database(settings)
    assert stored_audio_files(db) == []
    assert examine(db, staging_age_seconds=0).missing_audio == []  # dropped on purpose


def test_dropping_audio_spares_a_memo_of_the_same_bytes_that_may_be_tried_again(
    tmp_path: Path,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    db = open_database(Settings(data_dir=tmp_path / "data", keep_audio=False))
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    failed = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=alice).memo
    ingest_file(db, SAMPLES / "jfk.m4a", owner_id=bob)
    with db.write() as session:
        session.scalars(select(Job).where(Job.memo_id == failed.id)).one().status = JobStatus.FAILED
    assert Worker(db, whisper_engine).drain() == 1  # Bob's: done, and his copy not needed
    assert len(stored_audio_files(db)) == 1  # Alice's failed memo keeps it for a retry
    db.close()


def test_delete_person_removes_everything_of_theirs_only(settings: Settings) -> None:
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    bob = {"Authorization": f"Bearer {issue_token(settings, 'Bob')}"}
    with TestClient(create_app(settings)) as client:
        for headers, sample in ((alice, "jfk.m4a"), (alice, "ami-abbie.wav"), (bob, "ami-abbie.wav")):
            memo = client.post(
                "/api/memos", headers=headers, files={"file": (sample, (SAMPLES / sample).read_bytes())}
            ).json()
            settled_memo(client, memo["id"], headers)
    env = {
        name: str(value)
        for name, value in (
            ("AFTERWORD_DATA_DIR", settings.data_dir),
            ("AFTERWORD_DATABASE_URL", settings.database_url),
            ("AFTERWORD_BLOB_BACKEND", settings.blob_backend),
        )
        if value is not None
    }
    result = CliRunner().invoke(cli, ["delete", "--person", "Alice", "--yes"], env=env)
    assert result.exit_code == 0, result.output
    assert "Deleted Alice and 2 memo(s)." in result.stdout
    db = open_database(settings)
    assert len(stored_audio_files(db)) == 1  # Bob's copy of the shared bytes stays
    with TestClient(create_app(settings, run_worker=False)) as client:
        assert client.get("/api/memos", headers=alice).status_code == 401
        assert client.get("/api/memos", headers=bob).json()["total"] == 1
    people = CliRunner().invoke(cli, ["people"], env=env).stdout
    assert "Alice" not in people and "Bob" in people


def test_doctor_finds_and_cleans_what_a_crash_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["add", "--no-wait", str(SAMPLES / "ami-abbie.wav")])
    db = open_database(Settings())
    db.blobs.staging_dir.mkdir(parents=True, exist_ok=True)
    (db.blobs.staging_dir / "upload-interrupted").write_bytes(b"\0" * 1000)
    orphan = db.settings.audio_dir / "ab" / "cd" / ("abcd" + "0" * 60)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left behind")
    report = runner.invoke(cli, ["doctor"])
    assert report.exit_code == 0
    assert "1 stored audio no memo refers to" in report.stdout
    assert "1 unfinished uploads" not in report.stdout  # younger than an hour: maybe in flight
    fixed = runner.invoke(cli, ["doctor", "--fix", "--staging-age", "0"])
    assert "Cleaned 2 item(s)." in fixed.stdout
    assert not orphan.exists() and list(db.blobs.staging_dir.iterdir()) == []
    assert json.loads(runner.invoke(cli, ["list", "--json"]).stdout)[0]["status"] == "queued"
    memo_audio = next(p for p in db.settings.audio_dir.glob("??/??/*"))
    memo_audio.unlink()
    missing = runner.invoke(cli, ["doctor"])
    assert missing.exit_code == 1 and "1 memos whose audio is missing" in missing.stdout
