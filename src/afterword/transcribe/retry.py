"""Trying a memo again: one that failed, or one in which no speech was heard, goes back to the
queue with fresh attempts, the person's vocabulary as it is now and, if asked, another model."""

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from afterword.controls import refuse_controls
from afterword.errors import Conflict, Invalid, NotFound
from afterword.settings import WhisperSettings
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.jobs import requeue_failed
from afterword.store.memos import get_memo
from afterword.store.models import Job
from afterword.store.reading import Reader

RETRYABLE = {JobStatus.FAILED, JobStatus.NO_SPEECH}


class ModelNotOffered(Invalid):
    pass


@dataclass(frozen=True)
class Retried:
    memo_id: uuid.UUID
    was: JobStatus


def model_name(model: str | None) -> str | None:
    """A model's name as a person typed it (no control character in it)."""
    return None if model is None else refuse_controls(model, what="a model's name")


def retry_memo(reader: Reader, db: Database, *, memo_id: uuid.UUID, model: str | None = None) -> Retried:
    """Queue the transcription of the reader's memo again."""
    model = model_name(model)
    with db.write() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=reader.person_id)
        if memo is None:
            raise NotFound("No such memo.")
        job = session.scalars(select(Job).where(Job.memo_id == memo.id).with_for_update()).one()
        was = job.status
        if was not in RETRYABLE:
            raise Conflict(
                f"only a memo that failed or had no speech heard can be tried again; this one is {was.value}"
            )
        if not db.blobs.exists(session, memo.sha256):
            raise Conflict("the audio of this memo was not kept, so it cannot be transcribed again")
        options = {key: value for key, value in job.options.items() if key not in ("model", "vocabulary")}
        job.options = {**options, **({"model": model} if model else {})}
        requeue_failed(session, job=job)
        job.last_error = None
        return Retried(memo.id, was)


@dataclass(frozen=True)
class OfferedModels:
    model: str
    """The server's own model, as transcripts record it."""
    retry_model: str | None
    """The other model POST /api/memos/{id}/retry may ask for (AFTERWORD_WHISPER__RETRY_MODEL), if any."""


def offered_models(whisper: WhisperSettings) -> OfferedModels:
    """The models a retry can choose from."""
    from afterword.transcribe.engine import resolve_model  # numpy with it; `afterword retry` needs neither

    return OfferedModels(resolve_model(whisper.model).name, whisper.retry_model)


def offered_model(own: str, retry_model: str | None, asked: str | None) -> str | None:
    """The model a retry over the API may use: the server's own (None: as configured), or its
    AFTERWORD_WHISPER__RETRY_MODEL."""
    if asked is None or asked == own:
        return None
    if asked != retry_model:
        offer = f"{own} or {retry_model}" if retry_model else own
        raise ModelNotOffered(f"this server tries memos again only with {offer}")
    return asked
