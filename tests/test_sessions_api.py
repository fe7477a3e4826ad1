"""Sessions set from the phone: add, move (the appointment moved), remove; a weekly plan ends at
the next one. Through the real app, on both databases."""

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.settings import Settings
from tests.support.week import Who, cli_env


def test_a_session_moves_and_its_plan_ends_at_the_new_time(client: TestClient, alice: Who, bob: Who) -> None:
    added = client.post(
        "/api/sessions", json={"starts_at": "2026-12-03T16:00:00+01:00", "note": "Dr. O"}, headers=alice
    )
    assert added.status_code == 201
    session = added.json()
    moved = client.patch(
        f"/api/sessions/{session['id']}", json={"starts_at": "2026-12-03T17:30:00+01:00"}, headers=alice
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["starts_at"], moved.json()["note"]) == ("2026-12-03T16:30:00Z", "Dr. O")
    assert [s["starts_at"] for s in client.get("/api/sessions", headers=alice).json()] == [
        "2026-12-03T16:30:00Z"
    ]

    # Bad input: someone else's session, a time another session has, no time zone, no time.
    other = client.post("/api/sessions", json={"starts_at": "2026-12-10T16:00:00Z"}, headers=alice).json()
    path = f"/api/sessions/{session['id']}"
    assert client.patch(path, json={"starts_at": "2026-12-10T18:00:00Z"}, headers=bob).status_code == 404
    clash = client.patch(path, json={"starts_at": other["starts_at"]}, headers=alice)
    assert clash.status_code == 409 and "already a session" in clash.json()["detail"]
    assert client.patch(path, json={"starts_at": "2026-12-03T17:30:00"}, headers=alice).status_code == 422
    assert client.patch(path, json={}, headers=alice).status_code == 422
    far = client.patch(path, json={"starts_at": "9999-12-31T23:59:59Z"}, headers=alice)
    assert far.status_code == 422 and "between 1970 and 2199" in far.json()["detail"]
    assert client.get("/api/sessions", headers=alice).json()[0]["starts_at"] == "2026-12-03T16:30:00Z"


def test_the_cli_reschedules_a_session_too(settings: Settings) -> None:
    runner = CliRunner()
    env = cli_env(settings)
    assert runner.invoke(app, ["person", "add", "me"], env=env).exit_code == 0
    added = runner.invoke(app, ["session", "add", "2026-12-03 16:00"], env=env)
    assert added.exit_code == 0, added.output
    session_id = json.loads(runner.invoke(app, ["sessions", "--json"], env=env).stdout)[0]["id"]
    moved = runner.invoke(app, ["session", "reschedule", session_id[:6], "2026-12-03 17:30"], env=env)
    assert moved.exit_code == 0, moved.output
    assert "now on" in moved.output and "17:30" in moved.output
    listed = json.loads(runner.invoke(app, ["sessions", "--json"], env=env).stdout)
    assert len(listed) == 1 and "17:30" in listed[0]["starts_at"]
    missing = runner.invoke(app, ["session", "reschedule", "ffff", "2026-12-03 18:00"], env=env)
    assert missing.exit_code != 0 and "no session with id ffff" in missing.output
