"""An upload received with its fields checked, for the routes that store audio as something
other than a plain memo (a voice moment, the answer to a mark)."""

from fastapi import Request

from afterword.capture.intake import MemoInfo
from afterword.web.fields import memo_fields
from afterword.web.state import AppState
from afterword.web.uploads import ReceivedUpload, receive_upload


async def received_memo(request: Request, state: AppState) -> tuple[ReceivedUpload, MemoInfo]:
    """The staged upload and what came with it; a bad field discards the staged bytes."""
    received = await receive_upload(request, state)
    try:
        fields = memo_fields(received)
    except BaseException:
        received.staged.discard()
        raise
    info = MemoInfo(
        filename=received.filename,
        content_type=received.content_type,
        captured_at=fields.captured_at,
        note=fields.note,
        charge=fields.charge,
    )
    return received, info
