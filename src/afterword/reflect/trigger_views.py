"""If-then plans as the doors show them, read in plain SQL through store.lean's Rows. A timed
plan repeats weekly until the next session after it was made."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.reflect.following import Dated, session_times
from afterword.store.enums import TriggerKind
from afterword.store.lean import Reader, Rows, as_utc, as_uuid


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


def plan_until(kind: TriggerKind, made_at: datetime, sessions: Sequence[Dated]) -> datetime | None:
    """When a plan ends: a timed one at the next session after it was made (sessions oldest
    first); the others never."""
    if kind != TriggerKind.TIME:
        return None
    return next((s.starts_at for s in sessions if s.starts_at > made_at), None)


TRIGGER_SQL = (
    "SELECT t.id, t.summary_id, i.headline, t.kind, t.cue, t.weekday, t.minute_of_day, t.created_at"
    " FROM triggers t JOIN summaries s ON s.id = t.summary_id JOIN insights i ON i.id = s.insight_id"
    " WHERE t.owner_id = :owner_id ORDER BY t.created_at, t.id"
)


def dated_plans(rows: Rows, *, owner_id: uuid.UUID, now: datetime) -> list[tuple[TriggerView, datetime]]:
    """Every plan of the owner, oldest first, with when it was made."""
    sessions = session_times(rows, owner_id=owner_id)
    plans = []
    for trigger_id, summary_id, headline, kind, cue, weekday, minute, created in rows.all(
        TRIGGER_SQL, owner_id=owner_id
    ):
        made_at, kind = as_utc(created), TriggerKind(kind)
        until = plan_until(kind, made_at, sessions)
        view = TriggerView(
            id=as_uuid(trigger_id),
            summary_id=as_uuid(summary_id),
            headline=headline,
            kind=kind,
            cue=cue,
            description=describe(kind, cue, until),
            weekday=weekday,
            minute_of_day=minute,
            until=until,
            ended=until is not None and until <= now,
        )
        plans.append((view, made_at))
    return plans


def trigger_views(db: Reader, *, owner_id: uuid.UUID, now: datetime | None = None) -> list[TriggerView]:
    """Every plan, oldest first."""
    with db.rows() as rows:
        found = dated_plans(rows, owner_id=owner_id, now=now or datetime.now(UTC))
        return [plan for plan, _made_at in found]


def timed_triggers(db: Reader, *, owner_id: uuid.UUID, now: datetime) -> list[TimedTrigger]:
    """Every timed plan, oldest first, with when it was made."""
    with db.rows() as rows:
        found = dated_plans(rows, owner_id=owner_id, now=now)
        return [TimedTrigger(plan, made_at) for plan, made_at in found if plan.kind == TriggerKind.TIME]
