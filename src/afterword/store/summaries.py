"""Insights and their summaries in the ORM, for the write that saves a summary's next version
(they are read through store.views). Every lookup takes the owner; nothing here commits."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterword.store.models import Insight, Summary, SummaryVersion, utc_now


def get_insight(session: Session, *, insight_id: uuid.UUID, owner_id: uuid.UUID) -> Insight | None:
    """With its summary."""
    stmt = select(Insight).where(Insight.id == insight_id, Insight.owner_id == owner_id)
    return session.scalars(stmt.options(selectinload(Insight.summary))).first()


def get_summary(
    session: Session, *, summary_id: uuid.UUID, owner_id: uuid.UUID, fresh: bool = False
) -> Summary | None:
    """With its versions and insight; `fresh` reloads them when this session changed them."""
    stmt = (
        select(Summary)
        .where(Summary.owner_id == owner_id, Summary.id == summary_id)
        .options(selectinload(Summary.versions), selectinload(Summary.insight))
    )
    return session.scalars(stmt.execution_options(populate_existing=fresh)).first()


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
