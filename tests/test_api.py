"""The JSON API through the real app, the real worker and the real model."""

import select
import socket
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.web.app import create_app
from tests.support.factories import issue_token, silent_wav, stored_audio_files
from tests.support.samples import SAMPLES
from tests.support.server import running_server
from tests.support.waiting import settled_memo


def upload(client: TestClient, headers: dict[str, str], sample: str = "jfk.m4a", **data: str):  # type: ignore[no-untyped-def]
    with (SAMPLES / sample).open("rb") as file:
        return client.post("/api/memos", headers=headers, files={"file": (sample, file)}, data=data)


def test_multipart_upload_is_transcribed(client: TestClient, alice: dict[str, str]) -> None:
    response = upload(client, alice, captured_at="2026-11-20T17:03:09+01:00", note="after session")
    assert response.status_code == 202, response.text
    memo = response.json()
    assert memo["status"] in ("queued", "running")
    assert memo["captured_at"] == "2026-11-20T16:03:09Z"
    ready = settled_memo(client, memo["id"], alice)
    assert ready["status"] == "done"
    assert "ask not what your country can do for you" in ready["transcript"]["text"]
    assert ready["transcript"]["segments"][0]["start"] >= 0
    assert ready["insight"]["headline"]
    assert ready["note"] == "after session"


def test_an_upload_wakes_the_idle_worker_without_waiting_for_its_poll(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", worker_poll_seconds=600)
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        for sample in ("jfk.m4a", "ljspeech-LJ001-0009.mp3"):
            # After the first memo the worker has found the queue empty and sleeps for its poll.
            memo_id = upload(client, alice, sample).json()["id"]
            ready = settled_memo(client, memo_id, alice)
            assert ready["status"] == "done", sample


def test_raw_body_upload_and_same_bytes_again(client: TestClient, alice: dict[str, str]) -> None:
    body = (SAMPLES / "librispeech-1089-134691-0001.webm").read_bytes()
    headers = {**alice, "Content-Type": "audio/webm;codecs=opus"}
    first = client.post("/api/memos?filename=memo.webm", content=body, headers=headers)
    assert first.status_code == 202, first.text
    again = client.post("/api/memos", content=body, headers=headers)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert client.get("/api/memos", headers=alice).json()["total"] == 1


def test_list_is_newest_first_and_paged(client: TestClient, alice: dict[str, str]) -> None:
    ids = [upload(client, alice, sample).json()["id"] for sample in ("jfk.m4a", "ami-abbie.wav")]
    page = client.get("/api/memos", params={"limit": 1}, headers=alice).json()
    assert page["total"] == 2
    assert [m["id"] for m in page["items"]] == [ids[1]]
    rest = client.get("/api/memos", params={"limit": 1, "offset": 1}, headers=alice).json()
    assert [m["id"] for m in rest["items"]] == [ids[0]]


def test_audio_download_returns_the_uploaded_bytes(client: TestClient, alice: dict[str, str]) -> None:
    memo_id = upload(client, alice, "ami-abbie.wav").json()["id"]
    audio = client.get(f"/api/memos/{memo_id}/audio", headers=alice)
    assert audio.status_code == 200
    assert audio.content == (SAMPLES / "ami-abbie.wav").read_bytes()


def test_delete_removes_memo_and_audio(client: TestClient, alice: dict[str, str], settings: Settings) -> None:
    memo_id = upload(client, alice, "ami-abbie.wav").json()["id"]
    settled_memo(client, memo_id, alice)
    assert client.delete(f"/api/memos/{memo_id}", headers=alice).status_code == 204
    assert client.get(f"/api/memos/{memo_id}", headers=alice).status_code == 404
    assert stored_audio_files(open_database(settings)) == []


def test_search_finds_own_insights(client: TestClient, alice: dict[str, str]) -> None:
    memo_id = upload(client, alice).json()["id"]
    settled_memo(client, memo_id, alice)
    hits = client.get("/api/insights", params={"q": "country"}, headers=alice).json()["items"]
    assert [h["memo_id"] for h in hits] == [memo_id]
    assert client.get("/api/insights", params={"q": "giraffe"}, headers=alice).json()["items"] == []


def test_other_person_cannot_see_or_touch_a_memo(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    memo_id = upload(client, alice).json()["id"]
    settled_memo(client, memo_id, alice)
    assert client.get("/api/memos", headers=bob).json() == {"items": [], "total": 0}
    for path in (f"/api/memos/{memo_id}", f"/api/memos/{memo_id}/audio", f"/api/memos/{memo_id}/wait"):
        response = client.get(path, headers=bob)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "No such memo."}
    assert client.get("/api/insights", params={"q": "country"}, headers=bob).json()["items"] == []
    assert client.delete(f"/api/memos/{memo_id}", headers=bob).status_code == 404
    assert client.get(f"/api/memos/{memo_id}", headers=alice).status_code == 200


def test_each_person_with_the_same_bytes_gets_their_own_memo(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], settings: Settings
) -> None:
    mine = upload(client, alice, "ami-abbie.wav").json()["id"]
    theirs = upload(client, bob, "ami-abbie.wav").json()["id"]
    assert mine != theirs
    client.delete(f"/api/memos/{mine}", headers=alice)
    assert client.get(f"/api/memos/{theirs}/audio", headers=bob).status_code == 200
    assert len(stored_audio_files(open_database(settings))) == 1


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nonsense"}, {"Authorization": f"Bearer aw_{uuid.uuid4().hex}_guess"}],
)
def test_missing_or_wrong_token_is_401(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in (("GET", "/api/memos"), ("POST", "/api/memos"), ("GET", "/api/insights")):
        response = client.request(method, path, headers=headers)
        assert response.status_code == 401
        assert response.json()["detail"].endswith(".")


def test_revoked_token_is_401(client: TestClient, settings: Settings) -> None:
    from afterword.store.tokens import find_token, revoke_token

    token = issue_token(settings, "Carol")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).json()["name"] == "Carol"
    db = open_database(settings)
    with db.write() as session:
        revoke_token(find_token(session, id_prefix=token.split("_")[1])[0])
    assert client.get("/api/me", headers=headers).status_code == 401


@pytest.mark.parametrize("path", ["/api/memos", "/api/moments/voice"])
def test_an_upload_whose_token_is_revoked_while_it_arrives_is_refused(tmp_path, path: str) -> None:  # type: ignore[no-untyped-def]
    """The token is checked when the request starts and again once the body is in: a phone
    signed out (its token revoked) in the middle of a long upload stores nothing."""
    from afterword.store.tokens import revoke_token_by_prefix

    settings = Settings(data_dir=tmp_path / "data")
    token = issue_token(settings, "Alice")
    body = (SAMPLES / "jfk.m4a").read_bytes()
    db = open_database(settings)
    with running_server(create_app(settings, run_worker=False)) as base_url:
        host, port = base_url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(
                f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: audio/mp4\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body[: len(body) // 2]
            )
            time.sleep(0.5)  # the request is past its token check and streaming in
            revoke_token_by_prefix(db, id_prefix=token.split("_")[1])
            sock.sendall(body[len(body) // 2 :])
            answer = sock.recv(65_536).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 401"), answer
    assert "revoked" in answer
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM memos")).scalar() == 0
    assert stored_audio_files(db) == []
    assert not any((settings.data_dir / "audio" / "staging").glob("*"))
    db.close()


def test_not_audio_is_415_and_stores_nothing(
    client: TestClient, alice: dict[str, str], settings: Settings
) -> None:
    response = client.post(
        "/api/memos", headers=alice, files={"file": ("memo.m4a", b"<html>not audio</html>" * 40)}
    )
    assert response.status_code == 415
    assert "does not look like an audio file" in response.json()["detail"]
    assert client.get("/api/memos", headers=alice).json()["total"] == 0
    assert stored_audio_files(open_database(settings)) == []


def test_wrong_content_type_is_415(client: TestClient, alice: dict[str, str]) -> None:
    response = client.post("/api/memos", headers={**alice, "Content-Type": "text/plain"}, content=b"hi")
    assert response.status_code == 415
    assert "multipart field 'file'" in response.json()["detail"]


def test_empty_silent_and_bad_fields(client: TestClient, alice: dict[str, str]) -> None:
    empty = client.post("/api/memos", headers=alice, files={"file": ("memo.m4a", b"")})
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    silent = client.post("/api/memos", headers=alice, files={"file": ("quiet.wav", silent_wav(2))})
    assert silent.status_code == 422 and "silent" in silent.json()["detail"]
    naive = upload(client, alice, captured_at="2026-11-20 17:03")
    assert naive.status_code == 422 and "captured_at" in naive.json()["detail"]
    assert client.get("/api/memos/not-a-uuid", headers=alice).status_code == 422
    assert client.get("/api/memos", headers=alice).json()["total"] == 0


def test_body_streaming_past_the_cap_is_413_before_it_is_all_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", max_upload_bytes=256 * 1024)
    token = issue_token(settings, "Alice")
    with running_server(create_app(settings, run_worker=False)) as base_url:
        status, sent = stream_until_answered(base_url, token, max_chunks=10_000)
    assert status == 413
    # The client was stopped long before the 640 MB it would have sent.
    assert sent < 64 * 1024 * 1024
    assert stored_audio_files(open_database(settings)) == []


def stream_until_answered(base_url: str, token: str, *, max_chunks: int) -> tuple[int, int]:
    """Send a chunked body of 64 KiB chunks until the server answers or hangs up."""
    host, port = base_url.removeprefix("http://").split(":")
    chunk = b"\0" * 65_536
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            f"POST /api/memos HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: audio/wav\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        for _ in range(max_chunks):
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(b"10000\r\n" + chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        answer = sock.recv(4096).decode(errors="replace")
    return int(answer.split(" ", 2)[1]), sent


def test_declared_length_past_the_cap_is_413_at_once(client: TestClient, alice: dict[str, str]) -> None:
    response = client.post(
        "/api/memos",
        headers={**alice, "Content-Length": str(10**9), "Content-Type": "audio/wav"},
        content=b"",
    )
    assert response.status_code == 413
    assert "larger than the limit of 100 MB" in response.json()["detail"]


def test_docs_are_off_unless_enabled_and_then_served_without_a_cdn(settings: Settings) -> None:
    with TestClient(create_app(settings, run_worker=False)) as client:
        for path in ("/docs", "/openapi.json", "/docs-assets/swagger-ui-bundle.js"):
            assert client.get(path).status_code == 404, path
    enabled = settings.model_copy(update={"api_docs": True})
    with TestClient(create_app(enabled, run_worker=False)) as client:
        page = client.get("/docs").text
        assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page
        assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
        assert "/api/memos" in client.get("/openapi.json").json()["paths"]
