"""Everything timed in one calendar feed: the weekly re-reading plans, the planned check-ins
and the spaced recall checks. Only the person's own plans are in it; the titles of check-ins and
recall checks say nothing therapeutic (a phone shows them on its lock screen), and a re-reading
plan's title is discreet unless its person chose otherwise."""

import uuid
from datetime import UTC, datetime, timedelta

from afterword.reflect.calendar import OneOff, build_calendar
from afterword.reflect.checkins import CHECKIN_MINUTES, checkin_views
from afterword.reflect.recall import recall_checks
from afterword.reflect.trigger_views import timed_triggers
from afterword.store.db import Database
from afterword.store.people import reminder_text
from afterword.store.reflections import list_sessions

LOOK_BACK = timedelta(days=14)
"""Single plans older than this are left out of the feed."""
CHECKIN_TITLE = "Check-in"
CHECKIN_TEXT = (
    "Ten minutes, one question each. Start the timer on the Week screen of Afterword, "
    "or run: afterword checkin start"
)
RECALL_TITLE = "Recall check"
RECALL_TEXT = (
    "Day {day} after the session: before you look, what do you remember? "
    "Open the Week screen of Afterword, or run: afterword recall"
)


def calendar_feed(
    db: Database, *, owner_id: uuid.UUID, now: datetime | None = None, base_url: str | None = None
) -> str:
    """The person's iCalendar feed, showing what they chose (`afterword reminders`); with the
    phone page's address, each plan links to its review."""
    now = now or datetime.now(UTC)
    since = now - LOOK_BACK
    checkins = [
        OneOff(f"checkin-{c.id}", c.planned_at, CHECKIN_TITLE, CHECKIN_TEXT, CHECKIN_MINUTES)
        for c in checkin_views(db, owner_id=owner_id)
        if c.planned_at is not None and c.planned_at >= since
    ]
    with db.read() as session:
        checks = recall_checks(list_sessions(session, owner_id=owner_id), since=since)
        show = reminder_text(session, person_id=owner_id)
    recalls = [
        OneOff(
            f"recall-{check.session_at.strftime('%Y%m%dT%H%M%SZ')}-day{check.day}-{owner_id.hex[:8]}",
            check.at,
            RECALL_TITLE,
            RECALL_TEXT.format(day=check.day),
        )
        for check in checks
    ]
    return build_calendar(
        timed_triggers(db, owner_id=owner_id, now=now),
        now=now,
        one_offs=checkins + recalls,
        show=show,
        base_url=base_url,
    )
