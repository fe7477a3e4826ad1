"""Recall attempts, with the insight each was about. Nothing here commits."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Insight, Recall


def list_recalls(session: Session, *, owner_id: uuid.UUID, since: datetime) -> list[tuple[Recall, str]]:
    """Oldest first, each with its insight's headline."""
    stmt = (
        select(Recall, Insight.headline)
        .join(Insight, Insight.id == Recall.insight_id)
        .where(Recall.owner_id == owner_id, Recall.recalled_at >= since)
        .order_by(Recall.recalled_at)
    )
    return [(recall, headline) for recall, headline in session.execute(stmt).all()]
