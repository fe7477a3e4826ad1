"""The browser tests' fixtures: one headless Debian Chromium per module, with the jfk sample
as its microphone, and a real server per test."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from afterword.audio import decode_file
from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.samples import SAMPLES
from tests.support.server import running_server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The page talks to the API, which is tested on both databases elsewhere: SQLite here."""
    return Settings(data_dir=tmp_path / "data")


def chromium_args(fake_mic: Path) -> list[str]:
    return [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-ui-for-media-stream",  # say yes to the microphone prompt
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={fake_mic}",  # looped by Chromium
    ]


@pytest.fixture(scope="module")
def fake_mic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as 16 kHz mono 16-bit PCM WAV, the format Chromium's fake capture reads."""
    path = tmp_path_factory.mktemp("fake-mic") / "jfk-16k.wav"
    decode_file(SAMPLES / "jfk.m4a", max_seconds=60).export(str(path), format="wav").close()
    return path


@pytest.fixture(scope="module")
def browser(fake_mic: Path) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "The browser tests need Debian's Chromium on PATH as `chromium`: "
            "apt-get install -y chromium (.ci/run installs it).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=chromium_args(fake_mic), timeout=60_000
        )
        yield launched
        launched.close()


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    with running_server(create_app(settings)) as base:
        yield base


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Contexts a test opens are closed after it, even when it fails."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()
