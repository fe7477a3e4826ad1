"""What the between-session API takes: its request bodies. Its answers are reflect's views."""

import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from afterword.utc import in_utc
from afterword.web.inputs import Answer, Headline, Line, Note, Short


class SessionCreate(BaseModel):
    starts_at: Annotated[AwareDatetime, AfterValidator(in_utc)]
    note: Note | None = None


class SessionMove(BaseModel):
    starts_at: Annotated[AwareDatetime, AfterValidator(in_utc)]
    note: Note | None = Field(None, description="A new note; left out: kept.")


class InsightUpdate(BaseModel):
    """Only the fields sent change. headline: null picks it from the transcript again;
    session_id: null gives the insight back to the rule (the latest session before it)."""

    headline: Headline | None = None
    session_id: uuid.UUID | None = None


class AnswersIn(BaseModel):
    template: Short = "own-words"
    answers: list[Answer] = Field(max_length=20)


class SummaryUpdate(BaseModel):
    shared: bool


class TriggerCreate(BaseModel):
    """Exactly one of the three."""

    when: Short | None = Field(None, examples=["thu 08:00"])
    situation: Line | None = Field(None, examples=["when I start rehearsing an argument"])
    person: Line | None = Field(None, examples=["when Mom calls"])


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


class ReviewAnswerIn(BaseModel):
    answer: Literal["helped", "not_helped", "skipped"] | None


class FocusIn(BaseModel):
    text: Line


class PrepAnswersIn(BaseModel):
    answers: list[Answer] = Field(max_length=20)
