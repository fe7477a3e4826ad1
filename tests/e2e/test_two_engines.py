"""The phone tests that matter, in both engines: Debian's Chromium and WebKitGTK (the engine of
every iPhone browser), with the same steps and the same assertions, over https on a name that is
not localhost with Afterword's own CA, and a server that is really stopped for "no signal".
"""

import os
import shutil
import time

import httpx
import pytest

from tests.support.engines import (
    Phone,
    count,
    record,
    text,
    visible,
    wait_count,
    wait_for_service_worker,
    wait_text,
    wait_until,
    wait_visible,
)
from tests.support.factories import issue_signin_code, issue_token
from tests.support.ffmpeg import path_without_ffmpeg
from tests.support.lan import LanServer
from tests.support.phone import OFFLINE_SAY, OUTBOX_COUNTS, UPLOADED_SAY, api, assert_sample_words
from tests.support.waiting import settled_memo

pytestmark = pytest.mark.browser
# Generous: the model loads when the server starts, and CI machines are slow.
TRANSCRIPT_SECONDS = 120


def signed_in(phones, lan: LanServer, name: str) -> Phone:  # type: ignore[no-untyped-def]
    phone = phones()
    phone.goto(f"{lan.origin}/#token={issue_token(lan.settings, name)}")
    wait_text(phone, "#who", f"Signed in as {name}")
    return phone


def test_loads_clean_signs_in_by_link_and_opens_with_the_server_stopped(phones, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    phone = signed_in(phones, lan, "Lee")
    assert phone.url() == f"{lan.origin}/", "the token must leave the address bar"
    wait_for_service_worker(phone)
    assert not visible(phone, "#trust-notice")

    lan.server.stop()
    phone.reload()
    wait_visible(phone, "#record-screen")
    wait_text(phone, "#status", OFFLINE_SAY)
    assert not visible(phone, "#trust-notice")
    time.sleep(1)  # anything still to go wrong in the page's or the worker's promises
    assert phone.console_errors() == []


def wait_for_transcript(phone: Phone, memo: str = "#memos li[data-memo-id]") -> str:
    """The first memo's transcript, once the page shows it."""
    wait_until(
        lambda: (text(phone, f"{memo} .transcript") or "").strip(),
        lambda: (
            f"no transcript ({phone.engine}): the page says {text(phone, '#status')!r}; "
            f"the list {text(phone, '#memos')!r}"
        ),
        TRANSCRIPT_SECONDS,
    )
    return text(phone, f"{memo} .transcript") or ""


def api_for(lan: LanServer, name: str) -> httpx.Client:
    return api(lan.server.url(), issue_token(lan.settings, name), ca=lan.tls.ca)


def outbox_counts(phone: Phone) -> dict[str, int]:
    return dict(phone.js(OUTBOX_COUNTS))


def counted_uploads(lan: LanServer) -> list[int]:
    """The answers to memo uploads the server gives from its next start on."""
    answers: list[int] = []
    make = lan.server.make_app

    def counting():  # type: ignore[no-untyped-def]
        app = make()

        @app.middleware("http")
        async def count_upload(request, call_next):  # type: ignore[no-untyped-def]
            response = await call_next(request)
            if request.method == "POST" and request.url.path == "/api/memos":
                answers.append(response.status_code)
            return response

        return app

    lan.server.make_app = counting
    return answers


def hide_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server runs in this process: with no ffmpeg on PATH it decodes with PyAV alone."""
    monkeypatch.setenv("PATH", path_without_ffmpeg(os.environ.get("PATH", "")))
    assert shutil.which("ffmpeg") is None


def kept_as(engine: str) -> str:
    """What each engine's MediaRecorder writes: mp4 in WebKit (as on an iPhone), webm in Chromium."""
    return "audio/mp4" if engine == "webkit" else "audio/webm"


def test_signs_in_by_typed_code_once(phones, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    code = issue_signin_code(lan.settings, "Robin")
    phone = phones()
    phone.goto(f"{lan.origin}/")
    wait_visible(phone, "#pair")
    phone.fill("#pair-link", "ZZZZ-ZZZZ")
    phone.click("#pair-form button")
    wait_text(phone, "#pair-error", "wrong, used or expired")
    phone.fill("#pair-link", code.lower().replace("-", " "))  # lower case, a space: forgiven
    phone.click("#pair-form button")
    wait_text(phone, "#who", "Signed in as Robin")
    assert not visible(phone, "#pair")

    other = phones()
    other.goto(f"{lan.origin}/#code={code}")
    wait_text(other, "#pair-error", "wrong, used or expired")
    assert other.url() == f"{lan.origin}/", "the code must leave the address bar"
    assert phone.console_errors() == [] and other.console_errors() == []


def test_speech_recorded_on_the_page_is_transcribed_with_no_system_ffmpeg(  # type: ignore[no-untyped-def]
    phones, lan: LanServer, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = signed_in(phones, lan, "Speaker")
    hide_ffmpeg(monkeypatch)  # after the browsers start: hiding it hides /usr/bin too
    record(phone, 5)
    memo = "#memos li[data-memo-id]"
    wait_for_transcript(phone)
    wait_text(phone, f"{memo} .memo-status", "Transcribed")
    wait_text(phone, "#status", UPLOADED_SAY)
    assert_sample_words(text(phone, f"{memo} .transcript") or "")
    assert count(phone, ".outbox-item") == 0
    assert outbox_counts(phone) == {"items": 0, "recording": 0, "slices": 0}
    with api_for(lan, "Speaker") as client:
        listing = client.get("/api/memos").json()
        assert listing["total"] == 1, listing
        stored = client.get(f"/api/memos/{listing['items'][0]['id']}").json()
        audio = client.get(f"/api/memos/{stored['id']}/audio").headers["content-type"]
    assert audio.startswith(kept_as(engine)), audio
    assert 4 <= stored["duration_seconds"] <= 10, stored["duration_seconds"]

    # Opened, the memo shows what was said once, below its headline.
    phone.click(f"{memo} .memo-summary")
    wait_until(
        lambda: phone.js(f"document.querySelector('{memo}').classList.contains('expanded')"), "never opened"
    )
    body = phone.js(  # innerText of what is drawn: a hidden element's innerText is its whole text
        f"Array.from(document.querySelector('{memo}').children).slice(1)"
        ".filter((el) => el.getClientRects().length).map((el) => el.innerText).join(' ')"
    )
    assert body.lower().count("fellow") == 1, body
    assert phone.console_errors() == []


def test_recording_cut_short_by_closing_the_page_uploads_on_next_open(  # type: ignore[no-untyped-def]
    phones, lan: LanServer, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = signed_in(phones, lan, "Cut")
    hide_ffmpeg(monkeypatch)  # a cut-short file ends mid-chunk: PyAV alone must keep what came before
    phone.speak()
    phone.click("#record")
    wait_until(
        lambda: outbox_counts(phone)["slices"] >= 3, "three one-second slices never reached IndexedDB", 15
    )
    phone.replace_tab()  # the tab is killed a few seconds into a longer sentence
    phone.goto(f"{lan.origin}/")
    memo = "#memos li[data-memo-id]"
    wait_for_transcript(phone)
    with api_for(lan, "Cut") as client:
        listing = client.get("/api/memos").json()
        assert listing["total"] == 1, listing
        stored = settled_memo(client, listing["items"][0]["id"])
        audio = client.get(f"/api/memos/{stored['id']}/audio").headers["content-type"]
    assert stored["note"].startswith("Cut short"), stored["note"]
    assert audio.startswith(kept_as(engine)), audio
    assert 1.5 <= stored["duration_seconds"] <= 7, stored["duration_seconds"]
    heard = stored["transcript"]["text"].lower()
    assert "fellow" in heard or "american" in heard, heard
    assert outbox_counts(phone) == {"items": 0, "recording": 0, "slices": 0}
    phone.click(f"{memo} .memo-summary")
    wait_text(phone, f"{memo} .memo-note", "Cut short")
    assert phone.console_errors() == []


def test_memo_recorded_with_the_server_stopped_arrives_once(phones, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    phone = signed_in(phones, lan, "Away")
    wait_for_service_worker(phone)
    uploads = counted_uploads(lan)
    lan.server.stop()
    phone.reload()
    wait_text(phone, "#status", OFFLINE_SAY)
    record(phone, 4)
    wait_text(phone, ".outbox-item .memo-status", "Waiting for network")
    wait_text(phone, "#status", "Saved on this phone")
    assert outbox_counts(phone) == {"items": 1, "recording": 0, "slices": 0}

    phone.reload()  # still no signal: the service worker starts the page, the memo still waits
    wait_text(phone, ".outbox-item .memo-status", "Waiting for network")

    lan.server.start()  # the open page tries again by itself (WebKit has no Background Sync)
    memo = "#memos li[data-memo-id]"
    wait_for_transcript(phone)
    assert_sample_words(text(phone, f"{memo} .transcript") or "")
    wait_count(phone, ".outbox-item", 0)
    phone.reload()  # flushes the outbox again: nothing is left to send
    wait_count(phone, memo, 1)
    time.sleep(3)
    assert uploads == [202], uploads
    with api_for(lan, "Away") as client:
        assert client.get("/api/memos").json()["total"] == 1
    assert outbox_counts(phone) == {"items": 0, "recording": 0, "slices": 0}
    assert phone.console_errors() == []
