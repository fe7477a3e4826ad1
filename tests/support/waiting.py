"""Waiting for a memo over HTTP the way the phone page does: long-poll `/wait` until it settles."""

import time
from typing import Any, Protocol

SETTLED = {"done", "failed", "no_speech"}


class HttpClient(Protocol):
    def get(self, url: str, **kwargs: Any) -> Any: ...


def settled_memo(
    client: HttpClient, memo_id: str, headers: dict[str, str] | None = None, *, seconds: float = 300
) -> dict[str, Any]:
    """The memo once its transcription is done, failed or heard no speech; the test fails if it
    is still waiting after `seconds` (generous: a loaded CI machine transcribes slowly)."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(f"/api/memos/{memo_id}/wait", params={"timeout": 60}, headers=headers)
        assert response.status_code == 200, response.text
        memo: dict[str, Any] = response.json()
        if memo["status"] in SETTLED:
            return memo
        assert time.monotonic() < deadline, f"memo {memo_id} still {memo['status']} after {seconds} s"
