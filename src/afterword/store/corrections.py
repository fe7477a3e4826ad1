"""A segment of a transcript and its versions, for the write that corrects it. Nothing here commits."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from afterword.errors import Conflict, NotFound
from afterword.store.models import Memo, Segment, SegmentVersion, Transcript

NO_SUCH_MEMO = "No such memo."


def find_segment(
    session: Session, *, owner_id: uuid.UUID, memo_id: uuid.UUID, position: int
) -> tuple[Memo, Transcript, Segment]:
    """The owner's memo (with its insight), its transcript and one segment, loaded with every
    segment's versions."""
    memo = session.scalars(
        select(Memo)
        .where(Memo.id == memo_id, Memo.owner_id == owner_id)
        .options(
            selectinload(Memo.insight),
            selectinload(Memo.transcript).selectinload(Transcript.segments).selectinload(Segment.versions),
        )
    ).first()
    if memo is None:
        raise NotFound(NO_SUCH_MEMO)
    transcript = memo.transcript
    if transcript is None:
        raise Conflict("this memo has no transcript to correct")
    if not 0 <= position < len(transcript.segments):
        raise NotFound(f"this memo's transcript has no segment {position + 1}")
    return memo, transcript, transcript.segments[position]


def add_version(
    session: Session, *, segment: Segment, owner_id: uuid.UUID, version: int, **fields: object
) -> SegmentVersion:
    row = SegmentVersion(owner_id=owner_id, segment_id=segment.id, version=version, **fields)
    session.add(row)
    session.flush()
    return row
