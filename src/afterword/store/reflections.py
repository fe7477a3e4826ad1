"""Reading and adding the between-session records: therapy sessions, summaries, triggers,
reviews, focus and week reflections. Every read takes the owner; nothing here commits."""

import uuid
from datetime import datetime
from typing import TypeVar

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from afterword.errors import NotFound
from afterword.store.lean import SessionRows, hex_prefix
from afterword.store.models import (
    Appreciation,
    CheckIn,
    Insight,
    Mark,
    Memo,
    Moment,
    Review,
    Summary,
    SummaryVersion,
    TherapySession,
    Trigger,
    WeekReflection,
    utc_now,
)
from afterword.store.thoughts import thought_insight_id

Owned = TypeVar(
    "Owned",
    TherapySession,
    Summary,
    Trigger,
    Insight,
    Memo,
    Moment,
    Appreciation,
    CheckIn,
    Mark,
)


def owned_matches(
    session: Session, model: type[Owned], *, prefix: str, owner_id: uuid.UUID, limit: int = 2
) -> list[Owned]:
    """The owner's rows whose plain hex id starts with the prefix (at most `limit`)."""
    plain_id = func.replace(cast(model.id, String), "-", "")
    stmt = select(model).where(model.owner_id == owner_id, plain_id.like(f"{prefix}%"))
    return list(session.scalars(stmt.limit(limit)))


def find_owned(
    session: Session, model: type[Owned], *, id_or_prefix: str, owner_id: uuid.UUID, label: str
) -> Owned:
    """The owner's row whose id starts with the given hex prefix (dashes ignored)."""
    prefix = hex_prefix(id_or_prefix)
    if prefix is None:
        raise NotFound(f"'{id_or_prefix}' is not {label} id")
    matches = owned_matches(session, model, prefix=prefix, owner_id=owner_id)
    if len(matches) > 1:
        raise NotFound(f"more than one {label} starts with {id_or_prefix}; give more of the id")
    if not matches:
        raise NotFound(f"no {label} with id {id_or_prefix}")
    return matches[0]


def find_insight(session: Session, *, id_or_prefix: str, owner_id: uuid.UUID) -> Insight:
    """The insight of the thought any of its ids names (store.thoughts), with its summary."""
    insight_id = thought_insight_id(SessionRows(session), owner_id=owner_id, ref=id_or_prefix)
    found = get_insight(session, insight_id=insight_id, owner_id=owner_id)
    assert found is not None
    return found


def find_summary(session: Session, *, id_or_prefix: str, owner_id: uuid.UUID) -> Summary:
    """The summary of the thought any of its ids names (find_insight), with versions and insight."""
    insight = find_insight(session, id_or_prefix=id_or_prefix, owner_id=owner_id)
    summary = (
        None
        if insight.summary is None
        else get_summary(session, summary_id=insight.summary.id, owner_id=owner_id)
    )
    if summary is None:
        raise NotFound(
            f"{id_or_prefix} has no summary yet: write one with `afterword reflect {id_or_prefix}`"
        )
    return summary


def get_insight(session: Session, *, insight_id: uuid.UUID, owner_id: uuid.UUID) -> Insight | None:
    """With its summary."""
    stmt = select(Insight).where(Insight.id == insight_id, Insight.owner_id == owner_id)
    return session.scalars(stmt.options(selectinload(Insight.summary))).first()


def list_insights(session: Session, *, owner_id: uuid.UUID, limit: int | None = None) -> list[Insight]:
    """Newest first, with their summary."""
    stmt = (
        select(Insight)
        .where(Insight.owner_id == owner_id)
        .options(selectinload(Insight.summary))
        .order_by(Insight.captured_at.desc(), Insight.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def list_sessions(session: Session, *, owner_id: uuid.UUID) -> list[TherapySession]:
    """Oldest first."""
    stmt = select(TherapySession).where(TherapySession.owner_id == owner_id)
    return list(session.scalars(stmt.order_by(TherapySession.starts_at)))


def add_session(
    session: Session, *, owner_id: uuid.UUID, starts_at: datetime, note: str | None
) -> TherapySession:
    row = TherapySession(owner_id=owner_id, starts_at=starts_at, note=note)
    session.add(row)
    session.flush()
    return row


def summary_query(owner_id: uuid.UUID):  # type: ignore[no-untyped-def]
    return (
        select(Summary)
        .where(Summary.owner_id == owner_id)
        .options(selectinload(Summary.versions), selectinload(Summary.insight))
    )


def get_summary(
    session: Session, *, summary_id: uuid.UUID, owner_id: uuid.UUID, fresh: bool = False
) -> Summary | None:
    """With its versions and insight; `fresh` reloads them when this session changed them."""
    stmt = summary_query(owner_id).where(Summary.id == summary_id)
    return session.scalars(stmt.execution_options(populate_existing=fresh)).first()


def owned_summary(
    session: Session, *, summary_id: uuid.UUID, owner_id: uuid.UUID, fresh: bool = False
) -> Summary:
    """As get_summary, raising NotFound when the owner has no such summary."""
    summary = get_summary(session, summary_id=summary_id, owner_id=owner_id, fresh=fresh)
    if summary is None:
        raise NotFound("no such summary")
    return summary


def list_summaries(session: Session, *, owner_id: uuid.UUID, shared_only: bool = False) -> list[Summary]:
    """Most recently written first, with versions and insight."""
    stmt = summary_query(owner_id).order_by(Summary.updated_at.desc())
    return list(session.scalars(stmt.where(Summary.shared.is_(True)) if shared_only else stmt))


def add_summary_version(
    session: Session, *, summary: Summary, template: str, answers: list[dict[str, str]], paragraph: str
) -> SummaryVersion:
    """The next version of a summary (loaded with its versions)."""
    version = SummaryVersion(
        owner_id=summary.owner_id,
        summary_id=summary.id,
        version=max((v.version for v in summary.versions), default=0) + 1,
        template=template,
        answers=answers,
        paragraph=paragraph,
    )
    session.add(version)
    summary.updated_at = utc_now()
    session.flush()
    return version


def list_triggers(session: Session, *, owner_id: uuid.UUID) -> list[Trigger]:
    """Oldest first, with their summary and its insight."""
    stmt = (
        select(Trigger)
        .where(Trigger.owner_id == owner_id)
        .options(selectinload(Trigger.summary).selectinload(Summary.insight))
        .order_by(Trigger.created_at)
    )
    return list(session.scalars(stmt))


def list_reviews(session: Session, *, owner_id: uuid.UUID, since: datetime) -> list[Review]:
    stmt = select(Review).where(Review.owner_id == owner_id, Review.reviewed_at >= since)
    return list(session.scalars(stmt.order_by(Review.reviewed_at)))


def list_week_reflections(
    session: Session, *, owner_id: uuid.UUID, since: datetime, template: str
) -> list[WeekReflection]:
    """Oldest first."""
    stmt = select(WeekReflection).where(
        WeekReflection.owner_id == owner_id,
        WeekReflection.created_at >= since,
        WeekReflection.template == template,
    )
    return list(session.scalars(stmt.order_by(WeekReflection.created_at)))
