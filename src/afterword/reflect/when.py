"""Reading the times people type, in this machine's local time.

A moment: "now", "today 16:00", "yesterday 5pm", "tomorrow 9:30", "thu 16:00" (the latest
Thursday at 16:00 that has begun), "next thu 16:00" (the coming one), "2026-11-19 16:00" or
"2026-11-19T16:00+01:00". A weekly time: "thu 08:00", "monday 7:30pm"."""

import re
from datetime import UTC, date, datetime, timedelta

from afterword.errors import Invalid

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_PER_DAY = 24 * 60
CLOCK = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?")
MOMENT_EXAMPLES = '"now", "today 16:00", "yesterday 5pm", "thu 16:00", "next thu 16:00", "2026-11-19 16:00"'
WEEKLY_EXAMPLES = '"thu 08:00", "monday 7:30pm"'


class WhenError(Invalid):
    pass


def parse_clock(text: str) -> int:
    """Minutes after midnight: "16:00", "8.05", "4pm", "4:30 pm"."""
    found = CLOCK.fullmatch(text.strip().lower())
    if found is None:
        raise WhenError(f"'{text}' is not a time of day (like 16:00 or 4pm)")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if found.group(3):
        if not 1 <= hour <= 12:
            raise WhenError(f"'{text}' is not a time of day")
        hour = hour % 12 + (12 if found.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise WhenError(f"'{text}' is not a time of day")
    return hour * 60 + minute


def parse_weekday(word: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from a name or its first two letters or more."""
    word = word.strip().lower().rstrip(".")
    matches = [i for i, name in enumerate(WEEKDAYS) if len(word) >= 2 and name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def parse_weekly(text: str) -> tuple[int, int]:
    """(weekday, minutes after midnight) from "thu 08:00"."""
    day, _, clock = text.strip().partition(" ")
    weekday = parse_weekday(day)
    if weekday is None or not clock.strip():
        raise WhenError(f"'{text}' is not a weekday and a time, like {WEEKLY_EXAMPLES}")
    return weekday, parse_clock(clock)


def local_moment(day: date, minute_of_day: int) -> datetime:
    """That wall-clock time on that day, here, as an aware datetime."""
    hour, minute = divmod(minute_of_day, 60)
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def parse_moment(text: str, *, now: datetime | None = None) -> datetime:
    """An aware UTC datetime from what a person typed (see the module's examples)."""
    now = (now or datetime.now(UTC)).astimezone()
    words = text.strip().lower().split()
    if words == ["now"]:
        return now.astimezone(UTC)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = relative_moment(words, now)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def relative_moment(words: list[str], now: datetime) -> datetime:
    upcoming = bool(words) and words[0] == "next"
    words = words[1:] if upcoming or (words and words[0] == "last") else words
    if len(words) < 2:
        raise WhenError(f"give a day and a time, like {MOMENT_EXAMPLES}")
    day_word, clock = words[0], " ".join(words[1:])
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if day_word in offsets and not upcoming:
        return local_moment(now.date() + timedelta(days=offsets[day_word]), parse_clock(clock))
    weekday = parse_weekday(day_word)
    if weekday is None:
        raise WhenError(f"'{' '.join(words)}' is not a time Afterword knows; try {MOMENT_EXAMPLES}")
    minute = parse_clock(clock)
    day = now.date() - timedelta(days=(now.weekday() - weekday) % 7)
    if upcoming and local_moment(day, minute) <= now:
        day += timedelta(days=7)
    elif not upcoming and local_moment(day, minute) > now:
        day -= timedelta(days=7)
    return local_moment(day, minute)


def weekday_name(weekday: int) -> str:
    return WEEKDAYS[weekday][:3].capitalize()


def format_clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def format_moment(moment: datetime) -> str:
    """ "Thu 19 Nov 16:00", in local time."""
    return moment.astimezone().strftime("%a %d %b %H:%M")


def format_after(minutes: int | None) -> str:
    """How long after its session something was captured, in words."""
    if minutes is None:
        return "no session before it"
    if minutes < 0:
        return "before the session"
    if minutes < 120:
        return f"{plural(minutes, 'minute')} after the session"
    if minutes < 48 * 60:
        return f"{plural(minutes // 60, 'hour')} after the session"
    return f"{plural(minutes // MINUTES_PER_DAY, 'day')} after the session"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
