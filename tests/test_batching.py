"""Batched transcription on real speech and the real model: long memos, and backlogs of short
memos decoded in one call, where each memo keeps its own words and one bad memo fails alone."""

import io
import threading
import uuid
import wave
from datetime import timedelta
from pathlib import Path

import faster_whisper
import numpy as np
import pytest
from sqlalchemy import select

from afterword.store.blobs import FolderBlobStore
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.jobs import claim_batch
from afterword.store.models import AudioBlob, Job, Memo, Segment, Transcript
from afterword.transcribe.engine import SAMPLE_RATE
from afterword.transcribe.memory import MemoryBudget, resident_mb
from afterword.transcribe.worker import Worker
from tests.support.factories import distinct_wavs, ingest_file, long_speech_wav
from tests.support.samples import SAMPLES, sample_rows
from tests.support.wer import word_error_rate

REFERENCES = {name: row["reference"] for name, row in sample_rows().items()}
BACKLOG = [
    "jfk.m4a",
    "librispeech-1995-1837-0001.ogg",
    "ljspeech-LJ001-0009.mp3",
    "librispeech-2412-153948-0000.amr",
]


@pytest.fixture
def pipeline_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every call into faster-whisper's batched pipeline (which still runs), with its arguments."""
    calls: list[dict] = []
    real = faster_whisper.BatchedInferencePipeline.transcribe

    def spy(self, audio, **kwargs):  # type: ignore[no-untyped-def]
        calls.append({"model": self.model, **kwargs})
        return real(self, audio, **kwargs)

    monkeypatch.setattr(faster_whisper.BatchedInferencePipeline, "transcribe", spy)
    return calls


def long_memo() -> tuple[np.ndarray, str]:
    """A minute of real speech (every sample in a row) and its reference text."""
    with wave.open(io.BytesIO(long_speech_wav())) as wav:
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), np.int16)
    names = sorted(REFERENCES)  # long_speech_wav joins the samples in name order
    return pcm.astype(np.float32) / 32768, " ".join(REFERENCES[name] for name in names)


def test_long_memo_is_batched_and_keeps_word_timings(whisper_engine, pipeline_calls) -> None:  # type: ignore[no-untyped-def]
    audio, reference = long_memo()
    assert len(audio) / SAMPLE_RATE > whisper_engine.config.batch_above_seconds
    batched = whisper_engine.transcribe(audio)
    assert len(pipeline_calls) == 1
    assert pipeline_calls[0]["model"] is whisper_engine.load()  # the one loaded model, wrapped
    assert pipeline_calls[0]["vad_filter"] and pipeline_calls[0]["word_timestamps"]
    assert len(batched.segments) > 5  # windows cut at sentence ends
    assert " ".join(s.text for s in batched.segments) == batched.text
    for segment in batched.segments:
        assert segment.words
        for word in segment.words:
            assert segment.start - 0.01 <= word.start <= word.end <= segment.end + 0.01
    assert batched.segments[-1].end <= batched.audio_seconds
    # Sequential decoding scores 2.5 % here. Batched decoding drops the quiet 4 s meeting clip
    # that opens this joined file (it shares a window with loud speech; see README, Speed).
    assert word_error_rate(reference, batched.text) <= 0.10


def test_short_memo_is_not_batched(whisper_engine, pipeline_calls) -> None:  # type: ignore[no-untyped-def]
    audio, _reference = long_memo()
    result = whisper_engine.transcribe(audio[: 20 * SAMPLE_RATE])
    assert result.segments and pipeline_calls == []


def replace_stored_audio(db: Database, sha256: str, data: bytes) -> None:
    """Damage a memo's audio after intake accepted it, whichever backend holds it."""
    if isinstance(db.blobs, FolderBlobStore):
        db.blobs.path_for(sha256).write_bytes(data)
        return
    with db.write() as session:
        session.get_one(AudioBlob, sha256).data = data


def transcripts_by_memo(db: Database) -> dict[uuid.UUID, tuple[Transcript, list[Segment]]]:
    """Every stored transcript with its segments in order, by memo id."""
    with db.read() as session:
        found = {}
        for transcript in session.scalars(select(Transcript)):
            segments = session.scalars(
                select(Segment).where(Segment.transcript_id == transcript.id).order_by(Segment.position)
            ).all()
            found[transcript.memo_id] = (transcript, list(segments))
        return found


def test_backlog_is_one_batched_call_and_a_bad_memo_fails_alone(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,
    pipeline_calls,  # type: ignore[no-untyped-def]
) -> None:
    def add(name: str) -> Memo:
        return ingest_file(db, SAMPLES / name, owner_id=person_id).memo

    memos = {name: add(name) for name in BACKLOG[:2]}
    broken = add("ami-abbie.wav")  # in the middle of the queue
    memos |= {name: add(name) for name in BACKLOG[2:]}
    replace_stored_audio(db, broken.sha256, b"RIFF but not really audio" * 100)
    assert Worker(db, whisper_engine).drain() == len(BACKLOG) + 1
    assert len(pipeline_calls) == 1 and pipeline_calls[0]["clip_timestamps"]
    with db.read() as session:
        jobs = {job.memo_id: job for job in session.scalars(select(Job))}
    assert jobs[broken.id].status == JobStatus.QUEUED  # to be retried after its backoff
    assert (jobs[broken.id].last_error or "").startswith("NotAudio")
    transcripts = transcripts_by_memo(db)
    assert broken.id not in transcripts
    for name, memo in memos.items():
        assert jobs[memo.id].status == JobStatus.DONE
        transcript, segments = transcripts[memo.id]
        # Each memo holds its own words and only those: a swap, or a sentence of another memo,
        # would push its error rate far past this.
        assert word_error_rate(REFERENCES[name], transcript.text) <= 0.35
        assert segments and all(s.words for s in segments)
        assert segments[0].start >= 0 and segments[-1].end <= memo.duration_seconds + 0.05


def test_failed_batched_call_falls_back_to_one_memo_at_a_time(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    def out_of_memory(self, audio, **kwargs):  # type: ignore[no-untyped-def]
        raise MemoryError("no room for the batch")

    monkeypatch.setattr(faster_whisper.BatchedInferencePipeline, "transcribe", out_of_memory)
    memos = {name: ingest_file(db, SAMPLES / name, owner_id=person_id).memo for name in BACKLOG[:2]}
    assert Worker(db, whisper_engine).drain() == 2
    transcripts = transcripts_by_memo(db)
    for name, memo in memos.items():
        assert word_error_rate(REFERENCES[name], transcripts[memo.id][0].text) <= 0.35


def test_concurrent_batch_claims_never_share_a_job(
    db: Database, person_id: uuid.UUID, tmp_path: Path
) -> None:
    for number, data in enumerate(distinct_wavs(SAMPLES / "ami-abbie.wav", 6)):
        path = tmp_path / f"memo-{number}.wav"
        path.write_bytes(data)
        ingest_file(db, path, owner_id=person_id)
    first_holds_its_rows, second_done = threading.Event(), threading.Event()
    claimed: dict[str, list[int]] = {}

    def first() -> None:
        with db.write() as session:
            jobs = claim_batch(session, worker_id="first", lease=timedelta(minutes=5), limit=4)
            claimed["first"] = [job.id for job in jobs]
            first_holds_its_rows.set()
            # PostgreSQL: the second claims now, past these locked rows. SQLite: it waits for
            # this transaction, so this wait runs out and the second claims after the commit.
            second_done.wait(timeout=1)

    thread = threading.Thread(target=first)
    thread.start()
    assert first_holds_its_rows.wait(timeout=60), "the first claim never returned"
    with db.write() as session:
        jobs = claim_batch(session, worker_id="second", lease=timedelta(minutes=5), limit=4)
        claimed["second"] = [job.id for job in jobs]
    second_done.set()
    thread.join(timeout=60)
    assert len(claimed["first"]) == 4 and len(claimed["second"]) == 2
    assert not set(claimed["first"]) & set(claimed["second"])
    with db.read() as session:
        assert {job.status for job in session.scalars(select(Job))} == {JobStatus.RUNNING}


def test_memory_ceiling_sets_the_batch_size() -> None:
    budget = MemoryBudget(ceiling_mb=1000, window_mb=70)
    # 700 MB free: (6 + 4) x 70 fits, (7 + 4) x 70 does not.
    assert budget.fit(8, resident=300, audio_seconds=0) == 6
    assert budget.fit(4, resident=300, audio_seconds=0) == 4
    # A 30 minute memo's audio and features (240 MB) are held for the whole call.
    assert budget.fit(8, resident=300, audio_seconds=1800) == 2
    assert budget.fit(8, resident=5000, audio_seconds=0) == 1  # never less than one window
    assert MemoryBudget(ceiling_mb=0, window_mb=70).fit(8, resident=5000, audio_seconds=0) == 8


def test_concurrent_calls_share_the_memory_ceiling() -> None:
    budget = MemoryBudget(ceiling_mb=resident_mb() + 735, window_mb=70)
    with budget.windows(8, audio_seconds=0) as first:
        assert first == 6
        with budget.windows(8, audio_seconds=0) as second:  # what is left: at least one window
            assert second == 1
    with budget.windows(8, audio_seconds=0) as again:
        assert again == 6
