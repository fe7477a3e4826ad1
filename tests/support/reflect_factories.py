"""Insights made the real way for the between-session tests: a sample memo, stored and
transcribed by the bundled model."""

import uuid
from datetime import datetime

from sqlalchemy import select

from afterword.store.db import Database
from afterword.store.models import Insight
from afterword.store.people import get_or_create_person
from afterword.transcribe.worker import Worker
from tests.support.factories import ingest_file
from tests.support.samples import SAMPLES


def person(db: Database, name: str) -> uuid.UUID:
    with db.write() as session:
        return get_or_create_person(session, name=name).id


def transcribed_insight(db: Database, engine, owner_id: uuid.UUID, sample: str = "jfk.m4a") -> Insight:  # type: ignore[no-untyped-def]
    """The insight of the sample, stored for the owner and transcribed now."""
    memo = ingest_file(db, SAMPLES / sample, owner_id=owner_id).memo
    Worker(db, engine).drain([memo.id])
    with db.read() as session:
        return session.scalars(select(Insight).where(Insight.memo_id == memo.id)).one()


def local_iso(moment: datetime) -> str:
    """A moment as a person types it: local wall-clock time, to the minute or second."""
    return moment.astimezone().replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
