"""The review copy a phone keeps (GET /api/review/copy)."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PlanCopy(Public):
    trigger_id: uuid.UUID
    kind: str
    text: str
    weekday: int | None
    """0 is Monday, for a timed plan."""
    minute_of_day: int | None


class CardCopy(Public):
    summary_id: uuid.UUID
    insight_id: uuid.UUID | None
    headline: str
    paragraph: str
    updated_at: datetime
    cues: list[PlanCopy]


class SharedCopy(Public):
    summary_id: uuid.UUID
    partner: str
    headline: str
    paragraph: str
    updated_at: datetime


class AppreciationCopy(Public):
    id: uuid.UUID
    partner: str
    text: str
    sent_at: datetime


class ReviewCopyPublic(Public):
    saved_at: datetime
    focus: str | None
    repair: str | None
    cards: list[CardCopy]
    shared: list[SharedCopy]
    """What the current partner shared with this person."""
    appreciations: list[AppreciationCopy]
    """What the current partner sent, newest first."""
