"""The copy of review a phone keeps for no signal, and re-readings it queued: through the real
app, worker and model, on both databases."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.models import Review
from tests.support.factories import issue_token
from tests.support.week import Who, captured, pair_up, summarised


def test_the_copy_holds_own_material_and_only_what_the_partner_shared(
    client: TestClient, alice: Who, bob: Who, settings: Settings
) -> None:
    carol = {"Authorization": f"Bearer {issue_token(settings, 'Carol')}"}
    pair_up(client, alice, "Alice", bob, "Bob")
    insight = captured(client, alice)
    shared = summarised(client, alice, insight["id"], "Shared with Bob only.", shared=True)
    client.post(f"/api/summaries/{shared['id']}/triggers", json={"when": "thu 08:00"}, headers=alice)
    client.put("/api/focus", json={"text": "the pursue-withdraw loop"}, headers=alice)
    client.put("/api/repair/own", json={"text": "Slow down, please."}, headers=alice)
    client.post("/api/appreciations", json={"text": "you cooked on Tuesday", "send": True}, headers=alice)
    client.post("/api/appreciations", json={"text": "kept to myself", "send": False}, headers=alice)

    own = client.get("/api/review/copy", headers=alice)
    assert own.status_code == 200 and own.headers["cache-control"] == "no-store"
    copy = own.json()
    assert [c["paragraph"] for c in copy["cards"]] == ["Shared with Bob only."]
    assert copy["cards"][0]["cues"][0] | {"trigger_id": "?"} == {
        "trigger_id": "?",
        "kind": "time",
        "text": "Thu 08:00",
        "weekday": 3,
        "minute_of_day": 480,
    }
    assert (copy["focus"], copy["repair"]) == ("the pursue-withdraw loop", "Slow down, please.")
    assert copy["shared"] == [] and copy["appreciations"] == []  # Bob shared nothing

    partners = client.get("/api/review/copy", headers=bob).json()
    assert partners["cards"] == [] and partners["focus"] is None
    assert [(s["partner"], s["paragraph"]) for s in partners["shared"]] == [
        ("Alice", "Shared with Bob only.")
    ]
    assert [(a["partner"], a["text"]) for a in partners["appreciations"]] == [
        ("Alice", "you cooked on Tuesday")
    ]

    stranger = client.get("/api/review/copy", headers=carol).json()
    assert stranger["cards"] == stranger["shared"] == stranger["appreciations"] == []
    assert "Shared with Bob only." not in str(stranger)

    # Taken back, or the partnership over: gone from the copy at its next refresh.
    client.patch(f"/api/summaries/{shared['id']}", json={"shared": False}, headers=alice)
    assert client.get("/api/review/copy", headers=bob).json()["shared"] == []
    assert client.get("/api/review/copy").status_code == 401


def test_a_queued_review_is_logged_once_at_the_phones_time(
    client: TestClient, alice: Who, bob: Who, settings: Settings
) -> None:
    summary = summarised(client, alice, captured(client, alice)["id"], "It was never the cotton.")
    read_at = (datetime.now(UTC) - timedelta(hours=5)).replace(microsecond=0)
    queued = {"id": "6f1c7a52-0c3e-4d2b-9a57-0f3b8d0e9a11", "summary_id": summary["id"]}
    first = client.post("/api/reviews", json=queued | {"reviewed_at": read_at.isoformat()}, headers=alice)
    assert first.status_code == 201 and first.json() == {"id": queued["id"]}
    # The phone did not hear the answer and sends it again, then its helped/didn't help.
    again = client.post("/api/reviews", json=queued | {"reviewed_at": read_at.isoformat()}, headers=alice)
    answered = client.post(
        "/api/reviews",
        json=queued | {"reviewed_at": read_at.isoformat(), "answer": "helped", "charge": 4},
        headers=alice,
    )
    assert again.json() == answered.json() == {"id": queued["id"]}
    # Sent once more without the answer (an older queued copy): the answer stays.
    client.post("/api/reviews", json=queued | {"reviewed_at": read_at.isoformat()}, headers=alice)
    note = client.get("/api/prep", headers=alice).json()
    reviewed = [s for s in note["summaries"] if s["summary_id"] == summary["id"]][0]
    assert (reviewed["reviews"], reviewed["answers"]["helped"]) == (1, 1), reviewed
    db = open_database(settings)
    with db.read() as session:
        row = session.scalars(select(Review)).one()
    db.close()
    assert (row.id.hex, row.reviewed_at, row.charge) == (queued["id"].replace("-", ""), read_at, 4)

    # Bad input: another person's summary, an id already someone else's, times out of bounds.
    assert client.post("/api/reviews", json=queued, headers=bob).status_code == 404
    bobs = summarised(client, bob, captured(client, bob)["id"], "Mine.")
    assert (
        client.post("/api/reviews", json=queued | {"summary_id": bobs["id"]}, headers=bob).status_code == 409
    )
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    ancient = (datetime.now(UTC) - timedelta(days=90)).isoformat()
    fresh = {"summary_id": summary["id"], "id": "0d8e5d0a-6a53-4c43-8b8e-2f6f5a4b3c21"}
    assert client.post("/api/reviews", json=fresh | {"reviewed_at": future}, headers=alice).status_code == 422
    assert (
        client.post("/api/reviews", json=fresh | {"reviewed_at": ancient}, headers=alice).status_code == 422
    )
    naive = {"reviewed_at": "2026-11-30T10:00:00"}
    assert client.post("/api/reviews", json=fresh | naive, headers=alice).status_code == 422
    assert client.post("/api/reviews", json=fresh | {"charge": 11}, headers=alice).status_code == 422
    far = {"reviewed_at": "0001-01-01T00:30:00+14:00"}
    assert client.post("/api/reviews", json=fresh | far, headers=alice).status_code == 422
