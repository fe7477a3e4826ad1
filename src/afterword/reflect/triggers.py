"""Triggers: if-then plans that say when to re-read a summary, made and removed (read in
reflect.trigger_views). A timed one repeats weekly until the next session; a situation or a
person is matched by review when the person types it."""

import uuid

from afterword.controls import LINE_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.reflect.summary_views import NO_SUCH_SUMMARY
from afterword.reflect.trigger_views import TriggerView, trigger_views
from afterword.reflect.when import format_clock, parse_weekly, weekday_name
from afterword.store.db import Database
from afterword.store.enums import TriggerKind
from afterword.store.models import Summary, Trigger
from afterword.store.reading import Reader

NO_SUCH_PLAN = "No such plan."

MAX_CUE_CHARS = LINE_CHARS


class BadTrigger(Invalid):
    pass


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
        raise BadTrigger('give one of: a weekly time ("thu 08:00"), a situation or a person')
    kind, text = given[0]
    text = " ".join(refuse_controls(text, what="a trigger").split())
    if not text or len(text) > MAX_CUE_CHARS:
        raise BadTrigger(f"a trigger has 1 to {MAX_CUE_CHARS} characters")
    if kind != TriggerKind.TIME:
        return kind, text, None, None
    weekday, minute = parse_weekly(text)
    return kind, f"{weekday_name(weekday)} {format_clock(minute)}", weekday, minute


def add_trigger(
    reader: Reader,
    db: Database,
    *,
    summary_id: uuid.UUID,
    when: str | None = None,
    situation: str | None = None,
    person: str | None = None,
) -> TriggerView:
    """Add an if-then plan to the reader's summary."""
    with db.write() as session:
        summary = session.get(Summary, summary_id)
        if summary is None or summary.owner_id != reader.person_id:
            raise NotFound(NO_SUCH_SUMMARY)
        kind, cue, weekday, minute = plan(when, situation, person)
        trigger = Trigger(
            owner_id=reader.person_id,
            summary_id=summary_id,
            kind=kind,
            cue=cue,
            weekday=weekday,
            minute_of_day=minute,
        )
        session.add(trigger)
        session.flush()
        trigger_id = trigger.id
    return next(t for t in trigger_views(reader) if t.id == trigger_id)


def remove_trigger(reader: Reader, db: Database, *, trigger_id: uuid.UUID) -> str:
    """Delete one of the reader's plans; returns its cue."""
    with db.write() as session:
        trigger = session.get(Trigger, trigger_id)
        if trigger is None or trigger.owner_id != reader.person_id:
            raise NotFound(NO_SUCH_PLAN)
        cue = trigger.cue
        session.delete(trigger)
    return cue
