"""Insights as the between-session work sees them: headline, session, minutes after it. Read
(and their headlines changed) in plain SQL through store.lean's Rows, as the memos are."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from afterword.capture.memos import MemoRow, recent_memo_rows, searched_memo_rows
from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.reflect.following import SessionTime, minutes_after, session_of, session_times
from afterword.store.headlines import pick_headline
from afterword.store.lean import Reader, Rows, as_utc, as_uuid, as_uuid_or_none
from afterword.store.thoughts import thought_insight_id

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


class InsightRow(NamedTuple):
    """An insight with its summary's id, as INSIGHT_SQL reads it."""

    id: uuid.UUID
    memo_id: uuid.UUID
    headline: str
    text: str
    captured_at: datetime
    therapy_session_id: uuid.UUID | None
    summary_id: uuid.UUID | None

    @classmethod
    def read(cls, row: tuple[Any, ...]) -> "InsightRow":
        insight_id, memo_id, headline, text, captured, moved_to, summary_id = row
        return cls(
            as_uuid(insight_id),
            as_uuid(memo_id),
            headline,
            text,
            as_utc(captured),
            as_uuid_or_none(moved_to),
            as_uuid_or_none(summary_id),
        )


INSIGHT_SQL = (
    "SELECT i.id, i.memo_id, i.headline, i.text, i.captured_at, i.therapy_session_id, s.id"
    " FROM insights i LEFT JOIN summaries s ON s.insight_id = i.id WHERE i.owner_id = :owner_id"
)


def insight_rows(
    rows: Rows, *, owner_id: uuid.UUID, where: str = "", limit: int | None = None, **params: Any
) -> list[InsightRow]:
    """The owner's insights, newest first; `where` narrows them (" AND ...")."""
    sql = f"{INSIGHT_SQL}{where} ORDER BY i.captured_at DESC, i.id"
    if limit is not None:
        sql, params = f"{sql} LIMIT :limit", {**params, "limit": limit}
    return [InsightRow.read(row) for row in rows.all(sql, owner_id=owner_id, **params)]


def insight_view(insight: InsightRow, sessions: list[SessionTime]) -> InsightView:
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


def one_insight_view(rows: Rows, *, owner_id: uuid.UUID, insight_id: uuid.UUID) -> InsightView | None:
    found = insight_rows(rows, owner_id=owner_id, where=" AND i.id = :insight_id", insight_id=insight_id)
    return insight_view(found[0], session_times(rows, owner_id=owner_id)) if found else None


def insight_views(db: Reader, *, owner_id: uuid.UUID, limit: int | None = None) -> list[InsightView]:
    """Newest first."""
    with db.rows() as rows:
        sessions = session_times(rows, owner_id=owner_id)
        return [insight_view(i, sessions) for i in insight_rows(rows, owner_id=owner_id, limit=limit)]


def find_insight_view(db: Reader, *, owner_id: uuid.UUID, ref: str) -> InsightView:
    """By an insight's, memo's or summary's id or its first characters (NotFound otherwise)."""
    with db.rows() as rows:
        insight_id = thought_insight_id(rows, owner_id=owner_id, ref=ref)
        view = one_insight_view(rows, owner_id=owner_id, insight_id=insight_id)
        assert view is not None
        return view


def insight_detail(db: Reader, *, owner_id: uuid.UUID, insight_id: uuid.UUID) -> InsightView:
    with db.rows() as rows:
        view = one_insight_view(rows, owner_id=owner_id, insight_id=insight_id)
        if view is None:
            raise NotFound(NO_SUCH_INSIGHT)
        return view


def next_without_summary(db: Reader, *, owner_id: uuid.UUID) -> InsightView | None:
    """The newest insight that has no summary yet."""
    with db.rows() as rows:
        found = insight_rows(rows, owner_id=owner_id, where=" AND s.id IS NULL", limit=1)
        return insight_view(found[0], session_times(rows, owner_id=owner_id)) if found else None


def set_headline(db: Reader, *, owner_id: uuid.UUID, insight_id: uuid.UUID, text: str | None) -> str:
    """Set the headline in the person's words; None picks it from the transcript again."""
    if text is not None:
        text = " ".join(refuse_controls(text, what="a headline").split())
        if not text or len(text) > MAX_HEADLINE_CHARS:
            raise BadHeadline(f"a headline has 1 to {MAX_HEADLINE_CHARS} characters")
    with db.rows() as rows, rows.transaction():
        found = rows.all(
            "SELECT text FROM insights WHERE id = :insight_id AND owner_id = :owner_id",
            insight_id=insight_id,
            owner_id=owner_id,
        )
        if not found:
            raise NotFound("no such insight")
        headline = text if text is not None else pick_headline(found[0][0])
        rows.run(
            "UPDATE insights SET headline = :headline WHERE id = :insight_id AND owner_id = :owner_id",
            headline=headline,
            insight_id=insight_id,
            owner_id=owner_id,
        )
        return headline


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


def insight_hit(memo: MemoRow) -> InsightHit:
    return InsightHit(
        as_uuid(memo.insight_id),
        as_uuid(memo.id),
        str(memo.headline),
        str(memo.insight_text),
        as_utc(memo.insight_captured_at),
    )


def find_insight_hits(db: Reader, *, owner_id: uuid.UUID, words: str | None, limit: int) -> InsightHits:
    """Insights whose transcript holds the words (prefixes match), best first; without words,
    the newest. Memos not yet transcribed have no insight and are left out."""
    with db.rows() as rows:
        if words and words.strip():
            memos = searched_memo_rows(rows, owner_id=owner_id, words=words, limit=limit)
        else:
            memos = recent_memo_rows(rows, owner_id=owner_id, limit=limit)
        return InsightHits([insight_hit(m) for m in memos if m.insight_id is not None])
