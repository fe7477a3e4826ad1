"""Insights: the capture a person works with, made from a finished transcript."""

import re

from sqlalchemy.orm import Session

from afterword.store.models import Insight, Memo, Transcript

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]


def pick_headline(text: str) -> str:
    """The sentence that landed: the longest sentence by words (the whole text if it is one)."""
    sentences = split_sentences(text)
    if not sentences:
        return text.strip()
    return max(sentences, key=lambda s: len(s.split()))


def create_insight(session: Session, *, memo: Memo, transcript: Transcript) -> Insight:
    insight = Insight(
        owner_id=memo.owner_id,
        memo_id=memo.id,
        text=transcript.text,
        headline=pick_headline(transcript.text),
        captured_at=memo.captured_at or memo.created_at,
    )
    session.add(insight)
    session.flush()
    return insight
