"""Changing an insight through the API: its headline and the session it follows, in one call."""

import uuid
from enum import Enum

from afterword.reflect.insights import InsightView, insight_detail, set_headline
from afterword.reflect.sessions import move_insight
from afterword.store.db import Database


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
