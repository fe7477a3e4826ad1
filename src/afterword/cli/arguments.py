"""Arguments and options several commands share."""

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
THOUGHT_ID_HELP = "An insight's, its memo's or its summary's id, or its first characters."
ThoughtId = Annotated[str, typer.Argument(metavar="ID", help=THOUGHT_ID_HELP)]
"""Any id of one thought: every command that needs an insight or a summary takes the one at hand."""
