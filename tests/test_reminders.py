"""Discreet reminders: what a calendar alarm and an event title show is each person's choice,
discreet by default, in the feed and in `trigger export`; each plan links to its review. Feeds
are read with the `icalendar` package, on SQLite and PostgreSQL, from a real memo."""

import json
import os
import uuid
from pathlib import Path

import icalendar
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from afterword.cli.running import Running, write_run_file
from afterword.settings import Settings
from afterword.store.db import make_engine
from afterword.store.migrations.runner import alembic_config, upgrade_to_head
from tests.support.samples import SAMPLES
from tests.support.week import captured, summarised

PARAGRAPH = "Ask what I can do. Serve the people in the room."


def plan_events(feed: str) -> list[icalendar.Event]:
    events = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    return [e for e in events if str(e["UID"]).startswith("trigger-")]


def alarm_text(event: icalendar.Event) -> str:
    (alarm,) = event.walk("VALARM")
    return str(alarm["DESCRIPTION"])


def every_text(feed: str) -> str:
    """Every property value of the parsed feed, lower case (folding and escaping undone)."""
    parsed = icalendar.Calendar.from_ical(feed)
    return " ".join(str(v) for c in parsed.walk() for _, v in c.property_items()).lower()


def test_the_exported_feed_is_discreet_until_the_person_chooses(run, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    run("add", str(SAMPLES / "jfk.m4a"))
    insight = json.loads(run("insights", "--json").stdout)[0]
    run(
        "reflect",
        insight["id"],
        "--answer",
        "Ask what I can do.",
        "--answer",
        "Serve the people in the room.",
    )
    run("trigger", "add", insight["id"], "--when", "thu 08:00")
    run("trigger", "add", insight["id"], "--person", "when Mom calls")
    assert "discreet" in run("reminders").stdout

    exported = run("trigger", "export")
    assert "no link" in exported.stderr
    (event,) = plan_events(exported.stdout)
    assert str(event["SUMMARY"]) == "Afterword: your plan" == alarm_text(event)
    text = every_text(exported.stdout)
    for secret in (insight["headline"].lower(), "country", "serve the people", "ask what i can do", "mom"):
        assert secret not in text, secret
    assert "URL" not in event

    run("reminders", "headline")
    (event,) = plan_events(run("trigger", "export").stdout)
    assert str(event["SUMMARY"]) == insight["headline"] == alarm_text(event)
    run("reminders", "PLAN")
    (event,) = plan_events(run("trigger", "export").stdout)
    assert str(event["SUMMARY"]) == "every Thu 08:00 until the next session" == alarm_text(event)
    for bad in ("loud", ""):
        assert "give discreet, headline or plan" in run("reminders", bad, ok=False).output

    write_run_file(settings.data_dir, Running("https", "192.0.2.7", 8443, 8001, os.getpid()))
    summary_id = json.loads(run("summaries", "--json").stdout)[0]["id"]
    (event,) = plan_events(run("trigger", "export").stdout)
    assert str(event["URL"]) == f"https://192.0.2.7:8443/#review/{summary_id}"


def test_the_feed_shows_each_persons_own_choice(client: TestClient, alice: dict, bob: dict) -> None:
    summaries = []
    for who in (alice, bob):
        insight = captured(client, who, sample="jfk.m4a")
        summaries.append(summarised(client, who, insight["id"], "Ask what I can do.", "Serve the people."))
        plan = client.post(
            f"/api/summaries/{summaries[-1]['id']}/triggers", json={"when": "mon 07:30"}, headers=who
        )
        assert plan.status_code == 201, plan.text
    assert client.get("/api/reminders", headers=alice).json() == {"show": "discreet"}

    feed = client.get("/api/triggers.ics", headers=alice).text
    (event,) = plan_events(feed)
    assert str(event["SUMMARY"]) == "Afterword: your plan" == alarm_text(event)
    assert "country" not in every_text(feed) and "serve the people" not in every_text(feed)
    assert str(event["URL"]) == f"http://testserver/#review/{summaries[0]['id']}"

    chosen = client.put("/api/reminders", json={"show": "headline"}, headers=alice)
    assert chosen.status_code == 200 and chosen.json() == {"show": "headline"}
    (event,) = plan_events(client.get("/api/triggers.ics", headers=alice).text)
    assert "country" in str(event["SUMMARY"]).lower()
    (theirs,) = plan_events(client.get("/api/triggers.ics", headers=bob).text)
    assert str(theirs["SUMMARY"]) == "Afterword: your plan"
    for bad in ({"show": "loud"}, {"show": None}, {}):
        assert client.put("/api/reminders", json=bad, headers=alice).status_code == 422
    assert client.put("/api/reminders", json={"show": "plan"}).status_code == 401


def test_the_migration_makes_everyone_discreet_and_goes_back_keeping_their_memos(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()

    def migrate(revision: str, *, down: bool = False) -> None:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
            connection.commit()

    migrate("0007")
    owner = uuid.uuid4().hex
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO people (id, name, created_at) VALUES (:id, 'Sam', '2026-11-01 10:00:00')"),
            {"id": owner},
        )
        connection.execute(
            text(
                "INSERT INTO memos (id, owner_id, sha256, size_bytes, duration_seconds, created_at, kind) "
                "VALUES (:id, :owner, :sha, 10, 1.5, '2026-11-01 10:00:00', 'insight')"
            ),
            {"id": uuid.uuid4().hex, "owner": owner, "sha": "0" * 64},
        )
    upgrade_to_head(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT reminders FROM people")).scalar() == "discreet"
    migrate("0007", down=True)
    assert "reminders" not in {c["name"] for c in inspect(engine).get_columns("people")}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM memos")).scalar() == 1
    engine.dispose()
