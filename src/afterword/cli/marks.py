"""`afterword mark add|answer|remove` and `afterword marks`: in the session, mark the time
something lands; afterwards, say what landed, with a memo linked to its mark."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.context import CliContext
from afterword.errors import NotFound
from afterword.reflect.marks import add_mark, clock_of, mark_detail, mark_list, remove_mark
from afterword.reflect.when import parse_moment

commands = typer.Typer()
mark_app = typer.Typer(help="Marks from the session, and what landed.", no_args_is_help=True)
commands.add_typer(mark_app, name="mark")
MarkId = Annotated[str, typer.Argument(metavar="MARK_ID", help="From `afterword marks`.")]


@mark_app.command("add")
def add(
    ctx: typer.Context, at: Annotated[str | None, typer.Option(help='"today 16:23"; default now.')] = None
) -> None:
    """Mark this moment of the session: only the time is kept.

    Example: afterword mark add
    """
    context: CliContext = ctx.obj
    view = add_mark(context.reader, context.db, at=parse_moment(at) if at else None)
    output.console.print(f"Marked {clock_of(view.marked_at)}.")


@commands.command()
def marks(ctx: typer.Context) -> None:
    """The last week's marks, and what landed at each.

    Example: afterword marks
    """
    context: CliContext = ctx.obj
    listed = mark_list(context.reader)
    for view in listed.items:
        landed = (
            f"“{escape(view.headline)}”"
            if view.headline
            else "still open"
            if not view.memo_id
            else "transcribing"
        )
        output.console.print(f"{output.short_id(view.id)}  {clock_of(view.marked_at)}  {landed}")
    if listed.prompt:
        output.console.print(
            f"\n[bold]{escape(listed.prompt)}[/bold]\nRecord it, then: afterword mark answer MARK_ID FILE"
        )
    elif not listed.items:
        output.console.print(
            "No marks this week. In the session: afterword mark add (only the time is kept)."
        )


@mark_app.command("answer")
def answer(
    ctx: typer.Context, mark_id: MarkId, file: Annotated[Path, typer.Argument(help="Your memo.")]
) -> None:
    """Say what landed at a mark: the memo is stored, transcribed and linked to it.

    Example: afterword mark answer 3f2a what-landed.m4a
    """
    # Imported here: audio decoding loads PyAV, which no other command of the Typer app needs.
    from afterword.capture.intake import MemoInfo
    from afterword.capture.marks import answer_mark
    from afterword.capture.staging import stage_file
    from afterword.cli.adding import print_outcome, transcribe_memos

    context: CliContext = ctx.obj
    reader, db = context.reader, context.db
    found = mark_detail(reader, mark_id=ids.row_id(reader, "mark", mark_id))
    if not file.is_file():
        raise NotFound(f"There is no file at {file}.")
    staged = stage_file(file, db.blobs, max_bytes=db.settings.max_upload_bytes)
    result = answer_mark(
        reader,
        db,
        mark_id=found.id,
        staged=staged,
        info=MemoInfo(filename=file.name),
    )
    if transcribe_memos(context, [result.memo.id]) and print_outcome(context, result.memo.id):
        output.console.print(f"\nLinked to your mark of {clock_of(found.marked_at)}.")


@mark_app.command("remove")
def remove(ctx: typer.Context, mark_id: MarkId) -> None:
    """Let a mark go.

    Example: afterword mark remove 3f2a
    """
    context: CliContext = ctx.obj
    reader = context.reader
    remove_mark(reader, context.db, mark_id=ids.row_id(reader, "mark", mark_id))
    output.console.print("Removed.")
