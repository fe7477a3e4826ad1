"""Someone else's text cannot act on a terminal or a calendar: a partner's shared summary, a
headline or a plan holding ESC, CSI or OSC sequences (from an old row, an import) reaches the
CLI's every way of printing, the API's pre-session note and the iCalendar feed with each control
character made visible (or, in JSON, escaped)."""

import unicodedata

from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.settings import Settings
from afterword.store.db import make_engine
from tests.support.week import captured, cli_env, pair_up, summarised

# Retitle the window, clear the screen, an 8-bit CSI turning text red, a DEL, a carriage return.
HOSTILE = "kitchen table \x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\rdone"
SHOWN = "kitchen table ␛]0;pwned␇␛[2J\ufffd31m␡␍done"


def acting(output: str, *, allowed: str = "\n") -> set[str]:
    return {c for c in output if unicodedata.category(c) == "Cc" and c not in allowed}


def texts_in(value: object) -> list[str]:
    """Every text in a JSON value."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in texts_in(item)]


def plant(settings: Settings, summary_id: str) -> None:
    """What the doors now refuse, written straight into the database as an older version could."""
    engine = make_engine(settings.resolved_database_url)
    with engine.begin() as connection:
        for statement in (
            "UPDATE summary_versions SET paragraph = :hostile",
            "UPDATE insights SET headline = :hostile",
            "UPDATE triggers SET cue = :hostile",
            "UPDATE people SET name = :hostile WHERE name = 'Carol'",
        ):
            connection.execute(text(statement), {"hostile": HOSTILE})
    engine.dispose()


def test_a_partners_escape_sequences_never_reach_the_terminal_or_the_calendar(
    client: TestClient, settings: Settings, alice: dict[str, str], bob: dict[str, str]
) -> None:
    pair_up(client, alice, "Alice", bob, "Bob")
    insight = captured(client, alice)
    summary = summarised(client, alice, insight["id"], "I keep the peace", shared=True)
    planned = client.post(
        f"/api/summaries/{summary['id']}/triggers", json={"when": "thu 08:00"}, headers=alice
    )
    assert planned.status_code == 201, planned.text
    runner, env = CliRunner(), cli_env(settings)
    assert runner.invoke(cli, ["person", "add", "Carol"], env=env).exit_code == 0
    plant(settings, summary["id"])

    printed = {
        "prep --with": ["--as", "Bob", "prep", "--with", "Alice", "--no-ask"],
        "prep --with, html": ["--as", "Bob", "prep", "--with", "Alice", "--format", "html"],
        "prep --with, json": ["--as", "Bob", "prep", "--with", "Alice", "--format", "json"],
        "a table": ["--as", "Alice", "summaries"],
        "a summary": ["--as", "Alice", "summary", summary["id"][:8]],
        "insights": ["--as", "Alice", "insights"],
        "plans": ["--as", "Alice", "triggers"],
        "a review": ["--as", "Alice", "review", "kitchen", "--answer", "skipped"],
        "a review, json": ["--as", "Alice", "review", "kitchen", "--json", "--answer", "skipped"],
        "people": ["people"],
    }
    for what, args in printed.items():
        result = runner.invoke(cli, args, env=env)
        assert result.exit_code == 0, (what, result.output)
        assert acting(result.stdout) == set() and acting(result.stderr) == set(), what
        assert "pwned" in result.stdout, (what, result.stdout)
    assert SHOWN in runner.invoke(cli, ["--as", "Bob", "prep", "--with", "Alice", "--no-ask"], env=env).stdout

    # The API's note, as a file a person opens in a terminal or an editor: made visible in Markdown
    # and HTML, \u-escaped (and so kept exactly) in JSON.
    for who, query in ((alice, {}), (bob, {"with": "Alice"})):
        for fmt in ("md", "html", "json"):
            note = client.get("/api/prep", params={"format": fmt, **query}, headers=who)
            assert note.status_code == 200, note.text
            assert acting(note.text) == set(), (fmt, query)
            assert "pwned" in note.text, (fmt, query)
        data = client.get("/api/prep", params=query, headers=who).json()
        assert any(HOSTILE in text for text in texts_in(data)), query

    # Discreet by default, the feed shows none of the text: Alice chose the plan's own words.
    assert client.put("/api/reminders", json={"show": "plan"}, headers=alice).status_code == 200
    exported = runner.invoke(cli, ["--as", "Alice", "trigger", "export"], env=env)
    feed = client.get("/api/triggers.ics", headers=alice)
    for calendar in (exported.stdout, feed.text):
        assert "pwned" in calendar and acting(calendar, allowed="\r\n") == set()
        assert all("\r" not in line for line in calendar.split("\r\n")), "a bare CR in a value"
