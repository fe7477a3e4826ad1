"""Driving the phone page in headless Chromium: phone-like contexts, the API beside it, and
checks of layout, names and touch targets that every screen's tests share."""

import re
import shutil
import ssl
import struct
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.support.factories import issue_token
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

ARTIFACTS = Path(__file__).resolve().parents[1] / "e2e" / "artifacts"
# Bounded but generous: the model loads when the server starts, and CI machines are slow.
TRANSCRIPT_TIMEOUT_MS = 90_000
STEP_TIMEOUT_MS = 30_000
RECORD_SECONDS = 5
# tiny.en hears the first seconds of the sample as "And so my fellow America(ns), ask not...":
# at least two of these words must come through.
SAMPLE_WORDS = ("fellow", "america", "ask", "country")
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
    """A fresh phone-like browser context: its own db, service worker and IndexedDB."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        **options,  # type: ignore[arg-type]
    )
    contexts.append(context)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    # Granting replaces Chromium's defaults for the origin with this list; Background Sync is
    # allowed by default in Chrome, so it must be listed to stay allowed.
    context.grant_permissions(["microphone", "background-sync"])
    return context


def new_page(context: BrowserContext) -> tuple[Page, list[str]]:
    """A page and the uncaught JavaScript errors it raises."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def api(base: str, token: str, *, ca: Path | None = None) -> httpx.Client:
    """The API beside the page; over https it trusts only the given CA."""
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca)) if ca else True
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60, verify=verify
    )


# What the page's IndexedDB holds: outbox items, recordings in progress, their slices.
OUTBOX_COUNTS = """new Promise((resolve, reject) => {
    const opened = indexedDB.open('afterword', 2);
    opened.onerror = () => reject(opened.error);
    opened.onsuccess = () => {
        const tx = opened.result.transaction(['outbox', 'slices']);
        const items = tx.objectStore('outbox').getAll();
        const slices = tx.objectStore('slices').count();
        tx.oncomplete = () => {
            opened.result.close();
            resolve({
                items: items.result.filter((item) => !item.recording).length,
                recording: items.result.filter((item) => item.recording).length,
                slices: slices.result,
            });
        };
    };
})"""


def outbox_counts(page: Page) -> dict[str, int]:
    """What the page's IndexedDB holds: outbox items, recordings in progress, their slices."""
    return page.evaluate(f"() => {OUTBOX_COUNTS}")


def wait_for_service_worker(page: Page, timeout: float = 30) -> None:
    wait_until(
        lambda: page.evaluate("navigator.serviceWorker.controller !== null"),
        timeout,
        "the service worker never took control of the page",
    )


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
    ready = settled_memo(client, memo_id)
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
    page.get_by_label("Sign-in code or pairing link").fill(f"{server}/#token={token}")
    page.get_by_role("button", name="Sign in", exact=True).tap()
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
