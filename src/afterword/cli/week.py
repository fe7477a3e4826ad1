"""The week's commands: triggers and their calendar, review, focus, and the pre-session note."""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.asking import ask_questions, show_prompt
from afterword.cli.context import CliContext
from afterword.cli.reflect import ThoughtId
from afterword.cli.reviewing import ReviewRequest
from afterword.cli.reviewing import review as run_review
from afterword.reflect.feed import calendar_feed
from afterword.reflect.focus import current_focus, set_focus
from afterword.reflect.partners import partner_named
from afterword.reflect.prep import PrepNote, build_note
from afterword.reflect.prep_format import FORMATS, render
from afterword.reflect.prompts import prompt_for
from afterword.reflect.review import words_of
from afterword.reflect.summaries import find_summary_view, save_week_reflection
from afterword.reflect.templates import PRE_SESSION, get_template
from afterword.reflect.triggers import (
    add_trigger,
    remove_trigger,
    trigger_views,
)
from afterword.reflect.when import format_moment
from afterword.store.enums import TriggerKind, parse_answer
from afterword.store.lean import SessionRows

trigger_app = typer.Typer(help="If-then plans: when to re-read a summary.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(trigger_app, name="trigger")
    for command in (triggers, review, focus, prep):
        app.command()(command)


@trigger_app.command("add")
def add(
    ctx: typer.Context,
    summary_id: ThoughtId,
    when: Annotated[
        str | None, typer.Option(help='A weekly time until the next session: "thu 08:00".')
    ] = None,
    situation: Annotated[str | None, typer.Option(help='"when I start rehearsing an argument"')] = None,
    person: Annotated[str | None, typer.Option(help='"when Mom calls"')] = None,
) -> None:
    """Decide when you will re-read a summary: at a time, in a situation, or with a person.

    The id may be the summary's, its insight's or its memo's (the one `afterword add` showed).

    Example: afterword trigger add 3f2a --when "thu 08:00"
    Example: afterword trigger add 3f2a --person "when Mom calls"
    """
    context: CliContext = ctx.obj
    db = context.storage.db
    summary = find_summary_view(db, owner_id=context.person_id, ref=summary_id)
    view = add_trigger(
        db, owner_id=context.person_id, summary_id=summary.id, when=when, situation=situation, person=person
    )
    hint = "" if view.kind == TriggerKind.TIME else " " + " ".join(words_of(view.cue)[:2])
    output.console.print(
        f"Plan {output.short_id(view.id)}: {escape(view.description)} → re-read "
        f"“{escape(view.headline)}”.\nWhen it comes: afterword review{escape(hint)}"
    )


@trigger_app.command("remove")
def remove(ctx: typer.Context, trigger_id: Annotated[str, typer.Argument(metavar="TRIGGER_ID")]) -> None:
    """Delete a plan.

    Example: afterword trigger remove 7c1d
    """
    context: CliContext = ctx.obj
    cue = remove_trigger(context.storage.db, owner_id=context.person_id, ref=trigger_id)
    output.console.print(f"Removed the plan “{escape(cue)}”.")


@trigger_app.command("export")
def export(
    ctx: typer.Context,
    to: Annotated[Path | None, typer.Option("--output", "-o", help="A file; default: print it.")] = None,
) -> None:
    """Your timed plans (re-reading plans, check-ins, recall checks) as an iCalendar file.

    Titles and alarms show what you chose with `afterword reminders` (discreet by default).
    While `afterword serve` runs, each plan links to its review on the phone page. `serve`
    offers the same as a feed to subscribe to: GET /api/triggers.ics.

    Example: afterword trigger export -o plans.ics
    """
    context: CliContext = ctx.obj
    base_url = served_url(context)
    if base_url is None:
        output.errors.print("No running `afterword serve` found: the plans carry no link to the phone page.")
    calendar = calendar_feed(context.storage.db, owner_id=context.person_id, base_url=base_url)
    if to is None:
        sys.stdout.write(calendar)
        return
    to.write_text(calendar, encoding="utf-8", newline="")
    output.errors.print(f"Wrote {to}; open it on your phone or computer to add the plans to a calendar.")


def served_url(context: CliContext) -> str | None:
    """The phone page's address, from the running `afterword serve`."""
    from afterword.cli.running import read_run_file
    from afterword.cli.tls import url_host

    running = read_run_file(context.settings.data_dir)
    return None if running is None else f"{running.scheme}://{url_host(running.host)}:{running.port}/"


def triggers(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List your plans, oldest first.

    Example: afterword triggers
    """
    context: CliContext = ctx.obj
    views = trigger_views(context.storage.db, owner_id=context.person_id)
    rows = [
        {
            "id": output.short_id(v.id),
            "plan": v.description,
            "until": v.until,
            "summary": output.short_id(v.summary_id),
            "headline": v.headline,
        }
        for v in views
    ]
    if as_json:
        output.emit_json([v.__dict__ for v in views])
    else:
        output.emit_table(rows, ["id", "plan", "until", "summary", "headline"], title="Plans")


def review(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None, typer.Argument(help="A few words of a plan, headline or summary.")
    ] = None,
    answer: Annotated[
        str | None, typer.Option(help="helped, not-helped or skipped: answer without being asked.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (asks nothing).")] = False,
    recall: Annotated[
        bool, typer.Option("--recall", help="Try to recall it first: the paragraph waits for Enter.")
    ] = False,
    charge: Annotated[int | None, typer.Option(min=0, max=10, help="How charged it feels now, 0-10.")] = None,
) -> None:
    """Re-read a summary now: the shortest path to the paragraph.

    Words match your plans, headlines and summaries, typos and all; with none, the plan due
    now, or a list to pick from. Your repair phrase shows first. In a terminal it offers to let
    you recall the paragraph before you read it (--recall always does). Each re-reading is
    logged, with a one-key answer (helped, did not help, skip) and, if you like, how charged it
    feels now.

    Example: afterword review boss email
    Example: afterword review mom --answer helped --charge 4
    Example: afterword review --recall boss
    """
    context: CliContext = ctx.obj
    request = ReviewRequest(
        " ".join(words or []), parse_answer(answer) if answer else None, as_json, recall=recall, charge=charge
    )
    with context.storage.db.read() as session:
        status = run_review(SessionRows(session, end_reads=True), context.person_id, request)
    raise typer.Exit(status)


def focus(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The one thread for this week.")] = None,
) -> None:
    """Set this week's focus (or show it): review and prep show it.

    Example: afterword focus "noticing the pursue-withdraw loop"
    """
    context: CliContext = ctx.obj
    db = context.storage.db
    view = (
        set_focus(db, owner_id=context.person_id, text=text)
        if text is not None
        else current_focus(db, owner_id=context.person_id)
    )
    if view is None:
        output.console.print('No focus set this week. Set one with afterword focus "..."')
    else:
        output.console.print(f"This week's focus: {escape(view.text)} (set {format_moment(view.set_at)})")


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
    db = context.storage.db
    partner = partner_named(db, reader_id=context.person_id, name=partner_name) if partner_name else None
    return build_note(
        context.storage.db,
        owner_id=context.person_id,
        person=context.person_name,
        templates_dir=context.settings.resolved_templates_dir,
        partner=partner,
    )


def answer_questions(context: CliContext) -> None:
    template = get_template(PRE_SESSION, personal_dir=context.settings.resolved_templates_dir)
    # On stderr: stdout carries the note, which may be going to a file.
    show_prompt(prompt_for(template), console=output.errors)
    save_week_reflection(
        context.storage.db,
        owner_id=context.person_id,
        template=template,
        answers=ask_questions(template, console=output.errors),
    )
    output.errors.print()
