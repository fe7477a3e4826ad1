"""A day away from home, on the LAN-phone fixture: https on a name that is not localhost, a real
CA chain, and the server really stopped for "no signal". Review works from the copy the phone
keeps; re-readings queued there arrive once; signing out leaves nothing of the person's words;
a partner's shared summary reaches the partner's phone and nobody else's."""

import re
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from afterword.reflect.review import match_cards
from afterword.store.db import open_database
from afterword.store.enums import TriggerKind
from afterword.store.models import Review
from afterword.store.tokens import revoke_token_by_prefix, token_views
from afterword.store.views.review import Card, Cue
from tests.support.factories import issue_token
from tests.support.lan import LanServer, fire_background_sync
from tests.support.phone import (
    api,
    horizontal_overflow,
    new_page,
    phone,
    small_targets,
    unnamed_controls,
    upload_sample,
    wait_for_service_worker,
    wait_until,
)

pytestmark = pytest.mark.browser

ANSWERS = ("It was never the cotton.", "I grieve plans more than things.", "Say the plan out loud.")
PARAGRAPH = " ".join(ANSWERS)

# Everything the page's origin keeps: every IndexedDB database's records, and every cached body.
STORED_TEXT = """async () => {
    const texts = [];
    for (const { name, version } of await indexedDB.databases()) {
        const db = await new Promise((ok, no) => {
            const r = indexedDB.open(name, version); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error);
        });
        for (const store of db.objectStoreNames) {
            const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
            for (const record of all) {
                texts.push(JSON.stringify(record, (k, v) => (v instanceof ArrayBuffer ? new TextDecoder().decode(v) : v)));
            }
        }
        db.close();
        texts.push(`database ${name}`);
    }
    for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        for (const request of await cache.keys()) texts.push(await (await cache.match(request)).text());
    }
    return texts.join('\\n');
}"""


def signed_in(
    browser: Browser, contexts: list[BrowserContext], lan: LanServer, token: str, width: int = 390
) -> Page:
    page, errors = new_page(phone(browser, contexts, width=width))
    page.goto(f"{lan.origin}/#token={token}")
    expect(page.locator("#who")).to_contain_text("Signed in as")
    wait_for_service_worker(page)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def assert_usable(page: Page, where: str) -> None:
    unnamed, _ = unnamed_controls(page.context, page)
    assert unnamed == [], f"controls without an accessible name on {where}: {unnamed}"
    assert small_targets(page) == [], f"small touch targets on {where}"
    width, sticking_out = horizontal_overflow(page)
    assert width <= page.viewport_size["width"], f"{where} scrolls sideways: {sticking_out}"  # type: ignore[index]


def open_screen(page: Page, name: str, screen: str) -> None:
    page.get_by_role("navigation", name="Screens").get_by_role("button", name=name, exact=True).tap()
    expect(page.locator(f"#{screen}")).to_be_visible()


def summarised(client: httpx.Client, *answers: str, shared: bool = False) -> dict[str, Any]:
    memo_id = upload_sample(client, "librispeech-1995-1837-0001.ogg")
    insight = client.get(f"/api/memos/{memo_id}").json()["insight"]
    summary = client.put(f"/api/insights/{insight['id']}/summary", json={"answers": list(answers)}).json()
    if shared:
        assert client.patch(f"/api/summaries/{summary['id']}", json={"shared": True}).status_code == 200
    return dict(summary)


def reviews_of(lan: LanServer) -> list[Review]:
    db = open_database(lan.settings)
    try:
        with db.read() as session:
            return list(session.scalars(select(Review)))
    finally:
        db.close()


def test_review_with_the_server_stopped_then_the_re_reading_arrives_once(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    token = issue_token(lan.settings, "Alice")
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        summary = summarised(client, *ANSWERS)
        client.post(f"/api/summaries/{summary['id']}/triggers", json={"person": "when Mom calls"})
        client.put("/api/focus", json={"text": "noticing the loop"})
    page = signed_in(trusted_browser, contexts, lan, token)
    open_screen(page, "Review", "review-screen")
    expect(page.locator("#review-copy-note")).to_contain_text("Saved on this phone, updated today")

    lan.server.stop()
    page.reload()  # the service worker starts the page with no server
    open_screen(page, "Review", "review-screen")  # tap 1
    expect(page.locator("#review-copy-note")).to_contain_text(
        "No connection. Reviewing what is saved on this phone"
    )
    expect(page.locator("#review-focus")).to_have_text("This week's focus: noticing the loop")
    card = page.locator("#review-cards li")
    expect(card).to_have_count(1)  # with no words: every summary
    page.get_by_label("Words from a plan or a summary").fill("greive")  # misspelt
    page.get_by_role("button", name="Find").tap()
    expect(card).to_have_count(1)
    page.get_by_label("Words from a plan or a summary").fill("zebra")
    page.get_by_role("button", name="Find").tap()
    expect(card).to_have_count(0)
    page.get_by_label("Words from a plan or a summary").fill("mum cals")
    page.get_by_role("button", name="Find").tap()
    expect(card.locator(".card-cues")).to_have_text("when Mom calls")
    read_at = datetime.now(UTC)
    card.locator(".card-open").tap()  # tap 2: the paragraph
    expect(card.locator(".paragraph")).to_have_text(PARAGRAPH)
    card.get_by_role("button", name="Helped").tap()
    expect(page.locator("#review-status")).to_contain_text("Noted: it helped. Saved on this phone")
    expect(page.locator(".outbox-item")).to_have_count(0)  # a re-reading is not a memo
    time.sleep(3)  # the page's own retries find no server meanwhile
    assert reviews_of(lan) == []

    errors, context = page.errors, page.context  # type: ignore[attr-defined]
    page.close()
    back_at = datetime.now(UTC)
    lan.server.start()
    fire_background_sync(context, lan.origin)  # no page open: only the service worker sends it
    wait_until(lambda: [r.answer for r in reviews_of(lan)] == ["helped"], 30, "the re-reading never arrived")
    again, again_errors = new_page(context)
    again.goto(f"{lan.origin}/")  # the page sends what is left in its outbox on load
    expect(again.locator("#who")).to_contain_text("Signed in as Alice")
    fire_background_sync(context, lan.origin)
    time.sleep(3)
    logged = reviews_of(lan)
    assert len(logged) == 1, logged
    assert read_at - timedelta(seconds=5) < logged[0].reviewed_at < back_at, "logged at the phone's time"
    assert str(logged[0].trigger_id) == client_trigger(lan, token)
    assert errors == [] and again_errors == []


def client_trigger(lan: LanServer, token: str) -> str:
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        return str(client.get("/api/triggers").json()[0]["id"])


def test_sign_out_and_a_revoked_pairing_wipe_the_copy(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    token = issue_token(lan.settings, "Alice")
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        summarised(client, *ANSWERS)
    page = signed_in(trusted_browser, contexts, lan, token)
    open_screen(page, "Review", "review-screen")
    expect(page.locator("#review-copy-note")).to_contain_text("Saved on this phone")
    assert "never the cotton" in page.evaluate(STORED_TEXT)  # it is there, so the check can fail

    open_screen(page, "Settings", "settings-screen")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out this phone").tap()
    expect(page.locator("#pair")).to_be_visible()
    stored = page.evaluate(STORED_TEXT)
    assert "never the cotton" not in stored and "grieve" not in stored
    assert "database afterword-copy" not in stored

    # Signed in again, then the pairing revoked on the computer: the next answer wipes it.
    again = issue_token(lan.settings, "Alice")
    page.get_by_label("Sign-in code or pairing link").fill(f"{lan.origin}/#token={again}")
    page.get_by_role("button", name="Sign in", exact=True).tap()
    open_screen(page, "Review", "review-screen")
    expect(page.locator("#review-copy-note")).to_contain_text("Saved on this phone")
    assert "never the cotton" in page.evaluate(STORED_TEXT)
    revoke_all(lan)
    page.reload()
    expect(page.locator("#pair-revoked")).to_be_visible()
    wait_until(
        lambda: "never the cotton" not in page.evaluate(STORED_TEXT), 10, "the copy outlived the pairing"
    )

    # Someone else signs this phone in, without Alice signing out: her copy is not theirs.
    page.get_by_label("Sign-in code or pairing link").fill(
        f"{lan.origin}/#token={issue_token(lan.settings, 'Alice')}"
    )
    page.get_by_role("button", name="Sign in", exact=True).tap()
    open_screen(page, "Review", "review-screen")
    wait_until(lambda: "never the cotton" in page.evaluate(STORED_TEXT), 10, "no copy for Alice again")
    bob = issue_token(lan.settings, "Bob")
    lan.server.stop()  # so that nothing of Bob's could replace it: only the sign-in removes it
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.goto(f"{lan.origin}/?again#token={bob}")
    open_screen(page, "Review", "review-screen")
    expect(page.locator("#review-status")).to_contain_text("Nothing is saved on this phone yet")
    expect(page.locator("#review-cards li")).to_have_count(0)
    assert asked == ["Sign out Alice and sign in as the person this link is for?"]  # asked first
    stored = page.evaluate(STORED_TEXT)
    assert "never the cotton" not in stored and "grieve" not in stored


def revoke_all(lan: LanServer) -> None:
    db = open_database(lan.settings)
    try:
        for view in token_views(db):
            if view.revoked_at is None:
                revoke_token_by_prefix(db, id_prefix=str(view.id))
    finally:
        db.close()


def test_a_partners_shared_summary_on_the_other_phone_and_nothing_on_a_third(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    alice, bob, carol = (issue_token(lan.settings, name) for name in ("Alice", "Bob", "Carol"))
    with (
        api(lan.server.url(), alice, ca=lan.tls.ca) as a,
        api(lan.server.url(), bob, ca=lan.tls.ca) as b,
    ):
        a.post("/api/partner/invitations", json={"name": "Bob"})
        b.post("/api/partner/accept", json={"name": "Alice"})
        summarised(a, *ANSWERS, shared=True)
        a.post("/api/appreciations", json={"text": "you made tea when I came home late", "send": True})

    bob_page = signed_in(trusted_browser, contexts, lan, bob, width=320)
    open_screen(bob_page, "Review", "review-screen")
    shared = bob_page.locator("#review-partner")
    expect(shared).to_contain_text("From Alice")
    expect(shared).to_contain_text(PARAGRAPH)
    expect(shared).to_contain_text("you made tea when I came home late")
    assert_usable(bob_page, "Review with what the partner shared")
    expect(bob_page.locator("#review-cards li")).to_have_count(0)  # her summary is not his card
    open_screen(bob_page, "Prep", "prep-screen")
    expect(bob_page.locator("#prep-partner")).to_contain_text(PARAGRAPH)
    lan.server.stop()
    bob_page.reload()
    open_screen(bob_page, "Review", "review-screen")
    bob_page.get_by_label("Words from a plan or a summary").fill("cottn")
    bob_page.get_by_role("button", name="Find").tap()
    expect(shared).to_contain_text(PARAGRAPH)  # from his copy, with no signal
    lan.server.start()

    carol_page = signed_in(trusted_browser, contexts, lan, carol)
    for name, screen in (("Review", "review-screen"), ("Prep", "prep-screen")):
        open_screen(carol_page, name, screen)
        expect(carol_page.locator(f"#{screen}")).not_to_contain_text("cotton")
        expect(carol_page.locator(f"#{screen}")).not_to_contain_text("tea when I came home")
    expect(carol_page.locator("#review-partner")).to_be_hidden()
    stored = carol_page.evaluate(STORED_TEXT)
    assert "cotton" not in stored and "tea when I came home" not in stored
    assert bob_page.errors == [] and carol_page.errors == []  # type: ignore[attr-defined]


def test_sharing_is_a_switch_named_for_the_partner_and_each_item_can_be_taken_back(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    alice, bob = issue_token(lan.settings, "Alice"), issue_token(lan.settings, "Bob")
    with (
        api(lan.server.url(), alice, ca=lan.tls.ca) as a,
        api(lan.server.url(), bob, ca=lan.tls.ca) as b,
    ):
        a.post("/api/partner/invitations", json={"name": "Bob"})
        b.post("/api/partner/accept", json={"name": "Alice"})
        summarised(a, "An older one, shared.", shared=True)
        a.post("/api/appreciations", json={"text": "you made tea when I came home late", "send": True})
        upload_sample(a, "jfk.m4a")  # waits on the Reflect screen

    page = signed_in(trusted_browser, contexts, lan, alice, width=320)
    open_screen(page, "Reflect", "reflect-screen")
    expect(page.locator("#reflect-quote")).to_contain_text("fellow Americans")
    expect(page.locator("#reflect-count")).not_to_be_empty()
    for answer in ANSWERS:
        page.locator("#reflect-answer").fill(answer)
        page.locator("#reflect-next").tap()
    switch = page.get_by_role("switch", name="Share with Bob")
    expect(switch).not_to_be_checked()
    expect(page.locator("#reflect-share-state")).to_have_text("Off: only you can read it.")
    switch.tap()
    expect(switch).to_be_checked()
    said = page.locator("#reflect-share-state")
    expect(said).to_have_text("Shared. On: Bob can read it on their Prep and Review.")
    expect(said).to_be_in_viewport()  # said where the person tapped, not below the screen
    assert_usable(page, "the Reflect screen's share switch")
    page.get_by_label("Day").select_option("thu")  # a weekday and a time picker, not free text
    page.get_by_label("Time").fill("08:00")
    page.get_by_role("button", name="Add this plan").tap()
    expect(page.locator("#reflect-status")).to_contain_text("every Thu 08:00 until the next session")
    page.get_by_role("button", name="Set the next session").tap()  # a plan with no end offers it
    expect(page.locator("#prep-screen")).to_be_visible()
    expect(page.locator("#session-when")).to_be_focused()

    open_screen(page, "Week", "week-screen")
    page.locator("#sharing-panel > summary").tap()
    listed = page.locator("#sharing-list")
    expect(listed.get_by_role("switch")).to_have_count(2)
    assert_usable(page, "What I share")
    expect(listed).to_contain_text("“you made tea when I came home late” (sent to Bob)")
    older_item = listed.locator("li", has_text="loss of the cotton")
    older = older_item.get_by_role("switch", name=re.compile("^Share with Bob: “It was not so much"))
    expect(older).to_be_checked()
    older.tap()
    expect(older).not_to_be_checked()
    expect(older_item).to_contain_text("Taken back. Off: only you can read it.")
    listed.get_by_role("button", name="Take back “you made tea when I came home late”").tap()
    expect(listed).to_contain_text("Taken back: Bob no longer sees it.")

    bob_page = signed_in(trusted_browser, contexts, lan, bob)
    open_screen(bob_page, "Review", "review-screen")
    shared = bob_page.locator("#review-partner")
    expect(shared).to_contain_text(PARAGRAPH)
    expect(shared).not_to_contain_text("An older one")
    expect(shared).not_to_contain_text("tea when I came home")
    assert page.errors == [] and bob_page.errors == []  # type: ignore[attr-defined]


CARDS = [
    ("It was never the cotton", "I grieve plans more than things.", [("person", "when Mom calls")]),
    ("The boss email", "Read it twice, answer tomorrow.", [("situation", "boss emails late at night")]),
    ("Sunday dinners", "I can leave early; leaving is not a fight.", [("time", "Sun 18:00")]),
    ("Grief comes in waves", "Let the wave pass; it's not the whole sea.", []),
]
TYPED = ["greive", "mum cals", "bos emial", "sunday", "leav erly", "wave sea", "zebra", "the", "plans", "its"]


def test_the_phones_matching_is_the_servers(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    """The copy is searched by match.js with no signal: it finds what the server would."""
    page = signed_in(trusted_browser, contexts, lan, issue_token(lan.settings, "Alice"))
    cards = [
        Card(
            uuid.uuid4(),
            headline,
            paragraph,
            datetime.now(UTC),
            tuple(Cue(uuid.uuid4(), TriggerKind(kind), text, None, None) for kind, text in cues),
        )
        for headline, paragraph, cues in CARDS
    ]
    as_json = [
        {
            "summary_id": str(c.summary_id),
            "headline": c.headline,
            "paragraph": c.paragraph,
            "cues": [{"trigger_id": str(q.trigger_id), "kind": q.kind.value, "text": q.text} for q in c.cues],
        }
        for c in cards
    ]
    on_phone = page.evaluate(
        """async ([cards, typed]) => {
            const { matchCards } = await import('/static/match.js');
            return typed.map((words) => matchCards(cards, words)
                .map((m) => [m.card.summary_id, m.cue ? m.cue.trigger_id : null, Math.round(m.score * 1000)]));
        }""",
        [as_json, TYPED],
    )
    on_server = [
        [
            [str(m.card.summary_id), str(m.cue.trigger_id) if m.cue else None, round(m.score * 1000)]
            for m in match_cards(cards, words)
        ]
        for words in TYPED
    ]
    assert on_phone == on_server
    assert any(on_server) and [] in on_server  # both finds and misses were compared


def weekly_until(ics: str) -> list[datetime | None]:
    """Each weekly series' UNTIL in the feed (None: it runs on)."""
    calendar = icalendar.Calendar.from_ical(ics)
    rules = [event.get("RRULE") for event in calendar.walk("VEVENT") if event.get("RRULE")]
    return [(rule.get("UNTIL") or [None])[0] for rule in rules]


def test_a_session_added_on_the_phone_ends_the_weekly_plan_in_the_feed(
    trusted_browser: Browser, contexts: list[BrowserContext], lan: LanServer
) -> None:
    token = issue_token(lan.settings, "Alice")
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        summary = summarised(client, *ANSWERS)
        client.post(f"/api/summaries/{summary['id']}/triggers", json={"when": "thu 08:00"})
        assert weekly_until(client.get("/api/triggers.ics").text) == [None]
        page = signed_in(trusted_browser, contexts, lan, token, width=320)
        open_screen(page, "Prep", "prep-screen")
        expect(page.locator("#next-session")).to_have_text("No next session on record.")
        notice = page.locator("#open-plans")
        expect(notice).to_contain_text("every Thu 08:00: no end yet")
        notice.get_by_role("button", name="Set the next session").tap()
        expect(page.locator("#session-when")).to_be_focused()

        coming = (datetime.now() + timedelta(days=3)).replace(hour=16, minute=0, second=0, microsecond=0)
        page.locator("#session-when").fill(coming.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_role("button", name="Add", exact=True).tap()
        day = coming.strftime("%A")
        expect(page.locator("#sessions-status")).to_contain_text("Session on")
        expect(page.locator("#next-session")).to_contain_text(f"Next session: {day}")
        expect(page.locator("#next-session")).to_contain_text("16:00")
        expect(notice).to_be_hidden()
        assert_usable(page, "the sessions on Prep")
        (until,) = weekly_until(client.get("/api/triggers.ics").text)
        assert until is not None and until.replace(tzinfo=None) == coming

        # The appointment moved an hour later; then it was cancelled.
        session = page.locator("#sessions-list li").first
        session.get_by_role("button", name=re.compile("^Move the session of")).tap()
        moved = coming + timedelta(hours=1)
        page.locator("#session-when").fill(moved.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_role("button", name="Move it here").tap()
        expect(page.locator("#next-session")).to_contain_text("17:00")
        (until,) = weekly_until(client.get("/api/triggers.ics").text)
        assert until is not None and until.replace(tzinfo=None) == moved
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator("#sessions-list li").first.get_by_role(
            "button", name=re.compile("^Remove the session of")
        ).tap()
        expect(page.locator("#next-session")).to_have_text("No next session on record.")
        expect(notice).to_be_visible()
        assert weekly_until(client.get("/api/triggers.ics").text) == [None]
        assert client.get("/api/sessions").json() == []
    assert page.errors == []  # type: ignore[attr-defined]
