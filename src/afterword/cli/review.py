"""`afterword review` in the Typer app (the fast start is cli/launch.py's): re-read a summary now."""

from typing import Annotated

import typer

from afterword.cli.context import CliContext
from afterword.cli.review_terminal import ReviewRequest
from afterword.cli.review_terminal import review as run_review
from afterword.store.enums import parse_answer

commands = typer.Typer()


@commands.command()
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
    raise typer.Exit(run_review(context.waiting_reader, request))
