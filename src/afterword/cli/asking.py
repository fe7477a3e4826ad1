"""Asking a template's questions in the terminal, one at a time (answers come from stdin too,
so a pipe or a test can give them line by line)."""

import sys

import typer
from rich.console import Console
from rich.markup import escape

from afterword.cli import output
from afterword.reflect.prompts import Prompt
from afterword.reflect.templates import Template


def show_prompt(prompt: Prompt, *, transcript: str | None = None, console: Console = output.console) -> None:
    """The headline first, then (only when asked to peek) what was said."""
    console.print(f"[bold]{escape(prompt.title)}[/bold]")
    if prompt.quote:
        console.print(f"\n  “{escape(prompt.quote)}”")
    if transcript is not None:
        console.print(f"\n[dim]What you said:[/dim] {escape(transcript)}")
    if prompt.intro:
        console.print(f"\n[dim]{escape(prompt.intro)}[/dim]")


def ask_questions(
    template: Template, previous: list[str] | None = None, *, console: Console = output.console
) -> list[str]:
    """One answer per question; with earlier answers, Enter keeps each one as it was."""
    answers = []
    for index, question in enumerate(template.questions):
        before = previous[index] if previous and index < len(previous) else ""
        console.print(f"\n[bold]{index + 1}. {escape(question.ask)}[/bold]")
        if question.hint:
            console.print(f"[dim]{escape(question.hint)}[/dim]")
        if before:
            console.print(f"[dim]Before: {escape(before)} (Enter keeps it)[/dim]")
        answers.append(read_line(console) or before)
    return answers


def keep_earlier(given: list[str], previous: list[str] | None) -> list[str]:
    """Answers from --answer: an empty or a missing one keeps the earlier answer, as Enter and
    the end of piped answers do when asked."""
    earlier = previous or []
    padded = given + [""] * (len(earlier) - len(given))
    return [answer.strip() or (earlier[i] if i < len(earlier) else "") for i, answer in enumerate(padded)]


def read_line(console: Console) -> str:
    """One line from stdin after a "> " on the given console ("" at the end of the input).
    Not click's prompt: that writes a space to stdout, and stdout may carry a note to a file."""
    console.print(">", end=" ")
    console.file.flush()
    if sys.stdin.isatty():
        try:
            return input().strip()
        except EOFError:
            return ""
    return sys.stdin.readline().strip()


def confirm_insight(headline: str) -> bool:
    output.console.print(f"Your newest insight without a summary:\n\n  “{escape(headline)}”\n")
    return typer.confirm("Put it in your own words now?", default=True)
