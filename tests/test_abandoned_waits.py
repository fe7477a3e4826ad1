"""Abandoned waits stop: a long-poll or an OpenAI-style transcription whose client has gone ends at
once, and a token revoked while it waits gets no answer but a 401. A real uvicorn server with no
worker, so the memo stays queued and only the client or the token can end the wait."""

import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.tokens import parse_token, revoke_token_by_prefix
from afterword.web.app import create_app
from tests.support.factories import issue_token
from tests.support.samples import SAMPLES
from tests.support.server import running_server

WAIT_SECONDS = 30
STOPS_WITHIN_SECONDS = 1.5
AUDIO = (SAMPLES / "jfk.m4a").read_bytes()
BOUNDARY = "afterword-test-boundary"


@dataclass
class Served:
    url: str
    token: str
    settings: Settings

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stored_memo(self) -> str:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            answer = client.post("/api/memos", headers=self.auth, files={"file": ("jfk.m4a", AUDIO)})
        assert answer.status_code == 202, answer.text
        return str(answer.json()["id"])


@pytest.fixture
def served(settings: Settings) -> Iterator[Served]:
    waiting = settings.model_copy(update={"transcription_wait_seconds": WAIT_SECONDS})
    token = issue_token(waiting, "Alice")
    with running_server(create_app(waiting, run_worker=False)) as url:
        yield Served(url, token, waiting)


def multipart(audio: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="jfk.m4a"\r\n'
            "Content-Type: audio/mp4\r\n\r\n"
        ).encode()
        + audio
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def wait_request(served: Served, route: str) -> tuple[str, str, bytes, dict[str, str]]:
    """Method, path, body and headers of a request that waits for a transcript."""
    if route == "long-poll":
        return "GET", f"/api/memos/{served.stored_memo()}/wait?timeout={WAIT_SECONDS}", b"", {}
    body = multipart(AUDIO)
    return (
        "POST",
        "/v1/audio/transcriptions",
        body,
        {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )


def access_lines(caplog: pytest.LogCaptureFixture, method: str, path: str) -> list[str]:
    path = path.split("?")[0]
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "afterword.access" and r.getMessage().startswith(f"{method} {path} ")
    ]


@pytest.mark.parametrize("route", ["long-poll", "openai"])
def test_a_wait_whose_client_has_gone_stops_at_once(
    served: Served, route: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="afterword.access")
    method, path, body, headers = wait_request(served, route)
    head = "".join(
        f"{name}: {value}\r\n"
        for name, value in {
            **headers,
            **served.auth,
            "Host": "127.0.0.1",
            "Content-Length": str(len(body)),
        }.items()
    )
    port = int(served.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(f"{method} {path} HTTP/1.1\r\n{head}\r\n".encode() + body)
        time.sleep(2)  # stored, and waiting
        assert access_lines(caplog, method, path) == [], "the wait ended before the client left"
    gone = time.monotonic()
    while not access_lines(caplog, method, path) and time.monotonic() - gone < WAIT_SECONDS:
        time.sleep(0.05)
    assert time.monotonic() - gone < STOPS_WITHIN_SECONDS, access_lines(caplog, method, path)
    with httpx.Client(base_url=served.url, timeout=60) as client:
        memos = client.get("/api/memos", headers=served.auth).json()
    assert memos["total"] == 1, "the upload is kept all the same"


@pytest.mark.parametrize("route", ["long-poll", "openai"])
def test_a_token_revoked_during_a_wait_gets_no_answer_after_it(served: Served, route: str) -> None:
    method, path, body, headers = wait_request(served, route)
    answers: list[httpx.Response] = []

    def wait() -> None:
        with httpx.Client(base_url=served.url, timeout=WAIT_SECONDS * 2) as client:
            answers.append(client.request(method, path, content=body, headers={**headers, **served.auth}))

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(2)  # waiting
    db = open_database(served.settings)
    try:
        parsed = parse_token(served.token)
        assert parsed is not None
        revoke_token_by_prefix(db, id_prefix=parsed[0].hex)
    finally:
        db.close()
    revoked = time.monotonic()
    waiter.join(WAIT_SECONDS * 2)
    assert time.monotonic() - revoked < STOPS_WITHIN_SECONDS + 1
    [answer] = answers
    assert answer.status_code == 401, answer.text
    assert "revoked" in answer.json()["detail"] and "transcript" not in answer.text
