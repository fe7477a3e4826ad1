"""The browser tests' fixtures: one headless Debian Chromium per module, with the jfk sample
as its microphone, and a real server per test; for the phone on the home network, two more
browsers (one trusting Afterword's CA, one not) and the app over https on a name that is not
localhost."""

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from afterword.audio import decode_file
from afterword.cli.tls import allowed_hosts
from afterword.settings import Settings
from afterword.web.app import create_app
from afterword.web.tls import ServerTls, tls_folder
from tests.support.engines import ChromiumPhone, Phone
from tests.support.lan import LAN_NAME, LanServer, launch_phone_browser, make_lan_certificates, trusting_home
from tests.support.phone import phone
from tests.support.samples import SAMPLES
from tests.support.server import RestartableServer, running_server
from tests.support.webkit import Network, WebKitPhone, missing_engine, virtual_display


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
def contexts() -> Iterator[list[BrowserContext]]:
    """Contexts a test opens are closed after it, even when it fails (before the module's
    browsers close)."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


@pytest.fixture(scope="module")
def lan_tls(tmp_path_factory: pytest.TempPathFactory) -> ServerTls:
    """One CA and server certificate per module, made by the production code: the browsers'
    NSS databases must trust the CA before the first test."""
    return make_lan_certificates(tmp_path_factory.mktemp("lan") / "tls")


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="module")
def trusted_browser(
    playwright: Playwright, fake_mic: Path, lan_tls: ServerTls, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """A phone that has installed Afterword's CA."""
    home = trusting_home(tmp_path_factory.mktemp("trusting-home"), lan_tls.ca)
    launched = launch_phone_browser(playwright, chromium_args(fake_mic), home)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def untrusted_browser(
    playwright: Playwright, fake_mic: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """A phone that has not: its HOME holds no NSS database at all."""
    launched = launch_phone_browser(playwright, chromium_args(fake_mic), tmp_path_factory.mktemp("bare-home"))
    yield launched
    launched.close()


@pytest.fixture
def lan(settings: Settings, lan_tls: ServerTls) -> Iterator[LanServer]:
    """`serve --https --tls-name afterword.test` for this test's data folder: the module's
    certificates, found in place and kept (no re-issue) by the same code serve runs."""
    shutil.copytree(lan_tls.cert.parent, tls_folder(settings.data_dir))
    tls = make_lan_certificates(tls_folder(settings.data_dir))
    assert tls.reissued is None and tls.fingerprint == lan_tls.fingerprint
    hosts = allowed_hosts("127.0.0.1", [LAN_NAME], None)  # what serve answers to with those options
    with RestartableServer(lambda: create_app(settings, hosts=hosts), tls=(tls.cert, tls.key)) as server:
        yield LanServer(server, settings, tls)


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """One Xvfb for the session's WebKit phones; the tier fails (never skips) without WebKit."""
    problem = missing_engine()
    if problem:
        pytest.fail(problem, pytrace=False)
    with virtual_display() as display:
        yield display


@pytest.fixture(params=["chromium", pytest.param("webkit", marks=pytest.mark.webkit)])
def engine(request: pytest.FixtureRequest) -> str:
    """Every two-engine test runs in Debian's Chromium and in WebKitGTK, with the same steps."""
    return str(request.param)


@pytest.fixture
def make_phone(
    request: pytest.FixtureRequest, contexts: list[BrowserContext], tmp_path: Path, lan_tls: ServerTls
) -> Iterator[Callable[..., Phone]]:
    """Makes fresh phones on the home network in either engine: `make_phone("webkit")` trusts
    Afterword's CA; `make_phone(engine, trusted=False, proceed=True)` tapped past the warning page."""
    made: list[WebKitPhone] = []

    def make(
        engine: str, *, trusted: bool = True, proceed: bool = False, width: int = 390, height: int = 844
    ) -> Phone:
        if engine == "chromium":
            browser = request.getfixturevalue("trusted_browser" if trusted else "untrusted_browser")
            return ChromiumPhone(
                phone(browser, contexts, width=width, height=height, ignore_https_errors=proceed)
            )
        network = Network(
            names=[LAN_NAME],
            ca=lan_tls.ca if trusted else None,
            proceed=[(LAN_NAME, lan_tls.cert)] if proceed else [],
        )
        display = request.getfixturevalue("x_display")
        made.append(WebKitPhone(display, tmp_path / f"webkit-{len(made)}", network, width, height))
        return made[-1]

    yield make
    for webkit_phone in made:
        webkit_phone.quit()


@pytest.fixture
def phones(engine: str, make_phone: Callable[..., Phone]) -> Callable[..., Phone]:
    """Fresh phones of this test's engine (see make_phone)."""
    return functools.partial(make_phone, engine)
