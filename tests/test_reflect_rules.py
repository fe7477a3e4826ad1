"""The rules behind the between-session method: headline, paragraph, times, matching, calendar."""

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from afterword.reflect.calendar import MAX_LINE_OCTETS, build_calendar, escape_text
from afterword.reflect.prompts import NothingToSave, answered, compose_paragraph
from afterword.reflect.review import due_now, match_cards, similarity
from afterword.reflect.templates import get_template
from afterword.reflect.trigger_views import TimedTrigger, TriggerView, describe
from afterword.reflect.when import WhenError, local_moment, parse_moment, parse_weekly
from afterword.store.enums import ReminderText, TriggerKind
from afterword.store.headlines import pick_headline
from afterword.store.views.review import Card, Cue

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def card(headline: str, paragraph: str, *cues: str, kind: TriggerKind = TriggerKind.SITUATION) -> Card:
    return Card(
        uuid.uuid4(),
        headline,
        paragraph,
        NOW,
        tuple(Cue(uuid.uuid4(), kind, text, None, None) for text in cues),
    )


def test_headline_is_the_longest_sentence_or_the_whole_single_sentence() -> None:
    spoken = "Okay. The thing that landed is that I do not have to fix his mood to be okay. Yeah, that."
    assert pick_headline(spoken) == "The thing that landed is that I do not have to fix his mood to be okay."
    assert pick_headline("I am allowed to rest") == "I am allowed to rest"


def test_paragraph_is_the_answers_in_order_with_blanks_filled(tmp_path: Path) -> None:
    couples = get_template("couples-pattern", personal_dir=tmp_path)
    pairs = answered(couples, ["he went quiet", "small.", "", "I raised my voice"])
    assert compose_paragraph(pairs) == (
        "The moment I noticed our pattern was he went quiet. What I felt was small. "
        "Where I got stuck was I raised my voice."
    )
    own = answered(
        get_template("own-words", personal_dir=tmp_path), ["boundaries are not walls", "I say yes too fast!"]
    )
    assert compose_paragraph(own) == "Boundaries are not walls. I say yes too fast!"
    with pytest.raises(NothingToSave):
        answered(couples, [" ", ""])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("now", NOW),
        ("2026-11-19T16:00+01:00", datetime(2026, 11, 19, 15, 0, tzinfo=UTC)),
        ("yesterday 5pm", local_moment(date(2026, 11, 21), 17 * 60)),
        ("thu 16:00", local_moment(date(2026, 11, 19), 16 * 60)),
        ("next thu 16:00", local_moment(date(2026, 11, 26), 16 * 60)),
    ],
)
def test_moments_are_read_in_local_time(typed: str, expected: datetime) -> None:
    assert parse_moment(typed, now=NOW) == expected


def test_weekly_times_and_clear_errors() -> None:
    assert parse_weekly("thu 08:00") == (3, 480)
    assert parse_weekly("Monday 7:30pm") == (0, 19 * 60 + 30)
    for bad in ("someday 8:00", "thu 25:00", "t 8:00", "thu"):
        with pytest.raises(WhenError):
            parse_weekly(bad)


def test_review_matching_forgives_typos_and_prefers_triggers() -> None:
    boss = card(
        "I can answer tomorrow",
        "Not every email needs an answer tonight.",
        "when my boss sends that kind of email",
    )
    mom = card("I am not responsible for her mood", "Listen, then say I will call back.", "when Mom calls")
    assert [m.card for m in match_cards([boss, mom], "bos emial")] == [boss]
    assert match_cards([boss, mom], "mum cals")[0].card is mom
    assert match_cards([boss, mom], "mom")[0].cue.text == "when Mom calls"
    assert match_cards([boss, mom], "respons")[0].card is mom  # the beginning of a word
    assert match_cards([boss, mom], "giraffe") == []
    assert match_cards([boss, mom], "the when my") == []  # only little words
    assert [m.card for m in match_cards([boss, mom], "boss giraffe elephant")] == []  # half or fewer found
    assert similarity("argument", "argumnet") > 0.7 and similarity("cat", "dog") == 0


def test_a_timed_plan_is_due_from_a_little_before_until_hours_after() -> None:
    plan = Card(uuid.uuid4(), "h", "p", NOW, (Cue(uuid.uuid4(), TriggerKind.TIME, "Thu 08:00", 3, 480),))
    thursday = datetime(2026, 11, 26)
    assert due_now([plan], thursday.replace(hour=7, minute=50)) is not None
    assert due_now([plan], thursday.replace(hour=10, minute=59)) is not None
    assert due_now([plan], thursday.replace(hour=11, minute=30)) is None
    assert due_now([plan], thursday - timedelta(days=1)) is None


def trigger(
    headline: str, created: datetime, until: datetime | None, weekday: int = 3, minute: int = 480
) -> TimedTrigger:
    plan = TriggerView(
        uuid.uuid4(),
        uuid.uuid4(),
        headline,
        TriggerKind.TIME,
        "Thu 08:00",
        describe(TriggerKind.TIME, "Thu 08:00", until),
        weekday,
        minute,
        until,
        False,
    )
    return TimedTrigger(plan, created)


def unfolded(calendar: str) -> list[str]:
    return calendar.replace("\r\n ", "").split("\r\n")


def test_calendar_is_rfc5545_with_weekly_events_until_the_next_session() -> None:
    created = local_moment(date(2026, 11, 19), 17 * 60)  # a Thursday, after 08:00
    next_session = local_moment(date(2026, 12, 3), 16 * 60)
    headline = "Ich muss nicht alles reparieren; nicht, heute — " + "ü" * 60
    calendar = build_calendar([trigger(headline, created, next_session)], now=NOW, show=ReminderText.HEADLINE)
    assert calendar.endswith("\r\n") and "\n" not in calendar.replace("\r\n", "")
    assert all(len(line.encode()) <= MAX_LINE_OCTETS for line in calendar.split("\r\n"))
    lines = unfolded(calendar)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    assert (
        "DTSTART:20261126T080000" in lines
    )  # floating local time: the first Thursday 08:00 after it was made
    assert "RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20261203T160000" in lines
    assert f"SUMMARY:{escape_text(headline)}" in lines and "\\;" in escape_text(headline)
    assert "DTSTAMP:20261122T103000Z" in lines and "TRIGGER:PT0M" in lines


def test_calendar_leaves_out_plans_the_next_session_overtook() -> None:
    created = local_moment(date(2026, 11, 19), 17 * 60)
    overtaken = trigger("gone", created, local_moment(date(2026, 11, 20), 9 * 60))
    open_ended = trigger("runs on", created, None, weekday=0, minute=7 * 60)
    lines = unfolded(build_calendar([overtaken, open_ended], now=NOW))
    assert lines.count("BEGIN:VEVENT") == 1 and "RRULE:FREQ=WEEKLY;BYDAY=MO" in lines
