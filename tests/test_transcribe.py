"""The real bundled model on real speech, through the engine and through the worker."""

import uuid

import pytest
from sqlalchemy import select

from afterword.audio import decode_file, to_float32
from afterword.capture.memos import search_memo_views
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Insight, Job, Segment, Transcript
from afterword.store.reading import Reader
from afterword.transcribe.worker import Worker
from tests.support.factories import ingest_file
from tests.support.samples import SAMPLES, sample_rows
from tests.support.wer import word_error_rate

SAMPLES_BY_FILE = sample_rows()


@pytest.mark.parametrize("name", sorted(SAMPLES_BY_FILE))
def test_every_sample_format_transcribes(whisper_engine, name: str) -> None:  # type: ignore[no-untyped-def]
    audio = to_float32(decode_file(SAMPLES / name, max_seconds=60))
    result = whisper_engine.transcribe(audio)
    assert result.language == "en"
    assert result.segments and result.segments[0].words
    # tiny.en on 8 kHz AMR and a quiet meeting mic is rough; the words must still be there.
    assert word_error_rate(SAMPLES_BY_FILE[name]["reference"], result.text) <= 0.35


def test_jfk_word_error_rate_is_at_most_ten_percent(whisper_engine) -> None:  # type: ignore[no-untyped-def]
    result = whisper_engine.transcribe(to_float32(decode_file(SAMPLES / "jfk.m4a", max_seconds=60)))
    assert word_error_rate(SAMPLES_BY_FILE["jfk.m4a"]["reference"], result.text) <= 0.10


def test_word_timings_fall_inside_their_segment(whisper_engine) -> None:  # type: ignore[no-untyped-def]
    result = whisper_engine.transcribe(to_float32(decode_file(SAMPLES / "jfk.m4a", max_seconds=60)))
    for segment in result.segments:
        for word in segment.words:
            assert segment.start - 0.01 <= word.start <= word.end <= segment.end + 0.01


def test_worker_writes_transcript_segments_and_insight(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    memo = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    assert Worker(db, whisper_engine).drain() == 1
    with db.read() as session:
        job = session.scalars(select(Job).where(Job.memo_id == memo.id)).one()
        transcript = session.scalars(select(Transcript).where(Transcript.memo_id == memo.id)).one()
        insight = session.scalars(select(Insight).where(Insight.memo_id == memo.id)).one()
        segments = session.scalars(
            select(Segment).where(Segment.transcript_id == transcript.id).order_by(Segment.position)
        ).all()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert transcript.model == "tiny.en (bundled)"
    assert (transcript.device, transcript.compute_type) == ("cpu", "int8")
    assert abs(transcript.audio_seconds - 11.0) < 0.1
    assert transcript.processing_seconds > 0
    assert insight.text == transcript.text
    assert insight.headline in transcript.text
    assert insight.owner_id == person_id
    assert " ".join(s.text for s in segments) == transcript.text
    assert [w["word"].strip() for w in segments[0].words][:3] == ["And", "so,", "my"]


def test_search_finds_a_word_of_a_transcript(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    jfk = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id)
    Worker(db, whisper_engine).drain()
    assert [m.id for m in search_memo_views(Reader(db, person_id), limit=50, words="Americans")] == [jfk.id]
    assert search_memo_views(Reader(db, person_id), limit=50, words="giraffe") == []
    assert search_memo_views(Reader(db, uuid.uuid4()), limit=50, words="Americans") == []
    assert search_memo_views(Reader(db, person_id), limit=50, words='"AND OR NOT (') == []
