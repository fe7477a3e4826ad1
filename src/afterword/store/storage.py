"""Everything a door needs to reach the data: the database and the audio, opened from settings."""

import logging
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from afterword.errors import NotFound
from afterword.settings import Settings
from afterword.store.blobs import BlobStore, DatabaseBlobStore, FolderBlobStore
from afterword.store.db import Database, open_database
from afterword.store.enums import JobStatus
from afterword.store.memos import get_memo, memo_ids_sharing_blob
from afterword.store.models import Job, Memo
from afterword.store.people import get_person_by_name
from afterword.store.search import FTS_TABLE

if TYPE_CHECKING:  # decoding (PyAV, numpy) loads only where audio is handled
    from afterword.audio import DecodedAudio

logger = logging.getLogger(__name__)


@dataclass
class Storage:
    settings: Settings
    db: Database
    blobs: BlobStore
    decoded: "DecodedAudio | None" = None
    """Set when this process's own worker transcribes what it stores: intake then keeps each
    memo's decoded samples for it."""

    def close(self) -> None:
        self.db.dispose()


def open_storage(settings: Settings) -> Storage:
    blobs: BlobStore
    if settings.blob_backend == "database":
        blobs = DatabaseBlobStore(settings.data_dir / "staging")
    else:
        blobs = FolderBlobStore(settings.audio_dir)
    return Storage(settings, open_database(settings), blobs)


def delete_memo(storage: Storage, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
    """Delete the owner's memo with everything made from it, then its audio unless another
    memo holds the same bytes. False when the owner has no such memo."""
    with storage.db.write() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        if memo is None:
            return False
        session.delete(memo)
        session.flush()
        forget_deleted_words(session)
        drop_blob_if_unused(session, storage.blobs, sha256=memo.sha256)
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


def delete_person(storage: Storage, *, name: str) -> int:
    """Delete a person and everything of theirs; returns how many memos went."""
    with storage.db.write() as session:
        person = get_person_by_name(session, name=name)
        if person is None:
            raise NotFound(f"there is no person named {name}")
        hashes = list(session.scalars(select(Memo.sha256).where(Memo.owner_id == person.id)))
        session.delete(person)
        session.flush()
        forget_deleted_words(session)
        for sha256 in set(hashes):
            drop_blob_if_unused(session, blobs=storage.blobs, sha256=sha256)
    logger.info("person %s deleted with %d memos", person.id, len(hashes))
    return len(hashes)
