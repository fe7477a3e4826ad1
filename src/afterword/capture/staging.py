"""Receiving upload bytes: streamed to a private staging file, hashed and capped on the way in."""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from afterword.errors import Empty, TooLarge
from afterword.store.blobs import BlobStore, new_staging_file

CHUNK_BYTES = 1024 * 1024


class EmptyUpload(Empty):
    def __init__(self) -> None:
        super().__init__("The file is empty: there is no audio in it.")


class UploadTooLarge(TooLarge):
    # The client may still be sending: close the connection rather than read the rest.
    headers = {"Connection": "close"}

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"The file is larger than the limit of {max_bytes / 2**20:.0f} MB.")


@dataclass(frozen=True)
class StagedUpload:
    path: Path
    sha256: str
    size_bytes: int

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


class Stager:
    """Write chunks as they arrive; refuse the upload the moment it passes the byte cap."""

    def __init__(self, blobs: BlobStore, *, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.path = new_staging_file(blobs.staging_dir)
        self._file: BinaryIO = self.path.open("wb")
        self._hash = hashlib.sha256()
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.max_bytes:
            self.discard()
            raise UploadTooLarge(self.max_bytes)
        self._hash.update(chunk)
        self._file.write(chunk)

    def finish(self) -> StagedUpload:
        # On disk for real before anyone is told "saved".
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if self._size == 0:
            self.discard()
            raise EmptyUpload()
        return StagedUpload(self.path, self._hash.hexdigest(), self._size)

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


def stage_stream(source: BinaryIO, blobs: BlobStore, *, max_bytes: int) -> StagedUpload:
    """Copy an open file into staging, chunk by chunk."""
    stager = Stager(blobs, max_bytes=max_bytes)
    try:
        while chunk := source.read(CHUNK_BYTES):
            stager.write(chunk)
    except BaseException:
        stager.discard()
        raise
    return stager.finish()


def stage_file(source: Path, blobs: BlobStore, *, max_bytes: int) -> StagedUpload:
    """Copy a local file into staging (checking its size before reading it)."""
    if source.stat().st_size > max_bytes:
        raise UploadTooLarge(max_bytes)
    with source.open("rb") as file:
        return stage_stream(file, blobs, max_bytes=max_bytes)
