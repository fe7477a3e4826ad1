"""The pre-session note: what the week since the last session showed, in real data.

Everything in it is the person's own, except what their current partner sent them (appreciations)
and, with that partner named, the partner's summaries that the partner marked as shared, from the
partner's own week: nothing else of theirs is read."""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from afterword.reflect.following import minutes_after, session_of
from afterword.reflect.partners import Partner, partner_named
from afterword.reflect.prep_week import WeekPractices, read_practices
from afterword.reflect.sessions import Week, current_week, in_week
from afterword.reflect.templates import BAD_WEEK, PRE_SESSION, get_template
from afterword.reflect.trigger_views import describe, plan_until
from afterword.reflect.weeks import week_focus
from afterword.store.db import Database
from afterword.store.lean import SessionRows
from afterword.store.models import Review, Summary, TherapySession
from afterword.store.reflections import (
    list_insights,
    list_reviews,
    list_sessions,
    list_summaries,
    list_triggers,
    list_week_reflections,
)

NO_ANSWER = "none"


@dataclass(frozen=True)
class Capture:
    insight_id: uuid.UUID
    headline: str
    captured_at: datetime
    minutes_after_session: int | None
    has_summary: bool


@dataclass(frozen=True)
class SummaryItem:
    summary_id: uuid.UUID
    headline: str
    paragraph: str
    version: int
    shared: bool
    reviews: int
    answers: dict[str, int]
    """How the re-readings went: helped, not_helped, skipped, none (no answer given)."""


@dataclass(frozen=True)
class TriggerItem:
    trigger_id: uuid.UUID
    kind: str
    plan: str
    headline: str
    reviews: int
    answers: dict[str, int]


@dataclass(frozen=True)
class QuestionItem:
    ask: str
    answer: str | None


@dataclass(frozen=True)
class SharedItem:
    headline: str
    paragraph: str
    captured_at: datetime


@dataclass(frozen=True)
class PrepNote:
    person: str
    week_start: datetime
    week_end: datetime
    session_at: datetime | None
    next_session_at: datetime | None
    focus: str | None
    captures: list[Capture]
    summaries: list[SummaryItem]
    triggers: list[TriggerItem]
    questions: list[QuestionItem]
    hard_moments: list[list[QuestionItem]]
    waiting: list[Capture]
    """This week's insights still without a summary."""
    partner: str | None
    shared: list[SharedItem]
    practices: WeekPractices


@dataclass
class WeekData:
    """Everything of the owner's that the note draws on, read in one session."""

    week: Week
    captures: list[Capture]
    summaries: list[SummaryItem]
    triggers: list[TriggerItem]
    focus: str | None
    answered: list[QuestionItem] | None
    hard_moments: list[list[QuestionItem]]
    practices: WeekPractices


def build_note(
    db: Database,
    *,
    owner_id: uuid.UUID,
    person: str,
    templates_dir: Path,
    partner_name: str | None = None,
    now: datetime | None = None,
    for_everyone: bool = False,
) -> PrepNote:
    """The note for the week under way at `now` (`for_everyone`: see get_template), with what
    the owner's current partner shared when `partner_name` is that partner's name (NotFound, as
    for anyone else's name, otherwise)."""
    now = now or datetime.now(UTC)
    partner = partner_named(db, reader_id=owner_id, name=partner_name) if partner_name else None
    template = get_template(PRE_SESSION, personal_dir=templates_dir, for_everyone=for_everyone)
    with db.read() as session:
        data = read_week(session, owner_id=owner_id, now=now)
        shared = shared_items(session, partner, now) if partner else []
    week = data.week
    return PrepNote(
        person=person,
        week_start=week.start,
        week_end=now,
        session_at=week.session.starts_at if week.session else None,
        next_session_at=week.next_session.starts_at if week.next_session else None,
        focus=data.focus,
        captures=data.captures,
        summaries=data.summaries,
        triggers=data.triggers,
        questions=data.answered or [QuestionItem(q.ask, None) for q in template.questions],
        hard_moments=data.hard_moments,
        waiting=[c for c in data.captures if not c.has_summary],
        partner=partner.name if partner else None,
        shared=shared,
        practices=data.practices,
    )


def read_week(session: Session, *, owner_id: uuid.UUID, now: datetime) -> WeekData:
    sessions = list_sessions(session, owner_id=owner_id)
    week = current_week(sessions, now)
    insights = [i for i in list_insights(session, owner_id=owner_id) if in_week(i, week, sessions)]
    week_ids = {i.id for i in insights}
    summaries = [
        s
        for s in list_summaries(session, owner_id=owner_id)
        if s.insight_id in week_ids or s.updated_at >= week.start
    ]
    reviews = list_reviews(session, owner_id=owner_id, since=week.start)
    focus = week_focus(SessionRows(session), owner_id=owner_id, now=now)
    answered = list_week_reflections(session, owner_id=owner_id, since=week.start, template=PRE_SESSION)
    hard = list_week_reflections(session, owner_id=owner_id, since=week.start, template=BAD_WEEK)
    return WeekData(
        week=week,
        captures=[
            Capture(
                i.id,
                i.headline,
                i.captured_at,
                minutes_after(i, session_of(i, sessions)),
                i.summary is not None,
            )
            for i in reversed(insights)
        ],
        summaries=[summary_item(s, reviews) for s in summaries],
        triggers=week_triggers(session, owner_id, sessions, {s.id for s in summaries}, reviews, now),
        focus=focus[0] if focus else None,
        answered=[QuestionItem(p["ask"], p["answer"] or None) for p in answered[-1].answers]
        if answered
        else None,
        hard_moments=[[QuestionItem(p["ask"], p["answer"]) for p in h.answers if p["answer"]] for h in hard],
        practices=read_practices(
            session, owner_id=owner_id, week=week, insights=insights, reviews=reviews, now=now
        ),
    )


def week_triggers(
    session: Session,
    owner_id: uuid.UUID,
    sessions: list[TherapySession],
    summary_ids: set[uuid.UUID],
    reviews: list[Review],
    now: datetime,
) -> list[TriggerItem]:
    """Plans for this week's summaries, plans made this week, and plans re-read this week."""
    week_start = current_week(sessions, now).start
    reviewed = {r.trigger_id for r in reviews}
    items = []
    for trigger in list_triggers(session, owner_id=owner_id):
        if trigger.summary_id in summary_ids or trigger.created_at >= week_start or trigger.id in reviewed:
            description = describe(
                trigger.kind, trigger.cue, plan_until(trigger.kind, trigger.created_at, sessions)
            )
            count, answers = counted([r for r in reviews if r.trigger_id == trigger.id])
            headline = trigger.summary.insight.headline
            items.append(TriggerItem(trigger.id, trigger.kind.value, description, headline, count, answers))
    return items


def counted(reviews: list[Review]) -> tuple[int, dict[str, int]]:
    answers = Counter(r.answer.value if r.answer else NO_ANSWER for r in reviews)
    return len(reviews), dict(answers)


def summary_item(summary: Summary, reviews: list[Review]) -> SummaryItem:
    current = summary.versions[-1]
    count, answers = counted([r for r in reviews if r.summary_id == summary.id])
    return SummaryItem(
        summary.id,
        summary.insight.headline,
        current.paragraph,
        current.version,
        summary.shared,
        count,
        answers,
    )


def shared_items(session: Session, partner: Partner, now: datetime) -> list[SharedItem]:
    """The partner's summaries marked as shared, about the partner's own week (their sessions,
    not the reader's); nothing else of theirs."""
    week = current_week(list_sessions(session, owner_id=partner.id), now)
    return [
        SharedItem(s.insight.headline, s.versions[-1].paragraph, s.insight.captured_at)
        for s in list_summaries(session, owner_id=partner.id, shared_only=True)
        if s.insight.captured_at >= week.start or s.updated_at >= week.start
    ]
