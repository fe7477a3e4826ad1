"""Own-words summaries: reflect, the summaries, sharing one, and the templates."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import STDIN, JsonOption, ThoughtId
from afterword.cli.asking import ask_questions, confirm_insight, keep_earlier, show_prompt
from afterword.cli.context import CliContext
from afterword.reflect.insights import InsightView, insight_detail, insight_views, next_without_summary
from afterword.reflect.prompts import prompt_for
from afterword.reflect.summary_views import current_answers, summary_detail, summary_views
from afterword.reflect.templates import (
    OWN_WORDS,
    Template,
    TemplateError,
    get_template,
    list_templates,
)
from afterword.reflect.when import format_moment

commands = typer.Typer()

if TYPE_CHECKING:
    from afterword.reflect.summaries import SummarySaved

# Writing a summary needs SQLAlchemy; each command that writes imports reflect.summaries itself,
# so `afterword summaries` and `summary` read without it (see cli.context).


@commands.command()
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
        list[str] | None,
        typer.Option(
            help="An answer, once per question, instead of being asked. Other users of this machine "
            "can read it (ps) while the command runs: --answers-from keeps it off the command line."
        ),
    ] = None,
    answers_from: Annotated[
        Path | None,
        typer.Option(
            "--answers-from",
            metavar="FILE",
            allow_dash=True,
            exists=True,
            dir_okay=False,
            help="The answers from a file, one per line (an empty line keeps the earlier one); - reads them from stdin.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Take the newest insight without asking.")] = False,
) -> None:
    """Put an insight in your own words, one question at a time.

    It shows the headline and keeps the transcript hidden (--peek shows it): recalling it in
    your own words is what makes it stay. Again on the same insight: a new version, and the
    earlier ones are kept. Answers can also come from a pipe, one per line, or a file.

    Example: afterword reflect
    Example: afterword reflect --template bad-week
    Example: afterword reflect --yes --answers-from answers.txt
    """
    context: CliContext = ctx.obj
    if answer and answers_from:
        output.fail("give the answers with --answer or --answers-from, not both")
    answer = answers_in(answers_from) if answers_from else answer
    chosen = get_template(template, personal_dir=context.settings.resolved_templates_dir)
    if chosen.use == "week":
        reflect_on_week(context, chosen, answer)
        return
    insight = pick_insight(context, insight_id, ask=not (yes or answer))
    previous = current_answers(context.reader, summary_id=insight.summary_id, template=chosen.name)
    show_prompt(prompt_for(chosen, insight.headline), transcript=insight.text if peek else None)
    given = keep_earlier(answer, previous) if answer else ask_questions(chosen, previous)
    from afterword.reflect.summaries import save_summary

    print_saved(
        save_summary(context.reader, context.db, insight_id=insight.id, template=chosen, answers=given)
    )


def answers_in(source: Path) -> list[str]:
    """One answer per line of the file, or of stdin for -."""
    text = sys.stdin.read() if str(source) == STDIN else source.read_text(encoding="utf-8")
    return text.splitlines()


def reflect_on_week(context: CliContext, template: Template, answers: list[str] | None) -> None:
    from afterword.reflect.summaries import save_week_reflection

    show_prompt(prompt_for(template))
    save_week_reflection(
        context.reader,
        context.db,
        template=template,
        answers=answers or ask_questions(template),
    )
    output.console.print("\nKept for your pre-session note. Thank you for writing it down.")


def pick_insight(context: CliContext, ref: str | None, *, ask: bool) -> InsightView:
    reader = context.reader
    if ref is not None:
        return insight_detail(reader, insight_id=ids.insight_id(reader, ref))
    insight = next_without_summary(reader)
    if insight is None:
        caught_up(context)
    if ask and not confirm_insight(insight.headline):
        raise typer.Exit(0)
    return insight


def caught_up(context: CliContext) -> NoReturn:
    """Nothing waits for your words: good news, not an error (exit 0)."""
    if insight_views(context.reader, limit=1):
        output.console.print(
            "All caught up: every insight has a summary in your own words. To edit one, give its id: "
            "afterword reflect ID (`afterword insights` lists them)."
        )
    else:
        output.console.print(
            "No insights yet. Record what landed first: afterword add FILE (or afterword record)."
        )
    raise typer.Exit(0)


def print_saved(saved: "SummarySaved") -> None:
    short = output.short_id(saved.id)
    state = (
        f"Saved summary {short}, version {saved.version}."
        if saved.changed
        else (f"Summary {short} is unchanged (version {saved.version}).")
    )
    output.console.print(f"\n{state}\n\n{escape(saved.paragraph)}\n")
    output.console.print(
        f"Next: when will you re-read it? For example:\n"
        f'  afterword trigger add {short} --when "thu 08:00"\n'
        f'  afterword trigger add {short} --situation "when I start rehearsing an argument"'
    )


@commands.command()
def summaries(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your summaries, most recently written first.

    Example: afterword summaries
    """
    context: CliContext = ctx.obj
    views = summary_views(context.reader)
    if as_json:
        output.emit_view(views)
        return
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
    output.emit_table(rows, ["id", "version", "shared", "updated", "headline"], title="Summaries")


@commands.command()
def summary(ctx: typer.Context, summary_id: ThoughtId, as_json: JsonOption = False) -> None:
    """Show a summary with every earlier version.

    Example: afterword summary 3f2a
    """
    reader = ctx.obj.reader
    view = summary_detail(reader, summary_id=ids.summary_id(reader, summary_id))
    if as_json:
        output.emit_view(view)
        return
    output.console.print(f"[bold]“{escape(view.headline)}”[/bold]{'  (shared)' if view.shared else ''}")
    for version in reversed(view.versions):
        output.console.print(
            f"\n[dim]Version {version.version}, {format_moment(version.created_at)}, "
            f"{version.template}[/dim]\n{escape(version.paragraph)}"
        )


@commands.command()
def share(
    ctx: typer.Context,
    summary_id: ThoughtId,
    off: Annotated[bool, typer.Option("--off", help="Stop sharing it.")] = False,
) -> None:
    """Share a summary with your partner (it shows in their `prep --with YOU`).

    Nothing you have not shared is ever shown to anyone else.

    Example: afterword share 3f2a
    """
    from afterword.reflect.summaries import set_shared

    context: CliContext = ctx.obj
    reader = context.reader
    view = set_shared(reader, context.db, summary_id=ids.summary_id(reader, summary_id), shared=not off)
    output.console.print(
        f"Summary {output.short_id(view.id)} is {'no longer shared' if off else 'shared with your partner'}."
    )


@commands.command()
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
