"""Your words on the phone page, in headless Chromium against the real server, worker and model:
tap a sentence and hear exactly it, correct a part while it plays, keep a vocabulary, and a memo
of noise that is told apart kindly."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from afterword.settings import Settings
from tests.support.factories import issue_token, wav_bytes
from tests.support.noise import pink_noise
from tests.support.phone import (
    TRANSCRIPT_TIMEOUT_MS,
    api,
    horizontal_overflow,
    new_page,
    phone,
    save_screenshot,
    small_targets,
    unnamed_controls,
    upload_sample,
    wait_until,
)
from tests.support.waiting import settled_memo

pytestmark = pytest.mark.browser

SAMPLE = "ami-abbie.wav"  # tiny.en: "I'm Abigail Klafflin. You can call me Abi."
CORRECTED = "I'm Abigail Claflin. You can call me Abbie."


def player(page: Page) -> dict | None:
    """The page's media element: paused or not, and where it is."""
    return page.evaluate(
        "() => { const a = document.getElementById('player');"
        " return a && { paused: a.paused, time: a.currentTime }; }"
    )


def times_while_playing(page: Page, start: float) -> list[float]:
    """currentTime, sampled from the moment it plays until it stops by itself."""
    wait_until(lambda: (p := player(page)) and not p["paused"] and p["time"] > start, 20, "it never played")
    seen = []
    while (state := player(page)) and not state["paused"]:
        seen.append(state["time"])
    seen.append(player(page)["time"])  # type: ignore[index]
    return seen


def assert_usable(context: BrowserContext, page: Page, where: str) -> None:
    unnamed, _ = unnamed_controls(context, page)
    assert unnamed == [], f"controls without an accessible name on {where}: {unnamed}"
    assert small_targets(page) == [], f"small touch targets on {where}"
    width, sticking_out = horizontal_overflow(page)
    assert width <= page.viewport_size["width"], f"{where} scrolls sideways: {sticking_out}"


def test_tap_a_sentence_to_hear_it_then_correct_a_part_while_it_plays(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings, tmp_path: Path
) -> None:
    token = issue_token(settings, "Alice")
    with api(server, token) as client:
        memo_id = upload_sample(client, SAMPLE)
        sentences = client.get(f"/api/memos/{memo_id}").json()["transcript"]["sentences"]
    context = phone(browser, contexts, width=320, height=740)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={token}")
    memo = page.locator(f"#memos li[data-memo-id='{memo_id}']")
    expect(memo.locator(".transcript")).not_to_be_empty(timeout=TRANSCRIPT_TIMEOUT_MS)
    memo.locator(".memo-summary").tap()
    buttons = memo.locator(".sentence")
    expect(buttons).to_have_count(2)
    expect(buttons.nth(1)).to_have_accessible_name("Hear again: You can call me Abi.")
    assert_usable(context, page, "an open memo with its sentences")

    second = sentences[1]
    buttons.nth(1).tap()
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(buttons.nth(1).locator(".word.said")).to_have_count(1, timeout=10_000)  # the words follow
    seen = times_while_playing(page, second["start"])
    assert all(second["start"] <= t <= second["end"] + 0.1 for t in seen), (second, seen)
    assert seen[-1] >= second["end"] - 0.1, "it stopped before the sentence ended"
    print(
        f"\nsentence 2 spans {second['start']}-{second['end']} s; played {seen[0]:.2f}-{seen[-1]:.2f} s ({len(seen)} looks)"
    )
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "false")
    expect(memo.locator(".word.said")).to_have_count(0)

    memo.get_by_role("button", name="Correct the transcript").tap()
    part = memo.locator(".segment-edit").first
    segment = client_segment(server, token, memo_id)
    part.locator("textarea").tap()  # starting to edit plays the part
    played = times_while_playing(page, segment["start"])
    assert all(segment["start"] <= t <= segment["end"] + 0.1 for t in played), (segment, played)
    part.locator("textarea").fill(CORRECTED)
    part.get_by_role("button", name="Save").tap()
    expect(memo.locator(".audio-note")).to_have_text("Saved: part 1 is now version 1.")
    expect(memo.locator(".segment-edit .heard-note").first).to_contain_text(
        "The model heard: “I'm Abigail Klafflin."
    )
    expect(memo.locator(".sentence").nth(1)).to_have_text("You can call me Abbie.")
    expect(memo.locator(".corrected-note")).to_be_visible()
    assert_usable(context, page, "the corrector")
    save_screenshot(page, tmp_path, "phone-your-words-320.png")
    with api(server, token) as client:
        shown = client.get(f"/api/memos/{memo_id}").json()
    assert shown["transcript"]["text"] == CORRECTED
    assert shown["transcript"]["segments"][0]["version"] == 1
    assert errors == []


def client_segment(server: str, token: str, memo_id: str) -> dict:
    with api(server, token) as client:
        return client.get(f"/api/memos/{memo_id}").json()["transcript"]["segments"][0]


def test_your_words_in_settings_and_a_memo_of_noise(
    browser: Browser, contexts: list[BrowserContext], server: str, settings: Settings, tmp_path: Path
) -> None:
    token = issue_token(settings, "Alice")
    with api(server, token) as client:
        noise = client.post(
            "/api/memos", content=wav_bytes(pink_noise(6)), headers={"Content-Type": "audio/wav"}
        )
        memo_id = noise.json()["id"]
        assert settled_memo(client, memo_id)["status"] == "no_speech"
    context = phone(browser, contexts, width=320, height=740)
    page, errors = new_page(context)
    page.goto(f"{server}/#token={token}")

    memo = page.locator(f"#memos li[data-memo-id='{memo_id}']")
    expect(memo.locator(".memo-status")).to_have_text("No speech heard", timeout=TRANSCRIPT_TIMEOUT_MS)
    expect(memo.locator(".advice")).to_contain_text("closer to your mouth")
    expect(memo.locator(".headline")).to_be_empty()
    memo.get_by_role("button", name="Listen").tap()
    wait_until(
        lambda: (p := player(page)) and not p["paused"] and p["time"] > 0, 20, "the noise never played"
    )
    with page.expect_response(
        lambda response: response.url.endswith(f"/api/memos/{memo_id}/retry")
    ) as retried:
        memo.get_by_role("button", name="Try again").tap()
    assert retried.value.status == 202
    expect(memo.locator(".memo-status")).to_have_text("No speech heard", timeout=TRANSCRIPT_TIMEOUT_MS)
    assert_usable(context, page, "a memo with no speech heard")
    save_screenshot(page, tmp_path, "phone-no-speech-320.png")

    page.get_by_role("navigation", name="Screens").get_by_role("button", name="Settings").tap()
    expect(page.locator("#settings-screen")).to_be_visible()
    for word in ("Claflin", "Dr. Okonkwo"):
        page.get_by_label("A name or word").fill(word)
        page.get_by_role("button", name="Add", exact=True).tap()
        expect(page.locator("#settings-status")).to_contain_text(f"Added “{word}”")
    expect(page.locator("#words-list li")).to_have_count(2)
    page.get_by_role("button", name="Remove Claflin").tap()
    expect(page.locator("#settings-status")).to_have_text("Removed “Claflin”.")
    assert_usable(context, page, "the settings screen")
    save_screenshot(page, tmp_path, "phone-settings-320.png")
    with api(server, token) as client:
        assert [w["word"] for w in client.get("/api/words").json()["items"]] == ["Dr. Okonkwo"]

    page.get_by_role("navigation", name="Screens").get_by_role("button", name="Memos").tap()
    page.once("dialog", lambda dialog: dialog.accept())
    memo.locator(".memo-summary").tap()
    memo.get_by_role("button", name="Delete").tap()
    expect(memo).to_have_count(0)
    assert errors == []
