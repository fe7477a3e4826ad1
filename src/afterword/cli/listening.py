"""Your words, exactly: `afterword play` hears a memo or one sentence of it again, and
`afterword correct` fixes what the model misheard (each correction a new version)."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from afterword.cli import ids, output
from afterword.cli.arguments import FROM_STDIN, text_from_stdin
from afterword.cli.context import CliContext
from afterword.reflect.corrections import SegmentVersions, correct_segment, show_segment

commands = typer.Typer()

MemoRef = Annotated[str, typer.Argument(metavar="ID", help="A memo id or its first characters.")]


@commands.command()
def play(
    ctx: typer.Context,
    memo_id: MemoRef,
    sentence: Annotated[
        int | None,
        typer.Option("--sentence", "-s", min=1, help="Only this sentence (as `show` numbers them)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the clip to this .wav file instead.")
    ] = None,
) -> None:
    """Play a memo, or exactly one sentence of it, on this computer's sound device.

    Example: afterword play 3f2a --sentence 2
    """
    from afterword.capture.clips import memo_clip, write_wav

    context: CliContext = ctx.obj
    reader = context.reader
    clip = memo_clip(reader, context.db, memo_id=ids.row_id(reader, "memo", memo_id), sentence=sentence)
    what = f"sentence {sentence}" if clip.sentence else "the whole memo"
    span = f"{output.clock(clip.start)} → {output.clock(clip.end)}"
    if out is not None:
        write_wav(out, clip)
        output.console.print(
            f"Wrote {what} of memo {output.short_id(clip.memo_id)} ({span}) to {escape(str(out))}."
        )
        return
    from afterword.capture.playback import play as play_samples

    said = f": {escape(clip.sentence.text)}" if clip.sentence else ""
    output.console.print(f"Playing {what} ({span}){said}")
    play_samples(clip.samples)


@commands.command()
def correct(
    ctx: typer.Context,
    memo_id: MemoRef,
    segment: Annotated[int, typer.Argument(min=1, help="The segment's number, as `show` lists them.")],
    text: Annotated[
        str | None,
        typer.Argument(
            help="The corrected text; without it, the versions so far." + FROM_STDIN, callback=text_from_stdin
        ),
    ] = None,
) -> None:
    """Correct a segment of a memo's transcript, or show every version of it. What the model heard
    is kept; search, the headline and prep use the newest version.

    Example: afterword correct 3f2a 1 "Saoirse said I go quiet when she raises her voice."
    """
    context: CliContext = ctx.obj
    reader = context.reader
    found = ids.row_id(reader, "memo", memo_id)
    if text is None:
        print_versions(show_segment(reader, memo_id=found, position=segment - 1))
        return
    view = correct_segment(reader, context.db, memo_id=found, position=segment - 1, text=text)
    output.console.print(
        f"Segment {segment} of memo {output.short_id(found)} is now version {view.version}: {escape(view.text)}"
    )
    if view.heard != view.text:
        output.console.print(f"[dim]The model heard:[/dim] {escape(view.heard)}")


def print_versions(view: SegmentVersions) -> None:
    output.console.print(
        f"Segment {view.position + 1} [{output.clock(view.start)} → {output.clock(view.end)}]"
    )
    for version in view.versions:
        label = "heard" if version.version == 0 else f"v{version.version}"
        output.console.print(
            f"  {label:>5}  {output.format_cell(version.created_at)}  {escape(version.text)}"
        )
