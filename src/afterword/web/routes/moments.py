"""/api/moments: pattern moments, typed or recorded, and their follow-up questions."""

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from afterword.capture.moments import record_voice_moment
from afterword.reflect.moments import (
    QUESTIONS,
    MomentList,
    MomentView,
    answer_moment,
    moment_detail,
    moment_list,
    record_text_moment,
    remove_moment,
)
from afterword.store.reading import Reader
from afterword.web.deps import PersonReader, StateDep, UploadingPerson
from afterword.web.received import received_memo
from afterword.web.routes.memos import UPLOAD_DOC
from afterword.web.week_inputs import MomentAnswers, MomentCreate

router = APIRouter(prefix="/api/moments", tags=["moments"])
# The same bodies as a memo upload (multipart `file`, or raw audio with captured_at in the query).
VOICE_DOC = UPLOAD_DOC
MOMENT = TypeAdapter(MomentView)


@router.get("", response_model=MomentList)
def list_moments(reader: PersonReader) -> MomentList:
    """Your moments, newest first, with the questions still waiting on each."""
    return moment_list(reader)


@router.post("", status_code=201, response_model=MomentView)
def add_text_moment(body: MomentCreate, state: StateDep, reader: PersonReader) -> MomentView:
    """A typed moment, with any answers you have now."""
    answers = body.model_dump(include=set(QUESTIONS), exclude_unset=True)
    return record_text_moment(reader, state.db, text=body.text, happened_at=body.happened_at, answers=answers)


@router.post("/voice", status_code=202, response_model=MomentView, openapi_extra=VOICE_DOC)
async def add_voice_moment(request: Request, state: StateDep, person: UploadingPerson) -> JSONResponse:
    """A recorded moment: transcribed like a memo, kept as a moment (never an insight)."""
    received, info = await received_memo(request, state, token_id=person.token_id)
    reader = Reader(state.db, person.id)
    stored = await run_in_threadpool(record_voice_moment, reader, state.db, staged=received.staged, info=info)
    if stored.created:
        state.memo_stored.set()
    view = await run_in_threadpool(moment_detail, reader, moment_id=stored.moment_id)
    return JSONResponse(MOMENT.dump_python(view, mode="json"), 202 if stored.created else 200)


@router.patch("/{moment_id}", response_model=MomentView)
def answer(moment_id: uuid.UUID, body: MomentAnswers, state: StateDep, reader: PersonReader) -> MomentView:
    """Answer some of the follow-up questions now; the others can wait."""
    answers = body.model_dump(exclude_unset=True)
    return answer_moment(reader, state.db, moment_id=moment_id, answers=answers)


@router.delete("/{moment_id}", status_code=204)
def delete(moment_id: uuid.UUID, state: StateDep, reader: PersonReader) -> Response:
    """Delete a moment (a recorded one with its memo and audio)."""
    remove_moment(reader, state.db, moment_id=moment_id)
    return Response(status_code=204)
