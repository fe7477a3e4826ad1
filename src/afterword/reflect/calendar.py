"""Timed triggers as an iCalendar feed (RFC 5545), written by hand.

Each timed plan is one weekly event titled with its summary's headline, with an alarm at its
time. Times are floating local wall-clock times (no time zone), so "thu 08:00" rings at 08:00
wherever the phone is, across daylight-saving changes. The series ends at the next session on
record (UNTIL, inclusive); while none is on record it runs on, and a subscribed calendar picks up
the end as soon as the next session is added."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.controls import visible
from afterword.reflect.triggers import TriggerView
from afterword.store.enums import TriggerKind

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


def event_lines(trigger: TriggerView, *, stamp: datetime) -> list[str]:
    """The VEVENT of a timed trigger; none when the next session comes before its first time."""
    assert trigger.weekday is not None and trigger.minute_of_day is not None
    created_local = trigger.created_at.astimezone().replace(tzinfo=None)
    start = first_occurrence(created_local, trigger.weekday, trigger.minute_of_day)
    rule = f"FREQ=WEEKLY;BYDAY={BYDAY[trigger.weekday]}"
    if trigger.until is not None:
        until_local = trigger.until.astimezone().replace(tzinfo=None)
        if until_local < start:
            return []
        rule += f";UNTIL={floating(until_local)}"
    return [
        "BEGIN:VEVENT",
        f"UID:trigger-{trigger.id}@afterword",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{floating(start)}",
        f"DURATION:PT{EVENT_MINUTES}M",
        f"RRULE:{rule}",
        f"SUMMARY:{escape_text(trigger.headline)}",
        f"DESCRIPTION:{escape_text(DESCRIPTION.format(plan=trigger.description))}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:PT0M",
        f"DESCRIPTION:{escape_text(trigger.headline)}",
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
    triggers: list[TriggerView], *, now: datetime | None = None, one_offs: Sequence[OneOff] = ()
) -> str:
    """The whole feed: one weekly event per timed trigger and one event per single plan, CRLF
    line ends, folded lines."""
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
        if trigger.kind == TriggerKind.TIME:
            lines += event_lines(trigger, stamp=stamp)
    for event in one_offs:
        lines += one_off_lines(event, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
