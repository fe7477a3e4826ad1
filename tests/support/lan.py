"""A phone on the home network, in headless Debian Chromium: the server answers https on a name
that is not localhost (`afterword.test`, mapped to 127.0.0.1 inside Chromium only), with a
certificate chain made by Afterword's own TLS code, never `--ignore-certificate-errors`. A
trusted phone has Afterword's CA in its NSS databases, in a throwaway HOME of its own."""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Playwright

from afterword.settings import Settings
from afterword.web.ca import GivenPassphrase
from afterword.web.tls import ServerTls, ensure_server_certificate, server_names
from tests.support.server import RestartableServer

LAN_NAME = "afterword.test"
# Where Chromium on Linux looks for the user's NSS databases: the old place and the XDG one.
NSS_DATABASES = (".pki/nssdb", ".local/share/pki/nssdb")


@dataclass
class LanServer:
    """The app over https on the test name, with Afterword's own certificates, restartable."""

    server: RestartableServer
    settings: Settings
    tls: ServerTls

    @property
    def origin(self) -> str:
        return self.server.url(LAN_NAME)


def make_lan_certificates(folder: Path) -> ServerTls:
    """Afterword's CA and a server certificate covering the test name, as `serve --https
    --tls-name afterword.test` makes them."""
    return ensure_server_certificate(folder, server_names([LAN_NAME]), GivenPassphrase(b"a test passphrase"))


def trusting_home(home: Path, ca: Path) -> Path:
    """A HOME whose NSS databases trust the CA for TLS servers (certutil, from libnss3-tools)."""
    for relative in NSS_DATABASES:
        database = home / relative
        database.mkdir(parents=True)
        certutil(["-d", f"sql:{database}", "-N", "--empty-password"])
        certutil(["-d", f"sql:{database}", "-A", "-t", "C,,", "-n", "afterword", "-i", str(ca)])
    return home


def certutil(args: list[str]) -> None:
    executable = shutil.which("certutil")
    if executable is None:
        raise RuntimeError("certutil is missing: apt-get install -y libnss3-tools (.ci/run installs it)")
    subprocess.run([executable, *args], check=True, capture_output=True, timeout=60)


def launch_phone_browser(playwright: Playwright, args: list[str], home: Path) -> Browser:
    """Chromium with this HOME (and so these NSS databases), resolving the test name to loopback."""
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("The browser tests need Debian's Chromium on PATH as `chromium`.")
    assert not any("ignore-certificate-errors" in arg for arg in args), "trust must come from the CA alone"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return playwright.chromium.launch(
        executable_path=executable,
        args=[*args, f"--host-resolver-rules=MAP {LAN_NAME} 127.0.0.1"],
        env=env,
        timeout=60_000,
    )


def fire_background_sync(context: BrowserContext, origin: str, tag: str = "afterword-outbox") -> None:
    """Fire the service worker's Background Sync event now, as Chromium does once the network is
    back (and as DevTools' Application panel does), with no page of the origin open."""
    page = context.new_page()  # a CDP session needs a page; about:blank is none of the origin's
    cdp = context.new_cdp_session(page)
    registrations: list[dict[str, object]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"])
    )
    cdp.send("ServiceWorker.enable")
    # Playwright delivers CDP events while it waits, not while Python sleeps.
    for _ in range(200):
        if registrations:
            break
        page.wait_for_timeout(50)
    ours = [r for r in registrations if str(r["scopeURL"]).startswith(origin) and not r["isDeleted"]]
    assert ours, f"no service worker registered for {origin}: {registrations}"
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {"origin": origin, "registrationId": ours[0]["registrationId"], "tag": tag, "lastChance": False},
    )
    cdp.detach()
    page.close()
