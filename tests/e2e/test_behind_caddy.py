"""Hosted for someone: `afterword serve` on loopback behind Caddy, on a real name with a
certificate the phone already trusts (Caddy's internal CA in the phone's NSS database, as a
public CA would be; `afterword.test` mapped to 127.0.0.1 inside Chromium only). The phone signs
in with the one code `afterword invite` shows, records, starts with no signal (Caddy stopped) and
its memo arrives once. Behind Caddy each client has its own sign-in limit, a request straight to
the app's port with a forged X-Forwarded-For is counted as itself, and the app refuses a Host it
does not serve even when the proxy forwards it."""

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, expect

from afterword.settings import Settings
from tests.e2e.conftest import chromium_args
from tests.support.caddy import OTHER_NAME, Caddy
from tests.support.factories import issue_token
from tests.support.lan import LAN_NAME, launch_phone_browser, trusting_home
from tests.support.loopback import client_from, signin_answers
from tests.support.phone import (
    OFFLINE_SAY,
    assert_sample_words,
    new_page,
    outbox_counts,
    phone,
    start_recording,
    stop_recording,
    wait_for_service_worker,
    wait_for_total,
)
from tests.support.processes import REPO, env_for, free_port, reachable, stop, wait_until
from tests.support.waiting import settled_memo

pytestmark = pytest.mark.browser

TEN_WRONG_THEN_LIMITED = [401] * 10 + [429]


@dataclass
class Hosted:
    settings: Settings
    caddy: Caddy
    app_port: int
    env: dict[str, str]
    log: Path

    def afterword(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A command on the host, with the settings the service runs with."""
        return subprocess.run(
            [sys.executable, "-m", "afterword", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def through_caddy(self, address: str, name: str = LAN_NAME):  # type: ignore[no-untyped-def]
        return client_from(address, self.caddy.address, ca=self.caddy.root_ca, name=name)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosted]:
    """Caddy on a free port in front of `afterword serve --host 127.0.0.1`, which has the public
    address and believes X-Forwarded-For from Caddy (127.0.0.1) alone."""
    folder = tmp_path_factory.mktemp("hosted")
    settings = Settings(data_dir=folder / "data")
    app_port = free_port()
    caddy = Caddy(folder / "caddy", upstream=app_port)
    env = env_for(
        settings,
        AFTERWORD_PUBLIC_URL=f"https://{LAN_NAME}:{caddy.port}",
        AFTERWORD_TRUSTED_PROXIES="127.0.0.1",
    )
    log = folder / "serve.log"
    with log.open("wb") as written:
        server = subprocess.Popen(
            [sys.executable, "-m", "afterword", "serve", "--host", "127.0.0.1", "--port", str(app_port)],
            cwd=REPO,
            env=env,
            stdout=written,
            stderr=written,
        )
    try:
        wait_until(lambda: reachable(f"http://127.0.0.1:{app_port}"), timeout=60, what="afterword serve")
        caddy.start()
        yield Hosted(settings, caddy, app_port, env, log)
    finally:
        caddy.stop()
        stop(server)


@pytest.fixture(scope="module")
def caddy_browser(
    playwright: Playwright, fake_mic: Path, hosted: Hosted, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """A phone that trusts Caddy's CA the way it trusts a public one: in its NSS database."""
    home = trusting_home(tmp_path_factory.mktemp("caddy-trusting-home"), hosted.caddy.root_ca)
    launched = launch_phone_browser(playwright, chromium_args(fake_mic), home)
    yield launched
    launched.close()


def test_a_phone_signs_in_with_one_scan_records_with_no_signal_and_its_memo_arrives_once(
    caddy_browser: Browser, contexts: list[BrowserContext], hosted: Hosted
) -> None:
    hosted.afterword("person", "add", "Sam")
    invited = hosted.afterword("invite", "Sam")
    [link] = [line for line in invited.stdout.splitlines() if line.startswith("https://")]
    origin = hosted.caddy.origin
    assert link.startswith(f"{origin}/#code=")
    assert "certificate" not in invited.stderr and "fingerprint" not in invited.stderr

    context = phone(caddy_browser, contexts)
    page, errors = new_page(context)
    page.goto(link)
    expect(page.locator("#who")).to_have_text("Signed in as Sam")
    assert page.evaluate("location.href") == f"{origin}/", "the code must leave the address bar"
    wait_for_service_worker(page)
    expect(page.locator("#trust-notice")).to_be_hidden()

    hosted.caddy.stop()  # no signal: nothing answers at the public name
    page.reload()
    expect(page.locator("#record-screen")).to_be_visible()
    expect(page.locator("#status")).to_contain_text(OFFLINE_SAY)
    start_recording(page)
    stop_recording(page)
    expect(page.locator(".outbox-item .memo-status")).to_have_text("Waiting for network")
    assert outbox_counts(page)["items"] == 1
    page.close()

    hosted.caddy.start()
    again, again_errors = new_page(context)
    again.goto(f"{origin}/")  # opening the app sends what waits
    expect(again.locator(".outbox-item")).to_have_count(0, timeout=60_000)
    with hosted.through_caddy("127.0.0.1") as client:
        client.headers["Authorization"] = f"Bearer {issue_token(hosted.settings, 'Sam')}"
        listing = wait_for_total(client, 1)
        assert listing["total"] == 1, listing
        memo = settled_memo(client, listing["items"][0]["id"])
        assert memo["status"] == "done", memo
        assert_sample_words(memo["transcript"]["text"])
        again.reload()
        expect(again.locator("#memos li[data-memo-id]")).to_have_count(1)
        assert outbox_counts(again)["items"] == 0
        assert client.get("/api/memos").json()["total"] == 1
    assert errors == [] and again_errors == []


def test_behind_caddy_each_client_has_its_own_limit_and_the_app_port_believes_no_forgery(
    hosted: Hosted,
) -> None:
    for address in ("127.0.0.2", "127.0.0.3"):
        with hosted.through_caddy(address) as client:
            assert signin_answers(client, 11, forged=True) == TEN_WRONG_THEN_LIMITED, address
    with hosted.through_caddy("127.0.0.4") as fresh:
        assert signin_answers(fresh, 1) == [401]
    # Straight to the app's port, past the proxy: a made-up X-Forwarded-For changes nothing.
    with client_from("127.0.0.5", f"http://127.0.0.1:{hosted.app_port}") as direct:
        assert signin_answers(direct, 11, forged=True) == TEN_WRONG_THEN_LIMITED
    logged = hosted.log.read_text()
    for address in ("127.0.0.2", "127.0.0.3", "127.0.0.5"):
        assert f"client {address} refused: too many sign-in codes tried" in logged
    assert "203.0.113." not in logged
    assert (
        f"people reach it at https://{LAN_NAME}:{hosted.caddy.port}/; X-Forwarded-For believed from "
        "127.0.0.1 only" in logged
    )


def test_the_app_behind_caddy_refuses_a_name_it_does_not_serve(hosted: Hosted) -> None:
    with hosted.through_caddy("127.0.0.6", name=OTHER_NAME) as other:
        refused = other.get("/api/me")
        assert refused.status_code == 421, refused.text
        assert "does not answer to that name" in refused.json()["detail"]
    with hosted.through_caddy("127.0.0.6") as ours:
        health = ours.get("/healthz")
        assert health.status_code == 200 and health.json()["database"] == "reachable"
