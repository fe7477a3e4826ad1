"""SQLAlchemy 2.0 typed models. The schema changes only through the Alembic migrations beside."""

import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from afterword.store.enums import (
    JobStatus,
    MemoKind,
    PartnershipStatus,
    RecallAnswer,
    ReminderText,
    RepairStatus,
    ReviewAnswer,
    TriggerKind,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def closed_set(enum: type[StrEnum], name: str) -> Enum:
    """A StrEnum column stored as its plain value (so the named SQL of store.views compares strings)."""
    return Enum(enum, name=name, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


class Person(Base):
    __tablename__ = "people"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    reminders: Mapped[ReminderText] = mapped_column(
        closed_set(ReminderText, "reminder_text"),
        default=ReminderText.DISCREET,
        server_default=ReminderText.DISCREET.value,
    )
    """What the person's calendar events and alarms show."""


class ApiToken(Base):
    """A person's secret for the API and the phone page. Only its hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    """The token whose sign-in code made this one (a phone signing in its home-screen app), which
    takes it along when revoked; None for a token made by the operator. Not a foreign key: a
    person's tokens come and go together, and an export lists them in id order, parents or not."""

    person: Mapped[Person] = relationship(lazy="raise")


class Memo(Base):
    """One audio recording, as uploaded."""

    __tablename__ = "memos"
    __table_args__ = (UniqueConstraint("owner_id", "sha256"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(100))
    filename: Mapped[str | None] = mapped_column(String(255))
    duration_seconds: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    captured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    kind: Mapped[MemoKind] = mapped_column(
        closed_set(MemoKind, "memo_kind"), default=MemoKind.INSIGHT, server_default=MemoKind.INSIGHT.value
    )
    """A moment's memo is transcribed like any other but becomes no insight."""
    charge: Mapped[int | None] = mapped_column(Integer)
    """How charged it felt at capture, 0-10, when the person said."""

    job: Mapped["Job"] = relationship(back_populates="memo", lazy="raise", passive_deletes=True)
    transcript: Mapped["Transcript | None"] = relationship(
        back_populates="memo", lazy="raise", passive_deletes=True
    )
    insight: Mapped["Insight | None"] = relationship(
        back_populates="memo", lazy="raise", passive_deletes=True
    )


class Job(Base):
    """The transcription job of one memo: queued with it, claimed under a lease, retried, finished."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    memo_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memos.id", ondelete="CASCADE"), unique=True)
    status: Mapped[JobStatus] = mapped_column(
        Enum(JobStatus, name="job_status", values_callable=lambda e: [m.value for m in e]),
        default=JobStatus.QUEUED,
        index=True,
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    worker_id: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(String(500))
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Per-memo transcription options from the upload: language, prompt, temperature."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Claimed by itself from now on: its worker died while it was claimed with other memos, and
    only one of them may have been the cause (see store.jobs.requeue_expired)."""

    memo: Mapped[Memo] = relationship(back_populates="job", lazy="raise")

    def mark_running(self, *, worker_id: str, lease: timedelta) -> None:
        self.status = JobStatus.RUNNING
        self.attempts += 1
        self.worker_id = worker_id
        self.lease_until = utc_now() + lease


class Transcript(Base):
    """What the engine heard in a memo, and how it was heard."""

    __tablename__ = "transcripts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    memo_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memos.id", ondelete="CASCADE"), unique=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    language_probability: Mapped[float] = mapped_column(Float)
    model: Mapped[str] = mapped_column(String(255))
    device: Mapped[str] = mapped_column(String(16))
    compute_type: Mapped[str] = mapped_column(String(32))
    audio_seconds: Mapped[float] = mapped_column(Float)
    processing_seconds: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    memo: Mapped[Memo] = relationship(back_populates="transcript", lazy="raise")
    segments: Mapped[list["Segment"]] = relationship(
        back_populates="transcript",
        lazy="raise",
        order_by="Segment.position",
        passive_deletes=True,
    )


class Segment(Base):
    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("transcript_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    transcript_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transcripts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """[{"word", "start", "end", "probability"}, ...]"""
    avg_logprob: Mapped[float] = mapped_column(Float, default=0.0)
    no_speech_prob: Mapped[float] = mapped_column(Float, default=0.0)
    compression_ratio: Mapped[float] = mapped_column(Float, default=0.0)
    temperature: Mapped[float] = mapped_column(Float, default=0.0)

    transcript: Mapped[Transcript] = relationship(back_populates="segments", lazy="raise")
    versions: Mapped[list["SegmentVersion"]] = relationship(
        lazy="raise", order_by="SegmentVersion.version", passive_deletes=True
    )


class SegmentVersion(Base):
    """One version of a segment's text: version 0 is what the model heard (kept when the first
    correction is made), each correction the next. The segment itself holds the newest."""

    __tablename__ = "segment_versions"
    __table_args__ = (UniqueConstraint("segment_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """The word timings as they were in this version."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class VocabularyWord(Base):
    """One of a person's own names or words, passed to the model for their memos only."""

    __tablename__ = "vocabulary_words"
    __table_args__ = (UniqueConstraint("owner_id", "word"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    word: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Insight(Base):
    """The capture a person works with: the transcript's text and its headline sentence."""

    __tablename__ = "insights"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    memo_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memos.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text)
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    therapy_session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("therapy_sessions.id", ondelete="SET NULL"), index=True
    )
    """Set only when the person moved the insight to a session by hand; otherwise it belongs to
    the latest session that began before it was captured (see reflect.sessions)."""

    memo: Mapped[Memo] = relationship(back_populates="insight", lazy="raise")
    summary: Mapped["Summary | None"] = relationship(
        back_populates="insight", lazy="raise", passive_deletes=True
    )


class TherapySession(Base):
    """An appointment. The time from one to the next is a week."""

    __tablename__ = "therapy_sessions"
    __table_args__ = (UniqueConstraint("owner_id", "starts_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Summary(Base):
    """The person's own-words paragraph about one insight; every edit is a new version."""

    __tablename__ = "summaries"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    insight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), unique=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    """Marked by its owner for their partner: `prep --with` shows it to them, nothing else does."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    insight: Mapped[Insight] = relationship(back_populates="summary", lazy="raise")
    versions: Mapped[list["SummaryVersion"]] = relationship(
        back_populates="summary",
        lazy="raise",
        order_by="SummaryVersion.version",
        passive_deletes=True,
    )


class SummaryVersion(Base):
    """One version of a summary: the answers as given, and the paragraph made from them."""

    __tablename__ = "summary_versions"
    __table_args__ = (UniqueConstraint("summary_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    summary_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("summaries.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    template: Mapped[str] = mapped_column(String(100))
    answers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    """[{"ask", "answer"}, ...] in the order asked."""
    paragraph: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    summary: Mapped[Summary] = relationship(back_populates="versions", lazy="raise")


class Trigger(Base):
    """An if-then plan: at this time, in this situation or with this person, re-read the summary."""

    __tablename__ = "triggers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    summary_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("summaries.id", ondelete="CASCADE"), index=True)
    kind: Mapped[TriggerKind] = mapped_column(
        Enum(
            TriggerKind,
            name="trigger_kind",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
    )
    cue: Mapped[str] = mapped_column(Text)
    """As the person put it: "thu 08:00", "when I start rehearsing an argument", "when Mom calls"."""
    weekday: Mapped[int | None] = mapped_column(Integer)
    """Timed plans: 0 is Monday."""
    minute_of_day: Mapped[int | None] = mapped_column(Integer)
    """Timed plans: local wall-clock time, minutes after midnight."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    summary: Mapped[Summary] = relationship(lazy="raise")


class Review(Base):
    """One re-reading of a summary at the moment of use."""

    __tablename__ = "reviews"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    summary_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("summaries.id", ondelete="CASCADE"), index=True)
    trigger_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("triggers.id", ondelete="SET NULL"), index=True
    )
    answer: Mapped[ReviewAnswer | None] = mapped_column(
        Enum(
            ReviewAnswer,
            name="review_answer",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
    )
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    charge: Mapped[int | None] = mapped_column(Integer)
    """How charged the insight felt at this re-reading, 0-10, when the person said."""


class Focus(Base):
    """The one thread chosen for a week; the newest one set since the last session counts."""

    __tablename__ = "focuses"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class WeekReflection(Base):
    """Answers to a template about the week rather than one insight (pre-session, bad week)."""

    __tablename__ = "week_reflections"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    template: Mapped[str] = mapped_column(String(100))
    answers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    """[{"ask", "answer"}, ...] in the order asked."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AudioBlob(Base):
    """Audio bytes kept in the database (the `database` blob backend), one row per sha256."""

    __tablename__ = "audio_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class WorkerSeen(Base):
    """A worker process as it was last seen: it renews its row every third of its lease, so a
    row whose lease ran out is a worker that stopped without saying so (killed, its machine
    gone). Nothing of anyone's is in it: /healthz reads it with no token."""

    __tablename__ = "workers_seen"

    worker_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When it stopped as it was told to; None while it runs, or when it was killed."""


class SigninCode(Base):
    """A short one-time code that signs a phone in (an installed app shares no storage with the
    browser that was paired). Only its hash is stored; it works once, for a few minutes."""

    __tablename__ = "signin_codes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="CASCADE"), index=True
    )
    """The token that made the code (POST /api/signin-codes); None for `afterword pair`'s."""


# The week's practices. Each row is its owner's alone; what reaches a partner is only what its
# owner sent or shared, and only while the partnership it was sent in is current.


class Partnership(Base):
    """Two people who agreed to share: one invited (by name), the other accepted. Either can end
    it. An invitation names a person without revealing whether an account of that name exists."""

    __tablename__ = "partnerships"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    inviter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    invitee_name: Mapped[str] = mapped_column(String(100), index=True)
    invitee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    """Set when the invitation is accepted."""
    status: Mapped[PartnershipStatus] = mapped_column(
        closed_set(PartnershipStatus, "partnership_status"), default=PartnershipStatus.INVITED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Moment(Base):
    """A note made when the old pattern showed up: typed, or a voice memo transcribed like any
    other. Its follow-up questions can be answered at once or later."""

    __tablename__ = "moments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    """What was typed; a voice moment's words are its memo's transcript."""
    memo_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("memos.id", ondelete="CASCADE"), unique=True)
    what_happened: Mapped[str | None] = mapped_column(Text)
    felt: Mapped[str | None] = mapped_column(Text)
    tried: Mapped[str | None] = mapped_column(Text)
    stuck: Mapped[str | None] = mapped_column(Text)
    helped: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Appreciation(Base):
    """One specific action of the partner, named. Private unless sent; a sent one reaches the
    partner of that partnership, and no one else."""

    __tablename__ = "appreciations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    """Set when sent."""
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the partner first saw it: theirs to know, never shown to the sender."""


class CheckIn(Base):
    """A ten-minute talk: planned for a time, and logged (with its question and a line) once held."""

    __tablename__ = "check_ins"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class RepairPhrase(Base):
    """A phrase to use when conflict starts to sharpen: set alone, or proposed by one partner and
    accepted (or answered with another) by the other."""

    __tablename__ = "repair_phrases"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[RepairStatus] = mapped_column(closed_set(RepairStatus, "repair_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RepairUse(Base):
    """One time a person reached for their repair phrase (private to them)."""

    __tablename__ = "repair_uses"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    phrase: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Ritual(Base):
    """The one ordinary good thing protected this week; the newest one set since the session counts."""

    __tablename__ = "rituals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class RitualTime(Base):
    """A time the ritual happened. (Its table keeps its first name, which exports carry.)"""

    __tablename__ = "ritual_marks"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    ritual_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rituals.id", ondelete="CASCADE"), index=True)
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Mark(Base):
    """A moment tapped during the session: only its time, until a memo answers it."""

    __tablename__ = "marks"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    memo_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("memos.id", ondelete="SET NULL"), index=True)
    """The memo recorded in answer: what landed."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Recall(Base):
    """One attempt to remember an insight before reading it: before a review (day None) or at a
    spaced check on day 1, 3 or 6 after the session."""

    __tablename__ = "recalls"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    insight_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), index=True)
    day: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[RecallAnswer] = mapped_column(closed_set(RecallAnswer, "recall_answer"))
    recalled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
