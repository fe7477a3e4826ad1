"""POST /v1/audio/transcriptions, compatible with OpenAI's API: apps that speak it can send
memos here. The memo is stored like any other upload; the answer comes once it is transcribed."""

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field, ValidationError

from afterword.capture.intake import MemoInfo
from afterword.capture.memos import MemoDetailView
from afterword.errors import AfterwordError
from afterword.store.enums import JobStatus
from afterword.store.reading import Reader
from afterword.web.deps import StateDep, UploadingPerson
from afterword.web.inputs import Line, Note
from afterword.web.subtitles import to_srt, to_vtt
from afterword.web.uploads import ReceivedUpload, receive_upload, store_upload
from afterword.web.waiting import wait_until_settled


class TranscriptionFailed(AfterwordError):
    status_code = 500


class StillTranscribing(AfterwordError):
    status_code = 504


router = APIRouter(prefix="/v1/audio", tags=["openai-compatible"])

UPLOAD_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "model": {
                            "type": "string",
                            "description": "Accepted and ignored: the server's configured model transcribes.",
                        },
                        "language": {"type": "string"},
                        "prompt": {"type": "string"},
                        "response_format": {
                            "type": "string",
                            "enum": ["json", "text", "srt", "vtt", "verbose_json"],
                        },
                        "temperature": {"type": "number", "minimum": 0, "maximum": 1},
                        "timestamp_granularities[]": {
                            "type": "array",
                            "items": {"type": "string", "enum": ["word", "segment"]},
                        },
                    },
                }
            }
        },
    }
}


class TranscriptionRequest(BaseModel):
    model: Line | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    prompt: Note | None = None
    response_format: Literal["json", "text", "srt", "vtt", "verbose_json"] = "json"
    temperature: float | None = Field(default=None, ge=0, le=1)
    timestamp_granularities: list[Literal["word", "segment"]] = ["segment"]

    @classmethod
    def of(cls, received: ReceivedUpload) -> "TranscriptionRequest":
        try:
            return cls(
                model=received.field("model"),
                language=received.field("language") or None,
                prompt=received.field("prompt") or None,
                response_format=received.field("response_format") or "json",
                temperature=received.field("temperature") or None,
                timestamp_granularities=received.fields.get("timestamp_granularities[]") or ["segment"],
            )
        except ValidationError as error:
            raise RequestValidationError(error.errors()) from None

    def transcription_options(self) -> dict[str, Any]:
        options = {"language": self.language, "prompt": self.prompt, "temperature": self.temperature}
        return {name: value for name, value in options.items() if value is not None}


@router.post("/transcriptions", openapi_extra=UPLOAD_DOC)
async def create_transcription(request: Request, state: StateDep, person: UploadingPerson) -> Response:
    """Store the audio as a memo, wait for its transcript, answer in the asked format."""
    received = await receive_upload(request, state, token_id=person.token_id)
    try:
        asked = TranscriptionRequest.of(received)
    except BaseException:
        received.staged.discard()
        raise
    info = MemoInfo(
        filename=received.filename,
        content_type=received.content_type,
        transcription=asked.transcription_options(),
    )
    result = await store_upload(state, received, Reader(state.db, person.id), info)
    memo = await wait_until_settled(
        state, request, result.memo.id, person, timeout=state.settings.transcription_wait_seconds
    )
    if memo is None or memo.status == JobStatus.FAILED:
        raise TranscriptionFailed("The memo is stored, but it could not be transcribed.")
    if memo.status == JobStatus.NO_SPEECH:
        return render_silence(memo, asked)
    if memo.transcript is None:
        raise StillTranscribing(
            f"The memo is stored as {memo.id} and is still being transcribed; "
            "ask GET /api/memos/{id}/wait for its transcript."
        )
    return render(memo, asked)


def render(memo: MemoDetailView, asked: TranscriptionRequest) -> Response:
    transcript = memo.transcript
    assert transcript is not None
    match asked.response_format:
        case "text":
            return PlainTextResponse(transcript.text)
        case "srt":
            return PlainTextResponse(to_srt(transcript.segments))
        case "vtt":
            return PlainTextResponse(to_vtt(transcript.segments), media_type="text/vtt")
        case "verbose_json":
            return JSONResponse(verbose_json(memo, asked))
        case _:
            return JSONResponse({"text": transcript.text})


def render_silence(memo: MemoDetailView, asked: TranscriptionRequest) -> Response:
    """No speech was heard: an empty transcript in the asked format, as OpenAI answers silence."""
    match asked.response_format:
        case "text" | "srt":
            return PlainTextResponse("")
        case "vtt":
            return PlainTextResponse(to_vtt([]), media_type="text/vtt")
        case "verbose_json":
            body = {"task": "transcribe", "language": "en", "duration": memo.duration_seconds, "text": ""}
            return JSONResponse({**body, "segments": [], "words": []})
        case _:
            return JSONResponse({"text": ""})


def verbose_json(memo: MemoDetailView, asked: TranscriptionRequest) -> dict[str, Any]:
    transcript = memo.transcript
    assert transcript is not None
    body: dict[str, Any] = {
        "task": "transcribe",
        "language": transcript.language,
        "duration": transcript.audio_seconds,
        "text": transcript.text,
    }
    if "segment" in asked.timestamp_granularities:
        body["segments"] = [
            {
                "id": position,
                "seek": 0,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "tokens": [],
                "temperature": s.temperature,
                "avg_logprob": s.avg_logprob,
                "compression_ratio": s.compression_ratio,
                "no_speech_prob": s.no_speech_prob,
            }
            for position, s in enumerate(transcript.segments)
        ]
    if "word" in asked.timestamp_granularities:
        body["words"] = [
            {"word": w["word"].strip(), "start": w["start"], "end": w["end"]}
            for s in transcript.segments
            for w in s.words
        ]
    return body
