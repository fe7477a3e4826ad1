"""/api/moments: pattern moments, typed or recorded, and their follow-up questions."""

import uuid

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from afterword.capture.moments import record_voice_moment
from afterword.reflect.moments import (
    QUESTIONS,
    answer_moment,
    get_moment_view,
    moment_views,
    record_text_moment,
    remove_moment,
)
from afterword.web.deps import CurrentPerson, StateDep, UploadingPerson
from afterword.web.received import received_memo
from afterword.web.routes.memos import UPLOAD_DOC
from afterword.web.week_schemas import MomentAnswers, MomentCreate, MomentPublic, MomentsPublic

router = APIRouter(prefix="/api/moments", tags=["moments"])
# The same bodies as a memo upload (multipart `file`, or raw audio with captured_at in the query).
VOICE_DOC = UPLOAD_DOC


@router.get("", response_model=MomentsPublic)
def list_moments(state: StateDep, person: CurrentPerson) -> MomentsPublic:
    """Your moments, newest first, with the questions still waiting on each."""
    views = moment_views(state.storage.db, owner_id=person.id)
    return MomentsPublic(items=[MomentPublic.model_validate(v) for v in views], questions=QUESTIONS)


@router.post("", status_code=201, response_model=MomentPublic)
def add_text_moment(body: MomentCreate, state: StateDep, person: CurrentPerson) -> MomentPublic:
    """A typed moment, with any answers you have now."""
    answers = body.model_dump(include=set(QUESTIONS), exclude_unset=True)
    view = record_text_moment(
        state.storage.db, owner_id=person.id, text=body.text, happened_at=body.happened_at, answers=answers
    )
    return MomentPublic.model_validate(view)


@router.post("/voice", status_code=202, response_model=MomentPublic, openapi_extra=VOICE_DOC)
async def add_voice_moment(request: Request, state: StateDep, person: UploadingPerson) -> JSONResponse:
    """A recorded moment: transcribed like a memo, kept as a moment (never an insight)."""
    received, info = await received_memo(request, state)
    stored = await run_in_threadpool(
        record_voice_moment, state.storage, owner_id=person.id, staged=received.staged, info=info
    )
    if stored.created:
        state.memo_stored.set()
    view = await run_in_threadpool(
        get_moment_view, state.storage.db, owner_id=person.id, ref=stored.moment_id.hex
    )
    return JSONResponse(
        MomentPublic.model_validate(view).model_dump(mode="json"), 202 if stored.created else 200
    )


@router.patch("/{moment_id}", response_model=MomentPublic)
def answer(moment_id: uuid.UUID, body: MomentAnswers, state: StateDep, person: CurrentPerson) -> MomentPublic:
    """Answer some of the follow-up questions now; the others can wait."""
    answers = body.model_dump(exclude_unset=True)
    return MomentPublic.model_validate(
        answer_moment(state.storage.db, owner_id=person.id, ref=moment_id.hex, answers=answers)
    )


@router.delete("/{moment_id}", status_code=204)
def delete(moment_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> Response:
    """Delete a moment (a recorded one with its memo and audio)."""
    remove_moment(state.storage, owner_id=person.id, ref=moment_id.hex)
    return Response(status_code=204)
