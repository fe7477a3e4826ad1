"""What the API for the week's practices takes and answers. Built from reflect's views. Every
text is bounded and refused with control characters (422) before a use case sees it."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from afterword.web.inputs import Line, Name, Note

Charge = Annotated[int, Field(ge=0, le=10)]


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PartnerName(BaseModel):
    name: Name


class PartnerPublic(Public):
    partner: str | None
    since: datetime | None
    invited: str | None
    """The name you invited, while the invitation waits."""
    invitations: list[str]
    """Who invited you, waiting for your answer."""


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


class MomentPublic(Public):
    id: uuid.UUID
    happened_at: datetime
    text: str | None
    voice: bool
    status: str | None
    answers: dict[str, str | None]
    unanswered: list[str]


class MomentsPublic(BaseModel):
    items: list[MomentPublic]
    questions: dict[str, str]
    """The follow-up questions, by the field each answer goes in."""


class AppreciationCreate(BaseModel):
    text: Note
    send: bool = False
    """Send it to your partner now (otherwise it stays private)."""


class AppreciationPublic(Public):
    id: uuid.UUID
    text: str
    created_at: datetime
    sent_at: datetime | None
    sent_to: str | None
    hint: str | None = None


class AppreciationsPublic(BaseModel):
    items: list[AppreciationPublic]
    prompt: str


class ReceivedPublic(Public):
    id: uuid.UUID
    text: str
    sent_at: datetime
    sender: str
    new: bool


class SeenPublic(BaseModel):
    seen: int


class CheckInPlan(BaseModel):
    planned_at: AwareDatetime


class CheckInLog(BaseModel):
    checkin_id: uuid.UUID | None = None
    """The planned check-in that happened; none: the one planned nearest now, or an unplanned one."""
    question: Line | None = None
    """A number from the set (1-5) or your own question."""
    note: Note | None = None
    held_at: AwareDatetime | None = None


class CheckInPublic(Public):
    id: uuid.UUID
    planned_at: datetime | None
    held_at: datetime | None
    question: str | None
    note: str | None


class CheckInsPublic(BaseModel):
    items: list[CheckInPublic]
    questions: list[str]
    minutes: int


class RepairText(BaseModel):
    text: Line


class RepairUseIn(BaseModel):
    note: Note | None = None


class ProposalPublic(Public):
    text: str
    by_me: bool
    proposed_at: datetime


class RepairPublic(Public):
    phrase: str | None
    agreed_with: str | None
    own: str | None
    proposal: ProposalPublic | None
    uses: list[datetime]


class RitualIn(BaseModel):
    text: Line


class RitualMarkIn(BaseModel):
    happened_at: AwareDatetime | None = None


class RitualPublic(Public):
    text: str
    set_at: datetime
    happened: list[datetime]


class MarkIn(BaseModel):
    marked_at: AwareDatetime | None = None


class MarkPublic(Public):
    id: uuid.UUID
    marked_at: datetime
    memo_id: uuid.UUID | None
    headline: str | None


class MarksPublic(BaseModel):
    items: list[MarkPublic]
    prompt: str | None
    """ "You marked 16:23 and 16:41. What landed?" while some are unanswered."""


class RecallCheckPublic(Public):
    day: int
    at: datetime


class RecallItemPublic(Public):
    insight_id: uuid.UUID
    captured_at: datetime
    headline: str
    paragraph: str | None
    answer: str | None


class RecallRoundPublic(Public):
    check: RecallCheckPublic | None
    next_check: RecallCheckPublic | None
    items: list[RecallItemPublic]


class RecallIn(BaseModel):
    insight_id: uuid.UUID
    answer: Literal["recalled", "partly", "not_yet"]
    day: int | None = None
    """1, 3 or 6 for a spaced check; none: before a re-reading."""


class RecallLogged(BaseModel):
    id: uuid.UUID


class ChargeIn(BaseModel):
    charge: Charge


class ChargePublic(BaseModel):
    charge: int
