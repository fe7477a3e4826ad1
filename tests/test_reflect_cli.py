"""The between-session method at the command line, from a real memo to the pre-session note."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from tests.support.reflect_factories import local_iso
from tests.support.samples import SAMPLES

SORROW = "librispeech-1995-1837-0001.ogg"
"""Two sentences: "It was the first great sorrow of his life. It was not so much the loss of the
cotton itself, but the fantasy, the hopes the dreams built around it." """


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None, ok: bool = True):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), input=input)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def words(text: str) -> str:
    """The text with rich's line wrapping undone."""
    return " ".join(text.split())


def as_json(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return json.loads(invoke(runner, *args, "--json").stdout)


def add_memo_after_a_session(runner: CliRunner, sample: str = SORROW, minutes: int = 70) -> dict:
    """A session `minutes` ago, then the sample as a memo; returns the insight."""
    started = datetime.now(UTC) - timedelta(minutes=minutes)
    invoke(runner, "session", "add", local_iso(started), "--note", "the first one")
    invoke(runner, "add", str(SAMPLES / sample))
    return as_json(runner, "insights")[0]


def test_the_whole_week_from_a_real_memo(runner: CliRunner, tmp_path: Path) -> None:
    insight = add_memo_after_a_session(runner)
    assert "loss of the cotton" in insight["headline"] and "first great sorrow" not in insight["headline"]
    assert 70 <= insight["minutes_after_session"] <= 71

    reflecting = invoke(
        runner,
        "reflect",
        input="y\nIt was never the cotton.\n"
        "I grieve plans more than things.\nName the plan out loud when I feel the loss.\n",
    )
    assert "loss of the cotton" in reflecting.stdout and "first great sorrow" not in reflecting.stdout
    assert "What was the thing?" in reflecting.stdout and "Saved summary" in reflecting.stdout
    summary_id = as_json(runner, "summaries")[0]["id"][:8]

    invoke(runner, "trigger", "add", summary_id, "--situation", "when my boss sends that kind of email")
    invoke(runner, "trigger", "add", summary_id, "--when", "thu 08:00")
    invoke(runner, "focus", "noticing the pursue-withdraw loop")

    reviewed = invoke(runner, "review", "bos", "emial", "--answer", "helped")
    assert "It was never the cotton. I grieve plans more than things." in reviewed.stdout
    assert "This week's focus: noticing the pursue-withdraw loop" in reviewed.stdout
    assert "Your plan: when my boss sends that kind of email" in reviewed.stdout
    assert "Noted: did not help." in invoke(runner, "review", "plans", input="n\n").stderr

    note = invoke(runner, "prep", "--ask", input="I said the plan out loud once.\n\nThe Sunday dinners.\n")
    text = note.stdout
    assert text.startswith("# Before my next session: me")
    for expected in (
        "noticing the pursue-withdraw loop",
        "loss of the cotton",
        "70 minutes after the session",
        "I grieve plans more than things.",
        "when my boss sends that kind of email",
        "re-read 1 time: helped 1",
        "every Thu 08:00",
        "not re-read yet",
        "What got better? I said the plan out loud once.",
        "What got worse? (not answered yet)",
        "What needs attention next session? The Sunday dinners.",
    ):
        assert expected in text, expected
    assert "re-read 2 times" in text  # the summary itself: by the boss plan and by its words

    data = json.loads(invoke(runner, "prep", "--format", "json").stdout)
    assert data["focus"] == "noticing the pursue-withdraw loop"
    assert data["captures"][0]["minutes_after_session"] in (70, 71) and data["waiting"] == []
    assert {t["plan"]: t["reviews"] for t in data["triggers"]} == {
        "when my boss sends that kind of email": 1,
        "every Thu 08:00 until the next session": 0,
    }
    html = invoke(runner, "prep", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and "<h2>For the session</h2>" in html

    calendar = invoke(runner, "trigger", "export").stdout
    assert "RRULE:FREQ=WEEKLY;BYDAY=TH" in calendar and "cotton" not in calendar.replace("\r\n ", "")
    invoke(runner, "reminders", "headline")
    assert "loss of the cotton" in invoke(runner, "trigger", "export").stdout.replace("\r\n ", "")


def test_prep_questions_go_to_stderr_so_the_note_can_go_to_a_file(runner: CliRunner) -> None:
    add_memo_after_a_session(runner)
    result = invoke(runner, "prep", "--ask", "--format", "html", input="Better.\nWorse.\nSundays.\n")
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "What got better?" in result.stderr
    assert "What got better? Better." in result.stdout


def test_peek_shows_the_transcript_only_when_asked(runner: CliRunner) -> None:
    insight = add_memo_after_a_session(runner)
    hidden = invoke(runner, "reflect", insight["id"][:8], "--answer", "The plans, not the cotton.")
    assert "first great sorrow" not in hidden.stdout
    peeked = invoke(runner, "reflect", insight["id"][:8], "--peek", input="\n\n\n")
    assert "What you said:" in peeked.stdout and "first great sorrow" in peeked.stdout


def test_editing_a_summary_keeps_every_version(runner: CliRunner) -> None:
    insight = add_memo_after_a_session(runner)
    memo_id = as_json(runner, "list")[0]["id"][:8]
    invoke(runner, "reflect", insight["id"][:8], "--answer", "First try.")
    second = invoke(runner, "reflect", memo_id, input="Second try.\n\nCall Dad on Sunday.\n")
    assert "Before: First try." in second.stdout and "version 2" in second.stdout
    again = invoke(runner, "reflect", memo_id, input="\n\n\n")
    assert "unchanged (version 2)" in again.stdout
    shown = as_json(runner, "summary", as_json(runner, "summaries")[0]["id"][:8])
    assert [v["paragraph"] for v in shown["versions"]] == ["First try.", "Second try. Call Dad on Sunday."]


def test_couples_template_fills_the_blanks(runner: CliRunner) -> None:
    add_memo_after_a_session(runner)
    result = invoke(
        runner,
        "reflect",
        "--yes",
        "--template",
        "couples-pattern",
        input=("he went quiet at dinner\nscared\nasking one question\nI raised my voice\nslowing down\n"),
    )
    assert (
        "The moment I noticed our pattern was he went quiet at dinner. What I felt was scared. "
        "What I tried was asking one question."
    ) in words(result.stdout)


def test_bad_week_answers_reach_the_note_gently(runner: CliRunner) -> None:
    add_memo_after_a_session(runner)
    invoke(runner, "reflect", "--template", "bad-week", input="I shut down.\nWe both ran.\nA walk first.\n")
    note = invoke(runner, "prep", "--no-ask").stdout
    assert "## Harder moments" in note and "What support would help me try again? A walk first." in note
    assert "## Still waiting for my own words" in note and "No rush" in note
    assert "homework" not in note.lower()


def test_headline_can_be_edited_and_picked_again(runner: CliRunner) -> None:
    insight = add_memo_after_a_session(runner)
    short = insight["id"][:8]
    assert "It was the plans." in invoke(runner, "headline", short, "It was the plans.").stdout
    assert as_json(runner, "insights")[0]["headline"] == "It was the plans."
    assert "loss of the cotton" in invoke(runner, "headline", short, "--reset").stdout


def test_an_insight_follows_the_latest_session_before_it_unless_moved(runner: CliRunner) -> None:
    insight = add_memo_after_a_session(runner, minutes=70)
    captured = datetime.fromisoformat(insight["captured_at"])
    invoke(runner, "session", "add", local_iso(captured - timedelta(minutes=20)))
    assert as_json(runner, "insights")[0]["minutes_after_session"] == 20
    first = as_json(runner, "sessions")[0]
    invoke(runner, "session", "move", insight["id"][:8], first["id"][:8])
    moved = as_json(runner, "insights")[0]
    assert moved["session_id"] == first["id"] and moved["moved_by_hand"]
    invoke(runner, "session", "move", insight["id"][:8], "auto")
    assert as_json(runner, "insights")[0]["minutes_after_session"] == 20
    assert [s["insights"] for s in as_json(runner, "sessions")] == [0, 1]


def test_review_with_no_words_lists_the_cards_to_pick_from(runner: CliRunner) -> None:
    add_memo_after_a_session(runner)
    invoke(runner, "reflect", "--yes", "--answer", "Plans, not cotton.")
    invoke(runner, "add", str(SAMPLES / "ljspeech-LJ001-0009.mp3"))
    invoke(runner, "reflect", "--yes", "--answer", "Books are made of small parts.")
    picked = invoke(runner, "review", input="2\ns\n")
    assert " 1. " in picked.stdout and " 2. " in picked.stdout
    assert "Plans, not cotton." in picked.stdout and "Noted: skipped." in picked.stderr


def test_nothing_matched_is_a_clear_exit_1(runner: CliRunner) -> None:
    add_memo_after_a_session(runner)
    invoke(runner, "reflect", "--yes", "--answer", "Plans, not cotton.")
    result = invoke(runner, "review", "giraffe", ok=False)
    assert result.exit_code == 1 and "Nothing matched 'giraffe'" in result.stderr


def test_user_errors_are_one_clear_line(runner: CliRunner) -> None:
    for args, message in (
        (["session", "add", "someday"], "give a day and a time, like"),
        (["session", "add", "someday 16:00"], "is not a time Afterword knows"),
        (["reflect", "abcdef"], "no insight, memo or summary with id abcdef"),
        (["trigger", "add", "abcdef", "--when", "thu 8"], "no insight, memo or summary with id abcdef"),
        (["review", "--answer", "maybe"], "'maybe' is not an answer"),
        (["prep", "--with", "nobody"], "No such partner."),
        (["reflect", "--template", "nope"], "there is no template named nope"),
    ):
        result = invoke(runner, *args, ok=False)
        assert result.exit_code == 1, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
