"""Recall before reading: retrieval practice. Trying to remember an insight before reading it
again is what makes it stay, so review offers "try to recall it first", and spaced recall checks
come on days 1, 3 and 6 after each session (timed plans in the calendar feed). Each attempt is
logged as recalled, partly or not yet; the pre-session note says how it went, without judging."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.errors import Invalid, NotFound
from afterword.reflect.following import Dated
from afterword.reflect.weeks import Week, current_week, in_week
from afterword.store.enums import RecallAnswer
from afterword.store.reading import Reader
from afterword.store.views.insights import insights
from afterword.store.views.recalls import recalls
from afterword.store.views.review import add_recall
from afterword.store.views.sessions import session_times
from afterword.store.views.summaries import summaries

RECALL_DAYS = (1, 3, 6)
ANSWER_NAMES = {
    "recalled": RecallAnswer.RECALLED,
    "r": RecallAnswer.RECALLED,
    "partly": RecallAnswer.PARTLY,
    "p": RecallAnswer.PARTLY,
    "not-yet": RecallAnswer.NOT_YET,
    "not_yet": RecallAnswer.NOT_YET,
    "n": RecallAnswer.NOT_YET,
}


@dataclass(frozen=True)
class RecallCheck:
    day: int
    at: datetime
    session_at: datetime


@dataclass(frozen=True)
class RecallCheckView:
    day: int
    at: datetime


@dataclass(frozen=True)
class RecallItem:
    insight_id: uuid.UUID
    captured_at: datetime
    headline: str
    paragraph: str | None
    answer: str | None
    """This check's answer so far."""


@dataclass(frozen=True)
class RecallRound:
    check: RecallCheckView | None
    """The latest check that has come this week (None before day 1)."""
    next_check: RecallCheckView | None
    items: list[RecallItem]


@dataclass(frozen=True)
class RecallLogged:
    id: uuid.UUID


def parse_recall_answer(text: str) -> RecallAnswer:
    try:
        return ANSWER_NAMES[text.strip().lower()]
    except KeyError:
        raise Invalid(f"'{text}' is not an answer: use recalled, partly or not-yet") from None


def checks_after(start: Dated, following: Dated | None) -> list[RecallCheck]:
    """Days 1, 3 and 6 at the session's time of day, while they come before the next session."""
    checks = [RecallCheck(day, start.starts_at + timedelta(days=day), start.starts_at) for day in RECALL_DAYS]
    return [c for c in checks if following is None or c.at < following.starts_at]


def recall_checks(sessions: Sequence[Dated], *, since: datetime) -> list[RecallCheck]:
    """Every check at or after `since` (sessions oldest first), for the calendar feed."""
    found = []
    for index, start in enumerate(sessions):
        following = sessions[index + 1] if index + 1 < len(sessions) else None
        found += [c for c in checks_after(start, following) if c.at >= since]
    return found


def week_checks(week: Week) -> list[RecallCheck]:
    return checks_after(week.session, week.next_session) if week.session else []


def check_view(check: RecallCheck | None) -> RecallCheckView | None:
    return RecallCheckView(check.day, check.at) if check else None


def recall_round(reader: Reader, *, now: datetime | None = None) -> RecallRound:
    """The check that has come, the week's insights to recall, and the answers so far."""
    now = now or datetime.now(UTC)
    with reader.reads() as reads:
        sessions = session_times(reads)
        week = current_week(sessions, now)
        checks = week_checks(week)
        came = [c for c in checks if c.at <= now]
        check = came[-1] if came else None
        answers = {
            r.insight_id: r.answer.value
            for r in recalls(reads, since=week.start)
            if check is not None and r.day == check.day
        }
        paragraphs = {s.id: s.paragraph for s in summaries(reads)}
        items = [
            RecallItem(
                i.id,
                i.captured_at,
                i.headline,
                paragraphs.get(i.summary_id) if i.summary_id else None,
                answers.get(i.id),
            )
            for i in reversed(insights(reads))
            if in_week(i, week, sessions)
        ]
    upcoming = [c for c in checks if c.at > now]
    return RecallRound(check_view(check), check_view(upcoming[0] if upcoming else None), items)


def log_recall(
    reader: Reader, *, insight_id: uuid.UUID, answer: RecallAnswer, day: int | None = None
) -> RecallLogged:
    """Log one attempt: before a re-reading (no day) or at the check of day 1, 3 or 6 (written
    as review writes one, in plain SQL)."""
    if day is not None and day not in RECALL_DAYS:
        raise Invalid(f"a recall check is on day {', '.join(map(str, RECALL_DAYS))}")
    with reader.reads() as reads, reads.rows.transaction():
        recall_id = add_recall(reads, insight_id=insight_id, day=day, answer=answer, at=datetime.now(UTC))
    if recall_id is None:
        raise NotFound("No such insight.")
    return RecallLogged(recall_id)
