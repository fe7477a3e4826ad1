"""Everything timed in one calendar feed: the weekly re-reading plans, the planned check-ins
and the spaced recall checks. Only the person's own plans are in it; the titles of check-ins and
recall checks say nothing therapeutic (a phone shows them on its lock screen), and a re-reading
plan's title is discreet unless its person chose otherwise."""

from datetime import UTC, datetime, timedelta

from afterword.reflect.calendar import OneOff, build_calendar
from afterword.reflect.checkins import CHECKIN_MINUTES
from afterword.reflect.recall import recall_checks
from afterword.reflect.trigger_views import dated_plans
from afterword.store.enums import TriggerKind
from afterword.store.reading import Reader
from afterword.store.views.checkins import checkins
from afterword.store.views.people import reminder_text
from afterword.store.views.sessions import session_times

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


def calendar_feed(reader: Reader, *, now: datetime | None = None, base_url: str | None = None) -> str:
    """The person's iCalendar feed, showing what they chose (reminders); with the phone page's
    address, each plan links to its review. Read in one snapshot."""
    now = now or datetime.now(UTC)
    since = now - LOOK_BACK
    with reader.reads() as reads:
        planned = [c for c in checkins(reads) if c.planned_at is not None and c.planned_at >= since]
        checks = recall_checks(session_times(reads), since=since)
        show = reminder_text(reads)
        timed = [t for t in dated_plans(reads, now=now) if t.plan.kind == TriggerKind.TIME]
    one_offs = [
        OneOff(f"checkin-{c.id}", c.planned_at, CHECKIN_TITLE, CHECKIN_TEXT, CHECKIN_MINUTES)
        for c in planned
        if c.planned_at is not None
    ]
    one_offs += [
        OneOff(
            f"recall-{check.session_at.strftime('%Y%m%dT%H%M%SZ')}-day{check.day}-{reader.person_id.hex[:8]}",
            check.at,
            RECALL_TITLE,
            RECALL_TEXT.format(day=check.day),
        )
        for check in checks
    ]
    return build_calendar(timed, now=now, one_offs=one_offs, show=show, base_url=base_url)
