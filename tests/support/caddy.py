"""Caddy (Debian's `caddy`) in front of Afterword, as a host would run it: https on a real name
with automatic certificates, the app on loopback behind it. In tests the name is `afterword.test`
(mapped to 127.0.0.1 in Chromium only) and the certificate comes from Caddy's internal CA
(`tls internal`), which the phone trusts as it would trust a public CA. Started from a generated
Caddyfile on free ports with its own storage and config folders (never the system service), and
restartable on the same port, which is the phone's "no signal"."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx

from tests.support.lan import LAN_NAME
from tests.support.loopback import client_from
from tests.support.processes import free_port

OTHER_NAME = "other.test"
"""A name Caddy forwards too, that the app does not serve."""
START_SECONDS = 30


def caddyfile(*, port: int, http_port: int, upstream: int, storage: Path) -> str:
    """Automatic https on the names, HTTP/1.1 and 2 only, nothing installed system-wide."""
    return f"""{{
	admin off
	skip_install_trust
	auto_https disable_redirects
	http_port {http_port}
	https_port {port}
	storage file_system {storage}
	servers {{
		protocols h1 h2
	}}
}}

https://{LAN_NAME}:{port}, https://{OTHER_NAME}:{port} {{
	bind 127.0.0.1
	tls internal
	reverse_proxy 127.0.0.1:{upstream}
}}
"""


class Caddy:
    """A Caddy process for one upstream, stopped and started again on the same ports."""

    def __init__(self, folder: Path, *, upstream: int) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.config = folder / "Caddyfile"
        storage = folder / "storage"
        self.config.write_text(
            caddyfile(port=self.port, http_port=free_port(), upstream=upstream, storage=storage)
        )
        self.root_ca = storage / "pki" / "authorities" / "local" / "root.crt"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def origin(self) -> str:
        return f"https://{LAN_NAME}:{self.port}"

    @property
    def address(self) -> str:
        """Where clients connect: Caddy on loopback, asked for the name in TLS and Host."""
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> None:
        executable = shutil.which("caddy")
        if executable is None:
            raise RuntimeError(
                "The proxy tests need Debian's caddy: apt-get install -y caddy (.ci/run installs it)."
            )
        env = {
            **os.environ,
            "HOME": str(self.folder),
            "XDG_DATA_HOME": str(self.folder / "data"),
            "XDG_CONFIG_HOME": str(self.folder / "config"),
        }
        log = (self.folder / "caddy.log").open("ab")
        self.process = subprocess.Popen(
            [executable, "run", "--config", str(self.config), "--adapter", "caddyfile"],
            env=env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + START_SECONDS
        while not (self.root_ca.exists() and self.answers()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Caddy did not start: {(self.folder / 'caddy.log').read_text()[-2000:]}")
            time.sleep(0.1)

    def answers(self) -> bool:
        """Whether Caddy completes a TLS handshake for the name (its certificate is ready)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
            with client_from("127.0.0.1", self.address, ca=self.root_ca, name=LAN_NAME) as client:
                client.get("/healthz", timeout=2)
            return True
        except (OSError, httpx.TransportError):
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None
