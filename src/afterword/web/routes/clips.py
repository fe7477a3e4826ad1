"""/api/memos/{id}/audio: a memo's audio for listening again, by byte range; and a short-lived
link to it for the phone's media element, which cannot send the token."""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.security import HTTPAuthorizationCredentials

from afterword.capture.clips import AudioLink, make_audio_link, stored_audio
from afterword.errors import Unauthorized
from afterword.store.audio_links import audio_link_person
from afterword.store.reading import Reader
from afterword.web.deps import CurrentPerson, StateDep, bearer, current_person
from afterword.web.media import read_audio_part

router = APIRouter(prefix="/api/memos", tags=["memos"])

AUDIO_DOC = {
    "200": {"description": "The whole file, as uploaded.", "content": {"audio/*": {}}},
    "206": {"description": "The byte range asked for (Range: bytes=FIRST-LAST).", "content": {"audio/*": {}}},
    "404": {"description": "No such memo, or its audio was not kept (AFTERWORD_KEEP_AUDIO=false)."},
    "416": {"description": "A range outside the file, malformed, or more than one."},
}


def listener(
    memo_id: uuid.UUID,
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    key: Annotated[str | None, Query(max_length=200, description="From GET .../audio-link.")] = None,
) -> uuid.UUID:
    """Whose audio request this is: the token's person, or the person an audio link was made for."""
    if key is None:
        return current_person(state, credentials).id
    person_id = audio_link_person(state.db, key=key, memo_id=memo_id)
    if person_id is None:
        raise Unauthorized("This audio link has expired or is not valid; ask for a new one.")
    return person_id


@router.get("/{memo_id}/audio", response_class=Response, responses=AUDIO_DOC)  # type: ignore[arg-type]
def memo_audio(
    memo_id: uuid.UUID,
    state: StateDep,
    person_id: Annotated[uuid.UUID, Depends(listener)],
    range_: Annotated[str | None, Header(alias="Range")] = None,
    if_range: Annotated[str | None, Header(alias="If-Range")] = None,
) -> Response:
    """The memo's audio as uploaded, whole or one byte range at a time."""
    memo = stored_audio(Reader(state.db, person_id), memo_id=memo_id)
    part = read_audio_part(state.db, memo, range_header=range_, if_range=if_range)
    filename = quote(memo.filename or f"memo-{memo.memo_id.hex[:8]}")
    headers = {**part.headers, "Content-Disposition": f"attachment; filename*=utf-8''{filename}"}
    return Response(part.data, status_code=part.status, media_type=part.media_type, headers=headers)


@router.get("/{memo_id}/audio-link", response_model=AudioLink)
def audio_link(memo_id: uuid.UUID, state: StateDep, person: CurrentPerson) -> AudioLink:
    """A link to the memo's audio that needs no token, for 30 minutes."""
    return make_audio_link(Reader(state.db, person.id), state.db, token_id=person.token_id, memo_id=memo_id)
