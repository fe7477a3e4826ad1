"""One id for one thought at the command line: every command that needs a summary also takes its
insight's or its memo's id (or their first characters). The API looks ids up exactly: a summary's
routes take the summary's own id. On SQLite and PostgreSQL, with a real memo and the real model."""

import json

from fastapi.testclient import TestClient

from tests.support.samples import SAMPLES
from tests.support.week import captured, flat, summarised


def test_a_summary_is_found_by_its_insights_or_its_memos_id(run) -> None:  # type: ignore[no-untyped-def]
    run("add", str(SAMPLES / "jfk.m4a"))
    insight = json.loads(run("insights", "--json").stdout)[0]
    insight_ref, memo_ref = insight["id"][:6], insight["memo_id"][:6]

    not_yet = flat(run("trigger", "add", insight_ref, "--when", "thu 08:00", ok=False).output)
    assert f"{insight_ref} has no summary yet" in not_yet and f"afterword reflect {insight_ref}" in not_yet

    run("reflect", insight_ref, "--answer", "Ask what I can do.", "--answer", "Serve.")
    summary_id = json.loads(run("summaries", "--json").stdout)[0]["id"]

    by_insight = flat(run("trigger", "add", insight_ref, "--when", "thu 08:00").stdout)
    by_memo = flat(run("trigger", "add", memo_ref.upper(), "--situation", "when I feel small").stdout)
    assert "re-read" in by_insight and "re-read" in by_memo
    plans = json.loads(run("triggers", "--json").stdout)
    assert {p["summary_id"] for p in plans} == {summary_id}
    assert "shared" in run("share", memo_ref).stdout
    assert "Ask what I can do." in run("summary", insight["id"]).stdout

    for bad in ("zz-not-hex", "0000000000", "   "):
        miss = flat(run("summary", bad, ok=False).output)
        assert "an insight's, its memo's or its summary's id" in miss, (bad, miss)
        assert "Traceback" not in miss


def test_the_api_takes_a_summarys_own_id_and_nothing_else(client: TestClient, alice: dict, bob: dict) -> None:
    insight = captured(client, alice, sample="jfk.m4a")
    summary = summarised(client, alice, insight["id"], "Ask what I can do.", "Serve.")
    added = client.post(f"/api/summaries/{summary['id']}/triggers", json={"situation": "when"}, headers=alice)
    assert added.status_code == 201 and added.json()["summary_id"] == summary["id"], added.text
    assert client.get(f"/api/summaries/{summary['id']}", headers=alice).json()["id"] == summary["id"]
    shared = client.patch(f"/api/summaries/{summary['id']}", json={"shared": True}, headers=alice)
    assert shared.status_code == 200 and shared.json()["shared"] is True, shared.text
    # The insight's or the memo's id names no summary; the first characters of one are no id.
    for ref, status in ((insight["id"], 404), (insight["memo_id"], 404), (summary["id"][:8], 422)):
        assert client.get(f"/api/summaries/{ref}", headers=alice).status_code == status
        assert (
            client.patch(f"/api/summaries/{ref}", json={"shared": False}, headers=alice).status_code == status
        )
        plan = client.post(f"/api/summaries/{ref}/triggers", json={"situation": "x"}, headers=alice)
        assert plan.status_code == status, plan.text
    for ref in (insight["id"], insight["memo_id"], summary["id"]):
        assert client.get(f"/api/summaries/{ref}", headers=bob).status_code == 404
        assert client.patch(f"/api/summaries/{ref}", json={"shared": False}, headers=bob).status_code == 404
        theirs = client.post(f"/api/summaries/{ref}/triggers", json={"situation": "x"}, headers=bob)
        assert theirs.status_code == 404, theirs.text
    missing = client.post(
        "/api/summaries/00000000-0000-4000-8000-000000000000/triggers", json={"situation": "x"}, headers=alice
    )
    assert missing.status_code == 404 and missing.json() == {"detail": "No such summary."}
