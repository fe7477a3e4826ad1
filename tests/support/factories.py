"""Audio and memos for tests, made from real samples or generated as plain PCM."""

import io
import uuid
import wave
from pathlib import Path

import numpy as np

from afterword.capture.intake import IngestResult, MemoInfo, ingest
from afterword.capture.staging import Stager, stage_file
from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.people import get_or_create_person
from afterword.store.reading import Reader
from afterword.store.signin import create_signin_code
from afterword.store.tokens import create_token
from tests.support.samples import SAMPLES


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


def ingest_file(db: Database, path: Path, *, owner_id: uuid.UUID) -> IngestResult:
    staged = stage_file(path, db.blobs, max_bytes=db.settings.max_upload_bytes)
    return ingest(Reader(db, owner_id), db, staged=staged, info=MemoInfo(filename=path.name))


def stored_audio_files(db: Database) -> list[str]:
    """Every stored audio blob and every file left in staging."""
    with db.read() as session:
        keys = sorted(db.blobs.stored_keys(session))
    staging = db.blobs.staging_dir
    return keys + ([p.name for p in staging.iterdir()] if staging.exists() else [])


def add_person(db: Database, name: str = "me") -> uuid.UUID:
    with db.write() as session:
        return get_or_create_person(session, name=name).id


def flac_claiming_hours(*, hours: float) -> bytes:
    """Two seconds of real FLAC audio whose header claims it lasts `hours`."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="flac") as container:
        stream = container.add_stream("flac", rate=16_000, layout="mono")
        t = np.arange(32_000) / 16_000
        pcm = (np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = 16_000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    data = bytearray(buffer.getvalue())
    # STREAMINFO (after "fLaC" and the 4-byte block header): the low 36 bits of the 8 bytes at
    # offset 18 hold the total number of samples.
    fields = int.from_bytes(data[18:26], "big")
    total = int(16_000 * 3600 * hours)
    data[18:26] = ((fields & ~((1 << 36) - 1)) | total).to_bytes(8, "big")
    return bytes(data)


def distinct_wavs(path: Path, count: int) -> list[bytes]:
    """The sample's speech as 16 kHz WAVs, each with one sample changed so every memo differs."""
    from afterword.audio import decode_file

    samples = np.frombuffer(decode_file(path, max_seconds=600).raw_data, np.int16).copy()
    memos = []
    for number in range(count):
        samples[-1] = number
        memos.append(wav_bytes(samples))
    return memos


def long_speech_wav() -> bytes:
    """About a minute of real speech: every sample, one after another."""
    from afterword.audio import decode_file

    parts = [
        np.frombuffer(decode_file(p, max_seconds=600).raw_data, np.int16)
        for p in sorted(SAMPLES.iterdir())
        if p.suffix in {".m4a", ".ogg", ".webm", ".mp3", ".amr", ".3gp", ".wav", ".flac"}
    ]
    return wav_bytes(np.concatenate(parts))


def issue_token(settings: Settings, name: str) -> str:
    """A fresh API token for the person of this name (added if new)."""
    db = open_database(settings)
    try:
        with db.write() as session:
            person = get_or_create_person(session, name=name)
            return create_token(session, person=person, label="test").token
    finally:
        db.close()


def wav_with_header(
    *, tag: int, channels: int, rate: int, bits: int, data: bytes, extra: bytes = b""
) -> bytes:
    """A RIFF WAVE file with exactly this fmt chunk (format tag, channels, rate, bits) and data,
    whatever they are: for files a real recorder would never write."""
    import struct

    block = max(1, channels * bits // 8)
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits) + extra
    body = (
        b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def issue_signin_code(settings: Settings, name: str) -> str:
    """A fresh one-time sign-in code for the person of this name (added if new), as typed."""
    db = open_database(settings)
    try:
        with db.write() as session:
            person = get_or_create_person(session, name=name)
            return create_signin_code(session, person_id=person.id).code
    finally:
        db.close()


def recorded_in_fragments(path: Path) -> bytes:
    """The sample re-encoded the way a browser's MediaRecorder writes audio/mp4 (WebKit, iPhones):
    AAC in fragmented MP4, the header first and then a fragment a second, so a recording cut
    short still has its header."""
    import av

    buffer = io.BytesIO()
    fragmented = {"movflags": "frag_keyframe+empty_moov+default_base_moof", "frag_duration": "1000000"}
    with av.open(str(path)) as source, av.open(buffer, "w", format="mp4", options=fragmented) as out:
        stream = out.add_stream("aac", rate=48_000, layout="mono")
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=48_000)
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                resampled.pts = None
                for packet in stream.encode(resampled):
                    out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buffer.getvalue()


def queued_memos(db: Database, owner_id: uuid.UUID, bodies: list[bytes]) -> list[uuid.UUID]:
    """Each body stored as the owner's memo (its job queued); their ids, in order."""
    ids = []
    for body in bodies:
        stager = Stager(db.blobs, max_bytes=db.settings.max_upload_bytes)
        stager.write(body)
        ids.append(ingest(Reader(db, owner_id), db, staged=stager.finish(), info=MemoInfo()).memo.id)
    return ids
