"""Which therapy session an insight follows: the one it was moved to by hand, else the latest
that began before it was captured. Stored rows and plain views alike follow the one rule."""

import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from afterword.store.lean import Rows, as_utc, as_uuid


class Dated(Protocol):
    """A therapy session, as stored or as read."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def starts_at(self) -> datetime: ...


class Following(Protocol):
    """An insight, as stored or as read."""

    @property
    def captured_at(self) -> datetime: ...
    @property
    def therapy_session_id(self) -> uuid.UUID | None: ...


SessionT = TypeVar("SessionT", bound=Dated)


@dataclass(frozen=True)
class SessionTime:
    """A session as the views read it: which one, and when it began."""

    id: uuid.UUID
    starts_at: datetime


def session_times(rows: Rows, *, owner_id: uuid.UUID) -> list[SessionTime]:
    """The owner's therapy sessions, oldest first."""
    found = rows.all(
        "SELECT id, starts_at FROM therapy_sessions WHERE owner_id = :owner_id ORDER BY starts_at",
        owner_id=owner_id,
    )
    return [SessionTime(as_uuid(session_id), as_utc(starts)) for session_id, starts in found]


def session_of(insight: Following, sessions: list[SessionT]) -> SessionT | None:
    """The session the insight follows (sessions oldest first)."""
    if insight.therapy_session_id is not None:
        return next((s for s in sessions if s.id == insight.therapy_session_id), None)
    index = bisect_right([s.starts_at for s in sessions], insight.captured_at) - 1
    return sessions[index] if index >= 0 else None


def minutes_after(insight: Following, therapy_session: Dated | None) -> int | None:
    if therapy_session is None:
        return None
    return int((insight.captured_at - therapy_session.starts_at).total_seconds() // 60)
