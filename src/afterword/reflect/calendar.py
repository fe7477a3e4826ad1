"""Timed triggers as an iCalendar feed (RFC 5545), written by hand.

Each timed plan is one weekly event with an alarm at its time. What its title and alarm show is
the person's choice, as a phone shows them on its lock screen: discreet by default ("Afterword:
your plan", nothing of the therapy), the summary's headline, or the plan's own words. Its link
opens the phone's Review screen on that summary. Times are floating local wall-clock times (no time zone), so "thu 08:00" rings at 08:00
wherever the phone is, across daylight-saving changes. The series ends at the next session on
record (UNTIL, inclusive); while none is on record it runs on, and a subscribed calendar picks up
the end as soon as the next session is added."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.controls import visible
from afterword.reflect.trigger_views import TimedTrigger, TriggerView
from afterword.store.enums import ReminderText

PRODID = "-//Afterword//Between sessions//EN"
CALENDAR_NAME = "Afterword plans"
EVENT_MINUTES = 10
REFRESH = "PT1H"
MAX_LINE_OCTETS = 75
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DESCRIPTION = (
    "Your plan: {plan}. This is the moment to re-read your summary: open the Review screen "
    "of Afterword, or run: afterword review"
)
DISCREET_TITLE = "Afterword: your plan"
DISCREET_DESCRIPTION = (
    "A plan you made is due. Open the link or the Review screen of Afterword, or run: afterword review"
)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped, and no
    other control character but a tab (3.1 forbids them): each shows as its picture instead."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return visible(value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """A content line folded to at most 75 octets per line, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > MAX_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def floating(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def first_occurrence(after_local: datetime, weekday: int, minute_of_day: int) -> datetime:
    """The first local wall-clock time on that weekday at or after the given naive local time."""
    day = after_local.date() + timedelta(days=(weekday - after_local.weekday()) % 7)
    start = datetime(day.year, day.month, day.day, minute_of_day // 60, minute_of_day % 60)
    return start if start >= after_local else start + timedelta(days=7)


def review_link(base_url: str | None, summary_id: uuid.UUID) -> str | None:
    """The phone page's Review screen opened on the summary (a fragment the page reads)."""
    return None if base_url is None else f"{base_url.rstrip('/')}/#review/{summary_id}"


def reminder_texts(trigger: TriggerView, show: ReminderText) -> tuple[str, str]:
    """(title, description) as the person chose: only the discreet pair carries no therapy text."""
    if show == ReminderText.DISCREET:
        return DISCREET_TITLE, DISCREET_DESCRIPTION
    title = trigger.headline if show == ReminderText.HEADLINE else trigger.description
    return title, DESCRIPTION.format(plan=trigger.description)


def event_lines(
    timed: TimedTrigger, *, stamp: datetime, show: ReminderText, base_url: str | None
) -> list[str]:
    """The VEVENT of a timed trigger; none when the next session comes before its first time."""
    trigger = timed.plan
    assert trigger.weekday is not None and trigger.minute_of_day is not None
    created_local = timed.made_at.astimezone().replace(tzinfo=None)
    start = first_occurrence(created_local, trigger.weekday, trigger.minute_of_day)
    rule = f"FREQ=WEEKLY;BYDAY={BYDAY[trigger.weekday]}"
    if trigger.until is not None:
        until_local = trigger.until.astimezone().replace(tzinfo=None)
        if until_local < start:
            return []
        rule += f";UNTIL={floating(until_local)}"
    title, description = reminder_texts(trigger, show)
    link = review_link(base_url, trigger.summary_id)
    return [
        "BEGIN:VEVENT",
        f"UID:trigger-{trigger.id}@afterword",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{floating(start)}",
        f"DURATION:PT{EVENT_MINUTES}M",
        f"RRULE:{rule}",
        f"SUMMARY:{escape_text(title)}",
        f"DESCRIPTION:{escape_text(description)}",
        *([f"URL:{link}"] if link else []),
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:PT0M",
        f"DESCRIPTION:{escape_text(title)}",
        "END:VALARM",
        "END:VEVENT",
    ]


@dataclass(frozen=True)
class OneOff:
    """A single timed plan (a check-in, a recall check): titled discreetly, as nothing
    therapeutic belongs in a calendar title."""

    uid: str
    at: datetime
    title: str
    description: str
    minutes: int = EVENT_MINUTES


def one_off_lines(event: OneOff, *, stamp: datetime) -> list[str]:
    start = event.at.astimezone().replace(tzinfo=None)
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}@afterword",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{floating(start)}",
        f"DURATION:PT{event.minutes}M",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:PT0M",
        f"DESCRIPTION:{escape_text(event.title)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def build_calendar(
    triggers: list[TimedTrigger],
    *,
    now: datetime | None = None,
    one_offs: Sequence[OneOff] = (),
    show: ReminderText = ReminderText.DISCREET,
    base_url: str | None = None,
) -> str:
    """The whole feed: one weekly event per timed trigger and one event per single plan, CRLF
    line ends, folded lines. `base_url`, the phone page's address, gives each plan a link."""
    stamp = now or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{CALENDAR_NAME}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for trigger in triggers:
        lines += event_lines(trigger, stamp=stamp, show=show, base_url=base_url)
    for event in one_offs:
        lines += one_off_lines(event, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
