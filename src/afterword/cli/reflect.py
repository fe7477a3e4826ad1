"""Between-session commands: sessions, insights and headlines, reflect, summaries, templates."""

from typing import Annotated, NoReturn

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.asking import ask_questions, confirm_insight, keep_earlier, show_prompt
from afterword.cli.context import CliContext
from afterword.reflect.insights import (
    InsightView,
    find_insight_view,
    insight_views,
    next_without_summary,
    set_headline,
)
from afterword.reflect.prompts import prompt_for
from afterword.reflect.sessions import (
    move_insight,
    record_session,
    remove_session,
    reschedule_session,
    session_views,
)
from afterword.reflect.summaries import (
    SummaryView,
    current_answers,
    find_summary_view,
    save_summary,
    save_week_reflection,
    set_shared,
    summary_views,
)
from afterword.reflect.templates import (
    OWN_WORDS,
    Template,
    TemplateError,
    get_template,
    list_templates,
)
from afterword.reflect.when import format_after, format_moment, parse_moment

session_app = typer.Typer(
    help="Therapy sessions: the appointments a week runs between.", no_args_is_help=True
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
THOUGHT_ID_HELP = "An insight's, its memo's or its summary's id, or its first characters."
ThoughtId = Annotated[str, typer.Argument(metavar="ID", help=THOUGHT_ID_HELP)]
"""Any id of one thought: every command that needs an insight or a summary takes the one at hand."""


def register(app: typer.Typer) -> None:
    app.add_typer(session_app, name="session")
    for command in (sessions, insights, headline, reflect, summaries, summary, share, templates):
        app.command()(command)


@session_app.command("add")
def add_session(
    ctx: typer.Context,
    when: Annotated[
        str, typer.Argument(help='"now", "today 16:00", "thu 16:00", "next thu 16:00", "2026-11-19 16:00".')
    ],
    note: Annotated[str | None, typer.Option(help="A few words to remember it by.")] = None,
) -> None:
    """Record a therapy session (past or coming); insights captured after it follow it.

    Example: afterword session add "today 16:00" --note "Sunday dinners"
    """
    context: CliContext = ctx.obj
    view = record_session(
        context.storage.db, owner_id=context.person_id, starts_at=parse_moment(when), note=note
    )
    output.console.print(
        f"Session {output.short_id(view.id)} on {format_moment(view.starts_at)}; "
        f"{view.insights} insight(s) follow it."
    )


@session_app.command("move")
def move(
    ctx: typer.Context,
    insight_id: ThoughtId,
    session_id: Annotated[
        str, typer.Argument(metavar="SESSION_ID", help="From `afterword sessions`, or auto.")
    ],
) -> None:
    """Make an insight follow another session (auto: back to the rule).

    By default an insight follows the latest session that began before it was captured.

    Example: afterword session move 3f2a 9c1b
    """
    context: CliContext = ctx.obj
    move_insight(
        context.storage.db,
        owner_id=context.person_id,
        insight_ref=insight_id,
        session_ref=None if session_id == "auto" else session_id,
    )
    output.console.print("Moved.")


@session_app.command("reschedule")
def reschedule(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="SESSION_ID", help="From `afterword sessions`.")],
    when: Annotated[str, typer.Argument(help='The new time: "thu 17:00", "2026-12-03 17:00".')],
) -> None:
    """Move a session to another time (the appointment moved); weekly plans then end there.

    Example: afterword session reschedule 9c1b "thu 17:00"
    """
    context: CliContext = ctx.obj
    view = reschedule_session(
        context.storage.db,
        owner_id=context.person_id,
        session_ref=session_id,
        starts_at=parse_moment(when),
        note=None,
    )
    output.console.print(f"Session {output.short_id(view.id)} now on {format_moment(view.starts_at)}.")


@session_app.command("remove")
def remove(ctx: typer.Context, session_id: Annotated[str, typer.Argument(metavar="SESSION_ID")]) -> None:
    """Delete a session (its insights then follow the session before it).

    Example: afterword session remove 9c1b
    """
    context: CliContext = ctx.obj
    when = remove_session(context.storage.db, owner_id=context.person_id, session_ref=session_id)
    output.console.print(f"Removed the session of {format_moment(when)}.")


def sessions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List therapy sessions, oldest first, with how many insights follow each.

    Example: afterword sessions
    """
    context: CliContext = ctx.obj
    views = session_views(context.storage.db, owner_id=context.person_id)
    rows = [
        {"id": output.short_id(v.id), "when": v.starts_at, "insights": v.insights, "note": v.note}
        for v in views
    ]
    if as_json:
        output.emit_json([{**row, "id": str(v.id)} for row, v in zip(rows, views, strict=True)])
    else:
        output.emit_table(rows, ["id", "when", "insights", "note"], title="Sessions")


def insights(
    ctx: typer.Context, limit: Annotated[int, typer.Option(min=1)] = 20, as_json: JsonOption = False
) -> None:
    """List insights, newest first: headline, session, and whether it has a summary.

    Example: afterword insights --limit 5
    """
    context: CliContext = ctx.obj
    views = insight_views(context.storage.db, owner_id=context.person_id, limit=limit)
    if as_json:
        output.emit_json([v.__dict__ for v in views])
        return
    rows = [
        {
            "id": output.short_id(v.id),
            "captured": v.captured_at,
            "after": format_after(v.minutes_after_session),
            "summary": "yes" if v.summary_id else "",
            "headline": v.headline,
        }
        for v in views
    ]
    output.emit_table(rows, ["id", "captured", "after", "summary", "headline"], title="Insights")


def headline(
    ctx: typer.Context,
    insight_id: ThoughtId,
    text: Annotated[str | None, typer.Argument(help="The sentence that landed, in your words.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Pick it from the transcript again.")] = False,
) -> None:
    """Show or change an insight's headline.

    Afterword picks the longest sentence of what you said (all of it when it is one sentence).

    Example: afterword headline 3f2a "I don't have to fix his mood to be okay."
    """
    context: CliContext = ctx.obj
    view = find_insight_view(context.storage.db, owner_id=context.person_id, ref=insight_id)
    current = view.headline
    if text is not None or reset:
        current = set_headline(
            context.storage.db, owner_id=context.person_id, insight_id=view.id, text=None if reset else text
        )
    output.console.print(escape(current))


def reflect(
    ctx: typer.Context,
    insight_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="Any id of the thought (default: your newest insight without a summary)."
        ),
    ] = None,
    template: Annotated[
        str, typer.Option(help="own-words, couples-pattern, bad-week, or one of yours.")
    ] = OWN_WORDS,
    peek: Annotated[
        bool, typer.Option("--peek", help="Show what you said first (it stays hidden otherwise).")
    ] = False,
    answer: Annotated[
        list[str] | None, typer.Option(help="An answer, once per question, instead of being asked.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Take the newest insight without asking.")] = False,
) -> None:
    """Put an insight in your own words, one question at a time.

    It shows the headline and keeps the transcript hidden (--peek shows it): recalling it in
    your own words is what makes it stay. Again on the same insight: a new version, and the
    earlier ones are kept. Answers can also come from a pipe, one per line.

    Example: afterword reflect
    Example: afterword reflect --template bad-week
    """
    context: CliContext = ctx.obj
    db, owner_id = context.storage.db, context.person_id
    chosen = get_template(template, personal_dir=context.settings.resolved_templates_dir)
    if chosen.use == "week":
        reflect_on_week(context, chosen, answer)
        return
    insight = pick_insight(context, insight_id, ask=not (yes or answer))
    previous = current_answers(db, owner_id=owner_id, summary_id=insight.summary_id, template=chosen.name)
    show_prompt(prompt_for(chosen, insight.headline), transcript=insight.text if peek else None)
    given = keep_earlier(answer, previous) if answer else ask_questions(chosen, previous)
    saved, changed = save_summary(
        db, owner_id=owner_id, insight_id=insight.id, template=chosen, answers=given
    )
    print_saved(saved, changed)


def reflect_on_week(context: CliContext, template: Template, answers: list[str] | None) -> None:
    show_prompt(prompt_for(template))
    save_week_reflection(
        context.storage.db,
        owner_id=context.person_id,
        template=template,
        answers=answers or ask_questions(template),
    )
    output.console.print("\nKept for your pre-session note. Thank you for writing it down.")


def pick_insight(context: CliContext, ref: str | None, *, ask: bool) -> InsightView:
    if ref is not None:
        return find_insight_view(context.storage.db, owner_id=context.person_id, ref=ref)
    insight = next_without_summary(context.storage.db, owner_id=context.person_id)
    if insight is None:
        caught_up(context)
    if ask and not confirm_insight(insight.headline):
        raise typer.Exit(0)
    return insight


def caught_up(context: CliContext) -> NoReturn:
    """Nothing waits for your words: good news, not an error (exit 0)."""
    if insight_views(context.storage.db, owner_id=context.person_id, limit=1):
        output.console.print(
            "All caught up: every insight has a summary in your own words. To edit one, give its id: "
            "afterword reflect ID (`afterword insights` lists them)."
        )
    else:
        output.console.print(
            "No insights yet. Record what landed first: afterword add FILE (or afterword record)."
        )
    raise typer.Exit(0)


def print_saved(saved: SummaryView, changed: bool) -> None:
    short = output.short_id(saved.id)
    state = (
        f"Saved summary {short}, version {saved.version}."
        if changed
        else (f"Summary {short} is unchanged (version {saved.version}).")
    )
    output.console.print(f"\n{state}\n\n{escape(saved.paragraph)}\n")
    output.console.print(
        f"Next: when will you re-read it? For example:\n"
        f'  afterword trigger add {short} --when "thu 08:00"\n'
        f'  afterword trigger add {short} --situation "when I start rehearsing an argument"'
    )


def summaries(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your summaries, most recently written first.

    Example: afterword summaries
    """
    context: CliContext = ctx.obj
    views = summary_views(context.storage.db, owner_id=context.person_id)
    rows = [
        {
            "id": output.short_id(v.id),
            "version": v.version,
            "shared": "yes" if v.shared else "",
            "updated": v.updated_at,
            "headline": v.headline,
        }
        for v in views
    ]
    if as_json:
        output.emit_json(
            [{**row, "id": str(v.id), "paragraph": v.paragraph} for row, v in zip(rows, views, strict=True)]
        )
    else:
        output.emit_table(rows, ["id", "version", "shared", "updated", "headline"], title="Summaries")


def summary(ctx: typer.Context, summary_id: ThoughtId, as_json: JsonOption = False) -> None:
    """Show a summary with every earlier version.

    Example: afterword summary 3f2a
    """
    context: CliContext = ctx.obj
    view = find_summary_view(context.storage.db, owner_id=context.person_id, ref=summary_id)
    if as_json:
        output.emit_json({**view.__dict__, "versions": [v.__dict__ for v in view.versions]})
        return
    output.console.print(f"[bold]“{escape(view.headline)}”[/bold]{'  (shared)' if view.shared else ''}")
    for version in reversed(view.versions):
        output.console.print(
            f"\n[dim]Version {version.version}, {format_moment(version.created_at)}, "
            f"{version.template}[/dim]\n{escape(version.paragraph)}"
        )


def share(
    ctx: typer.Context,
    summary_id: ThoughtId,
    off: Annotated[bool, typer.Option("--off", help="Stop sharing it.")] = False,
) -> None:
    """Share a summary with your partner (it shows in their `prep --with YOU`).

    Nothing you have not shared is ever shown to anyone else.

    Example: afterword share 3f2a
    """
    context: CliContext = ctx.obj
    db = context.storage.db
    view = find_summary_view(db, owner_id=context.person_id, ref=summary_id)
    set_shared(db, owner_id=context.person_id, summary_id=view.id, shared=not off)
    output.console.print(
        f"Summary {output.short_id(view.id)} is {'no longer shared' if off else 'shared with your partner'}."
    )


def templates(ctx: typer.Context) -> None:
    """List prompt templates: the shipped ones and yours.

    Yours are TOML files in your templates folder (AFTERWORD_TEMPLATES_DIR, by default
    `templates` in the data folder); one with a shipped name replaces it.

    Example: afterword templates
    """
    context: CliContext = ctx.obj
    folder = context.settings.resolved_templates_dir
    loaded = list_templates(folder)
    rows = [
        {
            "name": t.name,
            "use": t.use,
            "questions": len(t.questions),
            "title": t.title,
            "from": "yours" if t.personal else "shipped",
        }
        for t in loaded
        if not isinstance(t, Exception)
    ]
    output.emit_table(rows, ["name", "use", "questions", "title", "from"], title="Templates")
    output.errors.print(f"Your own templates go in {folder} (copy a shipped one to start).")
    broken = [t for t in loaded if isinstance(t, TemplateError)]
    for error in broken:
        output.errors.print(f"[red]Error:[/red] {escape(str(error))}", soft_wrap=True)
    if broken:
        raise typer.Exit(1)
