"""Looking after the data: doctor, export and import."""

from pathlib import Path
from typing import Annotated

import typer

from afterword.cli import output
from afterword.cli.context import CliContext

commands = typer.Typer()


@commands.command()
def doctor(
    ctx: typer.Context,
    fix: Annotated[bool, typer.Option("--fix", help="Delete orphan audio and stale uploads.")] = False,
    staging_age: Annotated[
        float, typer.Option(help="Minutes after which an unfinished upload is stale.")
    ] = 60,
) -> None:
    """Check stored audio against the memos, and find what a crash left behind.

    Example: afterword doctor --fix
    """
    from afterword.store.doctor import clean, examine

    context: CliContext = ctx.obj
    findings = examine(context.db, staging_age_seconds=staging_age * 60)
    for label, items in (
        ("memos whose audio is missing", findings.missing_audio),
        ("stored audio that no longer matches its hash", findings.damaged_audio),
        ("stored audio no memo refers to", findings.orphan_audio),
        ("unfinished uploads", findings.stale_uploads),
    ):
        output.console.print(f"{len(items)} {label}")
    if fix and findings.cleanable:
        clean(context.db, findings)
        output.console.print(f"Cleaned {findings.cleanable} item(s).")
    if findings.missing_audio or findings.damaged_audio:
        raise typer.Exit(1)


@commands.command()
def export(
    ctx: typer.Context, target: Annotated[Path, typer.Argument(metavar="FILE", help="A .zip to write.")]
) -> None:
    """Write a backup: every row as JSON plus the audio, in one versioned zip.

    Example: afterword export afterword-backup.zip
    """
    from afterword.store.transfer import export_zip

    counts = export_zip(ctx.obj.db, target)
    output.console.print(
        f"Exported {counts.get('memos', 0)} memo(s) of {counts.get('people', 0)} person(s) to {target}."
    )


@commands.command("import")
def import_(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A zip from `afterword export`.")],
) -> None:
    """Load a backup into this (empty) database, SQLite or PostgreSQL.

    Example: AFTERWORD_DATABASE_URL=postgresql+psycopg://... afterword import afterword-backup.zip
    """
    from afterword.store.transfer import import_zip

    if not source.is_file():
        output.fail(f"there is no file at {source}")
    counts = import_zip(ctx.obj.db, source)
    output.console.print(f"Imported {counts.get('memos', 0)} memo(s) of {counts.get('people', 0)} person(s).")
