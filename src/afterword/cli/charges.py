"""`afterword charge`: how charged an insight felt when you captured it, 0 to 10."""

from typing import Annotated

import typer

from afterword.cli import ids, output
from afterword.cli.context import CliContext
from afterword.reflect.charges import set_capture_charge

commands = typer.Typer()


@commands.command()
def charge(
    ctx: typer.Context,
    insight_id: Annotated[
        str, typer.Argument(metavar="ID", help="An insight's, its memo's or its summary's id.")
    ],
    value: Annotated[int, typer.Argument(metavar="0-10", min=0, max=10, help="How charged it feels.")],
) -> None:
    """Say how charged an insight felt at capture (each review can say it again).

    `afterword add FILE --charge N` says it as you add the memo.

    Example: afterword charge 3f2a 7
    """
    context: CliContext = ctx.obj
    reader = context.reader
    view = set_capture_charge(reader, context.db, insight_id=ids.insight_id(reader, insight_id), charge=value)
    output.console.print(f"Charge at capture: {view.charge}. Your pre-session note shows how it moves.")
