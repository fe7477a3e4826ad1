"""Everything the CLI prints: tables, JSON, and one clear line on stderr for a user error.

Nothing here lets text act on the terminal: what someone typed (a partner's shared summary, a
headline, a name, a file name) may hold ESC, CSI or OSC sequences, so every string the consoles
render, every line echoed and every stream written goes through `visible`, which shows a control
character as its picture instead of sending it. JSON escapes them as \\u sequences."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape as escape
from rich.table import Table
from rich.text import Text

from afterword.cli.plain import json_text
from afterword.controls import visible as visible

if TYPE_CHECKING:
    from afterword.capture.memos import MemoDetailView, SegmentView, SentenceView


class VisibleConsole(Console):
    """A rich console that renders every string, table cell and title with its control
    characters made visible (rich's own styling is added after, so it still works)."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text), **options)


console = VisibleConsole(highlight=False)
errors = VisibleConsole(stderr=True, highlight=False)


def echo(text: str, *, nl: bool = True) -> None:
    """Plain text to stdout (a note, a calendar), its control characters made visible."""
    typer.echo(visible(text), nl=nl)


def fail(message: str) -> NoReturn:
    errors.print(f"[red]Error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(1)


def emit_json(data: Any) -> None:
    typer.echo(json_text(data))


def emit_view(view: Any) -> None:
    """A view (or a list of views) as JSON, exactly as the API answers it."""
    from pydantic import TypeAdapter

    kind: Any = list[type(view[0])] if isinstance(view, list) and view else type(view)  # type: ignore[misc]
    emit_json(TypeAdapter(kind).dump_python(view, mode="json"))


def emit_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(format_cell(row[column]) for column in columns))
    console.print(table)


def format_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:.1f}"
    return escape(str(value))


def short_id(value: uuid.UUID) -> str:
    return value.hex[:8]


def clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:05.2f}"


def print_numbered(title: str, items: "Sequence[SentenceView | SegmentView]") -> None:
    console.print(f"[dim]{title}[/dim]")
    for number, item in enumerate(items, start=1):
        version = getattr(item, "version", 0)
        corrected = f" [dim](corrected, v{version})[/dim]" if version else ""
        span = f"[{clock(item.start)} → {clock(item.end)}]"
        console.print(f"{number:>3}. [dim]{span}[/dim] {escape(item.text)}{corrected}")


def print_memo(memo: "MemoDetailView", *, original: bool = False) -> None:
    """A memo with its transcript, for reading; `original`: the transcript as the model heard it."""
    console.print(f"[bold]Memo {memo.id}[/bold]  ({memo.status})")
    if memo.advice:
        console.print(f"\n{escape(memo.advice)}")
    elif memo.error:
        console.print(f"Last error: {escape(memo.error)}")
    transcript = memo.transcript
    if transcript is not None and original:
        heard = " ".join(s.heard or s.text for s in transcript.segments)
        console.print(f"\n[bold]As the model heard it[/bold]\n\n{escape(heard)}")
    elif transcript is not None:
        console.print(f"\n[bold]{escape(memo.headline or '')}[/bold]\n\n{escape(transcript.text)}\n")
        print_numbered("Sentences (afterword play ID --sentence N)", transcript.sentences)
        print_numbered("Segments (afterword correct ID N TEXT)", transcript.segments)
    console.print()
    facts: dict[str, Any] = {
        "file": memo.filename,
        "captured": memo.captured_at or memo.created_at,
        "length": f"{memo.duration_seconds:.1f} s",
    }
    if transcript is not None:
        facts["model"] = (
            f"{transcript.model} on {transcript.device}/{transcript.compute_type}, "
            f"{transcript.processing_seconds:.1f} s to transcribe, language {transcript.language}"
        )
    for key, value in facts.items():
        console.print(f"[dim]{key}:[/dim] {format_cell(value)}")
