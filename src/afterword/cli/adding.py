"""`afterword add`: ingest files, then transcribe them in this process with a progress bar."""

import uuid
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from afterword.audio import DecodedAudio
from afterword.capture.intake import MemoInfo, ingest
from afterword.capture.memos import memo_detail_or_404
from afterword.capture.staging import stage_file
from afterword.cli import output
from afterword.cli.context import CliContext
from afterword.errors import AfterwordError, NotFound
from afterword.store.enums import JobStatus
from afterword.store.models import Memo


def add_files(context: CliContext, files: list[Path], *, wait: bool, charge: int | None = None) -> bool:
    """True when every file was stored (and, when waiting, transcribed)."""
    if wait:  # this process transcribes them: decode each once
        context.db.decoded = DecodedAudio()
    stored: list[Memo] = []
    all_ok = True
    for path in files:
        memo = ingest_path(context, path, charge)
        all_ok &= memo is not None
        if memo is not None:
            stored.append(memo)
    if not wait:
        for memo in stored:
            output.console.print(f"Queued memo {output.short_id(memo.id)} ({escape(memo.filename or '')}).")
        return all_ok
    if not transcribe_memos(context, [m.id for m in stored]):
        return False
    for memo in stored:
        all_ok &= print_outcome(context, memo.id)
    return all_ok


def ingest_path(context: CliContext, path: Path, charge: int | None = None) -> Memo | None:
    db = context.db
    try:
        if not path.is_file():
            raise NotFound(f"There is no file at {path}.")
        staged = stage_file(path, db.blobs, max_bytes=db.settings.max_upload_bytes)
        result = ingest(context.reader, db, staged=staged, info=MemoInfo(filename=path.name, charge=charge))
    except AfterwordError as error:
        output.errors.print(f"[red]Error:[/red] {escape(path.name)}: {escape(str(error))}")
        return None
    if not result.created:
        output.console.print(
            f"{escape(path.name)} is already stored as memo {output.short_id(result.memo.id)}."
        )
    return result.memo


def transcribe_memos(context: CliContext, memo_ids: list[uuid.UUID]) -> bool:
    """False when the model cannot be loaded; the memos then stay queued for a worker."""
    from afterword.transcribe.engine import WhisperEngine
    from afterword.transcribe.worker import Worker

    engine = WhisperEngine(context.settings.whisper)
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=output.errors, transient=True) as progress:
        task = progress.add_task("Loading the model", total=None)
        try:
            engine.load()
        except Exception as error:  # a bad model setting is not the memos' fault
            progress.stop()
            output.errors.print(
                f"[red]Error:[/red] the speech model could not be loaded ({type(error).__name__}: "
                f"{error}). The memos are saved and queued; fix AFTERWORD_WHISPER__MODEL, then run "
                "`afterword worker --once`."
            )
            return False
        worker = Worker(context.db, engine)
        with worker.leases.running():
            while claimed := worker.claim(memo_ids):
                seconds = sum(job.duration_seconds for job in claimed)
                label = "Transcribing" if len(claimed) == 1 else f"Transcribing {len(claimed)} memos"
                progress.update(task, description=label, total=seconds, completed=0)
                worker.process(claimed, on_progress=lambda done: progress.update(task, completed=done))
                progress.update(task, completed=seconds)
    return True


def print_outcome(context: CliContext, memo_id: uuid.UUID) -> bool:
    memo = memo_detail_or_404(context.reader, memo_id=memo_id)
    label = f"Memo {output.short_id(memo.id)} ({escape(memo.filename or '')})"
    if memo.status == JobStatus.DONE and memo.insight is not None:
        output.console.print(f"\n{label}\n[bold]{escape(memo.insight.headline)}[/bold]")
        if memo.insight.text != memo.insight.headline:
            output.console.print(escape(memo.insight.text))
        return True
    if memo.status == JobStatus.NO_SPEECH:
        output.console.print(f"\n{label}: no speech heard.\n{escape(memo.advice or '')}")
        output.console.print(
            f"Listen: `afterword play {output.short_id(memo.id)}`. Try again: `afterword retry "
            f"{output.short_id(memo.id)} [--model NAME]`. Delete: `afterword delete {output.short_id(memo.id)}`."
        )
        return False
    if memo.status == JobStatus.FAILED:
        output.errors.print(f"[red]Error:[/red] {label} could not be transcribed: {escape(memo.error or '')}")
        return False
    output.console.print(f"\n{label} is {memo.status}; it will be retried by `afterword worker`.")
    return False
