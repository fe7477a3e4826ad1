"""How soon `afterword review` prints the paragraph, next to a bare `python -c pass`.

    python benchmarks/review.py [--runs 20] [--words "boss email"]

It makes a throwaway data folder with one real memo (transcribed by the bundled model), its
summary, a plan and a focus, all through the CLI. Then it runs the real console script, a fresh
process each time, as a person would: `afterword review WORDS --answer skipped`, and times each
run from its start to the first line of output and to its exit. `python -c pass` on the same
interpreter is the floor no command can go under. It prints the median (and min, p90) of each."""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "librispeech-1995-1837-0001.ogg"


def afterword_command() -> list[str]:
    """The installed console script beside this interpreter, else the same entry point."""
    script = Path(sys.executable).parent / "afterword"
    if script.exists():
        return [str(script)]
    return [
        sys.executable,
        "-c",
        "import sys; from afterword.cli.launch import run; sys.argv[0] = 'afterword'; run()",
    ]


def prepare(afterword: list[str], env: dict[str, str]) -> None:
    """A memo, its summary, a plan and a focus, made the way a person makes them."""

    def run(*args: str) -> str:
        return subprocess.run([*afterword, *args], env=env, check=True, capture_output=True, text=True).stdout

    run("add", str(SAMPLE))
    run("session", "add", "yesterday 16:00")
    run(
        "reflect",
        "--yes",
        "--answer",
        "It was never the cotton.",
        "--answer",
        "I grieve plans more than things.",
    )
    summary_id = run("summaries", "--json").split('"id": "')[1][:8]
    run("trigger", "add", summary_id, "--situation", "when my boss sends that kind of email")
    run("focus", "noticing the pursue-withdraw loop")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first line of output, seconds to exit) of one fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.readline()
    first_output = time.perf_counter() - started
    process.stdout.read()
    if process.wait() != 0:
        raise RuntimeError(f"{command} failed")
    return first_output, time.perf_counter() - started


def summary(values: list[float]) -> str:
    """Median / min / p90 in milliseconds."""
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{statistics.median(values) * 1000:.1f} / {ordered[0] * 1000:.1f} / {p90 * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--words", default="boss email")
    args = parser.parse_args()
    afterword = afterword_command()
    data_dir = tempfile.mkdtemp(prefix="afterword-review-bench-")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("AFTERWORD_")}
    env.update(AFTERWORD_DATA_DIR=data_dir, HF_HUB_OFFLINE="1", NO_COLOR="1")
    try:
        prepare(afterword, env)
        review = [*afterword, "review", *args.words.split(), "--answer", "skipped"]
        bare = [sys.executable, "-c", "pass"]  # prints nothing: its first output is its exit
        timed(review, env), timed(bare, env)  # warm the file cache
        runs = {
            "afterword review": [timed(review, env) for _ in range(args.runs)],
            "python -c pass": [timed(bare, env) for _ in range(args.runs)],
        }
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(
        f"{args.runs} runs each, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; milliseconds, "
        "median / min / p90"
    )
    print(f"{'':<18}{'to first output':>26}{'to exit':>26}")
    for name, values in runs.items():
        print(f"{name:<18}{summary([v[0] for v in values]):>26}{summary([v[1] for v in values]):>26}")
    overhead = statistics.median(v[0] for v in runs["afterword review"]) - statistics.median(
        v[1] for v in runs["python -c pass"]
    )
    print(
        f"review prints {overhead * 1000:.0f} ms after a bare interpreter would have exited "
        "(target: the whole command well under 500 ms)"
    )


if __name__ == "__main__":
    main()
