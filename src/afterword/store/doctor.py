"""`afterword doctor`: find what a crash can leave behind, and clean what is safe to clean."""

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.models import Job, Memo


@dataclass
class Findings:
    missing_audio: list[str] = field(default_factory=list)
    """Memos whose audio is gone though it should be there: not yet transcribed, or transcribed
    while audio is kept (with AFTERWORD_KEEP_AUDIO=false a transcribed memo has none, rightly)."""
    damaged_audio: list[str] = field(default_factory=list)
    """Stored audio whose bytes no longer match their sha256."""
    orphan_audio: list[str] = field(default_factory=list)
    """Stored audio no memo refers to."""
    stale_uploads: list[Path] = field(default_factory=list)
    """Staging files of uploads that never finished."""

    @property
    def cleanable(self) -> int:
        return len(self.orphan_audio) + len(self.stale_uploads)


def examine(db: Database, *, staging_age_seconds: float) -> Findings:
    findings = Findings()
    with db.read() as session:
        referenced = set(session.scalars(select(Memo.sha256).distinct()))
        stored = db.blobs.stored_keys(session)
        for sha256 in sorted(audio_expected(session, db.settings.keep_audio)):
            data = db.blobs.read(session, sha256) if sha256 in stored else None
            if data is None:
                findings.missing_audio.append(sha256)
            elif hashlib.sha256(data).hexdigest() != sha256:
                findings.damaged_audio.append(sha256)
    findings.orphan_audio = sorted(stored - referenced)
    staging = db.blobs.staging_dir
    if staging.exists():
        cutoff = time.time() - staging_age_seconds
        findings.stale_uploads = sorted(p for p in staging.iterdir() if p.stat().st_mtime <= cutoff)
    return findings


def audio_expected(session: Session, keep_audio: bool) -> set[str]:
    """The audio the memos should still have."""
    memos = select(Memo.sha256).distinct()
    if not keep_audio:
        memos = memos.join(Job, Job.memo_id == Memo.id).where(Job.status != JobStatus.DONE)
    return set(session.scalars(memos))


def clean(db: Database, findings: Findings) -> None:
    """Delete orphan audio (if still unreferenced) and stale staging files."""
    with db.write() as session:
        referenced = set(session.scalars(select(Memo.sha256).distinct()))
        for sha256 in findings.orphan_audio:
            if sha256 not in referenced:
                db.blobs.delete(session, sha256)
    for path in findings.stale_uploads:
        path.unlink(missing_ok=True)
