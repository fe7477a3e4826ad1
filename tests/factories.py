"""Audio and memos for tests, made from real samples or generated as plain PCM."""

import io
import uuid
import wave
from pathlib import Path

import numpy as np

from capture.intake import IngestResult, MemoInfo, ingest
from capture.staging import stage_file
from store.storage import Storage


def wav_bytes(samples: np.ndarray, *, rate: int = 16_000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype(np.int16).tobytes())
    return buffer.getvalue()


def silent_wav(seconds: float) -> bytes:
    return wav_bytes(np.zeros(int(16_000 * seconds)))


def tone_wav(seconds: float, *, hz: float = 440.0) -> bytes:
    t = np.arange(int(16_000 * seconds)) / 16_000
    return wav_bytes(np.sin(2 * np.pi * hz * t) * 8000)


def ingest_file(storage: Storage, path: Path, *, owner_id: uuid.UUID) -> IngestResult:
    staged = stage_file(path, storage.blobs, max_bytes=storage.settings.max_upload_bytes)
    return ingest(storage, owner_id=owner_id, staged=staged, info=MemoInfo(filename=path.name))


def stored_audio_files(storage: Storage) -> list[Path]:
    """Every file in the blob store, staging included."""
    if not storage.blobs.root.exists():
        return []
    return [p for p in storage.blobs.root.rglob("*") if p.is_file()]
