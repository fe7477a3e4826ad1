"""Which therapy session an insight follows: the one it was moved to by hand, else the latest
that began before it was captured. Stored rows and plain views alike follow the one rule."""

import uuid
from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, TypeVar


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


def session_of(insight: Following, sessions: Sequence[SessionT]) -> SessionT | None:
    """The session the insight follows (sessions oldest first)."""
    if insight.therapy_session_id is not None:
        return next((s for s in sessions if s.id == insight.therapy_session_id), None)
    index = bisect_right([s.starts_at for s in sessions], insight.captured_at) - 1
    return sessions[index] if index >= 0 else None


def minutes_after(insight: Following, therapy_session: Dated | None) -> int | None:
    if therapy_session is None:
        return None
    return int((insight.captured_at - therapy_session.starts_at).total_seconds() // 60)
