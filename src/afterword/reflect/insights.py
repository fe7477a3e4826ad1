"""Insights as the between-session work sees them: headline, session, minutes after it, read
through store.views.insights as the memos are; and their headline, changed in the person's words."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.capture.memos import checked_words
from afterword.errors import NotFound
from afterword.reflect.following import minutes_after, session_of
from afterword.store.reading import Reader
from afterword.store.views import insights as stored
from afterword.store.views.insights import InsightRecord
from afterword.store.views.memos import MemoRecord, recent_memos, searched_memos
from afterword.store.views.sessions import SessionTime, session_times

NO_SUCH_INSIGHT = "No such insight."


@dataclass(frozen=True)
class InsightView:
    id: uuid.UUID
    memo_id: uuid.UUID
    headline: str
    text: str
    captured_at: datetime
    session_id: uuid.UUID | None
    session_starts_at: datetime | None
    minutes_after_session: int | None
    moved_by_hand: bool
    summary_id: uuid.UUID | None


def insight_view(insight: InsightRecord, sessions: list[SessionTime]) -> InsightView:
    followed = session_of(insight, sessions)
    return InsightView(
        id=insight.id,
        memo_id=insight.memo_id,
        headline=insight.headline,
        text=insight.text,
        captured_at=insight.captured_at,
        session_id=followed.id if followed else None,
        session_starts_at=followed.starts_at if followed else None,
        minutes_after_session=minutes_after(insight, followed),
        moved_by_hand=insight.therapy_session_id is not None,
        summary_id=insight.summary_id,
    )


def insight_views(reader: Reader, *, limit: int | None = None) -> list[InsightView]:
    """Newest first."""
    with reader.reads() as reads:
        sessions = session_times(reads)
        return [insight_view(i, sessions) for i in stored.insights(reads, limit=limit)]


def get_insight_view(reader: Reader, *, insight_id: uuid.UUID) -> InsightView | None:
    with reader.reads() as reads:
        found = stored.insight(reads, insight_id=insight_id)
        return None if found is None else insight_view(found, session_times(reads))


def insight_detail(reader: Reader, *, insight_id: uuid.UUID) -> InsightView:
    view = get_insight_view(reader, insight_id=insight_id)
    if view is None:
        raise NotFound(NO_SUCH_INSIGHT)
    return view


def next_without_summary(reader: Reader) -> InsightView | None:
    """The newest insight that has no summary yet."""
    with reader.reads() as reads:
        found = stored.next_without_summary(reads)
        return None if found is None else insight_view(found, session_times(reads))


@dataclass(frozen=True)
class InsightHit:
    id: uuid.UUID
    memo_id: uuid.UUID
    headline: str
    text: str
    captured_at: datetime


@dataclass(frozen=True)
class InsightHits:
    items: list[InsightHit]


def insight_hit(memo: MemoRecord) -> InsightHit:
    assert memo.insight_id is not None and memo.insight_captured_at is not None
    return InsightHit(
        memo.insight_id, memo.id, str(memo.headline), str(memo.insight_text), memo.insight_captured_at
    )


def find_insight_hits(reader: Reader, *, words: str | None, limit: int) -> InsightHits:
    """Insights whose transcript holds the words (prefixes match), best first; without words,
    the newest. Memos not yet transcribed have no insight and are left out."""
    with reader.reads() as reads:
        if words and words.strip():
            memos = searched_memos(reads, words=checked_words(words), limit=limit)
        else:
            memos = recent_memos(reads, limit=limit)
        return InsightHits([insight_hit(m) for m in memos if m.insight_id is not None])
