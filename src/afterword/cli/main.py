"""The `afterword` command.

Each command's module is imported only when that command runs, so `afterword list` loads the
memo commands and none of the week's (or the server's); `--help` loads them all to list them.
Every module registers its commands one way: on its own `commands = typer.Typer()`, a resource's
verbs in a group named for it (`afterword session add|move|reschedule|remove`) and its list as the
plural (`afterword sessions`). A verb without a resource acts on memos (`afterword add`, `list`,
`show`, `search`, `delete`, `retry`)."""

import functools
import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.errors import AfterwordError
from afterword.store.enums import LOCAL_PERSON_NAME

Command = TyperCommand | TyperGroup

COMMAND_MODULES: dict[str, str] = {
    **dict.fromkeys(("add", "list", "show", "search", "worker", "retry", "delete"), "memos"),
    **dict.fromkeys(("doctor", "export", "import"), "admin"),
    **dict.fromkeys(("person", "people", "token", "tokens", "pair"), "people"),
    "serve": "serve",
    "invite": "invite",
    "service": "service",
    "record": "recording",
    **dict.fromkeys(("reflect", "summaries", "summary", "share", "templates"), "summaries"),
    **dict.fromkeys(("insights", "headline"), "insights"),
    **dict.fromkeys(("session", "sessions"), "sessions"),
    **dict.fromkeys(("focus", "prep"), "prep"),
    "review": "review",
    **dict.fromkeys(("trigger", "triggers"), "triggers"),
    "partner": "partners",
    **dict.fromkeys(("moment", "moments"), "moments"),
    **dict.fromkeys(("appreciation", "appreciations"), "appreciations"),
    **dict.fromkeys(("checkin", "checkins"), "checkins"),
    "repair": "repair",
    "ritual": "rituals",
    **dict.fromkeys(("mark", "marks"), "marks"),
    "recall": "recall",
    "charge": "charges",
    "reminders": "reminders",
    **dict.fromkeys(("play", "correct"), "listening"),
    **dict.fromkeys(("word", "words"), "words"),
}
"""Which module of afterword.cli registers each command (tests/test_cli_commands.py keeps it whole)."""


@functools.cache
def commands_of(module: str) -> dict[str, Command]:
    """The commands a module of afterword.cli registers on its `commands`, built as Typer builds them."""
    registered = importlib.import_module(f"afterword.cli.{module}").commands
    built = typer.main.get_group(registered).commands
    return {
        name: command for name, command in built.items() if isinstance(command, TyperCommand | TyperGroup)
    }


class AfterwordGroup(TyperGroup):
    """Finds each command in its own module, and is the one place the CLI turns an
    AfterwordError into a line on stderr (with its own advice) and exit status 1."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        return None if module is None else commands_of(module).get(cmd_name)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AfterwordError as error:
            from afterword.cli.advice import with_advice

            output.fail(with_advice(error))


app = typer.Typer(
    cls=AfterwordGroup,
    help="Afterword: keep what landed in therapy alive until the next session.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Option("--as", envvar="AFTERWORD_PERSON", help="Whose memos to work with."),
    ] = LOCAL_PERSON_NAME,
) -> None:
    """Settings come from AFTERWORD_* environment variables (see the README)."""
    context = CliContext(person_name=person)
    ctx.obj = context
    ctx.call_on_close(context.close)


def run() -> None:
    app()
