"""A finished transcription written down, in its job's own transaction: the transcript with its
segments, the insight made of it (a moment's words stay the week's data), and the job done.
What was heard comes as any object with the fields of transcribe.results' TranscriptResult.
Nothing here commits."""

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from afterword.store.enums import MemoKind
from afterword.store.headlines import pick_headline
from afterword.store.jobs import finish
from afterword.store.models import Insight, Job, Memo, Segment, Transcript


class HeardWord(Protocol):
    @property
    def word(self) -> str: ...
    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def probability(self) -> float: ...


class HeardSegment(Protocol):
    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def words(self) -> Sequence[HeardWord]: ...
    @property
    def avg_logprob(self) -> float: ...
    @property
    def no_speech_prob(self) -> float: ...
    @property
    def compression_ratio(self) -> float: ...
    @property
    def temperature(self) -> float: ...


class Heard(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def language_probability(self) -> float: ...
    @property
    def segments(self) -> Sequence[HeardSegment]: ...
    @property
    def audio_seconds(self) -> float: ...
    @property
    def processing_seconds(self) -> float: ...
    @property
    def model(self) -> str: ...
    @property
    def device(self) -> str: ...
    @property
    def compute_type(self) -> str: ...


def add_transcript(session: Session, *, job: Job, heard: Heard) -> Memo:
    """The job's memo with its transcript (and insight) written, and the job done."""
    memo = session.get_one(Memo, job.memo_id)
    transcript = Transcript(
        memo_id=memo.id,
        owner_id=memo.owner_id,
        text=heard.text,
        language=heard.language,
        language_probability=heard.language_probability,
        model=heard.model,
        device=heard.device,
        compute_type=heard.compute_type,
        audio_seconds=heard.audio_seconds,
        processing_seconds=heard.processing_seconds,
    )
    session.add(transcript)
    session.flush()
    session.add_all(
        segment_row(transcript, position, segment) for position, segment in enumerate(heard.segments)
    )
    if memo.kind == MemoKind.INSIGHT:
        session.add(
            Insight(
                owner_id=memo.owner_id,
                memo_id=memo.id,
                text=transcript.text,
                headline=pick_headline(transcript.text),
                captured_at=memo.captured_at or memo.created_at,
            )
        )
    finish(session, job=job)
    return memo


def segment_row(transcript: Transcript, position: int, segment: HeardSegment) -> Segment:
    return Segment(
        transcript_id=transcript.id,
        position=position,
        start=segment.start,
        end=segment.end,
        text=segment.text,
        words=[
            {"word": w.word, "start": w.start, "end": w.end, "probability": w.probability}
            for w in segment.words
        ],
        avg_logprob=segment.avg_logprob,
        no_speech_prob=segment.no_speech_prob,
        compression_ratio=segment.compression_ratio,
        temperature=segment.temperature,
    )
