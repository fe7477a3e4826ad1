"""Content-addressed audio storage: one private file per distinct sha256 of the uploaded bytes."""

import os
import tempfile
from pathlib import Path

from store.db import ensure_private_dir

FILE_MODE = 0o600


class FolderBlobStore:
    """Audio files under root/ab/cd/<sha256>; staged files are renamed into place atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def staging_dir(self) -> Path:
        return ensure_private_dir(ensure_private_dir(self.root) / "staging")

    def new_staging_file(self) -> Path:
        """An empty private file on the same file system as the store, for an upload in flight."""
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="upload-")
        os.close(fd)
        os.chmod(name, FILE_MODE)
        return Path(name)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, staged: Path, sha256: str) -> Path:
        """Move a staged file into place (or drop it when the same bytes are already stored)."""
        target = self.path_for(sha256)
        for folder in (self.root, target.parent.parent, target.parent):
            ensure_private_dir(folder)
        if target.exists():
            staged.unlink(missing_ok=True)
        else:
            os.chmod(staged, FILE_MODE)
            os.replace(staged, target)
        return target

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)
