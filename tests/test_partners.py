"""Partnership is explicit and two-sided, and sharing reaches only the current partner: one
person invites, the other accepts, either ends it; anyone else asking about a person gets the
answer a name nobody has gets. On SQLite and PostgreSQL, through the API and the CLI."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.models import Summary
from tests.support.factories import issue_token
from tests.support.week import Who, captured, cli_env, pair_up, summarised


@pytest.fixture
def carol(settings: Settings) -> Who:
    return {"Authorization": f"Bearer {issue_token(settings, 'Carol')}"}


def state(client: TestClient, who: Who) -> dict:
    return client.get("/api/partner", headers=who).json()


def test_one_invites_the_other_accepts_either_ends_it(
    client: TestClient, alice: Who, bob: Who, carol: Who
) -> None:
    invited = client.post("/api/partner/invitations", json={"name": "Bob"}, headers=alice).json()
    assert invited == {"partner": None, "since": None, "invited": "Bob", "invitations": []}
    assert state(client, bob)["invitations"] == ["Alice"] and state(client, bob)["partner"] is None
    assert client.post("/api/partner/invitations", json={"name": "Bob"}, headers=carol).status_code == 201
    accepted = client.post("/api/partner/accept", json={"name": "Alice"}, headers=bob).json()
    assert accepted["partner"] == "Alice" and accepted["invitations"] == []  # Carol's waits no more
    assert state(client, alice)["partner"] == "Bob" and state(client, alice)["invited"] is None

    # At most one current partner, on both sides.
    assert client.post("/api/partner/invitations", json={"name": "Carol"}, headers=alice).status_code == 409
    assert client.post("/api/partner/accept", json={"name": "Carol"}, headers=bob).status_code == 404
    assert client.post("/api/partner/accept", json={"name": "Bob"}, headers=carol).status_code == 404

    ended = client.delete("/api/partner", headers=bob).json()
    assert ended["partner"] is None and state(client, alice)["partner"] is None
    assert client.delete("/api/partner", headers=alice).status_code == 404  # nothing left to end


def test_invitations_cross_declines_and_withdrawals(
    client: TestClient, alice: Who, bob: Who, carol: Who
) -> None:
    client.post("/api/partner/invitations", json={"name": "Bob"}, headers=alice)
    crossed = client.post("/api/partner/invitations", json={"name": "Alice"}, headers=bob).json()
    assert crossed["partner"] == "Alice"  # inviting someone whose invitation waits accepts it
    client.delete("/api/partner", headers=alice)

    client.post("/api/partner/invitations", json={"name": "Carol"}, headers=alice)
    assert (
        client.post("/api/partner/decline", json={"name": "Alice"}, headers=carol).json()["invitations"] == []
    )
    assert state(client, alice)["invited"] is None
    client.post("/api/partner/invitations", json={"name": "Carol"}, headers=alice)
    assert client.delete("/api/partner", headers=alice).json()["invited"] is None  # withdrawn
    assert state(client, carol)["invitations"] == []
    for body in (
        {"name": "Alice"},
        {"name": ""},
        {"name": "x" * 101},
        {"name": "Bo\x00b"},
        {"name": "B\x1b[2Jo"},
    ):
        answer = client.post("/api/partner/invitations", json=body, headers=alice)
        assert answer.status_code == 422 and answer.json()["detail"].endswith("."), body


def test_inviting_a_name_says_nothing_about_whether_it_has_an_account(
    client: TestClient, alice: Who, bob: Who
) -> None:
    existing = client.post("/api/partner/invitations", json={"name": "Bob"}, headers=alice)
    nobody = client.post("/api/partner/invitations", json={"name": "Nobody"}, headers=alice)
    assert existing.status_code == nobody.status_code == 201
    assert existing.json() | {"invited": "?"} == nobody.json() | {"invited": "?"}
    assert state(client, bob)["invitations"] == []  # the newer invitation replaced the first


def test_a_third_person_reads_nothing_shared(client: TestClient, alice: Who, bob: Who, carol: Who) -> None:
    pair_up(client, alice, "Alice", bob, "Bob")
    insight = captured(client, alice)
    summarised(client, alice, insight["id"], "Shared with Bob only.", shared=True)
    client.post(
        "/api/appreciations", json={"text": "you cooked on Tuesday night", "send": True}, headers=alice
    )
    client.post("/api/repair/proposals", json={"text": "Pause, then ask."}, headers=alice)
    assert [
        s["paragraph"]
        for s in client.get("/api/prep", params={"with": "Alice"}, headers=bob).json()["shared"]
    ] == ["Shared with Bob only."]

    def asked(who: Who, name: str) -> tuple[int, bytes]:
        answer = client.get("/api/prep", params={"with": name, "format": "md"}, headers=who)
        return answer.status_code, answer.content

    nobody = asked(carol, "Nobody")
    assert nobody == (404, b'{"detail":"No such partner."}')
    assert asked(carol, "Alice") == asked(carol, "Bob") == asked(carol, "Carol") == nobody
    for path in (
        "/api/prep",
        "/api/appreciations/received",
        "/api/repair",
        "/api/appreciations",
        "/api/review",
    ):
        text = client.get(path, headers=carol).text
        assert (
            "Shared with Bob only" not in text and "Tuesday night" not in text and "Pause, then" not in text
        ), path

    client.delete("/api/partner", headers=alice)
    assert asked(bob, "Alice") == nobody  # an ex-partner is anyone else
    assert client.get("/api/appreciations/received", headers=bob).json() == []
    assert client.get("/api/repair", headers=bob).json()["proposal"] is None
    assert client.get("/api/summaries", headers=alice).json()[0]["shared"] is False  # private again


def test_shared_items_follow_the_owners_week_not_the_readers(
    client: TestClient, alice: Who, bob: Who, settings: Settings
) -> None:
    now = datetime.now(UTC)
    pair_up(client, alice, "Alice", bob, "Bob")
    client.post("/api/sessions", json={"starts_at": (now - timedelta(days=10)).isoformat()}, headers=alice)
    earlier = captured(client, alice, captured_at=(now - timedelta(days=9)).isoformat())
    old = summarised(client, alice, earlier["id"], "From my week before.", shared=True)
    client.post("/api/sessions", json={"starts_at": (now - timedelta(days=2)).isoformat()}, headers=alice)
    recent = captured(client, alice, sample="jfk.m4a", captured_at=(now - timedelta(days=1)).isoformat())
    new = summarised(client, alice, recent["id"], "From my week now.", shared=True)
    db = open_database(settings)
    with db.write() as session:  # each written when it was captured
        for summary, days in ((old, 9), (new, 1)):
            session.execute(
                update(Summary)
                .where(Summary.id == uuid.UUID(summary["id"]))
                .values(updated_at=now - timedelta(days=days))
            )
    db.close()

    def seen_by_bob() -> list[str]:
        shared = client.get("/api/prep", params={"with": "Alice"}, headers=bob).json()["shared"]
        return [s["paragraph"] for s in shared]

    # Bob's own weeks, long (since 20 days ago) or short (since an hour ago), decide nothing.
    client.post("/api/sessions", json={"starts_at": (now - timedelta(days=20)).isoformat()}, headers=bob)
    assert seen_by_bob() == ["From my week now."]
    client.post("/api/sessions", json={"starts_at": (now - timedelta(hours=1)).isoformat()}, headers=bob)
    assert seen_by_bob() == ["From my week now."]


def test_partner_commands_and_prep_with_only_the_partner(settings: Settings) -> None:
    runner, env = CliRunner(), cli_env(settings)

    def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
        result = runner.invoke(cli, list(args), env=env)
        assert (result.exit_code == 0) == ok, (args, result.output)
        return result

    for name in ("Sam", "Carol"):
        run("person", "add", name)
    assert "You invited Sam" in run("partner", "invite", "Sam").stdout
    assert "me invited you" in run("--as", "Sam", "partner").stdout
    assert "Your partner here: me" in run("--as", "Sam", "partner", "accept", "me").stdout
    assert "Shared by me" in run("--as", "Sam", "prep", "--with", "me", "--no-ask").stdout
    refusals = {
        run("--as", "Carol", "prep", "--with", name, "--no-ask", ok=False).stderr
        for name in ("me", "Sam", "Nobody")
    }
    assert refusals == {"Error: No such partner.\n"}
    assert "no invitation from Sam" in run("--as", "Carol", "partner", "accept", "Sam", ok=False).stderr
    assert "No partner here yet" in run("partner", "end").stdout
    assert (
        run("--as", "Sam", "prep", "--with", "me", "--no-ask", ok=False).stderr == "Error: No such partner.\n"
    )
