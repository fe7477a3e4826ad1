"""One phone, two engines: the steps the two-engine tests take, written once, driven in Debian's
Chromium (Playwright) or in WebKitGTK (WebKitWebDriver, see webkit.py).

Everything is addressed by CSS selector and checked through the page's own DOM, so an assertion
reads the same in both engines. `js` runs an expression (awaited when it is a promise) with
`args` in scope.
"""

import base64
import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Page

from afterword.audio import decode_file
from tests.support.samples import SAMPLES

STEP_SECONDS = 30

# WebKit's mock microphone plays a tone. This plays a real recording into the stream the page
# records instead: getUserMedia still runs (the prompt, the mock device), then its track is
# swapped for an AudioContext's MediaStreamAudioDestinationNode fed by the sample, looped. With no
# sound card the AudioContext needs an audio sink that keeps time: webkit.py ranks GStreamer's
# fakeaudiosink first.
SPEAKING_MICROPHONE = """
const pcm = Uint8Array.from(atob(args[0]), (c) => c.charCodeAt(0));
const samples = new Int16Array(pcm.buffer);
// On the prototype: WebKit may collect navigator.mediaDevices' wrapper, and a property set on
// the object itself with it.
const real = MediaDevices.prototype.getUserMedia;
MediaDevices.prototype.getUserMedia = async function (constraints) {
  // Made before the first await, while the tap on Record still counts as the person's gesture:
  // WebKit starts an AudioContext only then, as Safari does.
  const audio = new AudioContext();
  const running = audio.resume();
  const device = await real.call(this, constraints);
  device.getTracks().forEach((track) => track.stop());
  await running;
  const buffer = audio.createBuffer(1, samples.length, args[1]);
  const channel = buffer.getChannelData(0);
  for (let i = 0; i < samples.length; i += 1) channel[i] = samples[i] / 32768;
  const source = audio.createBufferSource();
  source.buffer = buffer;
  source.loop = true;
  const destination = audio.createMediaStreamDestination();
  source.connect(destination);
  source.start();
  return destination.stream;
};
return true;
"""
SPEECH_RATE = 16_000


def sample_speech_base64(sample: str = "jfk.m4a") -> str:
    """The sample as 16 kHz mono 16-bit PCM, base64 (for SPEAKING_MICROPHONE)."""
    segment = decode_file(SAMPLES / sample, max_seconds=60)
    samples = np.frombuffer(segment.raw_data, np.int16)
    return base64.b64encode(samples.tobytes()).decode()


class Phone(Protocol):
    """A phone with one page open at a time (tabs share its storage, as a phone's do)."""

    engine: str

    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def url(self) -> str: ...
    def js(self, expression: str, *args: Any) -> Any: ...
    def click(self, selector: str) -> None: ...
    def fill(self, selector: str, text: str) -> None: ...
    def resize(self, width: int, height: int) -> None: ...
    def replace_tab(self) -> None:
        """Close the page (as a killed tab) and open a blank one in the same phone."""

    def speak(self) -> None: ...
    def console_errors(self) -> list[str]: ...
    def answer_dialog(self, accept: bool) -> str:
        """Wait for the page's confirm() and answer it; returns its question."""


class ChromiumPhone:
    """A Playwright context of Debian's Chromium; its microphone is Chromium's fake one, which
    already plays the sample."""

    engine = "chromium"

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.errors: list[str] = []
        self.dialogs: list[Dialog] = []
        self.page = self._open()

    def _open(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self._console)
        page.on("dialog", lambda dialog: self.dialogs.append(dialog))
        return page

    def _console(self, message: ConsoleMessage) -> None:
        # A request that fails for want of a server is the test's stopped server, not the app.
        if message.type in ("error", "warning") and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console {message.type}: {message.text}")

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def reload(self) -> None:
        self.page.reload()

    def url(self) -> str:
        return self.page.url

    def js(self, expression: str, *args: Any) -> Any:
        return self.page.evaluate(f"async (args) => ({expression})", list(args))

    def click(self, selector: str) -> None:
        self.page.locator(selector).tap()

    def fill(self, selector: str, text: str) -> None:
        self.page.locator(selector).fill(text)

    def resize(self, width: int, height: int) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def replace_tab(self) -> None:
        closing, self.page = self.page, self._open()
        closing.close()

    def speak(self) -> None:
        """Chromium's fake capture device already plays the sample (conftest's fake_mic)."""

    def console_errors(self) -> list[str]:
        return list(self.errors)

    def answer_dialog(self, accept: bool) -> str:
        for _ in range(STEP_SECONDS * 10):  # Playwright delivers events while it waits
            if self.dialogs:
                break
            self.page.wait_for_timeout(100)
        assert self.dialogs, "no dialog (chromium)"
        dialog = self.dialogs.pop(0)
        question = dialog.message
        dialog.accept() if accept else dialog.dismiss()
        return question


NAVIGATING = ("Execution context was destroyed", "because of a navigation", "document unloaded")
"""What each engine's driver says when the page navigated away under a script it was running."""


def wait_until(
    condition: Callable[[], object], message: str | Callable[[], str], timeout: float = STEP_SECONDS
) -> Any:
    """Polls from here (the page's CSP refuses the eval a page-side wait would need); a callable
    message is asked at the end, so it can say what the page shows then."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except Exception as error:
            # The page went to another address while the question was asked (a sign-in
            # reloads it): no answer yet, ask the new page.
            if not any(sign in str(error) for sign in NAVIGATING):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(0.1)


def text(phone: Phone, selector: str) -> str | None:
    """The element's text, or None when there is no such element."""
    found = phone.js("document.querySelector(args[0])?.textContent ?? null", selector)
    return None if found is None else str(found)


def visible(phone: Phone, selector: str) -> bool:
    return bool(
        phone.js("(el => !!el && el.getClientRects().length > 0)(document.querySelector(args[0]))", selector)
    )


def count(phone: Phone, selector: str) -> int:
    return int(phone.js("document.querySelectorAll(args[0]).length", selector))


def wait_visible(phone: Phone, selector: str, timeout: float = STEP_SECONDS) -> None:
    wait_until(lambda: visible(phone, selector), f"{selector} never showed ({phone.engine})", timeout)


def wait_hidden(phone: Phone, selector: str, timeout: float = STEP_SECONDS) -> None:
    wait_until(lambda: not visible(phone, selector), f"{selector} never went ({phone.engine})", timeout)


def wait_count(phone: Phone, selector: str, expected: int, timeout: float = STEP_SECONDS) -> None:
    wait_until(
        lambda: count(phone, selector) == expected,
        f"{selector}: {count(phone, selector)} on the page, not {expected} ({phone.engine})",
        timeout,
    )


def wait_text(phone: Phone, selector: str, expected: str, timeout: float = STEP_SECONDS) -> str:
    """Waits until the element's text contains `expected`; returns the whole text."""
    wait_until(
        lambda: expected in (text(phone, selector) or ""),
        f"{selector} says {text(phone, selector)!r}, never {expected!r} ({phone.engine})",
        timeout,
    )
    return text(phone, selector) or ""


def wait_for_service_worker(phone: Phone, timeout: float = STEP_SECONDS) -> None:
    wait_until(
        lambda: phone.js("navigator.serviceWorker.controller !== null"),
        f"the service worker never took control of the page ({phone.engine})",
        timeout,
    )


def box(phone: Phone, selector: str) -> dict[str, float] | None:
    """The element's box in CSS px, relative to the viewport."""
    found = phone.js(
        "(el => el && (({x, y, width, height}) => ({x, y, width, height}))(el.getBoundingClientRect()))"
        "(document.querySelector(args[0]))",
        selector,
    )
    return found if found else None


def record(phone: Phone, seconds: int) -> None:
    """Tap Record, let the microphone speak until the page's timer shows `seconds`, tap Stop."""
    phone.speak()
    phone.click("#record")
    wait_until(
        lambda: phone.js("document.getElementById('record').getAttribute('aria-pressed')") == "true",
        f"the recording never started ({phone.engine}): {text(phone, '#status')!r}",
    )
    wait_until(
        lambda: (text(phone, "#timer") or "") >= f"00:{seconds:02d}",
        f"the timer never reached {seconds} s ({phone.engine})",
        seconds + 15,
    )
    phone.click("#record")
    wait_until(
        lambda: phone.js("document.getElementById('record').getAttribute('aria-pressed')") == "false",
        f"the recording never stopped ({phone.engine})",
    )
