"""The phone tests that matter, in both engines: Debian's Chromium and WebKitGTK (the engine of
every iPhone browser), with the same steps and the same assertions, over https on a name that is
not localhost with Afterword's own CA, and a server that is really stopped for "no signal".
"""

import os
import shutil
import time

import httpx
import pytest
from fastapi.responses import JSONResponse

from tests.e2e.test_away_from_home import ANSWERS, summarised
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
    record(phone, 5)  # four seconds were heard as "fellow America" only, under load
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


def held_uploads(lan: LanServer) -> dict[str, bool]:
    """Restarts the server so that memo uploads answer 503 (try again later) while the gate is
    closed: memos stay in the phone's outbox with the server up."""
    gate = {"closed": True}
    make = lan.server.make_app

    def gated():  # type: ignore[no-untyped-def]
        app = make()

        @app.middleware("http")
        async def hold(request, call_next):  # type: ignore[no-untyped-def]
            if gate["closed"] and request.method == "POST" and request.url.path == "/api/memos":
                return JSONResponse({"detail": "Busy; try again later."}, status_code=503)
            return await call_next(request)

        return app

    lan.server.make_app = gated
    lan.server.stop()
    lan.server.start()
    return gate


def open_link_in_this_tab(phone: Phone, fragment: str) -> None:
    """What tapping a pairing link does to a tab already showing the app: only the fragment
    changes (no load)."""
    phone.js("(location.hash = args[0], true)", fragment)


def memo_total(lan: LanServer, token: str) -> int:
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        return int(client.get("/api/memos").json()["total"])


def test_a_link_for_someone_else_asks_first_and_waiting_memos_upload_as_who_recorded_them(  # type: ignore[no-untyped-def]
    phones, lan: LanServer
) -> None:
    gate = held_uploads(lan)
    alice = issue_token(lan.settings, "Alice")
    phone = phones()
    phone.goto(f"{lan.origin}/#token={alice}")
    wait_text(phone, "#who", "Signed in as Alice")

    # A new tab opened on someone else's code: asked, declined, the code is not used.
    carol = issue_signin_code(lan.settings, "Carol")
    phone.replace_tab()
    phone.goto(f"{lan.origin}/#code={carol}")
    assert phone.answer_dialog(False) == "Sign out Alice and sign in as the person this link is for?"
    wait_text(phone, "#who", "Signed in as Alice")
    assert phone.url() == f"{lan.origin}/"
    with httpx.Client(base_url=lan.server.url(), verify=str(lan.tls.ca)) as client:
        assert client.post("/api/signin", json={"code": carol}).status_code == 200, "declining used the code"

    record(phone, 3)
    wait_text(phone, ".outbox-item .memo-status", "Waiting for network")
    bob = issue_token(lan.settings, "Bob")
    open_link_in_this_tab(phone, f"#token={bob}")
    question = "Sign out Alice and sign in as Bob? 1 memo not uploaded yet will be sent as Alice first."
    assert phone.answer_dialog(False) == question
    wait_until(lambda: phone.url() == f"{lan.origin}/", "the link stayed in the address bar")
    assert text(phone, "#who") == "Signed in as Alice"

    open_link_in_this_tab(phone, f"#token={bob}")
    assert phone.answer_dialog(True) == question
    wait_text(phone, "#who", "Signed in as Bob")
    assert phone.url() == f"{lan.origin}/"
    gate["closed"] = False  # the server takes memos again: Alice's goes as Alice
    wait_count(phone, ".outbox-item", 0, timeout=60)
    wait_until(lambda: memo_total(lan, alice) == 1, "Alice's memo never arrived")
    assert memo_total(lan, bob) == 0

    record(phone, 3)  # and what Bob records is Bob's
    wait_until(lambda: memo_total(lan, bob) == 1, "Bob's memo never arrived", 60)
    assert memo_total(lan, alice) == 1
    assert phone.console_errors() == []


# What each engine lets a page know after the person tapped past the certificate warning:
# Chromium refuses the service worker; WebKit installs it, so there the person is told to look.
TAPPED_PAST = {
    "chromium": "This phone does not trust Afterword yet.",
    "webkit": "Safari cannot tell this page whether the phone trusts Afterword. Look at the address bar",
}


def test_a_phone_that_tapped_past_the_warning_is_not_told_it_trusts_afterword(  # type: ignore[no-untyped-def]
    phones, lan: LanServer, engine: str
) -> None:
    phone = phones(trusted=False, proceed=True)
    phone.goto(f"{lan.origin}/setup")
    wait_text(phone, "#trust-result", TAPPED_PAST[engine])
    assert "This phone trusts Afterword." not in (text(phone, "#trust-result") or "")
    # The iPhone's steps say what to look at, and why the home screen matters.
    steps = text(phone, "#steps-ios") or ""
    assert "“Not Secure” means the phone does not trust it" in steps
    assert "Add to Home Screen" in steps and "7 days" in steps


def open_screen(phone: Phone, screen: str) -> None:
    phone.click(f"#screens-nav [data-screen={screen}]")
    wait_visible(phone, f"#{screen}")


def test_review_with_the_server_stopped_says_how_old_the_copy_is_and_that_it_may_go(  # type: ignore[no-untyped-def]
    phones, lan: LanServer, engine: str
) -> None:
    token = issue_token(lan.settings, "Reader")
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        summarised(client, *ANSWERS)
    phone = phones()
    phone.goto(f"{lan.origin}/#token={token}")
    wait_text(phone, "#who", "Signed in as Reader")
    wait_for_service_worker(phone)
    open_screen(phone, "review-screen")
    wait_text(phone, "#review-copy-note", "Saved on this phone, updated today")

    lan.server.stop()
    phone.reload()
    open_screen(phone, "review-screen")
    note = wait_text(
        phone, "#review-copy-note", "No connection. Reviewing what is saved on this phone, updated today"
    )
    assert "may delete this copy when Afterword goes unopened" in note, note
    wait_count(phone, "#review-cards li", 1)
    phone.click("#review-cards li .card-open")
    wait_text(phone, "#review-cards li .paragraph", " ".join(ANSWERS))

    # Settings say whether the browser keeps what is saved, and urge the home screen on WebKit.
    open_screen(phone, "settings-screen")
    wait_until(lambda: text(phone, "#storage-state"), "the storage answer never showed")
    assert phone.js("document.getElementById('storage-state').dataset.state") in ("persisted", "asked")
    assert visible(phone, "#home-screen") == (engine == "webkit")
    open_screen(phone, "record-screen")
    assert "iPhones have no such Share sheet path" in (text(phone, "#share-help") or "")
    assert phone.console_errors() == []


def test_a_full_phone_refuses_a_new_recording_and_keeps_the_one_waiting(phones, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    phone = signed_in(phones, lan, "Full")
    wait_for_service_worker(phone)
    lan.server.stop()
    record(phone, 2)
    wait_text(phone, ".outbox-item .memo-status", "Waiting for network")
    # The phone's storage fills up (outside Afterword's control, so told by the browser's estimate).
    phone.js("(StorageManager.prototype.estimate = async () => ({ usage: 999e6, quota: 1000e6 }), true)")
    phone.speak()
    phone.click("#record")
    wait_text(phone, "#status", "storage for Afterword is full, so a new recording could not be kept")
    assert phone.js("document.getElementById('record').getAttribute('aria-pressed')") == "false"
    time.sleep(2)
    assert outbox_counts(phone) == {"items": 1, "recording": 0, "slices": 0}
    assert phone.console_errors() == []


CHEVRON = "(el => { const after = getComputedStyle(el, '::after'); return [after.content, after.width, after.transform]; })(document.querySelector(args[0]))"


def test_the_week_sections_show_that_they_open_and_a_plan_takes_a_day_and_a_time(
    phones, lan: LanServer
) -> None:  # type: ignore[no-untyped-def]
    phone = signed_in(phones, lan, "Weekly")
    open_screen(phone, "week-screen")
    summary = "#partner-panel > summary"
    content, width, closed = phone.js(CHEVRON, summary)
    assert content != "none" and float(width.removesuffix("px")) > 0, (content, width)
    phone.click(summary)
    wait_until(lambda: phone.js("document.getElementById('partner-panel').open"), "the section never opened")
    assert phone.js(CHEVRON, summary)[2] != closed, "the chevron does not turn when the section opens"

    # The plan's time: a weekday and the engine's own time picker, not free text.
    assert phone.js("Array.from(document.querySelectorAll('#plan-day option')).map((o) => o.value)") == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
    assert phone.js("document.getElementById('plan-time').type") == "time"
    assert phone.console_errors() == []
