"""What a week is: the time since the latest session began (standard library only)."""

from datetime import datetime, timedelta

WEEK_WITHOUT_SESSION = timedelta(days=7)


def week_start(latest_session_start: datetime | None, now: datetime) -> datetime:
    """The latest session's start; with no session on record yet, seven days ago."""
    return latest_session_start if latest_session_start is not None else now - WEEK_WITHOUT_SESSION
