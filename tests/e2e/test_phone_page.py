"""The phone page in headless Debian Chromium, against the real server, worker and model.

Chromium's fake microphone plays a real speech sample (JFK's "And so my fellow Americans, ask
not..."), so a memo recorded on the page is real speech that the bundled model transcribes.
Run only these with `pytest -m browser`, or leave them out with `-m "not browser"`.
"""

import re
import shutil
import struct
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urldefrag

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.conftest import SAMPLES
from tests.factories import issue_token

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Bounded but generous: the model loads when the server starts, and CI machines are slow.
TRANSCRIPT_TIMEOUT_MS = 90_000
STEP_TIMEOUT_MS = 30_000
RECORD_SECONDS = 5
# tiny.en hears the first seconds of the sample as "And so my fellow American(s), ask not...":
# at least two of these words must come through.
SAMPLE_WORDS = ("fellow", "american", "ask", "country")
OFFLINE_SAY = "You're offline"
UPLOADED_SAY = "Uploaded to your Afterword server."
CONTROL_ROLES = {
    "button",
    "checkbox",
    "combobox",
    "link",
    "listbox",
    "menuitem",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "tab",
    "textbox",
}
MIN_TARGET_PX = 48


def phone(
    browser: Browser, contexts: list[BrowserContext], width: int = 390, height: int = 844, **options: object
) -> BrowserContext:
    """A fresh phone-like browser context: its own storage, service worker and IndexedDB."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        **options,  # type: ignore[arg-type]
    )
    contexts.append(context)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.grant_permissions(["microphone"])
    return context


def new_page(context: BrowserContext) -> tuple[Page, list[str]]:
    """A page and the uncaught JavaScript errors it raises."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def api(base: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def assert_sample_words(text: str) -> None:
    heard = [word for word in SAMPLE_WORDS if word in text.lower()]
    assert len(heard) >= 2, f"the transcript does not sound like the fake microphone's sample: {text!r}"


def wait_until(condition: Callable[[], object], timeout: float, message: str) -> None:
    """Polls from here: the page's Content-Security-Policy (rightly) refuses the eval that
    Playwright's wait_for_function needs."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.1)


def start_recording(page: Page) -> None:
    page.get_by_role("button", name="Record", exact=True).tap()
    button = page.locator("#record")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_accessible_name("Stop")


def stop_recording(page: Page, seconds: int = RECORD_SECONDS) -> None:
    """Let the fake microphone speak until the page's timer shows `seconds`, then tap Stop."""
    timer = page.locator("#timer")
    wait_until(
        lambda: (timer.text_content() or "") >= f"00:{seconds:02d}",
        seconds + 15,
        f"the timer never reached {seconds} s",
    )
    page.get_by_role("button", name="Stop", exact=True).tap()
    button = page.locator("#record")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_accessible_name("Record")


def wait_for_total(client: httpx.Client, total: int, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        listing = client.get("/api/memos").json()
        if listing["total"] >= total or time.monotonic() > deadline:
            return listing
        time.sleep(0.2)


def upload_sample(client: httpx.Client, sample: str = "jfk.m4a") -> str:
    """A memo sent straight to the API and transcribed, so a page has something to list."""
    with (SAMPLES / sample).open("rb") as file:
        response = client.post("/api/memos", files={"file": (sample, file)})
    assert response.status_code == 202, response.text
    memo_id = response.json()["id"]
    ready = client.get(f"/api/memos/{memo_id}/wait", params={"timeout": 60}).json()
    assert ready["status"] == "done", ready
    return memo_id


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def save_screenshot(page: Page, directory: Path, name: str) -> Path:
    shot = directory / name
    page.screenshot(path=shot, full_page=True, animations="disabled")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / name)
    print(f"\nscreenshot: {shot} (copy: {ARTIFACTS / name})")
    return shot


def open_populated_page(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings, width: int
) -> tuple[Page, list[str]]:
    """Paired by pasting the link, with one transcribed memo and one upload the server refused
    (its file name long and unbroken), the memo expanded: every control the page can show."""
    token = issue_token(settings, f"Person {uuid.uuid4().hex[:6]}")
    with api(server, token) as client:
        upload_sample(client)
    context = phone(browser, contexts, width=width, height=700)
    page, errors = new_page(context)
    page.goto(f"{server}/")
    expect(page.locator("#pair")).to_be_visible()
    expect(page.locator("#pair-missing")).to_be_visible()
    page.get_by_label("Or paste the pairing link here").fill(f"{server}/#token={token}")
    page.get_by_role("button", name="Pair", exact=True).tap()
    expect(page.locator("#record-screen")).to_be_visible()
    expect(page.locator("#pair")).to_be_hidden()
    memo = page.locator("#memos li[data-memo-id]")
    expect(memo.locator(".transcript")).not_to_be_empty(timeout=TRANSCRIPT_TIMEOUT_MS)

    long_name = "voice-memo-recorded-in-the-car-park-right-after-the-session-" + "x" * 60 + ".m4a"
    page.locator("#file").set_input_files(
        files=[{"name": long_name, "mimeType": "audio/mp4", "buffer": b"these bytes are not audio " * 40}]
    )
    rejected = page.locator(".outbox-item[data-status=rejected]")
    expect(rejected.locator(".memo-status")).to_have_text("Couldn't upload")
    expect(rejected.locator(".memo-error")).not_to_be_empty()
    expect(rejected.get_by_role("link", name="Save audio")).to_be_visible()
    # Announced in the live region too, not only drawn in the list.
    expect(page.get_by_role("status")).to_contain_text("Couldn't upload this memo.")
    expect(page.get_by_role("status")).to_have_class(re.compile(r"\berror\b"))

    memo.locator(".memo-summary").tap()
    expect(memo.locator(".memo-summary")).to_have_attribute("aria-expanded", "true")
    expect(memo.get_by_role("button", name="Delete")).to_be_visible()
    return page, errors


def horizontal_overflow(page: Page) -> tuple[int, list[str]]:
    """The document's scroll width, and the elements sticking out past the viewport's right edge."""
    return page.evaluate(
        """() => [
            document.documentElement.scrollWidth,
            Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > innerWidth + 0.5)
                .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`),
        ]"""
    )


def unnamed_controls(context: BrowserContext, page: Page) -> tuple[list[str], set[tuple[str, str]]]:
    """From Chromium's own accessibility tree: controls without an accessible name, and the
    (role, name) of every control, so a check on an empty tree cannot pass by accident."""
    cdp = context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    unnamed: list[str] = []
    named: set[tuple[str, str]] = set()
    for node in nodes:
        role = node.get("role", {}).get("value")
        if node.get("ignored") or role not in CONTROL_ROLES:
            continue
        name = str(node.get("name", {}).get("value", "")).strip()
        if name:
            named.add((role, name))
        else:
            unnamed.append(f"{role} (backend node {node.get('backendDOMNodeId')})")
    return unnamed, named


def small_targets(page: Page) -> list[str]:
    """Visible touch targets smaller than 48x48 CSS px."""
    return page.evaluate(
        """(min) => Array.from(document.querySelectorAll(
                'button, a[href], label.button, input:not([type=hidden]):not(.visually-hidden), select, textarea'))
            .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([, box]) => box.width < min - 0.5 || box.height < min - 0.5)
            .map(([el, box]) => `${el.tagName.toLowerCase()}.${el.className} ${box.width}x${box.height}`)""",
        MIN_TARGET_PX,
    )


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
    wait_until(
        lambda: page.evaluate("navigator.serviceWorker.controller !== null"),
        30,
        "the service worker never took control of the page",
    )

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
    assert {("textbox", "Or paste the pairing link here"), ("button", "Pair")} <= named, named
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
