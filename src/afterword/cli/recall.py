"""`afterword recall`: the spaced recall check. Try to remember each of this week's insights
before reading it again, then say how it went."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.asking import read_line
from afterword.reflect.recall import RecallItem, log_recall, parse_recall_answer, recall_round
from afterword.reflect.when import format_moment
from afterword.store.enums import RECALL_WORDS, RecallAnswer

commands = typer.Typer()

KEYS = "[r] recalled  [p] partly  [n] not yet  (Enter: no answer)"


@commands.command()
def recall(
    ctx: typer.Context,
    answer: Annotated[
        list[str] | None,
        typer.Option(help="recalled, partly or not-yet, once per insight in order, instead of being asked."),
    ] = None,
) -> None:
    """Try to recall this week's insights before you read them, then say how it went.

    Checks come on days 1, 3 and 6 after each session (they are in your calendar feed); any
    other time counts as practice.

    Example: afterword recall
    """
    reader = ctx.obj.reader
    given = [parse_recall_answer(a) for a in answer or []]
    round_ = recall_round(reader)
    if not round_.items:
        output.console.print("Nothing captured since the session yet: there is nothing to recall.")
        return
    check = round_.check
    output.console.print(
        f"Day {check.day} after your session: a recall check."
        if check
        else "Practice before the first check."
    )
    for index, item in enumerate(round_.items):
        how = given[index] if index < len(given) else ask(item, index, asked=not answer)
        if how is not None:
            log_recall(
                reader,
                insight_id=item.insight_id,
                answer=how,
                day=check.day if check else None,
            )
            output.console.print(f"Noted: {RECALL_WORDS[how]}.")
    output.console.print("\nWhatever came back, trying first is what makes it stay.")


def ask(item: RecallItem, index: int, *, asked: bool) -> RecallAnswer | None:
    output.console.print(
        f"\n[bold]{index + 1}.[/bold] What landed after the session, captured {format_moment(item.captured_at)}? "
        "Try to recall it, then press Enter to read it."
    )
    if asked:
        read_line(output.console)
    output.console.print(f"[bold]“{escape(item.headline)}”[/bold]")
    if item.paragraph:
        output.console.print(escape(item.paragraph))
    output.console.print(escape(KEYS))
    typed = read_line(output.console)
    return parse_recall_answer(typed) if typed else None
