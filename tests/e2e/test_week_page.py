"""The week's practices on the phone page in headless Chromium, against the real server, worker
and model: the silent Mark button and what landed, a pattern moment by voice, charge, the Week
screen for a couple (moments, appreciations on the partner's next open, a check-in with its
timer, the repair phrase, the good thing, recall), review with recall first, and a partner's
every screen read for the other's practice."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.support.factories import issue_token
from tests.support.phone import (
    TRANSCRIPT_TIMEOUT_MS,
    api,
    assert_sample_words,
    horizontal_overflow,
    new_page,
    phone,
    small_targets,
    unnamed_controls,
    upload_sample,
    wait_until,
)
from tests.support.waiting import settled_memo

pytestmark = pytest.mark.browser
SCREENS = (
    ("Memos", "record-screen"),
    ("Reflect", "reflect-screen"),
    ("Review", "review-screen"),
    ("Week", "week-screen"),
    ("Prep", "prep-screen"),
)


def open_screen(page: Page, name: str, screen: str) -> None:
    page.get_by_role("navigation", name="Screens").get_by_role("button", name=name, exact=True).tap()
    expect(page.locator(f"#{screen}")).to_be_visible()


def open_panels(page: Page) -> None:
    for summary in page.locator("#week-screen details.panel > summary").all():
        if page.evaluate("(el) => !el.parentElement.open", summary.element_handle()):
            summary.tap()


def assert_usable(context: BrowserContext, page: Page, where: str) -> None:
    unnamed, _ = unnamed_controls(context, page)
    assert unnamed == [], f"controls without an accessible name on {where}: {unnamed}"
    assert small_targets(page) == [], f"small touch targets on {where}"
    width, sticking_out = horizontal_overflow(page)
    assert width <= page.viewport_size["width"], f"{where} scrolls sideways: {sticking_out}"


def test_mark_a_moment_of_the_session_then_record_what_landed_and_a_pattern_moment(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings
) -> None:
    token = issue_token(settings, "Alice")
    context = phone(browser, contexts, width=320, height=740)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={token}")
    page.get_by_role("button", name="Mark", exact=True).tap()
    expect(page.locator("#mark-said")).to_have_text(re.compile(r"Marked \d\d:\d\d\."))
    marked = (page.locator("#mark-said").text_content() or "")[7:12]  # the minute may turn meanwhile
    assert marked in {f"{datetime.now() - timedelta(minutes=back):%H:%M}" for back in (0, 1)}
    expect(page.locator("#marks-prompt")).to_be_hidden()  # nothing asks during the session
    with api(server, token) as client:
        wait_until(lambda: client.get("/api/marks").json()["items"], 10, "the mark never reached the server")

    page.get_by_label("How charged is it? (optional)").select_option("7")
    page.get_by_role("button", name="The pattern showed up").tap()
    expect(page.locator("#moment-record")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#record")).to_be_disabled()
    stop_moment(page)
    expect(page.locator("#status")).to_contain_text("Moment kept on this phone")

    page.reload()  # after the session: the question waits on the Memos screen
    expect(page.locator("#marks-question")).to_have_text(f"You marked {marked}. What landed?")
    assert_usable(context, page, "the Memos screen with a mark waiting")
    page.get_by_label("How charged is it? (optional)").select_option("7")
    page.locator("#marks-open").get_by_role("button", name="Record what landed").tap()
    stop_recording_of(page, page.locator("#marks-open button[aria-pressed]"))
    expect(page.locator("#marks-prompt")).to_be_hidden(timeout=TRANSCRIPT_TIMEOUT_MS)

    with api(server, token) as client:
        mark = client.get("/api/marks").json()["items"][0]
        memo = settled_memo(client, mark["memo_id"])
        assert_sample_words(memo["transcript"]["text"])
        wait_until(
            lambda: client.get("/api/moments").json()["items"][0]["status"] == "done", 90, "no transcript"
        )
        moment = client.get("/api/moments").json()["items"][0]
        assert moment["voice"] and client.get("/api/memos").json()["total"] == 2
        assert_sample_words(moment["text"])
        charges = client.get("/api/prep").json()["practices"]["charges"]
        assert [c["at_capture"] for c in charges] == [7]  # the moment takes no charge; the memo does
    assert errors == []


def stop_moment(page: Page) -> None:
    stop_recording_of(page, page.locator("#moment-record"))


def stop_recording_of(page: Page, button) -> None:  # type: ignore[no-untyped-def]
    """Let the fake microphone speak for five seconds (past "Americans, ask"), then tap the button
    that started it."""
    timer = page.locator("#timer")
    wait_until(lambda: (timer.text_content() or "") >= "00:05", 20, "the timer never reached 5 s")
    button.tap()
    expect(button).to_have_attribute("aria-pressed", "false")


def test_a_couples_week_on_two_phones_and_nothing_of_one_reaches_the_other(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings
) -> None:
    alice, bob = issue_token(settings, "Alice"), issue_token(settings, "Bob")
    with api(server, alice) as a, api(server, bob) as b:
        a.post("/api/partner/invitations", json={"name": "Bob"})
        a.post(
            "/api/sessions", json={"starts_at": (datetime.now(UTC) - timedelta(days=1, hours=1)).isoformat()}
        )
        memo_id = upload_sample(a, "librispeech-1995-1837-0001.ogg")
        insight = a.get(f"/api/memos/{memo_id}").json()["insight"]
        summary = a.put(
            f"/api/insights/{insight['id']}/summary", json={"answers": ["Plans, not cotton."]}
        ).json()
        a.post(f"/api/summaries/{summary['id']}/triggers", json={"situation": "when plans fall through"})
        assert b.get("/api/partner").json()["invitations"] == ["Alice"]

    bob_phone = phone(browser, contexts, width=320, height=740)
    bob_page, bob_errors = new_page(bob_phone)
    bob_page.goto(f"{server}/#token={bob}")
    open_screen(bob_page, "Week", "week-screen")
    bob_page.locator("#partner-panel > summary").tap()
    bob_page.get_by_role("button", name="Accept Alice").tap()
    expect(bob_page.locator("#partner-state")).to_contain_text("Your partner here: Alice.")

    context = phone(browser, contexts, width=320, height=740)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={alice}")
    open_screen(page, "Week", "week-screen")
    open_panels(page)
    assert_usable(context, page, "the Week screen")
    page.get_by_label("What is happening? (or record it on the Memos screen)").fill(
        "Zebra plans fell through"
    )
    page.get_by_role("button", name="Keep this moment").tap()
    moment = page.locator("#moments-list li").first
    expect(moment).to_contain_text("Zebra plans fell through")
    moment.get_by_label("What did I feel?").fill("Zebra small")
    moment.get_by_role("button", name="Save these answers").tap()
    expect(page.locator("#week-status")).to_have_text("Saved. The rest can wait.")

    page.locator("#appreciation-text").fill("you made tea when I came home late")
    page.get_by_role("button", name="Send to my partner").tap()
    expect(page.locator("#week-status")).to_have_text("Sent to Bob.")
    page.locator("#appreciation-text").fill("you're great")
    page.get_by_role("button", name="Keep it to myself").tap()
    expect(page.locator("#appreciation-hint")).to_contain_text("general compliment")

    page.get_by_label("My one question").select_option(index=2)
    page.get_by_role("button", name="Start the timer").tap()
    expect(page.locator("#checkin-asking")).to_contain_text("Your question: Is there something small")
    wait_until(
        lambda: page.locator("#checkin-timer").text_content() <= "09:58", 10, "the timer does not count down"
    )
    page.get_by_role("button", name="End it now").tap()
    page.get_by_label("A line about it, if you like").fill("Zebra laughed")
    page.get_by_role("button", name="Log this check-in").tap()
    expect(page.locator("#checkins-list")).to_contain_text("Zebra laughed")
    page.locator("#checkin-when").fill((datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Plan", exact=True).tap()
    expect(page.locator("#checkins-list")).to_contain_text("Planned")

    page.get_by_label("A phrase to use when conflict starts to sharpen").fill("Can we slow down?")
    page.get_by_role("button", name="Propose to my partner").tap()
    expect(page.locator("#repair-proposal")).to_contain_text("You proposed “Can we slow down?”")
    page.get_by_label("This week we protect").fill("a Zebra walk")
    page.locator("#ritual-form").get_by_role("button", name="Set").tap()
    page.get_by_role("button", name="It happened").tap()
    expect(page.locator("#ritual-times")).to_contain_text("a Zebra walk: ")
    recall = page.locator("#recall-items li").first
    expect(page.locator("#recall-line")).to_contain_text("Day 1 after your session")
    expect(recall.get_by_text("Plans, not cotton.")).to_be_hidden()  # until the try
    recall.get_by_role("button", name="Show what I captured", exact=False).tap()
    expect(recall.get_by_text("Plans, not cotton.")).to_be_visible()
    recall.get_by_role("button", name="Partly").tap()
    expect(recall.get_by_role("button", name="Partly")).to_have_attribute("aria-pressed", "true")

    # Bob: Alice's appreciation on his next open, her proposal to answer, nothing else of hers.
    bob_page.reload()
    expect(bob_page.locator("#received")).to_contain_text("Alice appreciated")
    expect(bob_page.locator("#received-list")).to_have_text("“you made tea when I came home late”")
    bob_page.get_by_role("button", name="Thank you").tap()
    expect(bob_page.locator("#received")).to_be_hidden()
    open_screen(bob_page, "Week", "week-screen")
    bob_page.locator("#repair-panel > summary").tap()
    expect(bob_page.locator("#repair-proposal")).to_contain_text("Your partner proposes “Can we slow down?”")
    bob_page.get_by_role("button", name="Agree to this phrase").tap()
    expect(bob_page.locator("#repair-phrase")).to_have_text(
        "Your repair phrase: “Can we slow down?” (agreed with Alice)"
    )
    texts = []
    for name, screen in SCREENS:
        open_screen(bob_page, name, screen)
        if screen == "week-screen":
            open_panels(bob_page)
        bob_page.wait_for_load_state("networkidle")
        texts.append(bob_page.locator("body").text_content() or "")  # hidden parts too
    seen_by_bob = "\n".join(texts)
    assert "zebra" not in seen_by_bob.lower() and "cotton" not in seen_by_bob
    assert "you made tea when I came home late" in seen_by_bob and "Can we slow down?" in seen_by_bob
    bob_page.reload()
    expect(bob_page.locator("#record-screen")).to_be_visible()
    expect(bob_page.locator("#received")).to_be_hidden()  # shown once

    # Alice's review: the agreed phrase first, recall before reading, then how charged it is.
    open_screen(page, "Review", "review-screen")
    expect(page.locator("#review-repair")).to_have_text("Your repair phrase: “Can we slow down?”")
    card = page.locator("#review-cards li").first
    card.get_by_role("button", name="Try to recall it first").tap()
    expect(card.locator(".recall-wait")).to_be_visible()
    expect(card.locator(".paragraph")).to_be_hidden()
    card.locator(".card-open").tap()
    expect(card.locator(".paragraph")).to_have_text("Plans, not cotton.")
    card.get_by_role("button", name="Recalled").tap()
    expect(page.locator("#review-status")).to_contain_text("Every try counts")
    card.get_by_role("button", name="Helped").tap()
    card.get_by_label("How charged does it feel now?").select_option("4")
    expect(page.locator("#review-status")).to_have_text("Noted: 4 out of 10.")
    assert_usable(context, page, "the Review screen")

    open_screen(page, "Prep", "prep-screen")
    note = page.locator("#prep-note")
    for heading in (
        "When the pattern showed up",
        "What I felt",
        "Appreciations",
        "Check-ins",
        "What we protected",
        "Recall and charge",
        "About the practices",
    ):
        expect(note.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(note).to_contain_text("partly (day 1), recalled (before reading it again)")
    expect(note).to_contain_text("then 4 when re-read")
    assert errors == [] and bob_errors == []
