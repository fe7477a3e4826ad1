"""Serving a memo's audio to a media element: one byte range at a time, under a type that is
audio and nothing else.

Range requests (RFC 9110, section 14): `bytes=FIRST-LAST`, `bytes=FIRST-` and `bytes=-SUFFIX`.
One range per request is served; a range past the end, a malformed one or several at once are
refused with 416 and `Content-Range: bytes */SIZE`. Another unit than bytes is ignored (the whole
file). If-Range with an ETag that no longer matches gets the whole file too.

The content type a memo was uploaded with is the uploader's claim. Served back on our own origin,
"text/html" would make a page of it, so only audio types (and the audio-carrying video
containers phones write) are served as given; otherwise the type is read from the bytes'
signature, else application/octet-stream, always with nosniff."""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from afterword.capture.clips import audio_source
from afterword.errors import AfterwordError
from afterword.store.db import Database
from afterword.store.views.memos import AudioRecord

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
SAFE_TYPE = re.compile(r"^(audio/[a-z0-9.+-]+|video/(mp4|webm|ogg|3gpp|3gpp2|quicktime))$")
SIGNATURES = (
    (0, b"RIFF", "audio/wav"),
    (0, b"fLaC", "audio/flac"),
    (0, b"OggS", "audio/ogg"),
    (0, b"#!AMR", "audio/amr"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"\x1a\x45\xdf\xa3", "audio/webm"),
    (4, b"ftyp3g", "audio/3gpp"),
    (4, b"ftyp", "audio/mp4"),
    (0, b"\xff\xf1", "audio/aac"),
    (0, b"\xff\xf9", "audio/aac"),
    (0, b"\xff\xfb", "audio/mpeg"),
    (0, b"\xff\xf3", "audio/mpeg"),
    (0, b"\xff\xf2", "audio/mpeg"),
)
FALLBACK_TYPE = "application/octet-stream"


class RangeNotSatisfiable(AfterwordError):
    status_code = 416

    def __init__(self, size: int) -> None:
        super().__init__(
            f"The range asked for is not within the audio's {size} bytes; ask for one range inside it."
        )
        self.headers = {"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes"}


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int
    """Inclusive, as Content-Range writes it."""

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one byte range asked for, or None for the whole file; RangeNotSatisfiable otherwise."""
    if header is None or not header.strip().lower().startswith("bytes"):
        return None
    match = RANGE.match(header.strip().replace(" ", ""))
    if match is None or size == 0:
        raise RangeNotSatisfiable(size)
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
        if start >= size or (last and int(last) < start):
            raise RangeNotSatisfiable(size)
        return ByteRange(start, end)
    if not last or int(last) == 0:
        raise RangeNotSatisfiable(size)
    return ByteRange(max(size - int(last), 0), size - 1)


def audio_type(claimed: str | None, head: bytes) -> str:
    """A content type that can only be played, never rendered (see the module)."""
    given = (claimed or "").split(";")[0].strip().lower()
    if SAFE_TYPE.match(given):
        return given
    for offset, signature, media_type in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return media_type
    return FALLBACK_TYPE


@dataclass(frozen=True)
class AudioPart:
    data: bytes
    status: int
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


def read_audio_part(
    db: Database, memo: AudioRecord, *, range_header: str | None, if_range: str | None
) -> AudioPart:
    """The memo's audio, or the one byte range asked for (206), with the headers to say so."""
    etag = f'"{memo.sha256}"'
    with opened(audio_source(db, memo)) as file:
        size = file.seek(0, io.SEEK_END)
        file.seek(0)
        media_type = audio_type(memo.content_type, file.read(16))
        # If-Range: a range of the file the client already has, else (it changed) all of it.
        wanted = parse_range(range_header, size) if if_range in (None, etag) else None
        file.seek(wanted.start if wanted else 0)
        data = file.read(wanted.length if wanted else size)
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    if wanted is None:
        return AudioPart(data, 200, media_type, headers)
    headers["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    return AudioPart(data, 206, media_type, headers)


def opened(source: Path | BinaryIO) -> BinaryIO:
    return source.open("rb") if isinstance(source, Path) else source
