"""The pre-session note: what the week since the last session showed, in real data.

Everything in it is the person's own, except what their current partner sent them (appreciations)
and, with that partner named, the partner's summaries that the partner marked as shared, from the
partner's own week: nothing else of theirs is read."""

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from afterword.reflect.following import Dated, minutes_after, session_of
from afterword.reflect.partners import partner_named
from afterword.reflect.prep_week import WeekPractices, read_practices
from afterword.reflect.templates import BAD_WEEK, PRE_SESSION, get_template
from afterword.reflect.trigger_views import describe, plan_until
from afterword.reflect.weeks import Week, current_week, in_week, week_focus, week_start
from afterword.store.reading import Reader, Reads
from afterword.store.views.insights import insights as all_insights
from afterword.store.views.partners import partner_shared, partner_week_start
from afterword.store.views.plans import plans
from afterword.store.views.review import ReviewRecord, reviews_since
from afterword.store.views.sessions import session_times
from afterword.store.views.summaries import SummaryRecord
from afterword.store.views.summaries import summaries as all_summaries
from afterword.store.views.week import week_answers

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
    """Everything of the reader's that the note draws on, read in one snapshot."""

    week: Week
    captures: list[Capture]
    summaries: list[SummaryItem]
    triggers: list[TriggerItem]
    focus: str | None
    answered: list[QuestionItem] | None
    hard_moments: list[list[QuestionItem]]
    practices: WeekPractices


def build_note(
    reader: Reader,
    *,
    person: str,
    templates_dir: Path,
    partner_name: str | None = None,
    now: datetime | None = None,
    for_everyone: bool = False,
) -> PrepNote:
    """The note for the week under way at `now` (`for_everyone`: see get_template), with what
    the reader's current partner shared when `partner_name` is that partner's name (NotFound, as
    for anyone else's name, otherwise)."""
    now = now or datetime.now(UTC)
    partner = partner_named(reader, name=partner_name) if partner_name else None
    template = get_template(PRE_SESSION, personal_dir=templates_dir, for_everyone=for_everyone)
    with reader.reads() as reads:
        data = read_week(reads, now=now)
        shared = shared_items(reads, now) if partner else []
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


def read_week(reads: Reads, *, now: datetime) -> WeekData:
    sessions = session_times(reads)
    week = current_week(sessions, now)
    insights = [i for i in all_insights(reads) if in_week(i, week, sessions)]
    week_ids = {i.id for i in insights}
    summaries = [s for s in all_summaries(reads) if s.insight_id in week_ids or s.updated_at >= week.start]
    reviews = reviews_since(reads, since=week.start)
    focus = week_focus(reads, now=now)
    answered = week_answers(reads, since=week.start, template=PRE_SESSION)
    hard = week_answers(reads, since=week.start, template=BAD_WEEK)
    return WeekData(
        week=week,
        captures=[
            Capture(
                i.id,
                i.headline,
                i.captured_at,
                minutes_after(i, session_of(i, sessions)),
                i.summary_id is not None,
            )
            for i in reversed(insights)
        ],
        summaries=[summary_item(s, reviews) for s in summaries],
        triggers=week_triggers(reads, week, sessions, {s.id for s in summaries}, reviews),
        focus=focus.text if focus else None,
        answered=[QuestionItem(p["ask"], p["answer"] or None) for p in answered[-1].answers]
        if answered
        else None,
        hard_moments=[[QuestionItem(p["ask"], p["answer"]) for p in h.answers if p["answer"]] for h in hard],
        practices=read_practices(reads, week=week, insights=insights, reviews=reviews, now=now),
    )


def week_triggers(
    reads: Reads,
    week: Week,
    sessions: Sequence[Dated],
    summary_ids: set[uuid.UUID],
    reviews: list[ReviewRecord],
) -> list[TriggerItem]:
    """Plans for this week's summaries, plans made this week, and plans re-read this week."""
    reviewed = {r.trigger_id for r in reviews}
    items = []
    for plan in plans(reads):
        if plan.summary_id in summary_ids or plan.made_at >= week.start or plan.id in reviewed:
            description = describe(plan.kind, plan.cue, plan_until(plan.kind, plan.made_at, sessions))
            count, answers = counted([r for r in reviews if r.trigger_id == plan.id])
            items.append(TriggerItem(plan.id, plan.kind.value, description, plan.headline, count, answers))
    return items


def counted(reviews: list[ReviewRecord]) -> tuple[int, dict[str, int]]:
    answers = Counter(r.answer.value if r.answer else NO_ANSWER for r in reviews)
    return len(reviews), dict(answers)


def summary_item(summary: SummaryRecord, reviews: list[ReviewRecord]) -> SummaryItem:
    count, answers = counted([r for r in reviews if r.summary_id == summary.id])
    return SummaryItem(
        summary.id, summary.headline, summary.paragraph, summary.version, summary.shared, count, answers
    )


def shared_items(reads: Reads, now: datetime) -> list[SharedItem]:
    """The current partner's summaries marked as shared, about the partner's own week (their
    sessions, not the reader's); nothing else of theirs."""
    start = week_start(partner_week_start(reads, now=now), now)
    return [
        SharedItem(s.headline, s.paragraph, s.captured_at)
        for s in partner_shared(reads)
        if s.captured_at >= start or s.updated_at >= start
    ]
