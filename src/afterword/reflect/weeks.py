"""What a week is: the time from the latest session that began to the next; which insights
belong to it; and the week's focus, the newest one set since it began. Standard library only
(with store.views), so `afterword review`'s fast path and every other door follow the same rule."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from afterword.reflect.following import Dated, Following, session_of
from afterword.store.reading import Reads
from afterword.store.views.sessions import latest_session_start
from afterword.store.views.week import FocusView, newest_focus

WEEK_WITHOUT_SESSION = timedelta(days=7)


def week_start(latest_session_start: datetime | None, now: datetime) -> datetime:
    """The latest session's start; with no session on record yet, seven days ago."""
    return latest_session_start if latest_session_start is not None else now - WEEK_WITHOUT_SESSION


def week_focus(reads: Reads, *, now: datetime) -> FocusView | None:
    """This week's focus, if one was set since the week began."""
    return newest_focus(reads, since=week_start(latest_session_start(reads, now=now), now))


@dataclass(frozen=True)
class Week:
    start: datetime
    end: datetime
    session: Dated | None
    """The session that began the week; None when there is none on record yet."""
    next_session: Dated | None


def in_week(insight: Following, week: Week, sessions: Sequence[Dated]) -> bool:
    """Whether the insight belongs to the week (sessions oldest first)."""
    if week.session is not None:
        followed = session_of(insight, sessions)
        return followed is not None and followed.id == week.session.id
    return insight.captured_at >= week.start


def current_week(sessions: Sequence[Dated], now: datetime) -> Week:
    """The week under way at `now` (sessions oldest first)."""
    started = [s for s in sessions if s.starts_at <= now]
    coming = [s for s in sessions if s.starts_at > now]
    latest = started[-1] if started else None
    return Week(
        week_start(latest.starts_at if latest else None, now), now, latest, coming[0] if coming else None
    )
