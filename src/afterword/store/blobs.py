"""Audio storage, content-addressed by the sha256 of the uploaded bytes.

Two backends behind one interface: a private folder (the default) and a database table, so a
worker on another machine needs nothing but the database URL. Either way a memo row is never
committed before its audio is in place, and audio is deleted only after the commit that removed
its last memo."""

import io
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import delete, event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from afterword.paths import ensure_private_dir
from afterword.store.models import AudioBlob

FILE_MODE = 0o600


def check_sha256(sha256: str) -> str:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError("not a sha256 hex digest")
    return sha256


class BlobStore(Protocol):
    staging_dir: Path

    def put(self, session: Session, staged: Path, sha256: str) -> None:
        """Store a staged file's bytes, in (or before) the transaction that adds its memo."""

    def read(self, session: Session, sha256: str) -> bytes | None: ...

    def exists(self, session: Session, sha256: str) -> bool:
        """Whether the bytes are still stored (AFTERWORD_KEEP_AUDIO=false drops them)."""

    def source(self, session: Session, sha256: str) -> Path | BinaryIO | None:
        """Something to decode from: the file itself, or the bytes in memory."""

    def delete(self, session: Session, sha256: str) -> None:
        """Delete the bytes once the session's transaction commits."""

    def stored_keys(self, session: Session) -> set[str]: ...


def new_staging_file(staging_dir: Path) -> Path:
    """An empty private file for an upload in flight."""
    fd, name = tempfile.mkstemp(dir=ensure_private_dir(staging_dir), prefix="upload-")
    os.close(fd)
    os.chmod(name, FILE_MODE)
    return Path(name)


class FolderBlobStore:
    """Files under root/ab/cd/<sha256>, 0600 in 0700 folders; renamed into place atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging_dir = root / "staging"

    def path_for(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, session: Session, staged: Path, sha256: str) -> None:
        target = self.path_for(sha256)
        for folder in (self.root, target.parent.parent, target.parent):
            ensure_private_dir(folder)
        if target.exists():
            staged.unlink(missing_ok=True)
        else:
            os.chmod(staged, FILE_MODE)
            os.replace(staged, target)

    def read(self, session: Session, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        return path.read_bytes() if path.exists() else None

    def exists(self, session: Session, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def source(self, session: Session, sha256: str) -> Path | BinaryIO | None:
        path = self.path_for(sha256)
        return path if path.exists() else None

    def delete(self, session: Session, sha256: str) -> None:
        path = self.path_for(sha256)
        event.listen(session, "after_commit", lambda _s: path.unlink(missing_ok=True), once=True)

    def stored_keys(self, session: Session) -> set[str]:
        if not self.root.exists():
            return set()
        return {p.name for p in self.root.glob("??/??/*") if p.is_file()}


class DatabaseBlobStore:
    """Rows of the audio_blobs table, written in the memo's own transaction."""

    def __init__(self, staging_dir: Path) -> None:
        self.staging_dir = staging_dir

    def put(self, session: Session, staged: Path, sha256: str) -> None:
        # Two people may send the same bytes at the same moment: the second insert waits for the
        # first and then does nothing, where a plain insert would fail on the key.
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(AudioBlob).values(sha256=check_sha256(sha256), data=staged.read_bytes())
        session.execute(statement.on_conflict_do_nothing(index_elements=["sha256"]))
        # The staged file goes only once the bytes are committed: a transaction that fails leaves
        # the upload where the caller can still discard or keep it.
        event.listen(session, "after_commit", lambda _s: staged.unlink(missing_ok=True), once=True)

    def read(self, session: Session, sha256: str) -> bytes | None:
        return session.scalar(select(AudioBlob.data).where(AudioBlob.sha256 == sha256))

    def exists(self, session: Session, sha256: str) -> bool:
        return session.scalar(select(AudioBlob.sha256).where(AudioBlob.sha256 == sha256)) is not None

    def source(self, session: Session, sha256: str) -> Path | BinaryIO | None:
        data = self.read(session, sha256)
        return None if data is None else io.BytesIO(data)

    def delete(self, session: Session, sha256: str) -> None:
        session.execute(delete(AudioBlob).where(AudioBlob.sha256 == sha256))

    def stored_keys(self, session: Session) -> set[str]:
        return set(session.scalars(select(AudioBlob.sha256)))
