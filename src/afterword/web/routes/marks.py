"""/api/marks: a silent tap during the session records the time; afterwards, a memo answers it."""

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from afterword.capture.marks import answer_mark
from afterword.capture.memos import MemoView
from afterword.reflect.marks import MarkList, add_mark, mark_list, remove_mark
from afterword.store.reading import Reader
from afterword.store.views.marks import MarkView
from afterword.web.deps import PersonReader, StateDep, UploadingPerson
from afterword.web.received import memo_response, received_memo
from afterword.web.routes.memos import UPLOAD_DOC
from afterword.web.week_inputs import MarkIn

router = APIRouter(prefix="/api/marks", tags=["marks"])


@router.get("", response_model=MarkList)
def list_marks(reader: PersonReader) -> MarkList:
    """The last seven days' marks, and "You marked 16:23 and 16:41. What landed?" while some wait."""
    return mark_list(reader)


@router.post("", status_code=201, response_model=MarkView)
def mark(body: MarkIn, state: StateDep, reader: PersonReader) -> MarkView:
    """Record the time (now, or `marked_at` from a phone that was offline), and nothing else."""
    return add_mark(reader, state.db, at=body.marked_at)


@router.post("/{mark_id}/memo", status_code=202, response_model=MemoView, openapi_extra=UPLOAD_DOC)
async def answer(
    mark_id: uuid.UUID, request: Request, state: StateDep, person: UploadingPerson
) -> JSONResponse:
    """A memo recorded in answer to the mark: stored and transcribed like any memo, and linked."""
    received, info = await received_memo(request, state, token_id=person.token_id)
    reader = Reader(state.db, person.id)
    result = await run_in_threadpool(
        answer_mark, reader, state.db, mark_id=mark_id, staged=received.staged, info=info
    )
    if result.created:
        state.memo_stored.set()
    return await memo_response(result, reader)


@router.delete("/{mark_id}", status_code=204)
def delete(mark_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Let a mark go."""
    remove_mark(reader, state.db, mark_id=mark_id)
    return Response(status_code=204)
