"""/api/memos/{id}/segments/{position}: correct a segment of a transcript; every correction is
a new version and what the model heard is kept."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from afterword.reflect.corrections import SegmentVersions, correct_segment, show_segment
from afterword.web.deps import PersonReader, StateDep
from afterword.web.transcript_inputs import SegmentCorrection

router = APIRouter(prefix="/api/memos", tags=["memos"])

Position = Annotated[int, Path(ge=0, le=100_000, description="The segment's position, 0 for the first.")]


@router.get("/{memo_id}/segments/{position}", response_model=SegmentVersions)
def read_segment(memo_id: uuid.UUID, position: Position, reader: PersonReader) -> SegmentVersions:
    """A segment with every version of its text, oldest (what the model heard) first."""
    return show_segment(reader, memo_id=memo_id, position=position)


@router.put("/{memo_id}/segments/{position}", response_model=SegmentVersions)
def correct(
    memo_id: uuid.UUID, position: Position, body: SegmentCorrection, state: StateDep, reader: PersonReader
) -> SegmentVersions:
    """Correct a segment's text; the transcript, the insight, search and prep use it from now on."""
    return correct_segment(reader, state.db, memo_id=memo_id, position=position, text=body.text)
