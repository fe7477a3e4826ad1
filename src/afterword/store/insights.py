"""Insights: the capture a person works with, made from a finished transcript."""

from sqlalchemy.orm import Session

from afterword.store.headlines import pick_headline
from afterword.store.models import Insight, Memo, Transcript


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
