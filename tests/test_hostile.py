"""Hostile input: a fuzzed API, damaged audio, lying headers, odd names, floods of uploads."""

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from afterword.audio import AudioTooLong, inspect_file
from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.factories import flac_claiming_hours, issue_token
from tests.support.samples import SAMPLES, sample_rows


def test_fuzzed_requests_with_a_valid_token_never_get_a_500(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", uploads_per_minute=100_000)
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Fuzz')}"}
    app = create_app(settings, run_worker=False)
    with TestClient(app):  # runs the lifespan, so the app holds its storage
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
    settings = Settings(data_dir=tmp_path / "data", uploads_per_minute=1000)
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        for label, body in damaged_variants(SAMPLES / name):
            response = client.post("/api/memos", headers=headers, files={"file": (name, body)})
            assert response.status_code in (202, 400, 415, 422), (label, response.text)
            if response.status_code == 202:
                # What decodes in part is kept: a memo cut short still holds speech, or (cut to a
                # few milliseconds) is settled as no speech heard.
                memo_id = response.json()["id"]
                done = client.get(f"/api/memos/{memo_id}/wait", params={"timeout": 60}, headers=headers)
                assert done.json()["status"] in ("done", "failed", "no_speech"), label
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
