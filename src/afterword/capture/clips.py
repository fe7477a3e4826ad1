"""Hearing a memo again: its audio, or exactly one sentence of it, as 16 kHz mono samples."""

import uuid
import wave
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

import numpy as np

from afterword.audio import SAMPLE_RATE, decode_file
from afterword.errors import Conflict, Invalid, NotFound
from afterword.paths import ensure_private_file
from afterword.store.audio_links import new_audio_link
from afterword.store.memos import find_memo, get_memo, load_memo_details
from afterword.store.storage import Storage
from afterword.transcribe.sentences import Sentence, transcript_sentences


class AudioNotKept(NotFound):
    def __init__(self) -> None:
        super().__init__(
            "The audio of this memo was not kept (AFTERWORD_KEEP_AUDIO=false), so there is nothing "
            "to play; its transcript is kept."
        )


class NotAWavName(Invalid):
    pass


@dataclass(frozen=True)
class StoredAudio:
    """What serving a memo's audio needs to know of it."""

    memo_id: uuid.UUID
    sha256: str
    filename: str | None
    content_type: str | None


def stored_audio(storage: Storage, *, owner_id: uuid.UUID, memo_id: uuid.UUID) -> StoredAudio:
    """The owner's memo's audio facts; another person's memo is "not found" like a missing one."""
    with storage.db.read() as session:
        memo = get_memo(session, memo_id=memo_id, owner_id=owner_id)
        if memo is None:
            raise NotFound("No such memo.")
        return StoredAudio(memo.id, memo.sha256, memo.filename, memo.content_type)


def audio_source(storage: Storage, memo: StoredAudio) -> Path | BinaryIO:
    """The memo's audio bytes: their file, or read out of the database."""
    with storage.db.read() as session:
        source = storage.blobs.source(session, memo.sha256)
    if source is None:
        raise AudioNotKept()
    return source


@dataclass(frozen=True)
class AudioLink:
    url: str
    """GET it without the token (a media element cannot send one); byte ranges are served."""
    expires_at: datetime


def make_audio_link(
    storage: Storage, *, owner_id: uuid.UUID, token_id: uuid.UUID, memo_id: uuid.UUID
) -> AudioLink:
    """A link to the owner's memo's audio (the API's audio route) that needs no token, signed
    with the asking token; refused when the audio was not kept."""
    memo = stored_audio(storage, owner_id=owner_id, memo_id=memo_id)
    with storage.db.read() as session:
        if not storage.blobs.exists(session, memo.sha256):
            raise AudioNotKept()
    key, expires = new_audio_link(storage.db, token_id=token_id, memo_id=memo_id)
    return AudioLink(f"/api/memos/{memo_id}/audio?key={quote(key)}", datetime.fromtimestamp(expires, UTC))


@dataclass(frozen=True)
class Clip:
    memo_id: uuid.UUID
    samples: np.ndarray
    """int16 at SAMPLE_RATE, mono."""
    start: float
    end: float
    sentence: Sentence | None
    """The sentence played, or None for the whole memo."""


def memo_clip(storage: Storage, *, owner_id: uuid.UUID, memo_ref: str, sentence: int | None = None) -> Clip:
    """The owner's memo (by id or its first characters), or its sentence number `sentence` (1 is
    the first), cut from its audio."""
    with storage.db.read() as session:
        memo = load_memo_details(session, memo=find_memo(session, id_or_prefix=memo_ref, owner_id=owner_id))
        source = storage.blobs.source(session, memo.sha256)
    if source is None:
        raise AudioNotKept()
    chosen = None
    if sentence is not None:
        if memo.transcript is None:
            raise Conflict(
                "this memo has no transcript yet, so no sentences; play all of it without --sentence"
            )
        sentences = transcript_sentences(memo.transcript.segments, duration=memo.duration_seconds)
        if not 1 <= sentence <= len(sentences):
            raise NotFound(f"this memo has {len(sentences)} sentence(s); `afterword show` lists them")
        chosen = sentences[sentence - 1]
    audio = decode_file(source, max_seconds=storage.settings.max_audio_seconds)
    samples = np.frombuffer(audio.raw_data, dtype=np.int16)
    start, end = (chosen.start, chosen.end) if chosen else (0.0, len(samples) / SAMPLE_RATE)
    cut = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    return Clip(memo.id, cut, start, end, chosen)


def write_wav(path: Path, clip: Clip) -> None:
    """The clip as a 16 kHz mono 16-bit WAV file, readable by its owner only."""
    if path.suffix.lower() != ".wav":
        raise NotAWavName(f"--out writes a WAV file; give a name that ends in .wav, not {path.name}")
    ensure_private_file(path)  # the person's voice: 0600 before the first byte, even over an old file
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(clip.samples.tobytes())
