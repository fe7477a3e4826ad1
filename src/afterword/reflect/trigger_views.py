"""If-then plans as the doors show them (store.views.plans reads them). A timed plan repeats
weekly until the next session after it was made."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.reflect.following import Dated
from afterword.store.enums import TriggerKind
from afterword.store.reading import Reader, Reads
from afterword.store.views.plans import PlanRecord, plans
from afterword.store.views.sessions import session_times


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


def trigger_view(plan: PlanRecord, sessions: Sequence[Dated], now: datetime) -> TriggerView:
    until = plan_until(plan.kind, plan.made_at, sessions)
    return TriggerView(
        id=plan.id,
        summary_id=plan.summary_id,
        headline=plan.headline,
        kind=plan.kind,
        cue=plan.cue,
        description=describe(plan.kind, plan.cue, until),
        weekday=plan.weekday,
        minute_of_day=plan.minute_of_day,
        until=until,
        ended=until is not None and until <= now,
    )


def dated_plans(reads: Reads, *, now: datetime) -> list[TimedTrigger]:
    """Every plan of the reader, oldest first, with when it was made."""
    sessions = session_times(reads)
    return [TimedTrigger(trigger_view(plan, sessions, now), plan.made_at) for plan in plans(reads)]


def trigger_views(reader: Reader, *, now: datetime | None = None) -> list[TriggerView]:
    """Every plan, oldest first."""
    with reader.reads() as reads:
        return [timed.plan for timed in dated_plans(reads, now=now or datetime.now(UTC))]
