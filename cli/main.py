"""The `afterword` command."""

import typer

from cli import memos
from cli.context import CliContext
from store.people import LOCAL_PERSON_NAME
from store.settings import Settings

app = typer.Typer(
    help="Afterword: keep what landed in therapy alive until the next session.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
memos.register(app)


@app.callback()
def main(ctx: typer.Context) -> None:
    """Settings come from AFTERWORD_* environment variables (see the README)."""
    context = CliContext(settings=Settings(), person_name=LOCAL_PERSON_NAME)
    ctx.obj = context
    ctx.call_on_close(context.close)


def run() -> None:
    app()
