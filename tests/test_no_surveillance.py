"""No surveillance: nothing about whether one partner did a practice reaches the other. Alice
keeps a whole week (moments, private and sent appreciations, check-ins, a ritual, marks, recall,
charge, a private and a shared summary, reaching for the repair phrase); then every output Bob
can get is read: every GET route of the API (with Alice's ids where a route takes one), the
pre-session note with her in every format, the iCalendar feed, and every listing command of the
CLI. None holds her unshared words or a time she did something; what she sent or shared does
arrive. (The phone's screens are checked the same way in tests/e2e/test_week_page.py.)"""

import itertools
import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.reflect.when import format_moment
from afterword.settings import Settings
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo
from tests.support.week import Who, captured, cli_env, pair_up, summarised

SECRET = "Zebra"
"""In every unshared word Alice writes (the model never hears it: the samples do not say it)."""
SENT = ("Shared paragraph for Bob.", "you carried the shopping up the stairs", "Slow down, I am listening.")


def alices_week(client: TestClient, alice: Who, bob: Who) -> tuple[dict[str, list[str]], list[datetime]]:
    """Alice's practices; returns her ids by path parameter and the moments she did things."""
    pair_up(client, alice, "Alice", bob, "Bob")
    day = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=1)
    times = [day.replace(hour=3, minute=m) for m in (11, 17, 19, 23)]
    client.post("/api/sessions", json={"starts_at": (day - timedelta(days=1)).isoformat()}, headers=alice)
    insight = captured(client, alice, charge=9)
    private = summarised(client, alice, insight["id"], f"{SECRET} private words.")
    other = captured(client, alice, sample="ljspeech-LJ001-0009.mp3")
    summarised(client, alice, other["id"], SENT[0], shared=True)
    client.post(
        f"/api/summaries/{private['id']}/triggers", json={"person": f"when {SECRET} calls"}, headers=alice
    )
    client.put("/api/focus", json={"text": f"{SECRET} focus"}, headers=alice)
    review = client.post("/api/reviews", json={"summary_id": private["id"]}, headers=alice).json()
    client.patch(f"/api/reviews/{review['id']}", json={"answer": "helped"}, headers=alice)
    client.put(f"/api/reviews/{review['id']}/charge", json={"charge": 4}, headers=alice)
    client.post(
        "/api/recalls", json={"insight_id": insight["id"], "answer": "partly", "day": 1}, headers=alice
    )

    moment = client.post(
        "/api/moments",
        json={"text": f"{SECRET} moment", "happened_at": times[0].isoformat(), "felt": f"{SECRET} felt"},
        headers=alice,
    ).json()
    client.patch(f"/api/moments/{moment['id']}", json={"stuck": f"{SECRET} stuck"}, headers=alice)
    audio = (SAMPLES / "jfk.m4a").read_bytes()
    client.post("/api/moments/voice", content=audio, headers={**alice, "Content-Type": "audio/mp4"})
    client.post("/api/appreciations", json={"text": f"{SECRET} kept to myself"}, headers=alice)
    client.post("/api/appreciations", json={"text": SENT[1], "send": True}, headers=alice)
    plan = client.post(
        "/api/checkins",
        json={"planned_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
        headers=alice,
    ).json()
    client.post(
        "/api/checkins/held",
        json={
            "question": f"{SECRET} question?",
            "note": f"{SECRET} check-in",
            "held_at": times[3].isoformat(),
        },
        headers=alice,
    )
    client.put("/api/ritual", json={"text": f"{SECRET} ritual"}, headers=alice)
    client.post("/api/ritual/marks", json={"happened_at": times[1].isoformat()}, headers=alice)
    mark = client.post("/api/marks", json={"marked_at": times[2].isoformat()}, headers=alice).json()
    client.post(
        f"/api/marks/{mark['id']}/memo",
        content=(SAMPLES / "ami-abbie.wav").read_bytes(),
        headers={**alice, "Content-Type": "audio/wav"},
    )
    client.post("/api/repair/proposals", json={"text": SENT[2]}, headers=alice)
    client.post("/api/repair/accept", headers=bob)
    client.post("/api/repair/uses", json={"note": f"{SECRET} reached for it"}, headers=alice)
    client.put("/api/repair/own", json={"text": f"{SECRET} own phrase"}, headers=alice)

    memos = client.get("/api/memos", headers=alice).json()["items"]
    for memo in memos:
        settled_memo(client, memo["id"], alice)
    ids = {
        "memo_id": [m["id"] for m in memos],
        "insight_id": [insight["id"], other["id"]],
        "summary_id": [private["id"]],
        "checkin_id": [plan["id"]],
    }
    return ids, times


def leaks(text: str, times: list[datetime]) -> list[str]:
    """What of Alice's private week the text holds."""
    found = [SECRET] if SECRET.lower() in text.lower() else []
    found += [
        w for w in ("Americans", "Abigail", "Claflin", "Abbie") if w.lower() in text.lower()
    ]  # her voice
    for moment in times:
        for shown in (format_moment(moment), moment.isoformat()[:16], moment.astimezone().isoformat()[:16]):
            if shown in text:
                found.append(shown)
    return found


def test_nothing_of_a_partners_practice_reaches_the_other(
    client: TestClient, alice: Who, bob: Who, settings: Settings
) -> None:
    ids, times = alices_week(client, alice, bob)
    assert leaks(client.get("/api/prep", params={"format": "md"}, headers=alice).text, times)  # it is there

    outputs: dict[str, str] = {}
    for path, operations in client.app.openapi()["paths"].items():
        if "get" not in operations:
            continue
        params = {p["name"] for p in operations["get"].get("parameters", [])}
        placeholders = re.findall(r"{(\w+)}", path)
        # Alice's ids in every placeholder (a segment's position is a number: 0).
        values = [ids.get(name, ["0"]) for name in placeholders]
        fillings = [dict(zip(placeholders, combo, strict=True)) for combo in itertools.product(*values)]
        for filling in fillings:
            url = path.format(**filling)
            for query in queries_for(params):
                answer = client.get(url, params=query, headers=bob)
                if placeholders:
                    assert answer.status_code == 404, (url, answer.status_code)
                outputs[f"GET {url} {query}"] = answer.text
    assert len(outputs) > 30

    runner, env = CliRunner(), cli_env(settings)
    for args in (
        ["prep", "--with", "Alice", "--no-ask"],
        ["prep", "--with", "Alice", "--format", "json"],
        ["prep", "--with", "Alice", "--format", "html"],
        ["moments"],
        ["appreciations"],
        ["checkins"],
        ["repair"],
        ["ritual"],
        ["marks"],
        ["recall"],
        ["partner"],
        ["trigger", "export"],
        ["triggers"],
        ["insights"],
        ["summaries"],
        ["sessions"],
        ["list"],
        ["review", SECRET.lower(), "--json"],
        ["focus"],
    ):
        result = runner.invoke(cli, ["--as", "Bob", *args], env=env, input="")
        outputs[" ".join(args)] = result.output

    found = {where: leaks(text, times) for where, text in outputs.items() if leaks(text, times)}
    assert found == {}
    bobs = client.get("/api/prep", params={"with": "Alice", "format": "md"}, headers=bob).text
    for sent in SENT:  # what she chose to send or share does arrive
        assert sent in bobs, sent
    titles = {s["title"] for s in client.get("/api/prep", headers=bob).json()["sections"]}
    for practice in (
        "When the pattern showed up",
        "Check-ins",
        "What we protected",
        "Marked in the session",
        "Recall and charge",
    ):
        assert practice not in titles, practice  # hers, not his: not even an empty count
    assert "Check-in" not in client.get("/api/triggers.ics", headers=bob).text


def queries_for(params: set[str]) -> list[dict[str, str]]:
    """Each way Bob could ask: Alice as the partner, her words, every format."""
    if "with" in params:
        return [{"with": "Alice", "format": f} for f in ("json", "md", "html")] + [{"format": "json"}]
    if "q" in params:
        return [{"q": SECRET}, {"q": "country"}, {}]
    if "timeout" in params:
        return [{"timeout": "0"}]
    return [{}]
