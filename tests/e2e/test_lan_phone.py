"""A phone on the home network, then in the parking lot: https on a name that is not localhost,
a certificate chain from Afterword's own CA, and a server that is really stopped for "no
signal" and started again on the same port.

The trusted browser has the CA in its NSS databases (a throwaway HOME); the untrusted one has
none, and "tapping Proceed on the warning page" is Playwright's ignore_https_errors. Chromium
never gets --ignore-certificate-errors.
"""

import contextlib
import functools
import http.server
import re
import shutil
import threading
import time

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.web.app import create_app
from afterword.web.setup_app import create_setup_app
from tests.support.factories import issue_signin_code, issue_token
from tests.support.lan import LAN_NAME, LanServer, fire_background_sync
from tests.support.phone import (
    OFFLINE_SAY,
    TRANSCRIPT_TIMEOUT_MS,
    api,
    assert_sample_words,
    new_page,
    outbox_counts,
    phone,
    start_recording,
    stop_recording,
    wait_for_service_worker,
    wait_for_total,
    wait_until,
)
from tests.support.samples import SAMPLES
from tests.support.server import RestartableServer
from tests.support.waiting import settled_memo

pytestmark = pytest.mark.browser

UNTRUSTED_SAY = "this phone does not trust Afterword's certificate yet"
DO_NOT_PROCEED = "If you saw a warning page, go back; do not tap Proceed."
# Chromium's own words when a page's certificate is not trusted, whatever was clicked.
CHROMIUM_SSL_ERROR = "An SSL certificate error occurred when fetching the script"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/138.0.0.0 Mobile Safari/537.36"
)


def signed_in_page(
    browser: Browser, contexts: list[BrowserContext], lan: LanServer, name: str
) -> tuple[Page, list[str]]:
    page, errors = new_page(phone(browser, contexts))
    page.goto(f"{lan.origin}/#token={issue_token(lan.settings, name)}")
    expect(page.locator("#who")).to_have_text(f"Signed in as {name}")
    wait_for_service_worker(page)
    return page, errors


def api_for(lan: LanServer, name: str) -> httpx.Client:
    """The API as this person, over https that trusts only Afterword's CA."""
    return api(lan.server.url(), issue_token(lan.settings, name), ca=lan.tls.ca)


def audio_type(client: httpx.Client, memo_id: str) -> str:
    """The type the memo's audio was uploaded as."""
    return client.get(f"/api/memos/{memo_id}/audio").headers["content-type"]


def test_clicked_through_warning_page_loads_but_says_offline_capture_is_off(
    untrusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    token = issue_token(lan.settings, "Proceeded")
    context = phone(untrusted_browser, contexts, ignore_https_errors=True)
    page, errors = new_page(context)
    page.goto(f"{lan.origin}/#token={token}")
    expect(page.locator("#who")).to_have_text("Signed in as Proceeded")
    notice = page.locator("#trust-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(UNTRUSTED_SAY)
    expect(notice).to_contain_text(DO_NOT_PROCEED)
    expect(page.locator("#trust-detail")).to_contain_text(CHROMIUM_SSL_ERROR)
    assert page.evaluate("navigator.serviceWorker.controller") is None
    # On every screen, not only the first one.
    for screen in ("Reflect", "Review", "Prep", "Memos"):
        page.locator("#screens-nav").get_by_role("button", name=screen).tap()
        expect(notice).to_be_visible()
    # The notice leads to the setup page, which checks by registering the service worker.
    notice.get_by_role("link", name="Set up this phone").tap()
    expect(page.locator("#fingerprint")).to_have_text(lan.tls.fingerprint)
    expect(page.locator("#trust-result")).to_contain_text("This phone does not trust Afterword yet.")
    expect(page.get_by_role("link", name="Open Afterword")).to_be_hidden()
    assert errors == []

    # Without the click-through the app does not open at all; the plain-http setup page does,
    # and its check says the same.
    with RestartableServer(lambda: create_setup_app(lan.settings, https_port=lan.server.port)) as setup:
        bare = phone(untrusted_browser, contexts)
        with pytest.raises(Exception, match="ERR_CERT_AUTHORITY_INVALID"):
            bare.new_page().goto(f"{lan.origin}/")
        plain, plain_errors = new_page(bare)
        plain.goto(f"{setup.url(LAN_NAME)}/")
        expect(plain.locator("#trust-result")).to_have_text(
            f"This phone does not trust Afterword yet. Follow the steps above, then check again. {DO_NOT_PROCEED}"
        )
        expect(plain.get_by_role("link", name="Open Afterword")).to_be_hidden()
        assert plain_errors == []
        # A laptop sees both sets of steps; each phone only its own.
        expect(plain.locator("#steps-ios")).to_be_visible()
        expect(plain.locator("#steps-android")).to_be_visible()
        for agent, shown, hidden in (
            (IPHONE, "#steps-ios", "#steps-android"),
            (ANDROID, "#steps-android", "#steps-ios"),
        ):
            steps = phone(untrusted_browser, contexts, user_agent=agent).new_page()
            steps.goto(f"{setup.url(LAN_NAME)}/")
            expect(steps.locator(shown)).to_be_visible()
            expect(steps.locator(hidden)).to_be_hidden()


def test_trusted_phone_is_set_up_then_records_with_the_server_stopped(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    code = issue_signin_code(lan.settings, "Sam")
    context = phone(trusted_browser, contexts)
    page, errors = new_page(context)
    with RestartableServer(lambda: create_setup_app(lan.settings, https_port=lan.server.port)) as setup:
        # A code in a plain-http page could be read by whoever rewrote it: the page never reads one.
        page.goto(f"{setup.url(LAN_NAME)}/#code={code}")
        expect(page.locator("#fingerprint")).to_have_text(lan.tls.fingerprint)
        expect(page.locator("#trust-result")).to_have_text("This phone trusts Afterword.")
        expect(page.locator("#then-sign-in")).to_be_visible()
        assert page.get_by_role("link", name="Open Afterword").get_attribute("href") == f"{lan.origin}/"
    # The second code `afterword pair` shows: the app over https, with the code after the #.
    page.goto(f"{lan.origin}/#code={code}")
    expect(page.locator("#who")).to_have_text("Signed in as Sam")
    assert page.evaluate("location.href") == f"{lan.origin}/", "the code must leave the address bar"
    wait_for_service_worker(page)
    expect(page.locator("#trust-notice")).to_be_hidden()
    cdp = context.new_cdp_session(page)
    problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    cdp.detach()
    # Playwright's contexts are incognito-like; nothing else may stand in the way of installing.
    assert [p["errorId"] for p in problems if p["errorId"] != "in-incognito"] == [], problems

    lan.server.stop()
    page.reload()
    expect(page.locator("#record-screen")).to_be_visible()
    expect(page.locator("#status")).to_contain_text(OFFLINE_SAY)
    expect(page.locator("#trust-notice")).to_be_hidden()
    start_recording(page)
    expect(page.locator("#lock-note")).to_have_text(
        "Locking the phone stops the recording. What you said until then is kept."
    )
    stop_recording(page)
    waiting = page.locator(".outbox-item")
    expect(waiting.locator(".memo-status")).to_have_text("Waiting for network")
    assert outbox_counts(page) == {"items": 1, "recording": 0, "slices": 0}
    sync_tags = "async () => (await (await navigator.serviceWorker.ready).sync.getTags())"
    wait_until(lambda: "afterword-outbox" in page.evaluate(sync_tags), 10, "no Background Sync was asked for")
    page.close()

    # Back in signal, with no page open: only the service worker can send it.
    lan.server.start()
    fire_background_sync(context, lan.origin)
    with api_for(lan, "Sam") as client:
        listing = wait_for_total(client, 1)
        assert listing["total"] == 1, listing
        memo = settled_memo(client, listing["items"][0]["id"])
        assert memo["status"] == "done", memo
        assert_sample_words(memo["transcript"]["text"])
        assert audio_type(client, memo["id"]).startswith("audio/webm")

        again, again_errors = new_page(context)
        again.goto(f"{lan.origin}/")
        expect(again.locator("#memos li[data-memo-id]")).to_have_count(1)
        expect(again.locator(".outbox-item")).to_have_count(0)
        assert outbox_counts(again) == {"items": 0, "recording": 0, "slices": 0}
        assert client.get("/api/memos").json()["total"] == 1
    assert errors == [] and again_errors == []


def test_shared_audio_with_the_server_down_uploads_once_when_it_is_back(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    page, errors = signed_in_page(trusted_browser, contexts, lan, "Sharer")
    action = page.evaluate(
        "fetch('/manifest.webmanifest').then((r) => r.json()).then((m) => m.share_target.action)"
    )
    assert re.fullmatch(r"/share\?key=[\w-]{20,}", action)
    lan.server.stop()
    # What Android's share sheet does: a multipart POST navigation to the manifest's share target.
    page.evaluate(
        """(action) => document.body.insertAdjacentHTML('beforeend',
            `<form id="share" method="post" action="${action}" enctype="multipart/form-data">` +
            '<input type="file" name="audio" id="shared-file"></form>')""",
        action,
    )
    page.locator("#shared-file").set_input_files(SAMPLES / "jfk.m4a")
    page.evaluate("document.getElementById('share').submit()")
    expect(page.locator("#status")).to_contain_text("Shared audio saved on this phone.")
    expect(page.locator(".outbox-item .memo-length")).to_contain_text("jfk.m4a")
    assert outbox_counts(page)["items"] == 1

    lan.server.start()  # the page, still open, tries again by itself
    memo = page.locator("#memos li[data-memo-id]")
    expect(memo.locator(".transcript")).not_to_be_empty(timeout=TRANSCRIPT_TIMEOUT_MS)
    assert_sample_words(memo.locator(".transcript").text_content() or "")
    expect(page.locator(".outbox-item")).to_have_count(0)
    page.reload()
    expect(memo).to_have_count(1)
    with api_for(lan, "Sharer") as client:
        assert client.get("/api/memos").json()["total"] == 1
    assert errors == []


FOREIGN_PAGE = """<!doctype html><form id="plant" method="post" enctype="multipart/form-data">
<input type="file" name="audio" id="file"></form><script>
const form = document.getElementById('plant');
form.action = new URLSearchParams(location.search).get('to');
fetch('planted.m4a').then((r) => r.blob()).then((audio) => {
  const made = new DataTransfer();
  made.items.add(new File([audio], 'planted.m4a', { type: 'audio/mp4' }));
  document.getElementById('file').files = made.files;
  form.submit();
});
</script>"""


def test_a_page_on_another_site_cannot_plant_a_memo(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    page, errors = signed_in_page(trusted_browser, contexts, lan, "Target")
    (tmp_path / "index.html").write_text(FOREIGN_PAGE)
    shutil.copy(SAMPLES / "jfk.m4a", tmp_path / "planted.m4a")  # real speech, that would be kept
    with foreign_site(tmp_path) as origin:
        for to in (f"{lan.origin}/share", f"{lan.origin}/share?key=guessed"):
            # The person, signed in on this phone, opens a link to another site, which at once
            # posts a generated file to Afterword's share target.
            page.goto(f"{origin}/index.html?to={to}")
            page.wait_for_url(re.compile(r"/$"))
            expect(page.locator("#status")).to_contain_text("was refused; nothing was saved")
            assert outbox_counts(page)["items"] == 0
    with api_for(lan, "Target") as client:
        assert client.get("/api/memos").json()["total"] == 0
    assert errors == []


@contextlib.contextmanager
def foreign_site(folder):  # type: ignore[no-untyped-def]
    """Another website: plain http on loopback, a different origin from the phone page's."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_home_screen_app_signs_in_with_a_code_made_on_a_signed_in_phone(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    browser_tab, tab_errors = signed_in_page(trusted_browser, contexts, lan, "Robin")
    assert browser_tab.evaluate("(async () => (await import('/static/recorder.js')).pickMimeType())()") == (
        "audio/webm;codecs=opus"
    )
    assert browser_tab.evaluate(
        "(async () => (await import('/static/recorder.js')).chooseType(true, () => true))()"
    ) == ("audio/mp4")
    browser_tab.get_by_role("button", name="Sign in the home-screen app").tap()
    code = browser_tab.locator("#code")
    expect(code).to_have_text(re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    typed = (code.text_content() or "").lower().replace("-", " ")

    # The installed app: same origin, none of the browser's db.
    app, errors = new_page(phone(trusted_browser, contexts))
    app.goto(f"{lan.origin}/")
    field = app.get_by_label("Sign-in code or pairing link")
    field.fill("ZZZZ-ZZZZ")
    app.get_by_role("button", name="Sign in", exact=True).tap()
    expect(app.locator("#pair-error")).to_contain_text("wrong, used or expired")
    field.fill(typed)  # lower case, a space for the dash: forgiven
    app.get_by_role("button", name="Sign in", exact=True).tap()
    expect(app.locator("#who")).to_have_text("Signed in as Robin")
    expect(app.locator("#pair")).to_be_hidden()

    # A code works once.
    third, _ = new_page(phone(trusted_browser, contexts))
    third.goto(f"{lan.origin}/#code={typed}")
    expect(third.locator("#pair")).to_be_visible()
    expect(third.locator("#pair-error")).to_contain_text("wrong, used or expired")

    # A forced reload (Ctrl+Shift+R) loads the page past its service worker: it says so too.
    cdp = browser_tab.context.new_cdp_session(browser_tab)
    with browser_tab.expect_event("load"):
        cdp.send("Page.reload", {"ignoreCache": True})
    assert browser_tab.evaluate("navigator.serviceWorker.controller") is None
    # The page gives a first visit's worker a few seconds to take control before it says so.
    expect(browser_tab.locator("#trust-notice")).to_contain_text(
        "Offline capture is off for this visit", timeout=15_000
    )
    cdp.detach()
    assert errors == [] and tab_errors == []


def test_plain_http_on_a_lan_name_says_https_is_needed(
    untrusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    with RestartableServer(lambda: create_app(lan.settings, run_worker=False)) as plain:
        page, errors = new_page(phone(untrusted_browser, contexts))
        page.goto(f"{plain.url(LAN_NAME)}/#token={issue_token(lan.settings, 'Plain')}")
        expect(page.locator("#who")).to_have_text("Signed in as Plain")
        notice = page.locator("#trust-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("This page needs https.")
        page.get_by_role("button", name="Record", exact=True).tap()
        expect(page.locator("#status")).to_contain_text("only allow the microphone on https:// pages")
        time.sleep(0.5)  # anything still to go wrong in the page's promises
    assert errors == []
