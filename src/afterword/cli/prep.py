"""The week's focus and the pre-session note."""

import sys
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.asking import ask_questions, show_prompt
from afterword.cli.context import CliContext
from afterword.reflect.focus import current_focus, set_focus
from afterword.reflect.prep import PrepNote, build_note
from afterword.reflect.prep_format import FORMATS, render
from afterword.reflect.prompts import prompt_for
from afterword.reflect.summaries import save_week_reflection
from afterword.reflect.templates import PRE_SESSION, get_template
from afterword.reflect.when import format_moment

commands = typer.Typer()


@commands.command()
def focus(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(help="The one thread for this week." + FROM_STDIN, callback=text_from_stdin),
    ] = None,
) -> None:
    """Set this week's focus (or show it): review and prep show it.

    Example: afterword focus "noticing the pursue-withdraw loop"
    """
    context: CliContext = ctx.obj
    view = (
        set_focus(context.reader, context.db, text=text)
        if text is not None
        else current_focus(context.reader)
    )
    if view is None:
        output.console.print('No focus set this week. Set one with afterword focus "..."')
    else:
        output.console.print(f"This week's focus: {escape(view.text)} (set {format_moment(view.set_at)})")


@commands.command()
def prep(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    partner: Annotated[
        str | None,
        typer.Option("--with", metavar="PARTNER", help="Add what your partner PARTNER shared with you."),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Answer the pre-session questions first (default: in a terminal, when not answered yet).",
        ),
    ] = None,
) -> None:
    """Write the pre-session note for the week since the last session.

    It holds the focus, what you captured, your summaries, your plans and how they went, the
    pre-session questions with your answers, and what still waits for your own words.

    Example: afterword prep
    Example: afterword prep --with Sam --format html > before-session.html
    """
    context: CliContext = ctx.obj
    if fmt not in FORMATS:
        output.fail(f"--format is one of {', '.join(FORMATS)}")
    note = make_note(context, partner)
    unanswered = all(q.answer is None for q in note.questions)
    if ask or (ask is None and unanswered and fmt == "md" and sys.stdin.isatty()):
        answer_questions(context)
        note = make_note(context, partner)
    output.echo(render(note, fmt), nl=False)


def make_note(context: CliContext, partner_name: str | None) -> PrepNote:
    return build_note(
        context.reader,
        person=context.person_name,
        templates_dir=context.settings.resolved_templates_dir,
        partner_name=partner_name,
    )


def answer_questions(context: CliContext) -> None:
    template = get_template(PRE_SESSION, personal_dir=context.settings.resolved_templates_dir)
    # On stderr: stdout carries the note, which may be going to a file.
    show_prompt(prompt_for(template), console=output.errors)
    save_week_reflection(
        context.reader,
        context.db,
        template=template,
        answers=ask_questions(template, console=output.errors),
    )
    output.errors.print()
