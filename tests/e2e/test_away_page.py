"""The phone page, away from home, in headless Chromium against the real server and model: the
tab bar keeps each word whole at 320 px, Enter skips a question, a calendar event's link opens
that plan's review, and the Settings screen chooses what reminders show."""

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.support.factories import issue_token
from tests.support.phone import api, new_page, phone, upload_sample

pytestmark = pytest.mark.browser


def open_screen(page: Page, name: str, screen: str) -> None:
    page.get_by_role("navigation", name="Screens").get_by_role("button", name=name, exact=True).tap()
    expect(page.locator(f"#{screen}")).to_be_visible()


def broken_tabs(page: Page) -> list[str]:
    """Tab labels that wrap onto a second line or stick out of their button."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#screens-nav button')].filter((button) => {
            const range = document.createRange();
            range.selectNodeContents(button);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return lines.size !== 1 || button.scrollWidth > button.clientWidth;
        }).map((button) => button.textContent)"""
    )


def test_a_day_away_tabs_enter_and_a_calendar_link(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings
) -> None:
    token = issue_token(settings, "Alice")
    with api(server, token) as client:
        upload_sample(client)
        context = phone(browser, contexts, width=320, height=740)
        page, errors = new_page(context)
        page.goto(f"{server}/#token={token}")
        expect(page.locator("#screens-nav")).to_be_visible()
        assert broken_tabs(page) == []

        open_screen(page, "Reflect", "reflect-screen")
        answer = page.locator("#reflect-answer")
        expect(page.locator("#reflect-count")).to_have_text("Question 1 of 3")
        answer.fill("Ask what I can do.")
        answer.press("Enter")
        expect(page.locator("#reflect-count")).to_have_text("Question 2 of 3")
        answer.press("Enter")  # nothing typed: skipped, as the intro says
        expect(page.locator("#reflect-count")).to_have_text("Question 3 of 3")
        answer.fill("Serve the room.")
        answer.press("Enter")  # the last question: saved
        expect(page.locator("#reflect-paragraph")).to_have_text("Ask what I can do. Serve the room.")

        summary = client.get("/api/summaries").json()[0]
        plan = client.post(f"/api/summaries/{summary['id']}/triggers", json={"situation": "when Mom calls"})
        assert plan.status_code == 201, plan.text

        # The calendar event's link, opened from the calendar app: straight to the review.
        linked, linked_errors = new_page(context)
        linked.goto(f"{server}/#review/{summary['id']}")
        expect(linked.locator("#review-screen")).to_be_visible()
        card = linked.locator("#review-cards li")
        expect(card.locator(".paragraph")).to_have_text("Ask what I can do. Serve the room.")
        expect(card.locator(".card-open")).to_have_attribute("aria-expanded", "true")
        assert "#review" not in linked.url

        open_screen(linked, "Settings", "settings-screen")
        reminders = linked.get_by_label("What an alarm and an event title show on the lock screen")
        expect(reminders).to_have_value("discreet")
        reminders.select_option("headline")
        expect(linked.locator("#settings-status")).to_contain_text("the headline")
        assert client.get("/api/reminders").json() == {"show": "headline"}
        assert errors == [] and linked_errors == []
