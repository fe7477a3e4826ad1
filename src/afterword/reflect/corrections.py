"""Correcting a transcript while listening. Each correction of a segment is a new version: the
text the model heard is kept as version 0, and the segment, the transcript, search, the insight
(and its headline, unless the person wrote that themselves) and everything built on them use the
newest. Word timings follow the corrected words (see transcribe.sentences.retime_words)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.controls import NOTE_CHARS, refuse_controls
from afterword.errors import Conflict, Invalid, NotFound
from afterword.store.corrections import NO_SUCH_MEMO, add_version, find_segment
from afterword.store.db import Database
from afterword.store.headlines import pick_headline
from afterword.store.models import Insight, Transcript
from afterword.store.reading import Reader
from afterword.store.views.memos import SegmentRecord, TranscriptRecord, memo, transcript
from afterword.transcribe.sentences import retime_words

MAX_SEGMENT_CHARS = NOTE_CHARS


class BadCorrection(Invalid):
    pass


@dataclass(frozen=True)
class VersionView:
    version: int
    """0 is what the model heard."""
    text: str
    created_at: datetime


@dataclass(frozen=True)
class SegmentVersions:
    position: int
    start: float
    end: float
    text: str
    version: int
    heard: str
    """The text as the model heard it."""
    versions: list[VersionView]


def segment_versions(segment: SegmentRecord, heard: TranscriptRecord) -> SegmentVersions:
    """The segment with its versions (as heard, when it is uncorrected)."""
    versions = [VersionView(v.version, v.text, v.created_at) for v in segment.versions] or [
        VersionView(0, segment.text, heard.created_at)
    ]
    return SegmentVersions(
        position=segment.position,
        start=segment.start,
        end=segment.end,
        text=segment.text,
        version=versions[-1].version,
        heard=versions[0].text,
        versions=versions,
    )


def clean_text(text: str) -> str:
    cleaned = " ".join(refuse_controls(text, what="a corrected segment", multiline=True).split())
    if not cleaned or len(cleaned) > MAX_SEGMENT_CHARS:
        raise BadCorrection(f"a corrected segment has 1 to {MAX_SEGMENT_CHARS} characters")
    return cleaned


def correct_segment(
    reader: Reader, db: Database, *, memo_id: uuid.UUID, position: int, text: str
) -> SegmentVersions:
    """Make `text` the segment's newest version (the same text again changes nothing)."""
    text = clean_text(text)
    with db.write() as session:
        memo, heard, segment = find_segment(
            session, owner_id=reader.person_id, memo_id=memo_id, position=position
        )
        rows = list(segment.versions)
        if text != segment.text:
            if not rows:
                original = {"text": segment.text, "words": segment.words, "created_at": heard.created_at}
                rows.append(
                    add_version(session, segment=segment, owner_id=reader.person_id, version=0, **original)
                )
            words = retime_words(segment.words, text, start=segment.start, end=segment.end)
            add_version(
                session,
                segment=segment,
                owner_id=reader.person_id,
                version=rows[-1].version + 1,
                text=text,
                words=words,
            )
            segment.text, segment.words = text, words
            rewrite_text(heard, memo.insight)
    return show_segment(reader, memo_id=memo_id, position=position)


def show_segment(reader: Reader, *, memo_id: uuid.UUID, position: int) -> SegmentVersions:
    """The segment with every version of it, oldest first."""
    with reader.reads() as reads:
        if memo(reads, memo_id=memo_id) is None:
            raise NotFound(NO_SUCH_MEMO)
        heard = transcript(reads, memo_id=memo_id)
    if heard is None:
        raise Conflict("this memo has no transcript to correct")
    if not 0 <= position < len(heard.segments):
        raise NotFound(f"this memo's transcript has no segment {position + 1}")
    return segment_versions(heard.segments[position], heard)


def rewrite_text(transcript: Transcript, insight: Insight | None) -> None:
    """The transcript's text from its segments again, and the insight's with it."""
    transcript.text = " ".join(s.text for s in transcript.segments if s.text)
    if insight is None:
        return
    picked_by_hand = insight.headline != pick_headline(insight.text)
    insight.text = transcript.text
    if not picked_by_hand:
        insight.headline = pick_headline(insight.text)
