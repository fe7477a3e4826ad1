"""A phone in WebKitGTK, the engine of every iPhone browser: Debian's WebKitWebDriver drives the
small browser in webkit_browser.py (Debian's python3 and its GObject bindings) under Xvfb.

The test name resolves to loopback through a private /etc/hosts, and a phone that installed
Afterword's CA sees it in the system trust bundle that GnuTLS reads; both are bind mounts in the
browser's own mount namespace, so the machine's files are never touched. A phone that tapped past
the warning page gets WebKit's per-host exception for the server's certificate instead.
"""

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver import WebKitGTK
from selenium.webdriver.common.by import By
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from tests.support.engines import SPEAKING_MICROPHONE, SPEECH_RATE, sample_speech_base64, wait_until

DRIVER = "/usr/bin/WebKitWebDriver"
SYSTEM_PYTHON = "/usr/bin/python3"
XVFB = "/usr/bin/Xvfb"
# A test may hide the system ffmpeg from this process's PATH (and so /usr/bin); not from WebKit.
BROWSER_PATH = "/usr/local/bin:/usr/bin:/bin"
# No sound card on a CI machine: Web Audio renders into GStreamer's fakeaudiosink (it keeps the
# clock an AudioContext runs on) rather than failing to open ALSA and staying suspended.
AUDIO_SINK = "fakeaudiosink:MAX"
BROWSER = Path(__file__).with_name("webkit_browser.py")
SYSTEM_TRUST = Path("/etc/ssl/certs/ca-certificates.crt")
APT_PACKAGES = (
    "webkit2gtk-driver libwebkit2gtk-4.1-0 gir1.2-webkit2-4.1 python3-gi xvfb "
    "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav"
)
# WebKit writes "CONSOLE <SOURCE> <LEVEL> message"; a request the stopped server could not
# answer is the test's "no signal", not the app's error.
NOISE = ("CONSOLE NETWORK ",)


def missing_engine() -> str | None:
    """Why the WebKit tier cannot run here, naming the Debian packages; None when it can."""
    problems = [path for path in (DRIVER, SYSTEM_PYTHON, XVFB) if not Path(path).exists()]
    check = [
        SYSTEM_PYTHON,
        "-c",
        "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2",
    ]
    if not problems and subprocess.run(check, capture_output=True, timeout=60).returncode != 0:
        problems.append("WebKit2 4.1 for Debian's python3")
    if not problems:
        return None
    return (
        f"The WebKit tier needs {', '.join(problems)}: apt-get install -y {APT_PACKAGES} "
        "(.ci/run installs them)."
    )


@contextmanager
def virtual_display() -> Iterator[str]:
    """An Xvfb display of its own; yields its DISPLAY value."""
    xvfb = subprocess.Popen(
        [XVFB, "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert xvfb.stdout is not None
    try:
        number = xvfb.stdout.readline().decode().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


@dataclass
class Network:
    """What the phone's network looks like: names to loopback, and the CA it trusts (if any)."""

    names: list[str]
    ca: Path | None = None
    proceed: list[tuple[str, Path]] = field(default_factory=list)
    """Hosts whose certificate the person accepted on the warning page."""

    def files(self, folder: Path) -> list[str]:
        hosts = folder / "hosts"
        hosts.write_text(
            Path("/etc/hosts").read_text() + "".join(f"\n127.0.0.1 {name}" for name in self.names) + "\n"
        )
        args = [f"--hosts={hosts}"]
        if self.ca is not None:
            bundle = folder / "ca-certificates.crt"
            bundle.write_text(SYSTEM_TRUST.read_text() + self.ca.read_text())
            args.append(f"--ca-bundle={bundle}")
        args += [f"--proceed={host}={pem}" for host, pem in self.proceed]
        return args


class WebKitPhone:
    """One WebDriver session: a fresh phone with its own storage, in a window of exactly the
    viewport's size."""

    engine = "webkit"

    def __init__(
        self, display: str, folder: Path, network: Network, width: int = 390, height: int = 844
    ) -> None:
        folder.mkdir(parents=True)
        self.console = folder / "console.log"
        self._speech: str | None = None
        options = Options()
        options.binary_location = str(BROWSER)
        for arg in [
            "--automation",
            f"--profile={folder / 'profile'}",
            f"--console={self.console}",
            f"--size={width}x{height}",
            *network.files(folder),
        ]:
            options.add_argument(arg)
        service = Service(
            executable_path=DRIVER,
            log_output=str(folder / "driver.log"),
            env={
                **os.environ,
                "DISPLAY": display,
                "PATH": BROWSER_PATH,
                "GST_PLUGIN_FEATURE_RANK": AUDIO_SINK,
            },
        )
        self.driver = WebKitGTK(options=options, service=service)
        self.driver.set_window_size(width, height)
        self.driver.set_script_timeout(60)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def reload(self) -> None:
        self.driver.refresh()

    def url(self) -> str:
        return str(self.driver.current_url)

    def js(self, expression: str, *args: Any) -> Any:
        outcome = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const args = Array.from(arguments).slice(0, -1);"
            f"(async () => ({expression}))().then((value) => done({{ value }}),"
            "(error) => done({ error: String((error && error.stack) || error) }));",
            *args,
        )
        if "error" in outcome:
            raise AssertionError(f"in WebKit, {expression!r} threw: {outcome['error']}")
        return outcome.get("value")

    def click(self, selector: str) -> None:
        def clickable() -> Any:
            found = self.driver.find_elements(By.CSS_SELECTOR, selector)
            return found[0] if found and found[0].is_displayed() and found[0].is_enabled() else None

        element = wait_until(clickable, f"{selector} never became clickable (webkit)")
        element.click()

    def fill(self, selector: str, text: str) -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        element.clear()
        element.send_keys(text)

    def resize(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)
        wait_until(
            lambda: self.js("[innerWidth, innerHeight]") == [width, height],
            f"the window never became {width}x{height}",
            10,
        )

    def replace_tab(self) -> None:
        closing = self.driver.current_window_handle
        self.driver.switch_to.new_window("window")
        opened = self.driver.current_window_handle
        self.driver.switch_to.window(closing)
        self.driver.close()
        self.driver.switch_to.window(opened)

    def speak(self) -> None:
        if self._speech is None:
            self._speech = sample_speech_base64()
        self.driver.execute_script("const args = arguments;" + SPEAKING_MICROPHONE, self._speech, SPEECH_RATE)

    def console_errors(self) -> list[str]:
        """Errors and warnings the engine and the app wrote to the console, both tabs and the
        service worker, less a stopped server's refused requests."""
        lines = self.console.read_text(errors="replace").splitlines() if self.console.exists() else []
        return [
            line
            for line in lines
            if "CONSOLE " in line
            and (" ERROR" in line or " WARN" in line)
            and not any(noise in line for noise in NOISE)
        ]

    def answer_dialog(self, accept: bool) -> str:
        def dialog() -> Any:
            with suppress(NoAlertPresentException):
                return self.driver.switch_to.alert
            return None

        alert = wait_until(dialog, "no dialog (webkit)")
        question = str(alert.text)
        alert.accept() if accept else alert.dismiss()
        return question

    def quit(self) -> None:
        with suppress(WebDriverException):
            self.driver.quit()
