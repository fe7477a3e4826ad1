"""Memos in the ORM, for the writes that store and delete them (they are read through
store.views.memos). Every lookup takes the owner, so one person never reaches another's memo;
audio goes only once no memo refers to it. Nothing here commits, except delete_memo and
delete_person, which are whole writes of their own."""

import logging
import uuid

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from afterword.errors import NotFound
from afterword.store.blobs import BlobStore
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo, Person
from afterword.store.reading import SessionRows
from afterword.store.search import FTS_TABLE
from afterword.store.views.people import find_person

logger = logging.getLogger(__name__)


def get_memo(session: Session, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.id == memo_id, Memo.owner_id == owner_id)).first()


def get_memo_by_sha256(session: Session, *, owner_id: uuid.UUID, sha256: str) -> Memo | None:
    return session.scalars(select(Memo).where(Memo.owner_id == owner_id, Memo.sha256 == sha256)).first()


def memo_ids_sharing_blob(session: Session, *, sha256: str) -> list[uuid.UUID]:
    return list(session.scalars(select(Memo.id).where(Memo.sha256 == sha256)))


def delete_memo(db: Database, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
    """Delete the owner's memo with everything made from it, then its audio unless another
    memo holds the same bytes. False when the owner has no such memo."""
    with db.write() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        if memo is None:
            return False
        session.delete(memo)
        session.flush()
        forget_deleted_words(session)
        drop_blob_if_unused(session, db.blobs, sha256=memo.sha256)
    logger.info("memo %s deleted", memo_id)
    return True


def forget_deleted_words(session: Session) -> None:
    """On SQLite, merge the full-text index so that a deleted transcript's words leave the file
    too: FTS5 keeps a deleted row's terms in its older segments until they merge (its own
    secure-delete option needs SQLite 3.44). On PostgreSQL the tsvector goes with its row."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))


def drop_blob_if_unused(session: Session, blobs: BlobStore, *, sha256: str) -> None:
    """Delete the audio (once the transaction commits) if no memo refers to it any more."""
    if not memo_ids_sharing_blob(session, sha256=sha256):
        blobs.delete(session, sha256)


def drop_audio_once_transcribed(session: Session, blobs: BlobStore, *, sha256: str) -> None:
    """Drop the audio (AFTERWORD_KEEP_AUDIO=false) unless another memo with the same bytes is not
    done: it still waits for its transcript, or (no speech heard, or failed) keeps its audio to
    be listened to or tried again."""
    needed = session.scalar(
        select(Memo.id)
        .join(Job, Job.memo_id == Memo.id)
        .where(Memo.sha256 == sha256, Job.status != JobStatus.DONE)
        .limit(1)
    )
    if needed is None:
        blobs.delete(session, sha256)


def delete_person(db: Database, *, name: str) -> int:
    """Delete a person and everything of theirs; returns how many memos went."""
    with db.write() as session:
        found = find_person(SessionRows(session), name=name)
        if found is None:
            raise NotFound(f"there is no person named {name}")
        hashes = list(session.scalars(select(Memo.sha256).where(Memo.owner_id == found.id)))
        session.delete(session.get_one(Person, found.id))
        session.flush()
        forget_deleted_words(session)
        for sha256 in set(hashes):
            drop_blob_if_unused(session, blobs=db.blobs, sha256=sha256)
    logger.info("person %s deleted with %d memos", found.id, len(hashes))
    return len(hashes)
