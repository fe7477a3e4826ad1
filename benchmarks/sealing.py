"""How much sealing costs: one value sealed and opened, a person's 2,500 values opened, a key
wrapped and unwrapped, and the import of the package.

    python benchmarks/sealing.py [--runs 7]

Each figure is the median of --runs runs (min in brackets). Texts are sealed in their column form
(`s1.` and base64url) and opened through an Opener, as a read will. The 2,500 values are the size
issue 23 sets its targets at: 2,000 memo transcripts of 2 KB (about two minutes of speech) and
500 summaries of 700 bytes (one paragraph). Imports are timed in fresh processes, from the first
import statement to the last, so the interpreter's own start is left out."""

import argparse
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from afterword.sealing.kdf import PASSPHRASE_COST
from afterword.sealing.keys import PrivateKey
from afterword.sealing.opener import Opener
from afterword.sealing.values import open_text, seal_text
from afterword.sealing.wraps import unwrap_key, wrap_with_passphrase, wrap_with_token_secret

PASSPHRASE = "cotton plans grief window"
TOKEN_SECRET = "s" * 43
SENTENCE = "It was never the cotton; I grieve plans more than things, and that is allowed. "
READ_PATH = "afterword.sealing.opener, afterword.sealing.wraps, afterword.sealing.passphrases"


def text_of(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def timed(action: Callable[[], object], runs: int, *, per: int = 1) -> list[float]:
    """Seconds per call of `action`, divided by `per` (the values one call handles), per run."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) / per)
    return times


def shown(times: list[float], scale: float, unit: str) -> str:
    return f"{statistics.median(times) * scale:8.1f} {unit}  (min {min(times) * scale:.1f})"


def value_figures(key: PrivateKey, size: int, runs: int) -> None:
    """Seal and open a thousand texts of this size, per value."""
    text, batch = text_of(size), 1000
    sealed = [seal_text(key.public_key, "transcripts.text", text) for _ in range(batch)]
    seal_times = timed(
        lambda: [seal_text(key.public_key, "transcripts.text", text) for _ in range(batch)], runs, per=batch
    )
    open_times = timed(lambda: [open_text(key, "transcripts.text", s) for s in sealed], runs, per=batch)
    print(f"seal a {size:>4}-byte text   {shown(seal_times, 1e6, 'us')}")
    print(f"open a {size:>4}-byte text   {shown(open_times, 1e6, 'us')}")
    print(f"  stored as {len(sealed[0])} characters")


def person_figures(key: PrivateKey, runs: int) -> None:
    opener = Opener([key])
    memos = [
        ("transcripts.text", seal_text(key.public_key, "transcripts.text", text_of(2000)))
        for _ in range(2000)
    ]
    summaries = [
        ("summary_versions.paragraph", seal_text(key.public_key, "summary_versions.paragraph", text_of(700)))
        for _ in range(500)
    ]
    values = memos + summaries
    times = timed(lambda: [opener.open_text(purpose, sealed) for purpose, sealed in values], runs)
    print(f"open 2,500 values (2,000 x 2 KB + 500 x 700 B) {shown(times, 1e3, 'ms')}")


def wrap_figures(key: PrivateKey, runs: int) -> None:
    person, cost = uuid.uuid4(), PASSPHRASE_COST
    wrap = wrap_with_passphrase(key, person_id=person, passphrase=PASSPHRASE)
    wrapping = timed(lambda: wrap_with_passphrase(key, person_id=person, passphrase=PASSPHRASE), runs)
    unwrapping = timed(lambda: unwrap_key(wrap, PASSPHRASE, person_id=person), runs)
    token = wrap_with_token_secret(key, person_id=person, secret=TOKEN_SECRET)
    hkdf = timed(lambda: unwrap_key(token, TOKEN_SECRET, person_id=person), runs * 100)
    print(
        f"scrypt n=2**{cost.n.bit_length() - 1}, r={cost.r}, p={cost.p} ({cost.memory_bytes // 2**20} MiB):"
    )
    print(f"  wrap under a passphrase      {shown(wrapping, 1e3, 'ms')}")
    print(f"  unwrap with the passphrase   {shown(unwrapping, 1e3, 'ms')}")
    print(f"HKDF unwrap (a phone's token)  {shown(hkdf, 1e6, 'us')}")


def import_seconds(modules: str) -> float:
    code = f"import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(done.stdout)


def import_figures(runs: int) -> None:
    for label, modules in (
        ("import the read path's modules", READ_PATH),
        ("import the keyring adapter", "afterword.sealing.os_keyring"),
        ("import keyring itself (on first use)", "keyring"),
    ):
        times = [import_seconds(modules) for _ in range(runs)]
        print(f"{label:<38} {shown(times, 1e3, 'ms')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    key = PrivateKey.generate()
    for size in (100, 2000):
        value_figures(key, size, runs)
    person_figures(key, runs)
    wrap_figures(key, runs)
    import_figures(runs)


if __name__ == "__main__":
    main()
