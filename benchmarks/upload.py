"""A bounded loopback load on `afterword serve`: concurrent uploads of real memos.

    python benchmarks/upload.py [--uploads 100] [--concurrency 100]

Phase 1 sends N distinct real memos at once while the in-process worker transcribes them, and
prints uploads per second and p50/p99 latency. Phase 2 starts a fresh server, warms the worker
with one memo, then times one ~11 s memo from the start of its upload to its transcript, using
the long-poll. Everything goes to 127.0.0.1 and stops by itself."""

import argparse
import asyncio
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
MEMO = REPO.parent / "shared" / "audio" / "jfk" / "jfk.wav"
AFTERWORD = [sys.executable, "-c", "from afterword.cli.main import run; run()"]


def distinct_memos(count: int) -> list[bytes]:
    """The same real speech, each copy with one sample changed so its bytes (and memo) differ."""
    with wave.open(str(MEMO)) as source:
        params, frames = source.getparams(), bytearray(source.readframes(source.getnframes()))
    memos = []
    for number in range(count):
        frames[-2:] = number.to_bytes(2, "little")
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setparams(params)
            out.writeframes(bytes(frames))
        memos.append(buffer.getvalue())
    return memos


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server() -> Iterator[tuple[str, str]]:
    """A fresh `afterword serve` on loopback; yields (base URL, token)."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "AFTERWORD_DATA_DIR": data_dir,
            "HF_HUB_OFFLINE": "1",
            "AFTERWORD_UPLOADS_PER_MINUTE": "100000",  # one token sends them all
            "AFTERWORD_UPLOADS_PER_CLIENT_PER_MINUTE": "100000",  # from one address
        }
        subprocess.run([*AFTERWORD, "person", "add", "bench"], env=env, check=True, capture_output=True)
        token = subprocess.run(
            [*AFTERWORD, "token", "add", "bench"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
        port = free_port()
        process = subprocess.Popen(
            [*AFTERWORD, "serve", "--port", str(port), *os.environ.get("BENCH_SERVE_ARGS", "").split()],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            yield base, token
        finally:
            process.terminate()
            process.wait(timeout=60)


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/me", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


async def upload(client: httpx.AsyncClient, body: bytes) -> tuple[int, float, str]:
    started = time.perf_counter()
    response = await client.post("/api/memos", content=body, headers={"Content-Type": "audio/wav"})
    return response.status_code, time.perf_counter() - started, response.json().get("id", "")


async def load_phase(base: str, token: str, memos: list[bytes], concurrency: int) -> None:
    limits = httpx.Limits(max_connections=concurrency)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(upload(client, body) for body in memos))
        wall = time.perf_counter() - started
    latencies = sorted(latency for _, latency, _ in results)
    accepted = sum(status == 202 for status, _, _ in results)
    p99 = latencies[max(0, round(0.99 * len(latencies)) - 1)]
    print(
        f"uploads: {len(memos)} sent at once, {accepted} accepted (202), {len(memos) / wall:.1f} per second"
    )
    print(
        f"latency: p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms (target p99 < 500 ms)"
    )


async def ready_phase(base: str, token: str, memos: list[bytes]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        for attempt, body in enumerate(memos):
            started = time.perf_counter()
            _, _, memo_id = await upload(client, body)
            memo = (await client.get(f"/api/memos/{memo_id}/wait", params={"timeout": 60})).json()
            elapsed = time.perf_counter() - started
            if attempt == 0:
                continue  # the first memo warms the worker
            print(
                f"upload to transcript ready, 11 s memo, warm worker: {elapsed:.2f} s "
                f"(status {memo['status']}; target < 2 s)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uploads", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=100)
    args = parser.parse_args()
    memos = distinct_memos(args.uploads + 4)
    with server() as (base, token):
        asyncio.run(load_phase(base, token, memos[: args.uploads], args.concurrency))
    with server() as (base, token):
        time.sleep(3)  # let the model finish loading in the background, as on a running server
        asyncio.run(ready_phase(base, token, memos[args.uploads :]))


if __name__ == "__main__":
    main()
