"""Triggers: if-then plans that say when to re-read a summary. A timed one repeats weekly until
the next session; a situation or a person is matched by review when the person types it."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.controls import LINE_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.reflect.when import format_clock, parse_weekly, weekday_name
from afterword.store.db import Database
from afterword.store.enums import TriggerKind
from afterword.store.models import TherapySession, Trigger
from afterword.store.reflections import (
    find_owned,
    find_summary,
    list_sessions,
    list_triggers,
)

MAX_CUE_CHARS = LINE_CHARS


class BadTrigger(Invalid):
    pass


@dataclass(frozen=True)
class TriggerView:
    id: uuid.UUID
    summary_id: uuid.UUID
    headline: str
    kind: TriggerKind
    cue: str
    description: str
    weekday: int | None
    minute_of_day: int | None
    until: datetime | None
    """Timed plans: the next session after the plan was made, when one is on record."""
    ended: bool


@dataclass(frozen=True)
class TimedTrigger:
    """A timed plan for the calendar: when it was made says which week it starts in."""

    plan: TriggerView
    made_at: datetime


def describe(kind: TriggerKind, cue: str, until: datetime | None) -> str:
    if kind == TriggerKind.TIME:
        return f"every {cue}" + (" until the next session" if until is None else "")
    return cue


def plan(
    when: str | None, situation: str | None, person: str | None
) -> tuple[TriggerKind, str, int | None, int | None]:
    """(kind, cue, weekday, minute) from exactly one of the three ways to say when."""
    given = [
        (k, v)
        for k, v in (
            (TriggerKind.TIME, when),
            (TriggerKind.SITUATION, situation),
            (TriggerKind.PERSON, person),
        )
        if v is not None
    ]
    if len(given) != 1:
        raise BadTrigger('give one of: a time (--when "thu 08:00"), a situation or a person')
    kind, text = given[0]
    text = " ".join(refuse_controls(text, what="a trigger").split())
    if not text or len(text) > MAX_CUE_CHARS:
        raise BadTrigger(f"a trigger has 1 to {MAX_CUE_CHARS} characters")
    if kind != TriggerKind.TIME:
        return kind, text, None, None
    weekday, minute = parse_weekly(text)
    return kind, f"{weekday_name(weekday)} {format_clock(minute)}", weekday, minute


def trigger_view(trigger: Trigger, sessions: list[TherapySession], now: datetime) -> TriggerView:
    """From a trigger loaded with its summary's insight (sessions oldest first)."""
    until = None
    if trigger.kind == TriggerKind.TIME:
        until = next((s.starts_at for s in sessions if s.starts_at > trigger.created_at), None)
    return TriggerView(
        id=trigger.id,
        summary_id=trigger.summary_id,
        headline=trigger.summary.insight.headline,
        kind=trigger.kind,
        cue=trigger.cue,
        description=describe(trigger.kind, trigger.cue, until),
        weekday=trigger.weekday,
        minute_of_day=trigger.minute_of_day,
        until=until,
        ended=until is not None and until <= now,
    )


def add_trigger(
    db: Database,
    *,
    owner_id: uuid.UUID,
    summary_ref: str,
    when: str | None = None,
    situation: str | None = None,
    person: str | None = None,
) -> TriggerView:
    """Add an if-then plan to the owner's summary, named by any id of its thought (the
    summary's, its insight's or its memo's, or their first characters)."""
    with db.write() as session:
        summary_id = find_summary(session, id_or_prefix=summary_ref, owner_id=owner_id).id
        kind, cue, weekday, minute = plan(when, situation, person)
        trigger = Trigger(
            owner_id=owner_id,
            summary_id=summary_id,
            kind=kind,
            cue=cue,
            weekday=weekday,
            minute_of_day=minute,
        )
        session.add(trigger)
        session.flush()
        trigger_id = trigger.id
    return next(t for t in trigger_views(db, owner_id=owner_id) if t.id == trigger_id)


def trigger_views(db: Database, *, owner_id: uuid.UUID, now: datetime | None = None) -> list[TriggerView]:
    """Every trigger, oldest first."""
    now = now or datetime.now(UTC)
    with db.read() as session:
        sessions = list_sessions(session, owner_id=owner_id)
        return [trigger_view(t, sessions, now) for t in list_triggers(session, owner_id=owner_id)]


def timed_triggers(db: Database, *, owner_id: uuid.UUID, now: datetime) -> list[TimedTrigger]:
    """Every timed trigger, oldest first, with when it was made."""
    with db.read() as session:
        sessions = list_sessions(session, owner_id=owner_id)
        return [
            TimedTrigger(trigger_view(t, sessions, now), t.created_at)
            for t in list_triggers(session, owner_id=owner_id)
            if t.kind == TriggerKind.TIME
        ]


def remove_trigger(db: Database, *, owner_id: uuid.UUID, ref: str) -> str:
    """Delete a trigger by id or its first characters; returns its cue."""
    with db.write() as session:
        trigger = find_owned(session, Trigger, id_or_prefix=ref, owner_id=owner_id, label="trigger")
        cue = trigger.cue
        session.delete(trigger)
    return cue
