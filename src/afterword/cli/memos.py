"""Memo commands: add, list, show, search, worker, retry, delete."""

import signal
import threading
from pathlib import Path
from typing import Annotated, Any

import typer

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.store.memos import (
    find_memo,
    list_recent_memos,
    load_memo_details,
)
from afterword.store.models import JobStatus, Memo, Segment
from afterword.transcribe.sentences import transcript_sentences
from afterword.transcribe.speech_check import NO_SPEECH_ADVICE

MEMO_COLUMNS = ["id", "captured", "seconds", "status", "headline"]


def register(app: typer.Typer) -> None:
    for command in (add, list_memos, show, search, worker, retry, delete, doctor, export, import_):
        name = command.__name__.removesuffix("_memos").removesuffix("_").replace("_", "-")
        app.command(name=name)(command)


def memo_row(memo: Memo) -> dict[str, Any]:
    return {
        "id": output.short_id(memo.id),
        "captured": memo.captured_at or memo.created_at,
        "seconds": memo.duration_seconds,
        "status": memo.job.status.value,
        "headline": memo.insight.headline if memo.insight else "",
    }


def memo_json(memo: Memo) -> dict[str, Any]:
    """A memo loaded with load_memo_details, as plain data."""
    transcript = memo.transcript
    return {
        "id": str(memo.id),
        "status": memo.job.status.value,
        "error": memo.job.last_error,
        "attempts": memo.job.attempts,
        "filename": memo.filename,
        "content_type": memo.content_type,
        "size_bytes": memo.size_bytes,
        "duration_seconds": memo.duration_seconds,
        "captured_at": memo.captured_at,
        "created_at": memo.created_at,
        "note": memo.note,
        "headline": memo.insight.headline if memo.insight else None,
        "advice": NO_SPEECH_ADVICE if memo.job.status == JobStatus.NO_SPEECH else None,
        "transcript": None
        if transcript is None
        else {
            "text": transcript.text,
            "language": transcript.language,
            "model": transcript.model,
            "device": transcript.device,
            "compute_type": transcript.compute_type,
            "audio_seconds": transcript.audio_seconds,
            "processing_seconds": transcript.processing_seconds,
            "segments": [segment_json(s) for s in transcript.segments],
            "sentences": [
                {"number": s.number, "start": s.start, "end": s.end, "text": s.text}
                for s in transcript_sentences(transcript.segments, duration=memo.duration_seconds)
            ],
        },
    }


def segment_json(segment: Segment) -> dict[str, Any]:
    """A segment loaded with its versions: what it says now, and what the model heard."""
    versions = segment.versions
    return {
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "words": segment.words,
        "version": versions[-1].version if versions else 0,
        "heard": versions[0].text if versions else segment.text,
    }


def add(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Audio files: wav, m4a, mp3, ogg, webm, amr...")],
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Only queue them for a worker.")] = False,
) -> None:
    """Store voice memos and transcribe them, then print each insight.

    Example: afterword add samples/jfk.m4a
    """
    from afterword.cli.adding import add_files

    if not add_files(ctx.obj, files, wait=not no_wait):
        raise typer.Exit(1)


def list_memos(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="How many to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List memos, newest first.

    Example: afterword list --limit 5
    """
    context: CliContext = ctx.obj
    with context.storage.db.session() as session:
        memos = list_recent_memos(session, owner_id=context.person_id, limit=limit)
    if as_json:
        output.emit_json([{**memo_row(m), "id": str(m.id)} for m in memos])
    else:
        output.emit_table([memo_row(m) for m in memos], MEMO_COLUMNS, title="Memos")


def show(
    ctx: typer.Context,
    memo_id: Annotated[str, typer.Argument(metavar="ID", help="A memo id or its first characters.")],
    original: Annotated[
        bool, typer.Option("--original", help="The transcript as the model heard it.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a memo's transcript, its numbered sentences and segments, and how it was made.

    Example: afterword show 3f2a
    """
    context: CliContext = ctx.obj
    with context.storage.db.session() as session:
        memo = load_memo_details(
            session, memo=find_memo(session, id_or_prefix=memo_id, owner_id=context.person_id)
        )
    if as_json:
        output.emit_json(memo_json(memo))
    else:
        output.print_memo(memo_json(memo), original=original)


def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to find in transcripts.")],
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find memos whose transcript has all the words (prefixes match too).

    Example: afterword search boundaries
    """
    from afterword.store.search import search_memos

    context: CliContext = ctx.obj
    with context.storage.db.session() as session:
        memos = search_memos(session, owner_id=context.person_id, words=" ".join(words), limit=limit)
    if as_json:
        output.emit_json([{**memo_row(m), "id": str(m.id)} for m in memos])
    elif not memos:
        output.errors.print("No memo matches.")
    else:
        output.emit_table([memo_row(m) for m in memos], MEMO_COLUMNS, title="Matches")


def worker(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Drain the queue, then exit.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Memos transcribed at once.")] = 1,
) -> None:
    """Transcribe queued memos until stopped (Ctrl-C or SIGTERM).

    Run as many worker processes, on as many machines, as you like: they share the queue
    through the database.

    Example: afterword worker --concurrency 2
    """
    from afterword.transcribe.pool import WorkerPool

    context: CliContext = ctx.obj
    pool = WorkerPool(context.storage, concurrency)
    if once:
        output.console.print(f"Processed {pool.drain()} memo(s).")
        return
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    output.console.print("Worker running; Ctrl-C stops it.")
    pool.run(stop)


def retry(
    ctx: typer.Context,
    memo_id: Annotated[str, typer.Argument(metavar="ID", help="A memo id or its first characters.")],
    model: Annotated[
        str | None, typer.Option("--model", help="Another model: a faster-whisper name or a local folder.")
    ] = None,
) -> None:
    """Queue a memo that failed, or in which no speech was heard, again (with your vocabulary as
    it is now, and optionally another model).

    Example: afterword retry 3f2a --model small.en
    """
    from afterword.transcribe.retry import retry_memo

    context: CliContext = ctx.obj
    with context.storage.db.session() as session:
        memo = find_memo(session, id_or_prefix=memo_id, owner_id=context.person_id)
    retry_memo(context.storage, owner_id=context.person_id, memo_id=memo.id, model=model)
    output.console.print(
        f"Memo {output.short_id(memo.id)} is queued again; `afterword worker --once` runs it."
    )


def delete(
    ctx: typer.Context,
    memo_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A memo id or its first characters.")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Delete this person and everything of theirs.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete a memo (its audio, transcript and insight), or with --person everything of one person.

    Example: afterword delete 3f2a --yes
    """
    from afterword.store.storage import delete_memo

    context: CliContext = ctx.obj
    if person is not None:
        delete_whole_person(context, person, yes=yes)
        return
    if memo_id is None:
        output.fail("give a memo ID, or --person NAME")
    with context.storage.db.session() as session:
        memo = find_memo(session, id_or_prefix=memo_id, owner_id=context.person_id)
    if not yes:
        typer.confirm(f"Delete memo {output.short_id(memo.id)} and its audio for good?", abort=True)
    delete_memo(context.storage, memo_id=memo.id, owner_id=context.person_id)
    output.console.print(f"Deleted memo {output.short_id(memo.id)}.")


def delete_whole_person(context: CliContext, name: str, *, yes: bool) -> None:
    from afterword.store.storage import delete_person

    if not yes:
        typer.confirm(f"Delete {name} with all their memos, transcripts and notes for good?", abort=True)
    deleted = delete_person(context.storage, name=name)
    if deleted is None:
        output.fail(f"there is no person named {name}")
    output.console.print(f"Deleted {output.escape(name)} and {deleted} memo(s).")


def doctor(
    ctx: typer.Context,
    fix: Annotated[bool, typer.Option("--fix", help="Delete orphan audio and stale uploads.")] = False,
    staging_age: Annotated[
        float, typer.Option(help="Minutes after which an unfinished upload is stale.")
    ] = 60,
) -> None:
    """Check stored audio against the memos, and find what a crash left behind.

    Example: afterword doctor --fix
    """
    from afterword.store.doctor import clean, examine

    context: CliContext = ctx.obj
    findings = examine(context.storage, staging_age_seconds=staging_age * 60)
    for label, items in (
        ("memos whose audio is missing", findings.missing_audio),
        ("stored audio that no longer matches its hash", findings.damaged_audio),
        ("stored audio no memo refers to", findings.orphan_audio),
        ("unfinished uploads", findings.stale_uploads),
    ):
        output.console.print(f"{len(items)} {label}")
    if fix and findings.cleanable:
        clean(context.storage, findings)
        output.console.print(f"Cleaned {findings.cleanable} item(s).")
    if findings.missing_audio or findings.damaged_audio:
        raise typer.Exit(1)


def export(
    ctx: typer.Context, target: Annotated[Path, typer.Argument(metavar="FILE", help="A .zip to write.")]
) -> None:
    """Write a backup: every row as JSON plus the audio, in one versioned zip.

    Example: afterword export afterword-backup.zip
    """
    from afterword.store.transfer import export_zip

    counts = export_zip(ctx.obj.storage, target)
    output.console.print(
        f"Exported {counts.get('memos', 0)} memo(s) of {counts.get('people', 0)} person(s) to {target}."
    )


def import_(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A zip from `afterword export`.")],
) -> None:
    """Load a backup into this (empty) database, SQLite or PostgreSQL.

    Example: AFTERWORD_DATABASE_URL=postgresql+psycopg://... afterword import afterword-backup.zip
    """
    from afterword.store.transfer import import_zip

    if not source.is_file():
        output.fail(f"there is no file at {source}")
    counts = import_zip(ctx.obj.storage, source)
    output.console.print(f"Imported {counts.get('memos', 0)} memo(s) of {counts.get('people', 0)} person(s).")
