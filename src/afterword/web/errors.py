"""Every error answer is JSON with one human sentence in `detail`: one handler for Afterword's
own errors, and one each for what Starlette and FastAPI raise themselves."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from afterword.errors import AfterwordError
from afterword.web.headers import ALWAYS

logger = logging.getLogger(__name__)


class UnsupportedUpload(AfterwordError):
    status_code = 415

    def __init__(self) -> None:
        super().__init__(
            "Send the audio as the multipart field 'file', or as the raw body with an audio/* content type."
        )


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def afterword_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AfterwordError)
    return error_response(error.status_code, error.sentence, error.headers)


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


UNEXPECTED = (
    "Something went wrong on the server, and what you sent may not have been saved: please send "
    "it again (the same memo sent twice is stored once)."
)


async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
    # The error's kind only: its text may carry a statement and what the person wrote.
    logger.error("unexpected %s on %s %s", type(error).__name__, request.method, request.url.path)
    # A request body may be half read: end the connection rather than guess where the next starts.
    # Starlette sends this answer from outside every middleware, so it brings their headers itself.
    return error_response(500, UNEXPECTED, {**ALWAYS, "Cache-Control": "no-store", "Connection": "close"})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AfterwordError, afterword_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected_error)
