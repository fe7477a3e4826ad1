"""Every error answer is JSON with one human sentence in `detail`."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from afterword.capture.errors import (
    AudioTooLong,
    CaptureError,
    EmptyUpload,
    NoSound,
    NotAudio,
    SilentAudio,
    UploadTooLarge,
)

logger = logging.getLogger(__name__)

CAPTURE_STATUS: dict[type[CaptureError], int] = {
    UploadTooLarge: 413,
    NotAudio: 415,
    EmptyUpload: 400,
    NoSound: 422,
    SilentAudio: 422,
    AudioTooLong: 422,
}


class UnsupportedUpload(CaptureError):
    def __init__(self) -> None:
        super().__init__(
            "Send the audio as the multipart field 'file', or as the raw body with an audio/* "
            "content type."
        )


CAPTURE_STATUS[UnsupportedUpload] = 415


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def capture_error(request: Request, error: Exception) -> JSONResponse:
    status = CAPTURE_STATUS.get(type(error), 422)
    headers = {"Connection": "close"} if status == 413 else None
    return error_response(status, str(error), headers)


async def http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return error_response(error.status_code, str(error.detail), dict(error.headers or {}))


async def validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"] if part not in ("body", "query", "path"))
        problems.append(f"{where}: {item['msg']}" if where else item["msg"])
    return error_response(422, "Some fields are not valid: " + "; ".join(problems) + ".")


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    logger.error("unexpected %s on %s %s", type(error).__name__, request.method, request.url.path)
    return error_response(500, "Something went wrong on the server; nothing you sent was lost.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CaptureError, capture_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected_error)
