"""What the between-session API takes and answers. Built from reflect's views, never ORM rows."""

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from afterword.moments import in_utc
from afterword.web.inputs import Answer, Headline, Line, Note, Short


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class SessionPublic(Public):
    id: uuid.UUID
    starts_at: datetime
    note: str | None
    insights: int


class SessionCreate(BaseModel):
    starts_at: Annotated[AwareDatetime, AfterValidator(in_utc)]
    note: Note | None = None


class SessionMove(BaseModel):
    starts_at: Annotated[AwareDatetime, AfterValidator(in_utc)]
    note: Note | None = Field(None, description="A new note; left out: kept.")


class InsightDetail(Public):
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


class InsightUpdate(BaseModel):
    """Only the fields sent change. headline: null picks it from the transcript again;
    session_id: null gives the insight back to the rule (the latest session before it)."""

    headline: Headline | None = None
    session_id: uuid.UUID | None = None


class QuestionPublic(Public):
    ask: str
    hint: str | None


class TemplatePublic(Public):
    name: str
    title: str
    use: Literal["insight", "week"]
    intro: str | None
    questions: list[QuestionPublic]
    personal: bool


class TemplatesPublic(BaseModel):
    items: list[TemplatePublic]
    errors: list[str]
    """Broken template files, each with its file and line."""


class PromptPublic(Public):
    template: str
    title: str
    quote: str | None
    intro: str | None
    questions: list[QuestionPublic]
    previous_answers: list[str] | None = None
    """The current version's answers, when the insight has a summary already."""


class AnswersIn(BaseModel):
    template: Short = "own-words"
    answers: list[Answer] = Field(max_length=20)


class VersionPublic(Public):
    version: int
    template: str
    answers: list[dict[str, str]]
    paragraph: str
    created_at: datetime


class SummaryPublic(Public):
    id: uuid.UUID
    insight_id: uuid.UUID
    headline: str
    captured_at: datetime
    paragraph: str
    version: int
    shared: bool
    updated_at: datetime


class SummaryDetail(SummaryPublic):
    versions: list[VersionPublic]


class SummarySaved(SummaryDetail):
    changed: bool
    """False when the answers were the same as the current version's (no new version)."""


class SummaryUpdate(BaseModel):
    shared: bool


class TriggerPublic(Public):
    id: uuid.UUID
    summary_id: uuid.UUID
    headline: str
    kind: Literal["time", "situation", "person"]
    cue: str
    description: str
    weekday: int | None
    minute_of_day: int | None
    until: datetime | None
    ended: bool


class TriggerCreate(BaseModel):
    """Exactly one of the three."""

    when: Short | None = Field(None, examples=["thu 08:00"])
    situation: Line | None = Field(None, examples=["when I start rehearsing an argument"])
    person: Line | None = Field(None, examples=["when Mom calls"])


class CuePublic(BaseModel):
    id: uuid.UUID
    kind: str
    text: str


class CardPublic(BaseModel):
    summary_id: uuid.UUID
    headline: str
    paragraph: str
    cues: list[CuePublic]
    trigger_id: uuid.UUID | None
    """The plan that matched (or is due), to log the review with."""
    insight_id: uuid.UUID | None = None
    """To log a recall attempt before reading (POST /api/recalls)."""


class ReviewPublic(BaseModel):
    focus: str | None
    due: bool
    cards: list[CardPublic]
    repair: str | None = None
    """The repair phrase in use, to show first."""


class ReviewCreate(BaseModel):
    summary_id: uuid.UUID
    trigger_id: uuid.UUID | None = None
    id: uuid.UUID | None = Field(
        None, description="The phone's own id for this re-reading: sent again, it is logged once."
    )
    reviewed_at: Annotated[AwareDatetime, AfterValidator(in_utc)] | None = Field(
        None, description="When it was re-read (a queued one): up to 60 days back; default now."
    )
    answer: Literal["helped", "not_helped", "skipped"] | None = None
    charge: int | None = Field(None, ge=0, le=10)


class ReviewLogged(BaseModel):
    id: uuid.UUID


class ReviewAnswerIn(BaseModel):
    answer: Literal["helped", "not_helped", "skipped"] | None


class FocusPublic(BaseModel):
    text: str
    set_at: datetime


class FocusIn(BaseModel):
    text: Line


class PrepAnswersIn(BaseModel):
    answers: list[Answer] = Field(max_length=20)
