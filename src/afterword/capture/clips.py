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
from afterword.capture.clip_errors import AudioNotKept, NoSuchSentence, NotAWavName, NoTranscriptYet
from afterword.errors import NotFound
from afterword.paths import ensure_private_file
from afterword.store.audio_links import new_audio_link
from afterword.store.db import Database
from afterword.store.reading import Reader
from afterword.store.views.memos import AudioRecord, audio, transcript
from afterword.transcribe.sentences import Sentence, transcript_sentences

NO_SUCH_MEMO = "No such memo."


def stored_audio(reader: Reader, *, memo_id: uuid.UUID) -> AudioRecord:
    """The reader's memo's audio facts; another person's memo is "not found" like a missing one."""
    with reader.reads() as reads:
        found = audio(reads, memo_id=memo_id)
    if found is None:
        raise NotFound(NO_SUCH_MEMO)
    return found


def audio_source(db: Database, memo: AudioRecord) -> Path | BinaryIO:
    """The memo's audio bytes: their file, or read out of the database."""
    with db.read() as session:
        source = db.blobs.source(session, memo.sha256)
    if source is None:
        raise AudioNotKept()
    return source


@dataclass(frozen=True)
class AudioLink:
    url: str
    """GET it without the token (a media element cannot send one); byte ranges are served."""
    expires_at: datetime


def make_audio_link(reader: Reader, db: Database, *, token_id: uuid.UUID, memo_id: uuid.UUID) -> AudioLink:
    """A link to the reader's memo's audio (the API's audio route) that needs no token, signed
    with the asking token; refused when the audio was not kept."""
    memo = stored_audio(reader, memo_id=memo_id)
    with db.read() as session:
        if not db.blobs.exists(session, memo.sha256):
            raise AudioNotKept()
    key, expires = new_audio_link(db, token_id=token_id, memo_id=memo_id)
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


def memo_clip(reader: Reader, db: Database, *, memo_id: uuid.UUID, sentence: int | None = None) -> Clip:
    """The reader's memo, or its sentence number `sentence` (1 is the first), cut from its audio."""
    with reader.reads() as reads:
        memo, heard = audio(reads, memo_id=memo_id), transcript(reads, memo_id=memo_id)
    if memo is None:
        raise NotFound(NO_SUCH_MEMO)
    source = audio_source(db, memo)
    chosen = None
    if sentence is not None:
        if heard is None:
            raise NoTranscriptYet()
        sentences = transcript_sentences(heard.segments, duration=memo.duration_seconds)
        if not 1 <= sentence <= len(sentences):
            raise NoSuchSentence(len(sentences))
        chosen = sentences[sentence - 1]
    decoded = decode_file(source, max_seconds=db.settings.max_audio_seconds)
    samples = np.frombuffer(decoded.raw_data, dtype=np.int16)
    start, end = (chosen.start, chosen.end) if chosen else (0.0, len(samples) / SAMPLE_RATE)
    cut = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    return Clip(memo.memo_id, cut, start, end, chosen)


def write_wav(path: Path, clip: Clip) -> None:
    """The clip as a 16 kHz mono 16-bit WAV file, readable by its owner only."""
    if path.suffix.lower() != ".wav":
        raise NotAWavName(f"a clip is written as a WAV file; give a name that ends in .wav, not {path.name}")
    ensure_private_file(path)  # the person's voice: 0600 before the first byte, even over an old file
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(clip.samples.tobytes())
