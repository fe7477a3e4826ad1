"""`afterword record`: a memo from this computer's microphone, then the same path as `add`."""

import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from afterword.cli import output
from afterword.cli.context import CliContext

commands = typer.Typer()


@commands.command()
def record(
    ctx: typer.Context,
    silence: Annotated[
        float, typer.Option(help="Stop after this many quiet seconds following speech.")
    ] = 3.0,
    max_minutes: Annotated[float, typer.Option(help="Stop after this many minutes at most.")] = 10.0,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="Only queue it for a worker.")] = False,
) -> None:
    """Record a memo from the microphone until Enter (or silence), then store and transcribe it.

    Example: afterword record --silence 4
    """
    from afterword.capture.recorder import open_microphone
    from afterword.capture.recorder import record as record_to
    from afterword.cli.adding import add_files

    context: CliContext = ctx.obj
    open_microphone()
    stop = threading.Event()

    def stop_on_enter() -> None:
        input()
        stop.set()

    threading.Thread(target=stop_on_enter, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"recording-{datetime.now():%Y-%m-%d-%H%M}.wav"
        output.errors.print("Recording… press Enter to stop.")
        seconds = record_to(path, stop=stop, silence_seconds=silence, max_seconds=max_minutes * 60)
        output.errors.print(f"Recorded {seconds:.1f} s.")
        if not add_files(context, [path], wait=not no_wait):
            raise typer.Exit(1)
