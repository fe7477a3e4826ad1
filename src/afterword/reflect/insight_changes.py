"""Changing an insight: its headline in the person's words, and (through the API, in one call)
the session it follows as well."""

import uuid
from enum import Enum

from afterword.controls import HEADLINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.reflect.insights import NO_SUCH_INSIGHT, InsightView, insight_detail
from afterword.reflect.sessions import move_insight
from afterword.store.db import Database
from afterword.store.headlines import pick_headline
from afterword.store.models import Insight
from afterword.store.reading import Reader

MAX_HEADLINE_CHARS = HEADLINE_CHARS


class BadHeadline(Invalid):
    pass


class Unchanged(Enum):
    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def set_headline(reader: Reader, db: Database, *, insight_id: uuid.UUID, text: str | None) -> str:
    """Set the headline in the person's words; None picks it from the transcript again."""
    if text is not None:
        text = " ".join(refuse_controls(text, what="a headline").split())
        if not text or len(text) > MAX_HEADLINE_CHARS:
            raise BadHeadline(f"a headline has 1 to {MAX_HEADLINE_CHARS} characters")
    with db.write() as session:
        insight = session.get(Insight, insight_id)
        if insight is None or insight.owner_id != reader.person_id:
            raise NotFound(NO_SUCH_INSIGHT)
        insight.headline = text if text is not None else pick_headline(insight.text)
        return insight.headline


def change_insight(
    reader: Reader,
    db: Database,
    *,
    insight_id: uuid.UUID,
    headline: str | None | Unchanged = UNCHANGED,
    session_id: uuid.UUID | None | Unchanged = UNCHANGED,
) -> InsightView:
    """Change what is given: a headline (None picks it from the transcript again) or the
    session it follows (None gives it back to the rule, the latest session before it)."""
    insight_detail(reader, insight_id=insight_id)
    if not isinstance(headline, Unchanged):
        set_headline(reader, db, insight_id=insight_id, text=headline)
    if not isinstance(session_id, Unchanged):
        move_insight(reader, db, insight_id=insight_id, session_id=session_id)
    return insight_detail(reader, insight_id=insight_id)
