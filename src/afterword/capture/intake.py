"""The one intake every door uses: staged bytes become a checked, stored memo with its job."""

import logging
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any

from sqlalchemy.exc import IntegrityError

from afterword.audio import CheckedAudio, inspect_file
from afterword.capture.staging import StagedUpload
from afterword.controls import is_control
from afterword.errors import Conflict
from afterword.machine import available_cores
from afterword.store.db import Database
from afterword.store.enums import MemoKind
from afterword.store.jobs import enqueue
from afterword.store.memos import drop_blob_if_unused, get_memo_by_sha256
from afterword.store.models import Memo
from afterword.store.reading import Reader

logger = logging.getLogger(__name__)

MAX_FILENAME_CHARS = 255
MAX_CONTENT_TYPE_CHARS = 100
# Checking a memo decodes all of it, which is CPU-bound. A burst of uploads decoding at once
# would starve the short database turn each upload needs (and the worker), so fewer decode at a
# time and one core stays free: on 2 cores this took 100 parallel uploads from 17 to 45 a second.
DECODE_SLOTS = threading.BoundedSemaphore(max(1, available_cores() - 1))


@dataclass(frozen=True)
class MemoInfo:
    """What the person (or their device) said about the recording."""

    filename: str | None = None
    content_type: str | None = None
    captured_at: datetime | None = None
    note: str | None = None
    transcription: dict[str, Any] = field(default_factory=dict)
    """Options for this memo's transcription: language, prompt, temperature."""
    kind: MemoKind = MemoKind.INSIGHT
    charge: int | None = None
    """How charged it felt, 0-10, when the person said at capture."""


@dataclass(frozen=True)
class IngestResult:
    memo: Memo
    created: bool


def clean_filename(name: str | None) -> str | None:
    """The last path part only, without control characters, at most 255 characters (a long
    name is cut before its extension)."""
    if not name:
        return None
    base = PurePath(name.replace("\\", "/")).name
    printable = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(printable) > MAX_FILENAME_CHARS:
        suffix = PurePath(printable).suffix[:16]
        printable = printable[: MAX_FILENAME_CHARS - len(suffix)] + suffix
    return printable or None


def clean_content_type(claimed: str | None) -> str | None:
    """The type the upload claimed, without control characters (a header may carry C1 bytes),
    at most 100 characters."""
    kept = "".join(c for c in claimed or "" if not is_control(c)).strip()
    return kept[:MAX_CONTENT_TYPE_CHARS] or None


def check_audio(db: Database, staged: StagedUpload) -> CheckedAudio:
    """Refuse what is not a memo, decoding it as the worker will (so what intake accepts, the
    worker can transcribe). When this process's own worker transcribes it, the samples are kept
    for it, so the memo is decoded once."""
    with DECODE_SLOTS:
        audio = inspect_file(
            staged.path,
            max_seconds=db.settings.max_audio_seconds,
            silence_dbfs=db.settings.silence_dbfs,
        )
    if db.decoded is not None:
        db.decoded.put(staged.sha256, audio.samples)
    return audio


KIND_NAMES = {MemoKind.INSIGHT: "a memo", MemoKind.MOMENT: "a moment"}


def already_stored(memo: Memo, info: MemoInfo) -> IngestResult:
    if memo.kind != info.kind:
        raise Conflict(
            f"This recording is already stored as {KIND_NAMES[memo.kind]} ({memo.id.hex[:8]}); "
            f"to keep it as {KIND_NAMES[info.kind]} too, record it again."
        )
    return IngestResult(memo, created=False)


def ingest(reader: Reader, db: Database, *, staged: StagedUpload, info: MemoInfo) -> IngestResult:
    """Check the audio, store it, and add the memo with its transcription job in one transaction.

    The same bytes from the same person give back the memo already stored, if it is of the same
    kind (an outbox sending again); stored as the other kind, they are refused with Conflict, so
    that deleting the one never deletes the other."""
    owner_id, blobs = reader.person_id, db.blobs
    with db.read() as session:
        existing = get_memo_by_sha256(session, owner_id=owner_id, sha256=staged.sha256)
    if existing is not None:
        staged.discard()
        return already_stored(existing, info)
    try:
        audio = check_audio(db, staged)
    except BaseException:
        staged.discard()
        raise
    memo = Memo(
        owner_id=owner_id,
        sha256=staged.sha256,
        size_bytes=staged.size_bytes,
        content_type=clean_content_type(info.content_type),
        filename=clean_filename(info.filename),
        duration_seconds=audio.duration_seconds,
        note=info.note,
        captured_at=info.captured_at,
        kind=info.kind,
        charge=info.charge,
    )
    try:
        with db.write() as session:
            blobs.put(session, staged.path, staged.sha256)
            session.add(memo)
            session.flush()
            enqueue(session, memo=memo, options=info.transcription)
    except IntegrityError:
        # The same person sent the same bytes twice at once; the other request stored it.
        staged.discard()
        with db.read() as session:
            existing = get_memo_by_sha256(session, owner_id=owner_id, sha256=staged.sha256)
        if existing is None:
            raise
        return already_stored(existing, info)
    except BaseException:
        staged.discard()
        with db.write() as session:
            drop_blob_if_unused(session, blobs, sha256=staged.sha256)
        raise
    logger.info("memo %s stored: %d bytes, %.1f s", memo.id, memo.size_bytes, memo.duration_seconds)
    return IngestResult(memo, created=True)
