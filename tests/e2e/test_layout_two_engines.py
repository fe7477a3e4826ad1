"""The phone page's layout at 320 and 390 px wide, upright and on its side, in both engines,
compared by element boxes rather than pixels: nothing sticks out sideways, a memo's lines never
overlap (WebKit drew the status line over the transcript after landscape → portrait), and the
blocks sit where Chromium puts them. The boxes and screenshots are kept in tests/e2e/artifacts.
"""

import json
from typing import Any

import pytest

from tests.support.engines import Phone, wait_text, wait_until
from tests.support.factories import issue_token
from tests.support.lan import LanServer
from tests.support.phone import ARTIFACTS, api, upload_sample

pytestmark = [pytest.mark.browser, pytest.mark.webkit]

# Phones held upright and on their side; each size follows the other orientation of the last.
SIZES = [(568, 320), (320, 568), (844, 390), (390, 844)]
BLOCKS = ["header", "#screens-nav", "#record", "#status", "#memos", "#memos li.memo"]
MEMO = "#memos li.memo"
# Every box in the page, the memo's rows, and what sticks out past the right edge.
MEASURE = """(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const blocks = {};
    for (const selector of args[0]) { const el = document.querySelector(selector); if (el && shown(el)) blocks[selector] = box(el); }
    const memo = document.querySelector(args[1]);
    // The card's lines top to bottom: the summary's own lines, then what follows it.
    const lines = [...memo.querySelector('.memo-summary').children, ...Array.from(memo.children).slice(1)];
    const rows = lines.filter(shown).map((el) => ({name: el.className, ...box(el)}));
    const outside = Array.from(document.querySelectorAll('body *'))
        .filter((el) => shown(el) && el.getBoundingClientRect().right > innerWidth + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
    return {viewport: [innerWidth, innerHeight], scrollWidth: document.documentElement.scrollWidth, blocks, rows, outside};
})()"""


def measure(phone: Phone, width: int, height: int) -> dict[str, Any]:
    phone.resize(width, height)
    phone.js("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return dict(phone.js(MEASURE, BLOCKS, MEMO))


def overlaps(rows: list[dict[str, Any]]) -> list[str]:
    """Rows of a memo card drawn over the one above them."""
    return [
        f"{below['name']} starts {above['y'] + above['height'] - below['y']:.1f} px inside {above['name']}"
        for above, below in zip(rows, rows[1:], strict=False)
        if below["y"] < above["y"] + above["height"] - 0.5
    ]


def populated(make_phone, engine: str, lan: LanServer, token: str) -> Phone:  # type: ignore[no-untyped-def]
    phone = make_phone(engine)
    phone.goto(f"{lan.origin}/#token={token}")
    wait_text(phone, "#who", "Signed in as Layout")
    wait_until(
        lambda: (phone.js(f"document.querySelector('{MEMO} .transcript')?.textContent") or "").strip(),
        "no transcript",
    )
    return phone


def open_memo(phone: Phone) -> None:
    phone.click(f"{MEMO} .memo-summary")
    wait_until(
        lambda: phone.js(f"document.querySelector('{MEMO}').classList.contains('expanded')"), "never opened"
    )


def test_layout_at_320_and_390_upright_and_on_its_side_in_both_engines(make_phone, lan: LanServer) -> None:  # type: ignore[no-untyped-def]
    token = issue_token(lan.settings, "Layout")
    with api(lan.server.url(), token, ca=lan.tls.ca) as client:
        upload_sample(client)
    measured: dict[str, dict[str, Any]] = {}
    for engine in ("chromium", "webkit"):
        phone = populated(make_phone, engine, lan, token)
        for state in ("closed", "open"):
            if state == "open":
                open_memo(phone)
            for width, height in SIZES:
                found = measure(phone, width, height)
                where = f"{engine} at {width}x{height}, the memo {state}"
                assert found["viewport"] == [width, height], where
                assert found["scrollWidth"] <= width and found["outside"] == [], (
                    f"{where} scrolls sideways: {found}"
                )
                assert overlaps(found["rows"]) == [], f"{where}: {found['rows']}"
                measured[f"{engine} {width}x{height} {state}"] = found
        assert phone.console_errors() == [], engine
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "layout-boxes.json").write_text(json.dumps(measured, indent=1))

    for width, height, state in [(w, h, state) for w, h in SIZES for state in ("closed", "open")]:
        chromium, webkit = (
            measured[f"chromium {width}x{height} {state}"],
            measured[f"webkit {width}x{height} {state}"],
        )
        assert chromium["blocks"].keys() == webkit["blocks"].keys(), (width, height)
        for selector, box in chromium["blocks"].items():
            other = webkit["blocks"][selector]
            # Fonts differ between the engines (so heights and what follows them); the blocks'
            # columns must not.
            assert abs(box["x"] - other["x"]) <= 2 and abs(box["width"] - other["width"]) <= 2, (
                f"{selector} at {width}x{height}: chromium {box}, webkit {other}"
            )
