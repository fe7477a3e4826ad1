"""Check-ins: a ten-minute talk, planned for a time (twice a week is the practice), held with a
timer and one question each, and logged afterwards with a line if you like. Each person's plans
and logs are their own: a partner never sees whether, or when, the other logged one."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.errors import NotFound
from afterword.reflect.text import LINE_CHARS, NOTE_CHARS, BadText, clean_text, optional_text, past_or_now
from afterword.reflect.when import parse_moment, parse_weekday
from afterword.store.db import Database
from afterword.store.models import CheckIn
from afterword.store.owned import get_owned
from afterword.store.reading import Reader
from afterword.store.views.checkins import CheckInView, checkins

CHECKIN_MINUTES = 10
PLANS_PER_WEEK = 2
QUESTIONS = (
    "What is one thing that felt good between us this week?",
    "Is there something small you have been wanting to tell me?",
    "When did you feel closest to me lately?",
    "What would help you feel supported this week?",
    "What is one thing I could do a little differently?",
)
"""The small set to choose one question each from; your own is just as good."""
PAST_GRACE = timedelta(minutes=5)
NEAR_PLAN = timedelta(hours=6)
"""A check-in logged this close to a plan not yet held is that plan's."""
NO_SUCH_CHECKIN = "No such check-in."


@dataclass(frozen=True)
class CheckInList:
    items: list[CheckInView]
    questions: list[str]
    minutes: int


def view_of(row: CheckIn) -> CheckInView:
    return CheckInView(row.id, row.planned_at, row.held_at, row.question, row.note)


def parse_upcoming(text: str, *, now: datetime | None = None) -> datetime:
    """A time to plan for: "sat 10:00" is the coming Saturday (as "next sat 10:00")."""
    words = text.strip().lower().split()
    if words and parse_weekday(words[0]) is not None:
        text = "next " + text
    return parse_moment(text, now=now)


def choose_question(choice: str | None) -> str | None:
    """A question from the set by its number (1-5), or one's own words."""
    if choice is None or not choice.strip():
        return None
    if choice.strip().isdigit():
        number = int(choice)
        if not 1 <= number <= len(QUESTIONS):
            raise BadText(f"pick a question from 1 to {len(QUESTIONS)}, or write your own")
        return QUESTIONS[number - 1]
    return clean_text(choice, what="a question", max_chars=LINE_CHARS, multiline=False)


def plan_checkin(reader: Reader, db: Database, *, when: datetime) -> CheckInView:
    """Plan a check-in; it shows in the calendar feed as a ten-minute event."""
    if when < datetime.now(UTC) - PAST_GRACE:
        raise BadText("that time has passed; plan a check-in for a time to come")
    with db.write() as session:
        row = CheckIn(owner_id=reader.person_id, planned_at=when)
        session.add(row)
        session.flush()
        return view_of(row)


def log_checkin(
    reader: Reader,
    db: Database,
    *,
    checkin_id: uuid.UUID | None = None,
    question: str | None = None,
    note: str | None = None,
    held_at: datetime | None = None,
) -> CheckInView:
    """Log that a check-in happened: a planned one (by id), the one planned nearest now, or one
    that was not planned. The question and the line are optional."""
    asked = choose_question(question)
    line = optional_text(note, what="a line about the check-in", max_chars=NOTE_CHARS)
    held = past_or_now(held_at, what="the check-in")
    nearest = None if checkin_id else nearest_plan(checkin_views(reader), held)
    with db.write() as session:
        chosen = checkin_id or (nearest.id if nearest else None)
        row = (
            None if chosen is None else get_owned(session, CheckIn, row_id=chosen, owner_id=reader.person_id)
        )
        if checkin_id is not None and row is None:
            raise NotFound(NO_SUCH_CHECKIN)
        if row is None:
            row = CheckIn(owner_id=reader.person_id)
            session.add(row)
        row.held_at, row.question, row.note = held, asked or row.question, line or row.note
        session.flush()
        return view_of(row)


def nearest_plan(views: list[CheckInView], moment: datetime) -> CheckInView | None:
    """The plan not yet held that is closest to the moment, within NEAR_PLAN of it."""
    close = [
        (abs(v.planned_at - moment), v)
        for v in views
        if v.held_at is None and v.planned_at is not None and abs(v.planned_at - moment) <= NEAR_PLAN
    ]
    return min(close, key=lambda pair: pair[0])[1] if close else None


def checkin_views(reader: Reader, *, since: datetime | None = None) -> list[CheckInView]:
    with reader.reads() as reads:
        return checkins(reads, since=since)


def checkin_list(reader: Reader) -> CheckInList:
    """One's check-ins, planned and held, with the question set and the timer's length."""
    return CheckInList(checkin_views(reader), list(QUESTIONS), CHECKIN_MINUTES)


def remove_checkin(reader: Reader, db: Database, *, checkin_id: uuid.UUID) -> None:
    with db.write() as session:
        row = get_owned(session, CheckIn, row_id=checkin_id, owner_id=reader.person_id)
        if row is None:
            raise NotFound(NO_SUCH_CHECKIN)
        session.delete(row)
