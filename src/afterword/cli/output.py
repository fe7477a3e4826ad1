"""Everything the CLI prints: tables, JSON, and one clear line on stderr for a user error."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def fail(message: str) -> NoReturn:
    errors.print(f"[red]Error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(1)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


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


def short_id(value: Any) -> str:
    return value.hex[:8]


def clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:05.2f}"


def print_numbered(title: str, items: list[dict[str, Any]]) -> None:
    console.print(f"[dim]{title}[/dim]")
    for number, item in enumerate(items, start=1):
        corrected = f" [dim](corrected, v{item['version']})[/dim]" if item.get("version") else ""
        span = f"[{clock(item['start'])} → {clock(item['end'])}]"
        console.print(f"{number:>3}. [dim]{span}[/dim] {escape(item['text'])}{corrected}")


def print_memo(memo: dict[str, Any], *, original: bool = False) -> None:
    """A memo as memo_json gives it, for reading; `original`: the transcript as the model heard it."""
    console.print(f"[bold]Memo {memo['id']}[/bold]  ({memo['status']})")
    if memo["advice"]:
        console.print(f"\n{escape(memo['advice'])}")
    elif memo["error"]:
        console.print(f"Last error: {escape(memo['error'])}")
    transcript = memo["transcript"]
    if transcript is not None and original:
        heard = " ".join(s["heard"] for s in transcript["segments"] if s["heard"])
        console.print(f"\n[bold]As the model heard it[/bold]\n\n{escape(heard)}")
    elif transcript is not None:
        console.print(f"\n[bold]{escape(memo['headline'])}[/bold]\n\n{escape(transcript['text'])}\n")
        print_numbered("Sentences (afterword play ID --sentence N)", transcript["sentences"])
        print_numbered("Segments (afterword correct ID N TEXT)", transcript["segments"])
    console.print()
    facts = {
        "file": memo["filename"],
        "captured": memo["captured_at"] or memo["created_at"],
        "length": f"{memo['duration_seconds']:.1f} s",
    }
    if transcript is not None:
        facts["model"] = (
            f"{transcript['model']} on {transcript['device']}/{transcript['compute_type']}, "
            f"{transcript['processing_seconds']:.1f} s to transcribe, language {transcript['language']}"
        )
    for key, value in facts.items():
        console.print(f"[dim]{key}:[/dim] {format_cell(value)}")
