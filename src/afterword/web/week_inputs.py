"""What the API for the week's practices takes (what it answers are reflect's views). Every text
is bounded and refused with control characters (422) before a use case sees it."""

import uuid
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from afterword.store.enums import ReminderText
from afterword.web.inputs import Line, Name, Note

Charge = Annotated[int, Field(ge=0, le=10)]


class PartnerName(BaseModel):
    name: Name


class MomentAnswers(BaseModel):
    """Only the fields sent change; "" clears an answer."""

    what_happened: Note | None = None
    felt: Note | None = None
    tried: Note | None = None
    stuck: Note | None = None
    helped: Note | None = None


class MomentCreate(MomentAnswers):
    text: Note
    happened_at: AwareDatetime | None = None


class AppreciationCreate(BaseModel):
    text: Note
    send: bool = False
    """Send it to your partner now (otherwise it stays private)."""


class CheckInPlan(BaseModel):
    planned_at: AwareDatetime


class CheckInLog(BaseModel):
    checkin_id: uuid.UUID | None = None
    """The planned check-in that happened; none: the one planned nearest now, or an unplanned one."""
    question: Line | None = None
    """A number from the set (1-5) or your own question."""
    note: Note | None = None
    held_at: AwareDatetime | None = None


class RepairText(BaseModel):
    text: Line


class RepairUseIn(BaseModel):
    note: Note | None = None


class RitualIn(BaseModel):
    text: Line


class RitualMarkIn(BaseModel):
    happened_at: AwareDatetime | None = None


class MarkIn(BaseModel):
    marked_at: AwareDatetime | None = None


class RecallIn(BaseModel):
    insight_id: uuid.UUID
    answer: Literal["recalled", "partly", "not_yet"]
    day: int | None = None
    """1, 3 or 6 for a spaced check; none: before a re-reading."""


class ChargeIn(BaseModel):
    charge: Charge


class RemindersChoice(BaseModel):
    show: ReminderText
    """discreet ("Afterword: your plan", the default), headline, or plan (its own words)."""
