"""Real `afterword` processes for tests: workers and servers that can be killed."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from afterword.settings import Settings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env_for(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update(
        HF_HUB_OFFLINE="1",
        AFTERWORD_DATA_DIR=str(settings.data_dir),
        AFTERWORD_BLOB_BACKEND=settings.blob_backend,
        AFTERWORD_CPU_THREADS="1",
        AFTERWORD_WORKER_POLL_SECONDS="0.2",
        AFTERWORD_JOB_LEASE_SECONDS=str(settings.job_lease_seconds),
        AFTERWORD_UPLOADS_PER_MINUTE=str(settings.uploads_per_minute),
        **extra,
    )
    if settings.database_url:
        env["AFTERWORD_DATABASE_URL"] = settings.database_url
    return env


def start(settings: Settings, *args: str, **extra_env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "afterword", *args],
        cwd=REPO,
        env=env_for(settings, **extra_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(settings: Settings, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = start(settings, "serve", "--port", str(port), *args)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: reachable(base), timeout=60, what="the server to start")
        yield base, process
    finally:
        stop(process)


def reachable(base: str) -> bool:
    try:
        httpx.get(f"{base}/api/me", timeout=1)
        return True
    except httpx.TransportError:
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(condition, *, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)
