"""Hostile input: a fuzzed API, damaged audio, lying headers, odd names, floods of uploads."""

import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import select

from afterword.audio import AudioTooLong, inspect_file
from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.enums import JobStatus
from afterword.store.models import Job
from afterword.transcribe.worker import Worker
from afterword.web.app import create_app
from tests.support.factories import flac_claiming_hours, issue_token, wav_with_header
from tests.support.samples import SAMPLES, sample_rows
from tests.support.waiting import settled_memo


def test_fuzzed_requests_with_a_valid_token_never_get_a_500(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        uploads_per_minute=100_000,
        uploads_per_client_per_minute=100_000,
        api_docs=True,
    )
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Fuzz')}"}
    app = create_app(settings, run_worker=False)
    with TestClient(app):  # runs the lifespan, so the app holds its db
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:
            fuzz_operation(operation, headers)


def fuzz_operation(operation, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case) -> None:  # type: ignore[no-untyped-def]
        if case.query and "timeout" in case.query:
            case.query["timeout"] = 0  # the long-poll would otherwise wait out each example
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


def damaged_variants(path: Path) -> Iterator[tuple[str, bytes]]:
    data = path.read_bytes()
    yield "truncated to a third", data[: len(data) // 3]
    yield "truncated to 200 bytes", data[:200]
    flipped = bytearray(data)
    rng = random.Random(path.name)
    for index in rng.sample(range(64, len(flipped)), k=min(200, len(flipped) - 64)):
        flipped[index] ^= 0xFF
    yield "200 bytes flipped", bytes(flipped)


@pytest.mark.parametrize("name", sorted(sample_rows()))
def test_damaged_audio_is_refused_or_transcribed_never_a_crash(tmp_path: Path, name: str) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", uploads_per_minute=1000, uploads_per_client_per_minute=1000
    )
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        for label, body in damaged_variants(SAMPLES / name):
            response = client.post("/api/memos", headers=headers, files={"file": (name, body)})
            assert response.status_code in (202, 400, 415, 422), (label, response.text)
            if response.status_code == 202:
                # What decodes in part is kept: a memo cut short still holds speech, or (cut to a
                # few milliseconds) is settled as no speech heard.
                memo_id = response.json()["id"]
                done = settled_memo(client, memo_id, headers)
                assert done["status"] in ("done", "failed", "no_speech"), label
        assert client.get("/api/me", headers=headers).status_code == 200  # still serving


def test_small_file_claiming_hours_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "claims-five-hours.flac"
    path.write_bytes(flac_claiming_hours(hours=5))
    # Its real audio is two seconds: only the header's claim can refuse it.
    with pytest.raises(AudioTooLong):
        inspect_file(path, max_seconds=1800, silence_dbfs=-50)
    settings = Settings(data_dir=tmp_path / "data")
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings, run_worker=False)) as client:
        response = client.post("/api/memos", headers=headers, files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 422
    assert "longer than the limit" in response.json()["detail"]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../../etc/cron.d/memo.wav", "memo.wav"),
        ("C:\\Users\\sam\\Desktop\\memo.wav", "memo.wav"),
        ("memo\r\nX-Injected: yes.wav", "memoX-Injected: yes.wav"),
        ("résumé 🎙️ séance.wav", "résumé 🎙️ séance.wav"),
        ("n" * 10_000 + ".wav", "n" * 251 + ".wav"),
    ],
)
def test_filenames_are_stored_safely_over_http(tmp_path: Path, sent: str, stored: str) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    body = (SAMPLES / "ami-abbie.wav").read_bytes()
    with TestClient(create_app(settings, run_worker=False)) as client:
        # A raw upload names its file in the query string, where any character can travel.
        memo = client.post(
            "/api/memos",
            params={"filename": sent},
            content=body,
            headers={**headers, "Content-Type": "audio/wav"},
        ).json()
        assert memo["filename"] == stored
        audio = client.get(f"/api/memos/{memo['id']}/audio", headers=headers)
        assert audio.status_code == 200 and audio.content == body
        assert "\n" not in audio.headers["content-disposition"]


def test_uploads_are_rate_limited_per_token(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", uploads_per_minute=2)
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    bob = {"Authorization": f"Bearer {issue_token(settings, 'Bob')}"}
    samples = ["ami-abbie.wav", "jfk.m4a", "librispeech-1272-141231-0000.3gp"]
    with TestClient(create_app(settings, run_worker=False)) as client:
        codes = [
            client.post(
                "/api/memos", headers=alice, files={"file": (s, (SAMPLES / s).read_bytes())}
            ).status_code
            for s in samples
        ]
        assert codes == [202, 202, 429]
        refused = client.post("/api/memos", headers=alice, files={"file": ("x.wav", b"x")})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "Too many uploads" in refused.json()["detail"]
        other = client.post(
            "/api/memos", headers=bob, files={"file": ("a.wav", (SAMPLES / samples[0]).read_bytes())}
        )
        assert other.status_code == 202
        assert client.get("/api/memos", headers=alice).status_code == 200  # reading is not limited


TONE = (np.sin(2 * np.pi * 440 * np.arange(32_000) / 16_000) * 8000).astype("<i2").tobytes()
ODD_WAVS = {  # name: (format tag, channels, rate, bits, data)
    "ADPCM": (0x0002, 1, 16_000, 4, TONE[:8000]),
    "IMA ADPCM": (0x0011, 1, 16_000, 4, TONE[:8000]),
    "MP3 in WAV": (0x0055, 1, 16_000, 0, TONE[:8000]),
    "unknown tag": (0x1234, 1, 16_000, 16, TONE),
    "float at 16 bits": (0x0003, 1, 16_000, 16, TONE),
    "float at 8 bits": (0x0003, 1, 16_000, 8, TONE),
    "PCM at 0 bits": (0x0001, 1, 16_000, 0, TONE),
    "PCM at 12 bits": (0x0001, 1, 16_000, 12, TONE),
    "no channels": (0x0001, 0, 16_000, 16, TONE),
    "64 channels": (0x0001, 64, 16_000, 16, TONE),
    "1 Hz": (0x0001, 1, 1, 16, TONE[:200]),
    "0 Hz": (0x0001, 1, 0, 16, TONE[:200]),
    "2^31 Hz": (0x0001, 1, 2**31 - 1, 16, TONE),
    "ten samples": (0x0001, 1, 16_000, 16, TONE[:20]),
    "one sample": (0x0001, 1, 16_000, 16, TONE[:2]),
    "A-law": (0x0006, 1, 8_000, 8, bytes(range(256)) * 60),
    "mu-law": (0x0007, 1, 8_000, 8, bytes(range(256)) * 60),
    "8-bit PCM": (
        0x0001,
        1,
        16_000,
        8,
        bytes(np.clip(np.frombuffer(TONE, "<i2") // 256 + 128, 0, 255).astype("u1")),
    ),
}


def test_odd_wav_files_get_415_or_422_and_what_intake_takes_the_worker_transcribes(
    tmp_path: Path,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", uploads_per_minute=100_000, uploads_per_client_per_minute=100_000
    )
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    accepted = {}
    with TestClient(create_app(settings, run_worker=False), raise_server_exceptions=False) as client:
        for name, (tag, channels, rate, bits, data) in ODD_WAVS.items():
            body = wav_with_header(tag=tag, channels=channels, rate=rate, bits=bits, data=data)
            response = client.post(
                "/api/memos", content=body, headers={**headers, "Content-Type": "audio/wav"}
            )
            assert response.status_code in (202, 415, 422), (name, response.status_code, response.text)
            if response.status_code == 202:
                accepted[name] = response.json()["id"]
            else:
                assert response.json()["detail"].endswith("."), name
    assert {"A-law", "mu-law", "8-bit PCM", "PCM at 12 bits"} <= set(accepted)
    db = open_database(settings)
    Worker(db, whisper_engine).drain()
    with db.read() as session:
        statuses = {job.memo_id.hex: job.status for job in session.scalars(select(Job))}
    db.close()
    # Each settles: transcribed, or (a bare tone) found to hold no speech; none fails.
    assert {
        name: statuses[uuid.UUID(memo_id).hex] in (JobStatus.DONE, JobStatus.NO_SPEECH)
        for name, memo_id in accepted.items()
    } == {name: True for name in accepted}


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:00:00-12:00",
        "0001-01-01T00:30:00+14:00",
        "9999-12-31T23:59:59Z",
        "1900-01-01T00:00:00Z",
    ],
)
def test_far_off_dates_are_refused_with_422_not_500(tmp_path: Path, moment: str) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings, run_worker=False), raise_server_exceptions=False) as client:
        session = client.post("/api/sessions", json={"starts_at": moment}, headers=headers)
        memo = client.post(
            "/api/memos",
            files={"file": ("jfk.m4a", (SAMPLES / "jfk.m4a").read_bytes())},
            data={"captured_at": moment},
            headers=headers,
        )
        assert (session.status_code, memo.status_code) == (422, 422)
        assert "between 1970 and 2199" in session.json()["detail"]
        assert client.get("/api/triggers.ics", headers=headers).status_code == 200
        assert client.get("/api/prep", headers=headers).status_code == 200
