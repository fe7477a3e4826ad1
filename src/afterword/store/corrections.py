"""The versions of a corrected segment. Every read takes the owner."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterword.store.models import Segment, SegmentVersion


def list_versions(session: Session, *, owner_id: uuid.UUID, segment_id: int) -> list[SegmentVersion]:
    """Oldest first: version 0 is what the model heard. Empty while the segment is uncorrected."""
    stmt = (
        select(SegmentVersion)
        .where(SegmentVersion.segment_id == segment_id, SegmentVersion.owner_id == owner_id)
        .order_by(SegmentVersion.version)
    )
    return list(session.scalars(stmt))


def versions_by_segment(
    session: Session, *, owner_id: uuid.UUID, segment_ids: list[int]
) -> dict[int, list[SegmentVersion]]:
    """The versions of each of these segments that has been corrected."""
    if not segment_ids:
        return {}
    stmt = (
        select(SegmentVersion)
        .where(SegmentVersion.segment_id.in_(segment_ids), SegmentVersion.owner_id == owner_id)
        .order_by(SegmentVersion.segment_id, SegmentVersion.version)
    )
    found: dict[int, list[SegmentVersion]] = {}
    for row in session.scalars(stmt):
        found.setdefault(row.segment_id, []).append(row)
    return found


def add_version(
    session: Session, *, segment: Segment, owner_id: uuid.UUID, version: int, **fields: object
) -> SegmentVersion:
    row = SegmentVersion(owner_id=owner_id, segment_id=segment.id, version=version, **fields)
    session.add(row)
    session.flush()
    return row
