"""The between-session API through the real app, worker and model, for one person and a couple."""

import base64

import pytest
from fastapi.testclient import TestClient

from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

SESSION_AT = "2026-11-19T16:00:00+01:00"
CAPTURED_AT = "2026-11-19T17:05:00+01:00"


def captured_insight(
    client: TestClient, who: dict[str, str], sample: str = "librispeech-1995-1837-0001.ogg"
) -> dict:
    """A session, then a memo captured after it, transcribed; returns the insight."""
    assert client.post("/api/sessions", json={"starts_at": SESSION_AT}, headers=who).status_code in (201, 409)
    with (SAMPLES / sample).open("rb") as file:
        memo = client.post(
            "/api/memos", headers=who, files={"file": (sample, file)}, data={"captured_at": CAPTURED_AT}
        ).json()
    done = settled_memo(client, memo["id"], who)
    assert done["status"] == "done"
    return client.get(f"/api/insights/{done['insight']['id']}", headers=who).json()


def reflect(client: TestClient, who: dict[str, str], insight_id: str, *answers: str) -> dict:
    response = client.put(
        f"/api/insights/{insight_id}/summary",
        headers=who,
        json={"template": "own-words", "answers": list(answers)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_the_whole_week_through_the_api(client: TestClient, alice: dict[str, str]) -> None:
    insight = captured_insight(client, alice)
    assert insight["minutes_after_session"] == 65 and "loss of the cotton" in insight["headline"]
    assert client.get("/api/insights/next", headers=alice).json()["id"] == insight["id"]

    prompt = client.get(f"/api/insights/{insight['id']}/prompt", headers=alice).json()
    assert prompt["quote"] == insight["headline"] and "text" not in prompt
    assert [q["ask"] for q in prompt["questions"]][0] == "What was the thing?"
    summary = reflect(
        client, alice, insight["id"], "It was never the cotton.", "I grieve plans.", "Say it out loud."
    )
    assert (
        summary["paragraph"] == "It was never the cotton. I grieve plans. Say it out loud."
        and summary["changed"]
    )
    assert client.get("/api/insights/next", headers=alice).status_code == 204

    plan = client.post(
        f"/api/summaries/{summary['id']}/triggers", headers=alice, json={"situation": "when Mom calls"}
    ).json()
    assert (
        client.post(
            f"/api/summaries/{summary['id']}/triggers", headers=alice, json={"when": "thu 08:00"}
        ).status_code
        == 201
    )
    assert (
        client.put(
            "/api/focus", json={"text": "noticing the pursue-withdraw loop"}, headers=alice
        ).status_code
        == 200
    )

    found = client.get("/api/review", params={"q": "mum cals"}, headers=alice).json()
    assert found["focus"] == "noticing the pursue-withdraw loop"
    card = found["cards"][0]
    assert card["paragraph"] == summary["paragraph"] and card["trigger_id"] == plan["id"]
    logged = client.post(
        "/api/reviews",
        json={"summary_id": card["summary_id"], "trigger_id": card["trigger_id"]},
        headers=alice,
    )
    assert logged.status_code == 201
    assert (
        client.patch(
            f"/api/reviews/{logged.json()['id']}", json={"answer": "helped"}, headers=alice
        ).status_code
        == 204
    )

    note = client.put(
        "/api/prep/answers", json={"answers": ["Calls went better.", "", "Sundays."]}, headers=alice
    ).json()
    assert note["focus"] == "noticing the pursue-withdraw loop"
    assert note["captures"][0]["minutes_after_session"] == 65
    assert {t["plan"]: (t["reviews"], t["answers"]) for t in note["triggers"]}["when Mom calls"] == (
        1,
        {"helped": 1},
    )
    assert [q["answer"] for q in note["questions"]] == ["Calls went better.", None, "Sundays."]
    markdown = client.get("/api/prep", params={"format": "md"}, headers=alice)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "when Mom calls → “" in markdown.text and "re-read 1 time: helped 1" in markdown.text
    assert (
        "<h2>For the session</h2>" in client.get("/api/prep", params={"format": "html"}, headers=alice).text
    )


def test_editing_through_the_api_keeps_versions(client: TestClient, alice: dict[str, str]) -> None:
    insight = captured_insight(client, alice)
    first = reflect(client, alice, insight["id"], "First.")
    assert not reflect(client, alice, insight["id"], "First.")["changed"]
    second = reflect(client, alice, insight["id"], "Second.", "Because.")
    assert second["id"] == first["id"] and second["version"] == 2
    assert [v["paragraph"] for v in second["versions"]] == ["First.", "Second. Because."]
    prompt = client.get(f"/api/insights/{insight['id']}/prompt", headers=alice).json()
    assert prompt["previous_answers"] == ["Second.", "Because.", ""]


def test_headline_and_session_can_be_changed(client: TestClient, alice: dict[str, str]) -> None:
    insight = captured_insight(client, alice)
    path = f"/api/insights/{insight['id']}"
    assert (
        client.patch(path, json={"headline": "It was the plans."}, headers=alice).json()["headline"]
        == "It was the plans."
    )
    assert (
        "loss of the cotton" in client.patch(path, json={"headline": None}, headers=alice).json()["headline"]
    )
    later = client.post(
        "/api/sessions", json={"starts_at": "2026-11-19T17:00:00+01:00"}, headers=alice
    ).json()
    assert client.get(path, headers=alice).json()["minutes_after_session"] == 5
    earlier = client.get("/api/sessions", headers=alice).json()[0]
    moved = client.patch(path, json={"session_id": earlier["id"]}, headers=alice).json()
    assert (
        moved["session_id"] == earlier["id"]
        and moved["moved_by_hand"]
        and moved["minutes_after_session"] == 65
    )
    assert client.patch(path, json={"session_id": None}, headers=alice).json()["session_id"] == later["id"]
    assert client.post("/api/sessions", json={"starts_at": SESSION_AT}, headers=alice).status_code == 409
    assert (
        client.post("/api/sessions", json={"starts_at": "2026-11-19T16:00:00"}, headers=alice).status_code
        == 422
    )


def test_calendar_feed_takes_the_token_as_a_password(client: TestClient, alice: dict[str, str]) -> None:
    insight = captured_insight(client, alice)
    summary = reflect(client, alice, insight["id"], "Plans, not cotton.")
    client.post(f"/api/summaries/{summary['id']}/triggers", json={"when": "thu 08:00"}, headers=alice)
    token = alice["Authorization"].removeprefix("Bearer ")
    basic = {"Authorization": "Basic " + base64.b64encode(f"alice:{token}".encode()).decode()}
    feed = client.get("/api/triggers.ics", headers=basic)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TH" in feed.text and "\r\n" in feed.text
    assert client.get("/api/triggers.ics", headers=alice).text.count("RRULE:") == 1  # one weekly plan
    refused = client.get("/api/triggers.ics")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic")
    wrong = {"Authorization": "Basic " + base64.b64encode(b"alice:aw_wrong_token").decode()}
    assert client.get("/api/triggers.ics", headers=wrong).status_code == 401


def test_a_couple_sees_only_what_the_other_shared(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    assert client.post("/api/partner/invitations", json={"name": "Bob"}, headers=alice).status_code == 201
    assert client.post("/api/partner/accept", json={"name": "Alice"}, headers=bob).status_code == 200
    insight = captured_insight(client, alice)
    summary = reflect(client, alice, insight["id"], "Private words.")
    plan = client.post(
        f"/api/summaries/{summary['id']}/triggers", json={"person": "when Mom calls"}, headers=alice
    ).json()
    review = client.post("/api/reviews", json={"summary_id": summary["id"]}, headers=alice).json()
    client.put("/api/focus", json={"text": "Alice's own focus"}, headers=alice)
    captured_insight(client, bob, "jfk.m4a")

    for method, path, body in (
        ("GET", f"/api/insights/{insight['id']}", None),
        ("GET", f"/api/insights/{insight['id']}/prompt", None),
        ("PATCH", f"/api/insights/{insight['id']}", {"headline": "mine now"}),
        ("PUT", f"/api/insights/{insight['id']}/summary", {"answers": ["hijack"]}),
        ("GET", f"/api/summaries/{summary['id']}", None),
        ("PATCH", f"/api/summaries/{summary['id']}", {"shared": True}),
        ("POST", f"/api/summaries/{summary['id']}/triggers", {"when": "mon 09:00"}),
        ("DELETE", f"/api/triggers/{plan['id']}", None),
        ("POST", "/api/reviews", {"summary_id": summary["id"]}),
        ("PATCH", f"/api/reviews/{review['id']}", {"answer": "helped"}),
    ):
        assert client.request(method, path, json=body, headers=bob).status_code == 404, (method, path)
    for path in ("/api/summaries", "/api/triggers"):
        assert client.get(path, headers=bob).json() == []
    assert client.get("/api/review", headers=bob).json()["cards"] == []
    assert "UID:trigger-" not in client.get("/api/triggers.ics", headers=bob).text
    assert client.get("/api/focus", headers=bob).status_code == 204

    unshared = client.get("/api/prep", params={"with": "Alice", "format": "md"}, headers=bob).text
    assert (
        "Private words" not in unshared
        and "Alice's own focus" not in unshared
        and "loss of the cotton" not in unshared
    )
    assert "Nothing shared this week." in unshared
    client.patch(f"/api/summaries/{summary['id']}", json={"shared": True}, headers=alice)
    shared = client.get("/api/prep", params={"with": "Alice"}, headers=bob).json()
    assert [s["paragraph"] for s in shared["shared"]] == ["Private words."]
    assert "Alice's own focus" not in str(shared) and "when Mom calls" not in str(shared)
    assert client.get("/api/prep", params={"with": "Nobody"}, headers=bob).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/sessions",
        "/api/summaries",
        "/api/triggers",
        "/api/review",
        "/api/focus",
        "/api/prep",
        "/api/templates",
        "/api/insights/next",
    ],
)
def test_every_route_needs_a_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401


def test_templates_are_listed_and_bad_input_is_a_clear_422(client: TestClient, alice: dict[str, str]) -> None:
    templates = client.get("/api/templates", headers=alice).json()
    assert {"own-words", "couples-pattern", "bad-week", "pre-session"} <= {
        t["name"] for t in templates["items"]
    }
    assert templates["errors"] == []
    insight = captured_insight(client, alice)
    for body in (
        {"answers": ["", " "]},
        {"template": "pre-session", "answers": ["x"]},
        {"template": "nope", "answers": ["x"]},
    ):
        response = client.put(f"/api/insights/{insight['id']}/summary", json=body, headers=alice)
        assert response.status_code == 422 and response.json()["detail"].endswith("."), body
    summary = reflect(client, alice, insight["id"], "Words.")
    bad_plan = client.post(
        f"/api/summaries/{summary['id']}/triggers", json={"when": "someday"}, headers=alice
    )
    assert bad_plan.status_code == 422
    assert (
        client.post(
            "/api/reflections", json={"template": "bad-week", "answers": ["Hard."]}, headers=alice
        ).status_code
        == 201
    )
