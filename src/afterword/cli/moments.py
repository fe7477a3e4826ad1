"""`afterword moment add|answer|remove` and `afterword moments`: note the pattern when it shows
up, by voice or in words, and answer its questions now or later."""

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.asking import read_line
from afterword.cli.context import CliContext
from afterword.errors import NotFound
from afterword.reflect.moments import (
    QUESTIONS,
    MomentView,
    answer_moment,
    moment_detail,
    moment_views,
    record_text_moment,
    remove_moment,
)
from afterword.reflect.when import format_moment, parse_moment

commands = typer.Typer()
moment_app = typer.Typer(help="Pattern moments: the week's data.", no_args_is_help=True)
commands.add_typer(moment_app, name="moment")
Answer = Annotated[
    str | None,
    typer.Option(
        help="An answer now (or later: `afterword moment answer ID`)." + FROM_STDIN, callback=text_from_stdin
    ),
]
MomentId = Annotated[str, typer.Argument(metavar="ID", help="From `afterword moments`.")]


@moment_app.command("add")
def add(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="A recording of the moment.")] = None,
    text: Annotated[
        str | None,
        typer.Option(
            help="The moment in words, instead of a recording." + FROM_STDIN, callback=text_from_stdin
        ),
    ] = None,
    at: Annotated[str | None, typer.Option(help='When it happened: "today 19:40"; default now.')] = None,
    happened: Answer = None,
    felt: Answer = None,
    tried: Answer = None,
    stuck: Answer = None,
    helped: Answer = None,
    later: Annotated[bool, typer.Option("--later", help="Answer the questions later.")] = False,
) -> None:
    """The pattern showed up: note it, by voice (FILE) or in words (--text).

    Then, one at a time, the questions: what happened, what I felt, what I tried, where it got
    stuck, what helped even a little. Enter skips one; answer later with `afterword moment answer`.

    Example: afterword moment add --text "I went quiet when the plans changed" --felt "small"
    Example: afterword moment add voice-note.m4a
    """
    context: CliContext = ctx.obj
    if (file is None) == (text is None):
        output.fail("give a recording (FILE) or --text, one of the two")
    when = parse_moment(at) if at else None
    given = {"what_happened": happened, "felt": felt, "tried": tried, "stuck": stuck, "helped": helped}
    answers = {k: v for k, v in given.items() if v is not None}
    reader, db = context.reader, context.db
    if file is None:
        view = record_text_moment(reader, db, text=text or "", happened_at=when, answers=answers)
    else:
        view = voice_moment(context, file, when)
        if answers:
            view = answer_moment(reader, db, moment_id=view.id, answers=answers)
    output.console.print(f"Moment {output.short_id(view.id)} kept, {format_moment(view.happened_at)}.")
    if view.text and file is not None:
        output.console.print(f"[dim]You said:[/dim] {escape(view.text)}")
    if not later and not answers:
        view = ask_open_questions(context, view)
    hint_later(view)


def voice_moment(context: CliContext, file: Path, when: datetime | None) -> MomentView:
    # Imported here: audio decoding loads PyAV, which no other command of the Typer app needs.
    from afterword.capture.intake import MemoInfo
    from afterword.capture.moments import record_voice_moment
    from afterword.capture.staging import stage_file
    from afterword.cli.adding import transcribe_memos

    db = context.db
    if not file.is_file():
        raise NotFound(f"There is no file at {file}.")
    staged = stage_file(file, db.blobs, max_bytes=db.settings.max_upload_bytes)
    info = MemoInfo(filename=file.name, captured_at=when)
    stored = record_voice_moment(context.reader, db, staged=staged, info=info)
    transcribe_memos(context, [stored.memo_id])
    return moment_detail(context.reader, moment_id=stored.moment_id)


def ask_open_questions(context: CliContext, view: MomentView) -> MomentView:
    """Each unanswered question in turn; Enter leaves it for later."""
    output.console.print("[dim]Enter skips a question; it can wait.[/dim]")
    answers = {}
    for field in view.unanswered:
        output.console.print(f"\n[bold]{escape(QUESTIONS[field])}[/bold]")
        typed = read_line(output.console)
        if typed:
            answers[field] = typed
    if not answers:
        return view
    return answer_moment(context.reader, context.db, moment_id=view.id, answers=answers)


def hint_later(view: MomentView) -> None:
    if view.unanswered:
        output.console.print(
            f"\n{len(view.unanswered)} question(s) can wait: afterword moment answer {output.short_id(view.id)}"
        )


@commands.command()
def moments(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List your moments, newest first, with the questions still open.

    Example: afterword moments
    """
    context: CliContext = ctx.obj
    views = moment_views(context.reader)
    if as_json:
        output.emit_view(views)
        return
    rows = [
        {
            "id": output.short_id(v.id),
            "when": v.happened_at,
            "moment": v.text or f"(voice, {v.status})",
            "open": ", ".join(QUESTIONS[f] for f in v.unanswered),
        }
        for v in views
    ]
    output.emit_table(rows, ["id", "when", "moment", "open"], title="Moments")


@moment_app.command("answer")
def answer(
    ctx: typer.Context,
    moment_id: MomentId,
    happened: Answer = None,
    felt: Answer = None,
    tried: Answer = None,
    stuck: Answer = None,
    helped: Answer = None,
) -> None:
    """Answer a moment's questions: those given as options, or each open one in turn.

    Example: afterword moment answer 3f2a --helped "a walk round the block"
    """
    context: CliContext = ctx.obj
    given = {"what_happened": happened, "felt": felt, "tried": tried, "stuck": stuck, "helped": helped}
    answers = {k: v for k, v in given.items() if v is not None}
    reader = context.reader
    view = moment_detail(reader, moment_id=ids.row_id(reader, "moment", moment_id))
    if answers:
        view = answer_moment(reader, context.db, moment_id=view.id, answers=answers)
    else:
        view = ask_open_questions(context, view)
    output.console.print(
        f"Moment {output.short_id(view.id)}: {len(QUESTIONS) - len(view.unanswered)} of {len(QUESTIONS)} answered."
    )


@moment_app.command("remove")
def remove(ctx: typer.Context, moment_id: MomentId) -> None:
    """Delete a moment (a recorded one with its audio).

    Example: afterword moment remove 3f2a
    """
    context: CliContext = ctx.obj
    reader = context.reader
    remove_moment(reader, context.db, moment_id=ids.row_id(reader, "moment", moment_id))
    output.console.print("Removed.")
