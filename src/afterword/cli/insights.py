"""Insights and their headlines."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, JsonOption, ThoughtId, text_from_stdin
from afterword.cli.context import CliContext
from afterword.reflect.insights import insight_detail, insight_views
from afterword.reflect.when import format_after

commands = typer.Typer()


@commands.command()
def insights(
    ctx: typer.Context, limit: Annotated[int, typer.Option(min=1)] = 20, as_json: JsonOption = False
) -> None:
    """List insights, newest first: headline, session, and whether it has a summary.

    Example: afterword insights --limit 5
    """
    context: CliContext = ctx.obj
    views = insight_views(context.reader, limit=limit)
    if as_json:
        output.emit_view(views)
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


@commands.command()
def headline(
    ctx: typer.Context,
    insight_id: ThoughtId,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The sentence that landed, in your words." + FROM_STDIN, callback=text_from_stdin
        ),
    ] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Pick it from the transcript again.")] = False,
) -> None:
    """Show or change an insight's headline.

    Afterword picks the longest sentence of what you said (all of it when it is one sentence).

    Example: afterword headline 3f2a "I don't have to fix his mood to be okay."
    """
    context: CliContext = ctx.obj
    reader = context.reader
    view = insight_detail(reader, insight_id=ids.insight_id(reader, insight_id))
    current = view.headline
    if text is not None or reset:
        from afterword.reflect.insight_changes import set_headline

        current = set_headline(reader, context.db, insight_id=view.id, text=None if reset else text)
    output.console.print(escape(current))
