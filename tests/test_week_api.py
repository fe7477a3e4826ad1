"""The week's practices through the real app, worker and model, on SQLite and PostgreSQL:
pattern moments, appreciations, check-ins, the repair phrase, the good thing protected, marks,
recall and charge, and the pre-session note that answers the method's questions from them."""

import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.support.factories import wav_bytes
from tests.support.noise import pink_noise
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo
from tests.support.week import Who, captured, pair_up, summarised


def note(client: TestClient, who: Who) -> dict:
    answer = client.get("/api/prep", headers=who)
    assert answer.status_code == 200, answer.text
    return answer.json()


def section(prep: dict, title: str) -> list[str]:
    return next((s["items"] for s in prep["sections"] if s["title"] == title), [])


def wait_for_moments(client: TestClient, who: Who, timeout: float = 60) -> list[dict]:
    """The moments once every voice moment is transcribed."""
    deadline = time.monotonic() + timeout
    while True:
        items = client.get("/api/moments", headers=who).json()["items"]
        if (
            all(m["status"] in (None, "done", "failed", "no_speech") for m in items)
            or time.monotonic() > deadline
        ):
            return items
        time.sleep(0.2)


def test_prep_says_what_became_of_a_voice_moment_without_words(client: TestClient, alice: Who) -> None:
    noise = wav_bytes(pink_noise(6))
    voice = client.post("/api/moments/voice", content=noise, headers={**alice, "Content-Type": "audio/wav"})
    assert voice.status_code == 202
    assert wait_for_moments(client, alice)[0]["status"] == "no_speech"
    shown = section(note(client, alice), "When the pattern showed up")
    assert len(shown) == 1 and "a voice note in which no speech was heard" in shown[0]


def test_moments_typed_or_recorded_answered_now_or_later(client: TestClient, alice: Who) -> None:
    typed = client.post(
        "/api/moments", json={"text": "I went quiet when the plans changed", "felt": "small"}, headers=alice
    )
    assert typed.status_code == 201 and typed.json()["unanswered"] == [
        "what_happened",
        "tried",
        "stuck",
        "helped",
    ]
    later = client.patch(
        f"/api/moments/{typed.json()['id']}",
        json={"tried": "naming it", "helped": "a cup of tea"},
        headers=alice,
    ).json()
    assert later["answers"]["felt"] == "small" and later["unanswered"] == ["what_happened", "stuck"]

    audio = (SAMPLES / "jfk.m4a").read_bytes()
    voice = client.post("/api/moments/voice", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    assert voice.status_code == 202 and voice.json()["voice"] is True
    again = client.post("/api/moments/voice", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    assert again.status_code == 200 and again.json()["id"] == voice.json()["id"]  # an outbox retrying
    # The same bytes as a memo would be one recording for two things: deleting one kills the other.
    as_memo = client.post("/api/memos", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    assert as_memo.status_code == 409 and "already stored as a moment" in as_memo.json()["detail"]
    items = wait_for_moments(client, alice)
    assert "country" in items[0]["text"] and items[0]["status"] == "done"
    assert client.get("/api/insights/next", headers=alice).status_code == 204  # a moment is no insight

    prep = note(client, alice)
    shown = " ".join(section(prep, "When the pattern showed up"))
    assert "I went quiet when the plans changed" in shown and "country" in shown
    assert any("small" in line for line in section(prep, "What I felt"))
    assert any("a cup of tea" in line for line in section(prep, "What helped, even a little"))
    assert client.delete(f"/api/moments/{voice.json()['id']}", headers=alice).status_code == 204
    assert client.get("/api/memos", headers=alice).json()["total"] == 0  # its memo went with it
    # And the other way: a memo's bytes sent as a moment are refused, and deleting no moment
    # can take the insight with it.
    memo = client.post("/api/memos", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    assert memo.status_code == 202
    refused = client.post("/api/moments/voice", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    assert refused.status_code == 409 and "already stored as a memo" in refused.json()["detail"]
    assert client.get("/api/moments", headers=alice).json()["items"][0]["voice"] is False


def test_an_appreciation_sent_before_a_partnership_ended_still_reads_as_sent(
    client: TestClient, alice: Who, bob: Who
) -> None:
    pair_up(client, alice, "Alice", bob, "Bob")
    client.post("/api/appreciations", json={"text": "you fixed the bike", "send": True}, headers=alice)
    client.post("/api/appreciations", json={"text": "the quiet walk", "send": False}, headers=alice)
    assert client.delete("/api/partner", headers=alice).status_code == 200
    lines = " | ".join(line for s in note(client, alice)["sections"] for line in s["items"])
    assert "I appreciated: “you fixed the bike” (sent)" in lines and "Bob" not in lines
    assert "I appreciated: “the quiet walk” (kept to myself)" in lines


def test_appreciations_stay_private_unless_sent_and_show_once(
    client: TestClient, alice: Who, bob: Who
) -> None:
    refused = client.post(
        "/api/appreciations", json={"text": "you fixed the bike", "send": True}, headers=alice
    )
    assert (
        refused.status_code == 409 and client.get("/api/appreciations", headers=alice).json()["items"] == []
    )
    general = client.post("/api/appreciations", json={"text": "you're great"}, headers=alice).json()
    specific = client.post(
        "/api/appreciations", json={"text": "you made tea when I came home late"}, headers=alice
    ).json()
    assert general["hint"] and "specific" not in general["text"] and specific["hint"] is None
    assert "not a general compliment" in client.get("/api/appreciations", headers=alice).json()["prompt"]

    pair_up(client, alice, "Alice", bob, "Bob")
    assert client.get("/api/appreciations/received", headers=bob).json() == []  # kept ones stay kept
    sent = client.post(f"/api/appreciations/{specific['id']}/send", headers=alice).json()
    assert sent["sent_to"] == "Bob"
    got = client.get("/api/appreciations/received", headers=bob).json()
    assert [(g["text"], g["sender"], g["new"]) for g in got] == [
        ("you made tea when I came home late", "Alice", True)
    ]
    assert client.post("/api/appreciations/received/seen", headers=bob).json() == {"seen": 1}
    assert client.get("/api/appreciations/received", headers=bob).json()[0]["new"] is False
    assert "seen" not in str(client.get("/api/appreciations", headers=alice).json())  # never told
    assert section(note(client, bob), "Appreciations") == [
        "Alice appreciated: “you made tea when I came home late”"
    ]
    assert "you're great" not in str(note(client, bob))
    assert client.post(f"/api/appreciations/{specific['id']}/send", headers=bob).status_code == 404


def test_checkins_are_timed_plans_held_and_logged(client: TestClient, alice: Who) -> None:
    soon = (datetime.now(UTC) + timedelta(minutes=2)).replace(microsecond=0)
    plan = client.post("/api/checkins", json={"planned_at": soon.isoformat()}, headers=alice)
    assert plan.status_code == 201
    past = client.post("/api/checkins", json={"planned_at": "2020-01-01T10:00:00+00:00"}, headers=alice)
    assert past.status_code == 422
    listed = client.get("/api/checkins", headers=alice).json()
    assert listed["minutes"] == 10 and len(listed["questions"]) == 5
    feed = client.get("/api/triggers.ics", headers=alice).text
    local = soon.astimezone().strftime("%Y%m%dT%H%M%S")
    assert f"UID:checkin-{plan.json()['id']}@afterword" in feed and f"DTSTART:{local}" in feed
    assert "SUMMARY:Check-in" in feed and "DURATION:PT10M" in feed

    held = client.post(
        "/api/checkins/held", json={"question": "2", "note": "we laughed"}, headers=alice
    ).json()
    assert held["id"] == plan.json()["id"] and held["question"].startswith("Is there something small")
    own = client.post(
        "/api/checkins/held", json={"question": "What made you smile today?"}, headers=alice
    ).json()
    assert own["planned_at"] is None and own["question"] == "What made you smile today?"
    assert client.post("/api/checkins/held", json={"question": "9"}, headers=alice).status_code == 422
    lines = section(note(client, alice), "Check-ins")
    assert any("we laughed" in line and "Is there something small" in line for line in lines)
    assert any("What made you smile today?" in line for line in lines)


def test_a_repair_phrase_is_proposed_countered_agreed_and_shown_first(
    client: TestClient, alice: Who, bob: Who
) -> None:
    assert client.post("/api/repair/proposals", json={"text": "Pause."}, headers=alice).status_code == 409
    assert (
        client.put("/api/repair/own", json={"text": "Breathe first."}, headers=alice).json()["phrase"]
        == "Breathe first."
    )
    assert client.get("/api/review", headers=alice).json()["repair"] == "Breathe first."

    pair_up(client, alice, "Alice", bob, "Bob")
    client.post("/api/repair/proposals", json={"text": "Can we slow down?"}, headers=alice)
    waiting = client.get("/api/repair", headers=bob).json()["proposal"]
    assert waiting["text"] == "Can we slow down?" and waiting["by_me"] is False
    assert client.post("/api/repair/accept", headers=alice).status_code == 404  # not one's own
    client.post("/api/repair/proposals", json={"text": "Time out, I love you."}, headers=bob)
    countered = client.get("/api/repair", headers=alice).json()
    assert (
        countered["proposal"]["text"] == "Time out, I love you." and countered["phrase"] == "Breathe first."
    )
    agreed = client.post("/api/repair/accept", headers=alice).json()
    assert (agreed["phrase"], agreed["agreed_with"], agreed["proposal"]) == (
        "Time out, I love you.",
        "Bob",
        None,
    )
    for who in (alice, bob):
        assert client.get("/api/review", headers=who).json()["repair"] == "Time out, I love you."

    client.post("/api/repair/uses", json={"note": "after the dishes"}, headers=alice)
    assert any("I reached for it" in line for line in section(note(client, alice), "Our repair phrase"))
    assert section(note(client, bob), "Our repair phrase") == ["“Time out, I love you.” (agreed with Alice)"]
    client.delete("/api/partner", headers=bob)
    assert client.get("/api/review", headers=alice).json()["repair"] == "Breathe first."  # hers again


def test_the_good_thing_protected_is_marked_never_counted_as_missed(client: TestClient, alice: Who) -> None:
    assert client.get("/api/ritual", headers=alice).status_code == 204
    assert client.get("/api/marks", headers=alice).json()["items"] == []
    assert client.post("/api/ritual/marks", json={}, headers=alice).status_code == 404
    client.put("/api/ritual", json={"text": "a walk after dinner"}, headers=alice)
    for hours in (30, 6):
        at = (datetime.now(UTC) - timedelta(hours=hours)).isoformat()
        client.post("/api/ritual/marks", json={"happened_at": at}, headers=alice)
    assert len(client.get("/api/ritual", headers=alice).json()["happened"]) == 2
    prep = note(client, alice)
    [protected] = section(prep, "What we protected")
    assert protected.startswith("a walk after dinner: ") and protected.count(",") == 1
    whole = str(prep).lower()
    assert "miss" not in whole and "streak" not in whole and "in a row" not in whole
    assert any(
        line.startswith("Protecting a walk after dinner") for line in section(prep, "About the practices")
    )


def test_marks_ask_what_landed_and_the_answer_is_linked(client: TestClient, alice: Who, bob: Who) -> None:
    base = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=50)
    first = client.post("/api/marks", json={"marked_at": base.isoformat()}, headers=alice).json()
    client.post("/api/marks", json={"marked_at": (base + timedelta(minutes=18)).isoformat()}, headers=alice)
    clock = [(base + timedelta(minutes=m)).astimezone().strftime("%H:%M") for m in (0, 18)]
    assert (
        client.get("/api/marks", headers=alice).json()["prompt"]
        == f"You marked {clock[0]} and {clock[1]}. What landed?"
    )

    audio = (SAMPLES / "jfk.m4a").read_bytes()
    stranger = client.post(
        f"/api/marks/{first['id']}/memo", content=audio, headers={**bob, "Content-Type": "audio/mp4"}
    )
    assert stranger.status_code == 404 and client.get("/api/memos", headers=bob).json()["total"] == 0
    answered = client.post(
        f"/api/marks/{first['id']}/memo", content=audio, headers={**alice, "Content-Type": "audio/mp4"}
    )
    assert answered.status_code == 202
    settled_memo(client, answered.json()["id"], alice)
    marks = client.get("/api/marks", headers=alice).json()
    assert (
        marks["items"][0]["memo_id"] == answered.json()["id"] and "country" in marks["items"][0]["headline"]
    )
    assert marks["prompt"] == f"You marked {clock[1]}. What landed?"
    lines = section(note(client, alice), "Marked in the session")
    assert lines[0].startswith(f"{clock[0]}: “") and lines[1] == f"{clock[1]}: still open"


def test_recall_checks_come_on_days_1_3_and_6_and_are_logged(
    client: TestClient, alice: Who, bob: Who
) -> None:
    session_at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=4)
    client.post("/api/sessions", json={"starts_at": session_at.isoformat()}, headers=alice)
    insight = captured(client, alice, captured_at=(session_at + timedelta(hours=1)).isoformat())
    summarised(client, alice, insight["id"], "It was never the cotton.")
    feed = client.get("/api/triggers.ics", headers=alice).text
    for day in (1, 3, 6):
        local = (session_at + timedelta(days=day)).astimezone().strftime("%Y%m%dT%H%M%S")
        assert f"DTSTART:{local}" in feed, day
    assert feed.count("SUMMARY:Recall check") == 3 and "cotton" not in feed.split("SUMMARY:Recall check")[1]

    round_ = client.get("/api/recall", headers=alice).json()
    assert (round_["check"]["day"], round_["next_check"]["day"]) == (3, 6)
    assert (
        round_["items"][0]["paragraph"] == "It was never the cotton." and round_["items"][0]["answer"] is None
    )
    logged = client.post(
        "/api/recalls", json={"insight_id": insight["id"], "answer": "partly", "day": 3}, headers=alice
    )
    assert logged.status_code == 201
    assert client.get("/api/recall", headers=alice).json()["items"][0]["answer"] == "partly"
    assert (
        client.post(
            "/api/recalls", json={"insight_id": insight["id"], "answer": "partly", "day": 5}, headers=alice
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/api/recalls", json={"insight_id": insight["id"], "answer": "recalled"}, headers=bob
        ).status_code
        == 404
    )
    card = client.get("/api/review", headers=alice).json()["cards"][0]
    client.post("/api/recalls", json={"insight_id": card["insight_id"], "answer": "recalled"}, headers=alice)
    [line] = section(note(client, alice), "Recall and charge")
    assert line.endswith(": partly (day 3), recalled (before reading it again)")


def test_charge_at_capture_and_at_each_review_shows_how_it_moved(
    client: TestClient, alice: Who, bob: Who
) -> None:
    insight = captured(client, alice, charge=8)
    summary = summarised(client, alice, insight["id"], "Plans, not cotton.")
    for charge in (5, 3):
        review = client.post("/api/reviews", json={"summary_id": summary["id"]}, headers=alice).json()
        assert client.put(
            f"/api/reviews/{review['id']}/charge", json={"charge": charge}, headers=alice
        ).json() == {"charge": charge}
    assert (
        client.put(f"/api/reviews/{review['id']}/charge", json={"charge": 4}, headers=bob).status_code == 404
    )
    assert (
        client.put(f"/api/reviews/{review['id']}/charge", json={"charge": 11}, headers=alice).status_code
        == 422
    )
    [line] = [x for x in section(note(client, alice), "Recall and charge") if x.startswith("How charged")]
    assert line.endswith("felt: 8 at capture, then 5, 3 when re-read")
    assert client.put(f"/api/insights/{insight['id']}/charge", json={"charge": 6}, headers=alice).json() == {
        "charge": 6
    }
    bad = client.post(
        "/api/memos",
        params={"charge": "eleven"},
        content=b"x",
        headers={**alice, "Content-Type": "audio/mp4"},
    )
    assert bad.status_code == 422


def test_prep_asks_about_each_plan_in_collaborative_words(client: TestClient, alice: Who) -> None:
    client.post(
        "/api/sessions",
        json={"starts_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat()},
        headers=alice,
    )
    insight = captured(client, alice)
    summary = summarised(client, alice, insight["id"], "Plans, not cotton.")
    client.post(
        f"/api/summaries/{summary['id']}/triggers",
        json={"situation": "when plans fall through"},
        headers=alice,
    )
    asks = section(note(client, alice), "About the practices")
    assert asks[0].startswith("when plans fall through → “") and asks[0].endswith(
        "Did this practice feel useful, or should we adjust it? How can we make this easier to remember?"
    )
    assert (
        asks[-1] == "Recall checks on days 1, 3 and 6: Did this practice feel useful, or should we adjust it?"
    )


FUTURE = (datetime.now(UTC) + timedelta(hours=3)).isoformat()


def test_every_new_text_is_bounded_and_refuses_control_characters(
    client: TestClient, alice: Who, bob: Who
) -> None:
    pair_up(client, alice, "Alice", bob, "Bob")
    moment = client.post("/api/moments", json={"text": "fine"}, headers=alice).json()
    for bad in ("a\x00b", "a\x1b]0;owned\x07b", "a\x7fb", "a\x9bb"):
        for method, path, body in (
            ("POST", "/api/moments", {"text": bad}),
            ("POST", "/api/moments", {"text": "ok", "felt": bad}),
            ("PATCH", f"/api/moments/{moment['id']}", {"stuck": bad}),
            ("POST", "/api/appreciations", {"text": bad}),
            ("POST", "/api/checkins/held", {"note": bad}),
            ("POST", "/api/checkins/held", {"question": bad}),
            ("PUT", "/api/repair/own", {"text": bad}),
            ("POST", "/api/repair/proposals", {"text": bad}),
            ("POST", "/api/repair/uses", {"note": bad}),
            ("PUT", "/api/ritual", {"text": bad}),
            ("POST", "/api/partner/invitations", {"name": bad}),
        ):
            answer = client.request(method, path, json=body, headers=alice)
            assert answer.status_code == 422 and answer.json()["detail"].endswith("."), (path, body)
    for method, path, body in (
        ("POST", "/api/moments", {"text": "x" * 2001}),
        ("POST", "/api/appreciations", {"text": "x" * 2001}),
        ("PUT", "/api/repair/own", {"text": "x" * 301}),
        ("PUT", "/api/ritual", {"text": "x" * 301}),
        ("POST", "/api/checkins/held", {"question": "x" * 301}),
        ("POST", "/api/moments", {"text": "   "}),
        ("POST", "/api/moments", {"text": "ok", "happened_at": FUTURE}),
        ("POST", "/api/ritual/marks", {"happened_at": FUTURE}),
        ("POST", "/api/marks", {"marked_at": FUTURE}),
        ("POST", "/api/checkins/held", {"held_at": FUTURE}),
    ):
        assert client.request(method, path, json=body, headers=alice).status_code == 422, (path, body)
    assert len(client.get("/api/moments", headers=alice).json()["items"]) == 1  # nothing else was kept
    assert client.get("/api/appreciations", headers=alice).json()["items"] == []
    assert client.get("/api/checkins", headers=alice).json()["items"] == []
    assert client.get("/api/ritual", headers=alice).status_code == 204
    assert client.get("/api/marks", headers=alice).json()["items"] == []
