"""What a week is: the time since the latest session began; and the week's focus, the newest one
set since then. Standard library only (with store.reviews), so `afterword review`'s lean path and
the full path read the focus by the same rule."""

import uuid
from datetime import datetime, timedelta

from afterword.store.lean import Rows
from afterword.store.reviews import latest_session_start, newest_focus

WEEK_WITHOUT_SESSION = timedelta(days=7)


def week_start(latest_session_start: datetime | None, now: datetime) -> datetime:
    """The latest session's start; with no session on record yet, seven days ago."""
    return latest_session_start if latest_session_start is not None else now - WEEK_WITHOUT_SESSION


def week_focus(rows: Rows, *, owner_id: uuid.UUID, now: datetime) -> tuple[str, datetime] | None:
    """This week's focus, if one was set since the week began: its text and when it was set."""
    since = week_start(latest_session_start(rows, owner_id=owner_id, now=now), now)
    return newest_focus(rows, owner_id=owner_id, since=since)
