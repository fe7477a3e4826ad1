"""`afterword word add|remove` and `afterword words`: your own names and words, so the model hears
them as you write them."""

from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import output
from afterword.cli.arguments import lines_from_stdin
from afterword.cli.context import CliContext
from afterword.store.views.vocabulary import WordView
from afterword.transcribe.vocabulary import add_words, remove_word, show_words

commands = typer.Typer()
word_app = typer.Typer(
    help="Your vocabulary: names and words the model should know for your memos (yours alone).",
    no_args_is_help=True,
)
commands.add_typer(word_app, name="word")


def word_rows(views: list[WordView]) -> list[dict[str, object]]:
    return [{"word": v.word, "added": v.created_at} for v in views]


@word_app.command("add")
def add(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            help='Names and words; quote one with spaces: "Dr. Okonkwo". - reads them from stdin, one a line.',
            callback=lines_from_stdin,
        ),
    ],
) -> None:
    """Add names and words to your vocabulary; memos you store from now on are transcribed with it.

    Example: afterword word add Saoirse "Dr. Okonkwo" pursue-withdraw IFS
    """
    context: CliContext = ctx.obj
    views = add_words(context.reader, context.db, words=words).items
    output.console.print(
        f"Your vocabulary has {len(views)} word(s): {escape(', '.join(v.word for v in views))}."
    )


@commands.command()
def words(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List your vocabulary, in the order you added it.

    Example: afterword words
    """
    context: CliContext = ctx.obj
    views = show_words(context.reader).items
    if as_json:
        output.emit_view(views)
    elif not views:
        output.console.print("Your vocabulary is empty; add to it with `afterword word add NAME...`.")
    else:
        output.emit_table(word_rows(views), ["word", "added"], title="Your words")


@word_app.command("remove")
def remove(ctx: typer.Context, word: Annotated[str, typer.Argument(help="The word, as listed.")]) -> None:
    """Remove a word from your vocabulary.

    Example: afterword word remove Saoirse
    """
    context: CliContext = ctx.obj
    view = remove_word(context.reader, context.db, word=word)
    output.console.print(f"Removed {escape(view.word)} from your vocabulary.")
