"""Insights as the between-session work sees them: headline, session, minutes after it."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.reflect.sessions import minutes_after, move_insight, session_of
from afterword.store.db import Database
from afterword.store.insights import pick_headline
from afterword.store.memos import list_recent_memos
from afterword.store.models import Insight, TherapySession
from afterword.store.reflections import (
    find_insight,
    get_insight,
    list_insights,
    list_sessions,
    newest_insight_without_summary,
)
from afterword.store.search import search_memos

MAX_HEADLINE_CHARS = HEADLINE_CHARS
NO_SUCH_INSIGHT = "No such insight."


class BadHeadline(Invalid):
    pass


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


def insight_view(insight: Insight, sessions: list[TherapySession]) -> InsightView:
    """From an insight loaded with its summary (sessions oldest first)."""
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
        summary_id=insight.summary.id if insight.summary else None,
    )


def insight_views(db: Database, *, owner_id: uuid.UUID, limit: int | None = None) -> list[InsightView]:
    """Newest first."""
    with db.read() as session:
        sessions = list_sessions(session, owner_id=owner_id)
        return [insight_view(i, sessions) for i in list_insights(session, owner_id=owner_id, limit=limit)]


def find_insight_view(db: Database, *, owner_id: uuid.UUID, ref: str) -> InsightView:
    """By an insight's or memo's id or its first characters (NotFound otherwise)."""
    with db.read() as session:
        insight = find_insight(session, id_or_prefix=ref, owner_id=owner_id)
        return insight_view(insight, list_sessions(session, owner_id=owner_id))


def insight_detail(db: Database, *, owner_id: uuid.UUID, insight_id: uuid.UUID) -> InsightView:
    with db.read() as session:
        insight = get_insight(session, insight_id=insight_id, owner_id=owner_id)
        if insight is None:
            raise NotFound(NO_SUCH_INSIGHT)
        return insight_view(insight, list_sessions(session, owner_id=owner_id))


class Unchanged(Enum):
    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def change_insight(
    db: Database,
    *,
    owner_id: uuid.UUID,
    insight_id: uuid.UUID,
    headline: str | None | Unchanged = UNCHANGED,
    session_id: uuid.UUID | None | Unchanged = UNCHANGED,
) -> InsightView:
    """Change what is given: a headline (None picks it from the transcript again) or the
    session it follows (None gives it back to the rule, the latest session before it)."""
    insight_detail(db, owner_id=owner_id, insight_id=insight_id)
    if not isinstance(headline, Unchanged):
        set_headline(db, owner_id=owner_id, insight_id=insight_id, text=headline)
    if not isinstance(session_id, Unchanged):
        session_ref = session_id.hex if session_id else None
        move_insight(db, owner_id=owner_id, insight_ref=insight_id.hex, session_ref=session_ref)
    return insight_detail(db, owner_id=owner_id, insight_id=insight_id)


def next_without_summary(db: Database, *, owner_id: uuid.UUID) -> InsightView | None:
    """The newest insight that has no summary yet."""
    with db.read() as session:
        insight = newest_insight_without_summary(session, owner_id=owner_id)
        if insight is None:
            return None
        insight = get_insight(session, insight_id=insight.id, owner_id=owner_id)
        assert insight is not None
        return insight_view(insight, list_sessions(session, owner_id=owner_id))


def set_headline(db: Database, *, owner_id: uuid.UUID, insight_id: uuid.UUID, text: str | None) -> str:
    """Set the headline in the person's words; None picks it from the transcript again."""
    if text is not None:
        text = " ".join(refuse_controls(text, what="a headline").split())
        if not text or len(text) > MAX_HEADLINE_CHARS:
            raise BadHeadline(f"a headline has 1 to {MAX_HEADLINE_CHARS} characters")
    with db.write() as session:
        insight = get_insight(session, insight_id=insight_id, owner_id=owner_id)
        if insight is None:
            raise NotFound("no such insight")
        insight.headline = text if text is not None else pick_headline(insight.text)
        return insight.headline


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


def find_insight_hits(db: Database, *, owner_id: uuid.UUID, words: str | None, limit: int) -> InsightHits:
    """Insights whose transcript holds the words (prefixes match), best first; without words,
    the newest. Memos not yet transcribed have no insight and are left out."""
    with db.read() as session:
        if words and words.strip():
            memos = search_memos(session, owner_id=owner_id, words=words, limit=limit)
        else:
            memos = list_recent_memos(session, owner_id=owner_id, limit=limit)
        return InsightHits(
            [
                InsightHit(m.insight.id, m.id, m.insight.headline, m.insight.text, m.insight.captured_at)
                for m in memos
                if m.insight is not None
            ]
        )
