"""Memo commands: add, list, show, search, worker, retry, delete."""

import signal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from afterword.capture.memos import MemoView, memo_detail_or_404, memo_page, search_memo_views
from afterword.cli import ids, output
from afterword.cli.context import CliContext

commands = typer.Typer()

MEMO_COLUMNS = ["id", "captured", "seconds", "status", "headline"]


def memo_row(memo: MemoView) -> dict[str, Any]:
    return {
        "id": output.short_id(memo.id),
        "captured": memo.captured_at or memo.created_at,
        "seconds": memo.duration_seconds,
        "status": memo.status,
        "headline": memo.headline or "",
    }


def emit_memos(memos: list[MemoView], *, as_json: bool, title: str) -> None:
    if as_json:
        output.emit_view(memos)
    elif not memos:
        output.errors.print("No memo matches." if title == "Matches" else "No memos yet.")
    else:
        output.emit_table([memo_row(m) for m in memos], MEMO_COLUMNS, title=title)


@commands.command("add")
def add(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Audio files: wav, m4a, mp3, ogg, webm, amr...")],
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Only queue them for a worker.")] = False,
    charge: Annotated[
        int | None, typer.Option(min=0, max=10, help="How charged it feels now, 0-10 (optional).")
    ] = None,
) -> None:
    """Store voice memos and transcribe them, then print each insight.

    Example: afterword add samples/jfk.m4a --charge 7
    """
    from afterword.cli.adding import add_files

    if not add_files(ctx.obj, files, wait=not no_wait, charge=charge):
        raise typer.Exit(1)


@commands.command("list")
def list_memos(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="How many to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List memos, newest first.

    Example: afterword list --limit 5
    """
    context: CliContext = ctx.obj
    page = memo_page(context.reader, limit=limit)
    emit_memos(page.items, as_json=as_json, title="Memos")


@commands.command("show")
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
    reader = ctx.obj.reader
    memo = memo_detail_or_404(reader, memo_id=ids.row_id(reader, "memo", memo_id))
    if as_json:
        output.emit_view(memo)
    else:
        output.print_memo(memo, original=original)


@commands.command("search")
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to find in transcripts.")],
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find memos whose transcript has all the words (prefixes match too).

    Example: afterword search boundaries
    """
    context: CliContext = ctx.obj
    memos = search_memo_views(context.reader, words=" ".join(words), limit=limit)
    emit_memos(memos, as_json=as_json, title="Matches")


@commands.command("worker")
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
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.worker import Worker

    context: CliContext = ctx.obj
    engine = WhisperEngine(context.settings.whisper, slots=concurrency)
    worker = Worker(context.db, engine)
    if once:
        output.console.print(f"Processed {worker.drain()} memo(s).")
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: worker.stop())
    # /healthz shows the random end of this id; the whole one says which machine and process.
    output.console.print(f"Worker {escape(worker.worker_id)} running; Ctrl-C stops it.")
    worker.run()


@commands.command("retry")
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
    from afterword.transcribe.retry import model_name, retry_memo

    context: CliContext = ctx.obj
    reader, asked = context.reader, model_name(model)
    memo = retry_memo(reader, context.db, memo_id=ids.row_id(reader, "memo", memo_id), model=asked)
    output.console.print(
        f"Memo {output.short_id(memo.memo_id)} is queued again; `afterword worker --once` runs it."
    )


@commands.command("delete")
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
    from afterword.store.memos import delete_memo

    context: CliContext = ctx.obj
    if person is not None:
        delete_whole_person(context, person, yes=yes)
        return
    if memo_id is None:
        output.fail("give a memo ID, or --person NAME")
    found = ids.row_id(context.reader, "memo", memo_id)
    if not yes:
        typer.confirm(f"Delete memo {output.short_id(found)} and its audio for good?", abort=True)
    delete_memo(context.db, memo_id=found, owner_id=context.person_id)
    output.console.print(f"Deleted memo {output.short_id(found)}.")


def delete_whole_person(context: CliContext, name: str, *, yes: bool) -> None:
    from afterword.store.memos import delete_person

    if not yes:
        typer.confirm(
            f"Delete {output.visible(name)} with all their memos, transcripts and notes for good?", abort=True
        )
    deleted = delete_person(context.db, name=name)
    output.console.print(f"Deleted {escape(name)} and {deleted} memo(s).")
