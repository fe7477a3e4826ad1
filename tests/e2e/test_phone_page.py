"""The phone page in headless Debian Chromium, against the real server, worker and model.

Chromium's fake microphone plays a real speech sample (JFK's "And so my fellow Americans, ask
not..."), so a memo recorded on the page is real speech that the bundled model transcribes.
Run only these with `pytest -m browser`, or leave them out with `-m "not browser"`.
"""

import time
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from afterword.settings import Settings
from tests.support.factories import issue_token
from tests.support.phone import (
    MIN_TARGET_PX,
    OFFLINE_SAY,
    RECORD_SECONDS,
    TRANSCRIPT_TIMEOUT_MS,
    UPLOADED_SAY,
    api,
    assert_sample_words,
    horizontal_overflow,
    new_page,
    open_populated_page,
    phone,
    png_size,
    save_screenshot,
    small_targets,
    start_recording,
    stop_recording,
    unnamed_controls,
    wait_for_service_worker,
    wait_for_total,
)

pytestmark = pytest.mark.browser


def test_paired_phone_records_a_memo_and_shows_its_transcript(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings, tmp_path: Path
) -> None:
    token = issue_token(settings, "Alice")
    context = phone(browser, contexts)
    wire_urls: list[str] = []
    context.on("request", lambda request: wire_urls.append(urldefrag(request.url).url))
    page, errors = new_page(context)

    page.goto(f"{server}/#token={token}")
    expect(page.locator("#record-screen")).to_be_visible()
    assert page.url == f"{server}/", "the token must leave the address bar"
    assert page.evaluate("localStorage.getItem('afterword.token')") == token
    expect(page.locator("#who")).to_have_text("Signed in as Alice")
    expect(page.locator("#pair")).to_be_hidden()

    started = time.monotonic()
    start_recording(page)
    # No reduced-motion preference in this context: the button breathes while recording.
    assert page.locator("#record").evaluate("el => getComputedStyle(el).animationName") == "breathe"
    stop_recording(page)
    stopped = time.monotonic()
    memo = page.locator("#memos li[data-memo-id]").first
    transcript = memo.locator(".transcript")
    expect(transcript).not_to_be_empty(timeout=TRANSCRIPT_TIMEOUT_MS)
    shown = time.monotonic()
    expect(memo.locator(".memo-status")).to_have_text("Transcribed")
    text = transcript.text_content() or ""
    assert_sample_words(text)
    expect(page.locator(".outbox-item")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text(UPLOADED_SAY)
    print(
        f"\nrecorded {stopped - started:.1f} s; transcript on the page {shown - stopped:.1f} s after Stop: {text!r}"
    )

    memo_id = memo.get_attribute("data-memo-id")
    with api(server, token) as client:
        listing = client.get("/api/memos").json()
        assert listing["total"] == 1
        assert listing["items"][0]["id"] == memo_id
        detail = client.get(f"/api/memos/{memo_id}").json()
        assert detail["status"] == "done"
        assert detail["transcript"]["text"].strip() == text.strip()
        assert RECORD_SECONDS - 1 <= detail["duration_seconds"] <= RECORD_SECONDS + 5
        audio = client.get(f"/api/memos/{memo_id}/audio")
        assert audio.status_code == 200
        assert audio.headers["content-type"].startswith("audio/webm"), audio.headers["content-type"]
    assert [url for url in wire_urls if token in url] == [], "the token must never be in a URL sent"

    shot = save_screenshot(page, tmp_path, "phone-390.png")
    assert png_size(shot)[0] == 390 * 2
    assert errors == []


def test_memo_recorded_offline_uploads_exactly_once_when_back_online(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings
) -> None:
    token = issue_token(settings, "Offline")
    context = phone(browser, contexts, reduced_motion="reduce")
    accepted: list[int] = []  # answers to memo uploads that reached the server

    def count_upload(request) -> None:  # type: ignore[no-untyped-def]
        if request.method == "POST" and urldefrag(request.url).url.split("?")[0] == f"{server}/api/memos":
            response = request.response()
            if response is not None:
                accepted.append(response.status)

    context.on("requestfinished", count_upload)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={token}")
    expect(page.locator("#who")).to_have_text("Signed in as Offline")
    # The service worker must hold the page's files before the signal goes.
    wait_for_service_worker(page)

    context.set_offline(True)
    assert page.evaluate("navigator.onLine") is False
    start_recording(page)
    # This context prefers reduced motion: no breathing animation.
    assert page.locator("#record").evaluate("el => getComputedStyle(el).animationName") == "none"
    stop_recording(page)
    waiting = page.locator(".outbox-item")
    expect(waiting).to_have_count(1)
    expect(waiting.locator(".memo-status")).to_have_text("Waiting for network")
    expect(page.locator("#status")).to_contain_text("Saved on this phone")
    with api(server, token) as client:
        assert client.get("/api/memos").json()["total"] == 0

    # Still offline, the phone reloads the page (the tab was evicted, say): the service worker
    # serves it and the memo is still waiting, kept in IndexedDB.
    page.reload()
    expect(page.locator("#record-screen")).to_be_visible()
    expect(page.locator("#status")).to_contain_text(OFFLINE_SAY)
    expect(waiting).to_have_count(1)
    expect(waiting.locator(".memo-status")).to_have_text("Waiting for network")
    assert accepted == []

    back = time.monotonic()
    context.set_offline(False)
    memo = page.locator("#memos li[data-memo-id]")
    expect(memo).to_have_count(1)
    expect(memo.locator(".transcript")).not_to_be_empty(timeout=TRANSCRIPT_TIMEOUT_MS)
    print(f"\ntranscript on the page {time.monotonic() - back:.1f} s after the signal came back")
    assert_sample_words(memo.locator(".transcript").text_content() or "")
    expect(waiting).to_have_count(0)
    expect(page.locator("#status")).to_have_text(UPLOADED_SAY)

    with api(server, token) as client:
        assert wait_for_total(client, 1)["total"] == 1
        # Give a duplicate every chance: a reload (which flushes the outbox again) and time.
        page.reload()
        expect(memo).to_have_count(1)
        expect(memo.locator(".transcript")).not_to_be_empty()
        expect(waiting).to_have_count(0)
        time.sleep(5)
        listing = client.get("/api/memos").json()
    assert listing["total"] == 1, listing
    assert accepted == [202], f"memo uploads answered: {accepted}"

    # Opened offline with nothing waiting: the offline notice goes once the signal is back,
    # and the list loads then.
    context.set_offline(True)
    page.reload()
    expect(page.locator("#status")).to_contain_text(OFFLINE_SAY)
    expect(memo).to_have_count(0)
    context.set_offline(False)
    expect(memo.locator(".transcript")).not_to_be_empty()
    expect(page.locator("#status")).to_have_text("")
    assert accepted == [202]
    assert errors == []


def test_page_fits_320_px_without_sideways_scrolling(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings, tmp_path: Path
) -> None:
    context = phone(browser, contexts, width=320, height=700)
    pairing, pairing_errors = new_page(context)
    pairing.goto(f"{server}/")
    expect(pairing.locator("#pair")).to_be_visible()
    width, sticking_out = horizontal_overflow(pairing)
    assert width <= 320, f"pairing screen is {width}px wide at 320px: {sticking_out}"
    assert pairing_errors == []

    page, errors = open_populated_page(browser, contexts, server, settings, width=320)
    width, sticking_out = horizontal_overflow(page)
    page.wait_for_timeout(1000)  # the tap highlight on the memo fades
    save_screenshot(page, tmp_path, "phone-320.png")
    assert width <= 320, f"record screen is {width}px wide at 320px: {sticking_out}"
    assert errors == []


def test_controls_have_accessible_names_and_large_touch_targets(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings
) -> None:
    context = phone(browser, contexts)
    page, _ = new_page(context)
    page.goto(f"{server}/")
    expect(page.locator("#pair")).to_be_visible()
    unnamed, named = unnamed_controls(context, page)
    assert unnamed == [], f"controls without an accessible name on the pairing screen: {unnamed}"
    assert {("textbox", "Sign-in code or pairing link"), ("button", "Sign in")} <= named, named
    assert small_targets(page) == []

    page, errors = open_populated_page(browser, contexts, server, settings, width=390)
    unnamed, named = unnamed_controls(page.context, page)
    assert unnamed == [], f"controls without an accessible name on the record screen: {unnamed}"
    names = {name for _, name in named}
    for expected in ("Record", "Choose an audio file", "Delete", "Save audio", "Remove"):
        assert expected in names, f"no control named {expected!r} among {sorted(named)}"
    box = page.locator("#record").bounding_box()
    assert box is not None and box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, box
    assert small_targets(page) == []
    assert page.locator("html").get_attribute("lang") == "en"
    assert errors == []
