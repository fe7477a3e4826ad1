"""The rules behind the week's practices, as pure functions: what counts as a specific
appreciation, the marks' question, when recall checks come, the single plans in the calendar,
what a person may type, and the wording of the note (no misses, no streaks)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from afterword.reflect.appreciations import steer
from afterword.reflect.calendar import OneOff, build_calendar
from afterword.reflect.checkins import parse_upcoming
from afterword.reflect.marks import MarkView, what_landed
from afterword.reflect.prep_week import CheckInItem, RitualItem, WeekPractices
from afterword.reflect.prep_week_format import practice_questions, week_sections
from afterword.reflect.recall import recall_checks
from afterword.reflect.text import BadText, clean_text
from afterword.reflect.when import local_moment
from afterword.store.models import TherapySession

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "general"),
    [
        ("you're great", True),
        ("You are the best", True),
        ("thanks for being so amazing", True),
        ("love you", True),
        ("you made tea when I came home late", False),
        ("You're great at noticing: you texted me before the meeting", True),
        ("thank you for driving Mum to the station on Tuesday", False),
    ],
)
def test_the_prompt_steers_toward_a_specific_action(text: str, general: bool) -> None:
    assert (steer(text) is not None) == general


def mark(hour: int, minute: int, answered: bool = False) -> MarkView:
    at = local_moment(date(2026, 11, 19), hour * 60 + minute)
    return MarkView(uuid.uuid4(), at, uuid.uuid4() if answered else None, None)


def test_the_marks_question_names_the_open_ones_in_order() -> None:
    assert what_landed([mark(16, 23), mark(16, 41)]) == "You marked 16:23 and 16:41. What landed?"
    assert what_landed([mark(16, 5), mark(16, 23, answered=True), mark(16, 41), mark(17, 2)]) == (
        "You marked 16:05, 16:41 and 17:02. What landed?"
    )
    assert what_landed([mark(16, 23, answered=True)]) is None and what_landed([]) is None


def session(day: int, hour: int = 16) -> TherapySession:
    return TherapySession(
        id=uuid.uuid4(), owner_id=uuid.uuid4(), starts_at=datetime(2026, 11, day, hour, tzinfo=UTC)
    )


def test_recall_checks_come_on_days_1_3_and_6_until_the_next_session() -> None:
    first, second = session(5), session(13)
    checks = recall_checks([first, second], since=datetime(2026, 11, 1, tzinfo=UTC))
    assert [(c.session_at.day, c.day, c.at.day) for c in checks] == [
        (5, 1, 6),
        (5, 3, 8),
        (5, 6, 11),
        (13, 1, 14),
        (13, 3, 16),
        (13, 6, 19),
    ]
    early = session(9)  # a session on day 4 after the first overtakes its day 6
    assert [
        c.day for c in recall_checks([first, early], since=first.starts_at) if c.session_at == first.starts_at
    ] == [1, 3]
    assert recall_checks([first], since=datetime(2026, 11, 9, tzinfo=UTC))[0].day == 6  # older ones left out


def test_single_plans_are_discreet_ten_minute_events_in_floating_time() -> None:
    at = local_moment(date(2026, 11, 28), 10 * 60)
    calendar = build_calendar(
        [], now=NOW, one_offs=[OneOff("checkin-1", at, "Check-in", "Ten minutes; one, question.")]
    )
    lines = calendar.split("\r\n")
    assert (
        "DTSTART:20261128T100000" in lines
        and "DURATION:PT10M" in lines
        and "UID:checkin-1@afterword" in lines
    )
    assert "SUMMARY:Check-in" in lines and "DESCRIPTION:Ten minutes\\; one\\, question." in lines
    assert "RRULE" not in calendar and calendar.count("BEGIN:VALARM") == 1


def test_a_plan_for_a_weekday_is_the_coming_one() -> None:
    saturday = parse_upcoming("sat 10:00", now=NOW)  # NOW is a Sunday
    assert saturday.astimezone().weekday() == 5 and timedelta(0) < saturday - NOW < timedelta(days=7)
    assert parse_upcoming("tomorrow 09:00", now=NOW) > NOW


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"])
def test_typed_text_refuses_every_control_character(control: str) -> None:
    with pytest.raises(BadText, match="control character"):
        clean_text(f"a{control}b", what="a moment")
    with pytest.raises(BadText, match="control character"):
        clean_text("a\nb", what="a phrase", multiline=False)
    assert clean_text("  two\r\nlines\t ok ", what="a moment") == "two\nlines\t ok"
    assert clean_text("  one   line ", what="a phrase", multiline=False) == "one line"
    with pytest.raises(BadText, match="more than 5 characters"):
        clean_text("toolong", what="x", max_chars=5)


def test_the_note_counts_no_misses_and_asks_openly() -> None:
    held = CheckInItem(NOW, None, "we laughed")
    week = WeekPractices(
        moments=[],
        appreciations=[],
        received=[],
        checkins_held=[held],
        checkins_planned=[],
        repair=None,
        ritual=RitualItem("a walk", []),
        marks=[],
        recalls=[],
        charges=[],
        recall_checks=False,
    )
    sections = dict(week_sections(week))
    assert sections["What we protected"] == ["a walk"]  # marked nowhere: no "0 times", no "missed"
    assert sections["Check-ins"][0].endswith("we laughed") and sections["Appreciations"] == []
    asks = practice_questions(week, [("every Thu 08:00 → “x”", 0), ("when Mom calls → “y”", 2)])
    assert asks[0].endswith("How can we make this easier to remember?") and "easier" not in asks[1]
    assert all("Did this practice feel useful, or should we adjust it?" in a for a in asks)
    words = (
        " ".join(line for _, lines in week_sections(week) for line in lines).lower() + " ".join(asks).lower()
    )
    for judging in ("miss", "streak", "in a row", "failed", "only", "should have"):
        assert judging not in words, judging
