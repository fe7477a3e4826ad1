"""Sockets held open cannot lock anyone out of `afterword serve`: a legitimate request gets
through while an attacker holds 1,100 idle sockets against a process that may open only 1,024
files; a connection that never finishes its request's head (or its TLS handshake) is closed
after the head timeout; a head past its size is answered 431; and the open-file limit is raised
where the hard limit allows. Real server processes, each with the file limits under test."""

import resource
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from afterword.cli.http_server import FILES_KEPT_FOR_WORK, SETUP_MAX_CONNECTIONS
from afterword.settings import Settings
from tests.support.processes import REPO, env_for, free_port

ATTACKERS = 1100
FILE_LIMIT = 1024


@pytest.fixture(autouse=True)
def room_for_the_attacker() -> Iterator[None]:
    """This test process holds the attacker's sockets: it needs more than 1,024 files itself."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < ATTACKERS + 200:
        pytest.skip(f"the hard open-file limit here ({hard}) leaves no room for {ATTACKERS} sockets")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, ATTACKERS + 200), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@contextmanager
def serving(
    settings: Settings, *args: str, soft: int, hard: int, **env: str
) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """`afterword serve --no-worker` with this open-file limit, until it answers; its port."""
    port = free_port()

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    process = subprocess.Popen(
        [sys.executable, "-m", "afterword", "serve", "--no-worker", "--port", str(port), *args],
        cwd=REPO,
        env=env_for(settings, **env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limited,
    )
    try:
        deadline = time.monotonic() + 60
        while not answers(port, https="--https" in args):
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        if process.poll() is None:
            process.kill()
            process.wait()


def answers(port: int, *, https: bool = False, timeout: float = 2) -> bool:
    try:
        url = f"{'https' if https else 'http'}://127.0.0.1:{port}/api/me"
        return httpx.get(url, timeout=timeout, verify=False).status_code == 401
    except httpx.HTTPError:
        return False


def open_sockets(pid: int) -> int:
    return sum(1 for fd in Path(f"/proc/{pid}/fd").iterdir() if "socket" in str(fd.readlink()))


@contextmanager
def idle_sockets(port: int, count: int) -> Iterator[list[socket.socket]]:
    """Connections that send nothing, held open; opened a few dozen at a time, as fast as the
    server takes them in (all at once, the system's listen queue would hold most of them back)."""
    held = []
    try:
        for number in range(count):
            sock = socket.socket()
            sock.setblocking(False)
            with suppress(BlockingIOError):
                sock.connect(("127.0.0.1", port))
            held.append(sock)
            if number % 50 == 49:
                time.sleep(0.05)
        yield held
    finally:
        for sock in held:
            sock.close()


def closed_by_server(sock: socket.socket) -> bool:
    sock.setblocking(True)
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True  # reset


def test_a_request_gets_through_while_1100_idle_sockets_are_held(tmp_path: Path) -> None:
    """The hard limit is 1,024 here, so the process cannot raise its own: what lets the request
    in is the connection limit, which drops the connection idle longest. The head timeout (a
    minute) plays no part."""
    settings = Settings(data_dir=tmp_path / "data")
    limits = {"soft": FILE_LIMIT, "hard": FILE_LIMIT, "AFTERWORD_HTTP_HEADER_TIMEOUT_SECONDS": "60"}
    full = FILE_LIMIT - SETUP_MAX_CONNECTIONS - FILES_KEPT_FOR_WORK  # what that file limit leaves
    with serving(settings, **limits) as (port, process), idle_sockets(port, ATTACKERS):
        deadline = time.monotonic() + 60
        while open_sockets(process.pid) < full:  # the server holds all the connections it may
            assert time.monotonic() < deadline, f"the server took in {open_sockets(process.pid)} sockets"
            time.sleep(0.2)
        started = time.monotonic()
        assert answers(port, timeout=30), "the request did not get through"
        print(f"answered in {time.monotonic() - started:.2f} s beside {ATTACKERS} idle sockets")
        assert process.poll() is None


def test_idle_and_slow_connections_are_closed_after_the_head_timeout(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    env = {"AFTERWORD_HTTP_HEADER_TIMEOUT_SECONDS": "2"}
    with serving(settings, soft=4096, hard=4096, **env) as (port, _process), idle_sockets(port, 50) as held:
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for _ in range(4):  # a header line a second, never the blank line that ends the head
            time.sleep(1)
            with suppress(OSError):
                slow.sendall(b"X-Slow: 1\r\n")
        assert all(closed_by_server(sock) for sock in [*held, slow])
        slow.close()
        assert answers(port)


def test_a_head_past_its_size_is_431(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with serving(settings, soft=4096, hard=4096) as (port, _process):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            with suppress(OSError):
                for _ in range(64):
                    sock.sendall(b"X-Filler: " + b"a" * 1000 + b"\r\n")
            assert sock.recv(4096).startswith(b"HTTP/1.1 431")
        assert answers(port)


def test_tls_handshakes_that_never_start_are_closed_and_count(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("correct horse battery\n")
    passphrase.chmod(0o600)
    env = {"AFTERWORD_HTTP_HEADER_TIMEOUT_SECONDS": "2", "AFTERWORD_CA_PASSPHRASE_FILE": str(passphrase)}
    args = ("--https", "--setup-port", "0")
    with (
        serving(settings, *args, soft=4096, hard=4096, **env) as (port, _process),
        idle_sockets(port, 50) as held,
    ):
        time.sleep(3)
        assert all(closed_by_server(sock) for sock in held)
        trusting = ssl.create_default_context(cafile=str(settings.data_dir / "tls" / "ca.pem"))
        assert httpx.get(f"https://127.0.0.1:{port}/api/me", verify=trusting).status_code == 401


def test_serve_raises_its_open_file_limit_where_the_hard_limit_allows(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with serving(settings, soft=FILE_LIMIT, hard=8192) as (_port, process):
        limits = Path(f"/proc/{process.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
    assert int(line.split()[3]) > FILE_LIMIT, line
