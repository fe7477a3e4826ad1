"""Everything a door needs to reach the data: the database and the audio, opened from settings."""

import logging
import uuid
from dataclasses import dataclass

from store.blobs import FolderBlobStore
from store.db import Database, open_database
from store.memos import get_memo, memo_ids_sharing_blob
from store.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class Storage:
    settings: Settings
    db: Database
    blobs: FolderBlobStore

    def close(self) -> None:
        self.db.dispose()


def open_storage(settings: Settings) -> Storage:
    return Storage(settings, open_database(settings), FolderBlobStore(settings.audio_dir))


def delete_memo(storage: Storage, *, memo_id: uuid.UUID, owner_id: uuid.UUID) -> bool:
    """Delete the owner's memo with everything made from it, then its audio unless another
    memo holds the same bytes. False when the owner has no such memo."""
    with storage.db.session() as session, session.begin():
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        if memo is None:
            return False
        sha256 = memo.sha256
        session.delete(memo)
    drop_blob_if_unused(storage, sha256=sha256)
    logger.info("memo %s deleted", memo_id)
    return True


def drop_blob_if_unused(storage: Storage, *, sha256: str) -> None:
    with storage.db.session() as session:
        if not memo_ids_sharing_blob(session, sha256=sha256):
            storage.blobs.delete(sha256)
