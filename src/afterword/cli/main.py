"""The `afterword` command."""

from typing import Annotated, Any

import typer
from typer._click import Context  # the click that Typer bundles
from typer.core import TyperGroup

from afterword.cli import (
    appreciations,
    charges,
    checkins,
    listening,
    marks,
    memos,
    moments,
    output,
    partners,
    people,
    recall,
    reflect,
    reminders,
    repair,
    rituals,
    week,
    words,
)
from afterword.cli.context import CliContext
from afterword.cli.recording import record
from afterword.cli.serve import serve
from afterword.errors import AfterwordError
from afterword.settings import Settings
from afterword.store.enums import LOCAL_PERSON_NAME


class AfterwordGroup(TyperGroup):
    """The one place the CLI turns an AfterwordError into a line on stderr and exit status 1."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except AfterwordError as error:
            output.fail(str(error))


app = typer.Typer(
    cls=AfterwordGroup,
    help="Afterword: keep what landed in therapy alive until the next session.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
memos.register(app)
app.add_typer(people.person_app, name="person")
app.add_typer(people.token_app, name="token")
app.command()(people.pair)
app.command()(serve)
app.command()(record)
reflect.register(app)
week.register(app)
for practice in (
    partners,
    moments,
    appreciations,
    checkins,
    repair,
    rituals,
    marks,
    recall,
    charges,
    reminders,
):
    practice.register(app)
app.command()(listening.play)
app.command()(listening.correct)
app.add_typer(words.words_app, name="words")


@app.callback()
def main(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Option("--as", envvar="AFTERWORD_PERSON", help="Whose memos to work with."),
    ] = LOCAL_PERSON_NAME,
) -> None:
    """Settings come from AFTERWORD_* environment variables (see the README)."""
    context = CliContext(settings=Settings(), person_name=person)
    ctx.obj = context
    ctx.call_on_close(context.close)


def run() -> None:
    app()
