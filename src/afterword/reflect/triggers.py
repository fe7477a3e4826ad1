"""Triggers: if-then plans that say when to re-read a summary, made and removed (read in
reflect.trigger_views). A timed one repeats weekly until the next session; a situation or a
person is matched by review when the person types it."""

import uuid

from afterword.controls import LINE_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.reflect.trigger_views import TriggerView, trigger_views
from afterword.reflect.when import format_clock, parse_weekly, weekday_name
from afterword.store.db import Database
from afterword.store.enums import TriggerKind
from afterword.store.models import Trigger
from afterword.store.reflections import find_owned, find_summary

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
        raise BadTrigger('give one of: a time (--when "thu 08:00"), a situation or a person')
    kind, text = given[0]
    text = " ".join(refuse_controls(text, what="a trigger").split())
    if not text or len(text) > MAX_CUE_CHARS:
        raise BadTrigger(f"a trigger has 1 to {MAX_CUE_CHARS} characters")
    if kind != TriggerKind.TIME:
        return kind, text, None, None
    weekday, minute = parse_weekly(text)
    return kind, f"{weekday_name(weekday)} {format_clock(minute)}", weekday, minute


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


def remove_trigger(db: Database, *, owner_id: uuid.UUID, ref: str) -> str:
    """Delete a trigger by id or its first characters; returns its cue."""
    with db.write() as session:
        trigger = find_owned(session, Trigger, id_or_prefix=ref, owner_id=owner_id, label="trigger")
        cue = trigger.cue
        session.delete(trigger)
    return cue
