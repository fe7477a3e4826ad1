"""Helpers for the tests of partnership and the week's practices: a couple through the API,
memos captured after a session, and the CLI pointed at the same database."""

from fastapi.testclient import TestClient

from afterword.settings import Settings
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

Who = dict[str, str]


def cli_env(settings: Settings) -> dict[str, str]:
    """AFTERWORD_* variables that make the CLI open the settings' database."""
    return {
        name: str(value)
        for name, value in (
            ("AFTERWORD_DATA_DIR", settings.data_dir),
            ("AFTERWORD_DATABASE_URL", settings.database_url),
            ("AFTERWORD_BLOB_BACKEND", settings.blob_backend),
        )
        if value is not None
    }


def pair_up(client: TestClient, inviter: Who, inviter_name: str, invitee: Who, invitee_name: str) -> None:
    invited = client.post("/api/partner/invitations", json={"name": invitee_name}, headers=inviter)
    assert invited.status_code == 201, invited.text
    accepted = client.post("/api/partner/accept", json={"name": inviter_name}, headers=invitee)
    assert accepted.status_code == 200 and accepted.json()["partner"] == inviter_name, accepted.text


def captured(
    client: TestClient,
    who: Who,
    *,
    sample: str = "librispeech-1995-1837-0001.ogg",
    captured_at: str | None = None,
    charge: int | None = None,
) -> dict:
    """The sample uploaded as a memo and transcribed; returns its insight."""
    data = {k: str(v) for k, v in (("captured_at", captured_at), ("charge", charge)) if v is not None}
    with (SAMPLES / sample).open("rb") as file:
        memo = client.post("/api/memos", headers=who, files={"file": (sample, file)}, data=data).json()
    done = settled_memo(client, memo["id"], who)
    assert done["status"] == "done", done
    return client.get(f"/api/insights/{done['insight']['id']}", headers=who).json()


def summarised(client: TestClient, who: Who, insight_id: str, *answers: str, shared: bool = False) -> dict:
    saved = client.put(
        f"/api/insights/{insight_id}/summary",
        headers=who,
        json={"template": "own-words", "answers": list(answers)},
    )
    assert saved.status_code == 200, saved.text
    summary = saved.json()
    if shared:
        assert (
            client.patch(f"/api/summaries/{summary['id']}", json={"shared": True}, headers=who).status_code
            == 200
        )
    return summary


def flat(text: str) -> str:
    """Rich's line wrapping undone."""
    return " ".join(text.split())
