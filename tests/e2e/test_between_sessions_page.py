"""The between-session screens of the phone page in headless Chromium, against the real server,
worker and model: reflect on a real memo, plan, review at the moment of use, prepare."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.support.factories import issue_token
from tests.support.phone import (
    api,
    horizontal_overflow,
    new_page,
    phone,
    small_targets,
    unnamed_controls,
    upload_sample,
)

pytestmark = pytest.mark.browser

ANSWERS = ("It was never the cotton.", "I grieve plans more than things.", "Say the plan out loud.")


def open_screen(page: Page, name: str, screen: str) -> None:
    page.get_by_role("navigation", name="Screens").get_by_role("button", name=name, exact=True).tap()
    expect(page.locator(f"#{screen}")).to_be_visible()


def assert_usable(context: BrowserContext, page: Page, where: str) -> None:
    unnamed, _ = unnamed_controls(context, page)
    assert unnamed == [], f"controls without an accessible name on {where}: {unnamed}"
    assert small_targets(page) == [], f"small touch targets on {where}"
    width, sticking_out = horizontal_overflow(page)
    assert width <= page.viewport_size["width"], f"{where} scrolls sideways: {sticking_out}"


def test_reflect_plan_review_and_prep_on_the_phone(
    browser: Browser,
    contexts: list[BrowserContext],
    server: str,
    settings: Settings,  # noqa: F811
) -> None:
    token = issue_token(settings, "Alice")
    with api(server, token) as client:
        started = datetime.now(UTC) - timedelta(minutes=65)
        client.post("/api/sessions", json={"starts_at": started.isoformat()})
        upload_sample(client, "librispeech-1995-1837-0001.ogg")
    context = phone(browser, contexts, width=320, height=740)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={token}")

    open_screen(page, "Reflect", "reflect-screen")
    expect(page.locator("#reflect-quote")).to_contain_text("loss of the cotton")
    expect(page.locator("#reflect-transcript")).to_be_hidden()
    assert_usable(context, page, "the reflect screen")
    page.get_by_role("button", name="Peek at what I said").tap()
    expect(page.locator("#reflect-transcript")).to_contain_text("first great sorrow")
    for answer in ANSWERS:
        page.locator("#reflect-answer").fill(answer)
        page.locator("#reflect-next").tap()
    expect(page.locator("#reflect-paragraph")).to_have_text(" ".join(ANSWERS))
    page.get_by_role("switch", name="Share with my partner").tap()
    expect(page.get_by_role("switch", name="Share with my partner")).to_be_checked()
    expect(page.locator("#reflect-share-state")).to_contain_text("Shared. On:")
    page.get_by_label("Kind of plan").select_option("person")
    page.get_by_label("The plan").fill("when Mom calls")
    page.get_by_role("button", name="Add this plan").tap()
    expect(page.locator("#reflect-status")).to_contain_text("Plan added: when Mom calls")

    open_screen(page, "Review", "review-screen")
    page.get_by_label("Words from a plan or a summary").fill("mum cals")
    page.get_by_role("button", name="Find").tap()
    card = page.locator("#review-cards li")
    expect(card).to_have_count(1)
    expect(card.locator(".card-cues")).to_have_text("when Mom calls")
    card.locator(".card-open").tap()
    expect(card.locator(".paragraph")).to_have_text(" ".join(ANSWERS))
    card.get_by_role("button", name="Helped").tap()
    expect(page.locator("#review-status")).to_have_text("Noted: it helped.")
    assert_usable(context, page, "the review screen")

    open_screen(page, "Prep", "prep-screen")
    expect(page.locator("#prep-note")).to_contain_text("What I captured")
    page.get_by_label("This week's focus").fill("noticing the pursue-withdraw loop")
    page.get_by_role("button", name="Set", exact=True).tap()
    expect(page.locator("#prep-status")).to_contain_text("focus is set")
    expect(page.locator("#prep-note")).to_contain_text("when Mom calls → “")
    expect(page.locator("#prep-note")).to_contain_text("re-read 1 time: helped 1")
    expect(page.locator("#prep-note")).to_contain_text("65 minutes after the session")
    page.get_by_label("What got better?").fill("Calls with Mom.")
    page.get_by_role("button", name="Save my answers").tap()
    expect(page.locator("#prep-status")).to_contain_text("Saved")
    assert_usable(context, page, "the prep screen")

    with api(server, token) as client:
        note = client.get("/api/prep").json()
    assert note["focus"] == "noticing the pursue-withdraw loop"
    assert note["questions"][0]["answer"] == "Calls with Mom."
    assert note["summaries"][0]["shared"] is True
    assert errors == []
