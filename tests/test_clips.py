"""Hearing a sentence again: the audio by byte range, under a safe type, through a short-lived
link; and `afterword play` in the CLI."""

import json
import sys
import types
import uuid
import wave
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.settings import Settings
from afterword.store.audio_links import LINK_SECONDS, sign_audio_link
from afterword.store.db import open_database
from afterword.store.models import ApiToken
from afterword.store.tokens import parse_token, revoke_token
from afterword.web.app import create_app
from afterword.web.media import audio_type, parse_range
from tests.support.factories import issue_token
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

SAMPLE = "ami-abbie.wav"


def upload(
    client: TestClient, headers: dict[str, str], sample: str = SAMPLE, content_type: str | None = None
) -> str:
    data = (SAMPLES / sample).read_bytes()
    part = (sample, data) if content_type is None else (sample, data, content_type)
    memo = client.post("/api/memos", files={"file": part}, headers=headers).json()
    ready = settled_memo(client, memo["id"], headers)
    assert ready["status"] == "done", ready
    return memo["id"]


def test_whole_file_says_it_takes_ranges(client: TestClient, alice: dict[str, str]) -> None:
    memo_id = upload(client, alice)
    whole = client.get(f"/api/memos/{memo_id}/audio", headers=alice)
    assert whole.status_code == 200
    assert whole.content == (SAMPLES / SAMPLE).read_bytes()
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] in ("audio/wav", "audio/x-wav")  # as uploaded
    assert whole.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in whole.headers["cache-control"]


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=1000-", 1000, None), ("bytes=-500", -500, None), ("bytes=10-10", 10, 10)],
)
def test_one_range_is_served_as_206(
    client: TestClient, alice: dict[str, str], asked: str, first: int, last: int | None
) -> None:
    data = (SAMPLES / SAMPLE).read_bytes()
    memo_id = upload(client, alice)
    part = client.get(f"/api/memos/{memo_id}/audio", headers={**alice, "Range": asked})
    assert part.status_code == 206
    start = first % len(data)
    end = len(data) - 1 if last is None else last
    assert part.content == data[start : end + 1]
    assert part.headers["content-range"] == f"bytes {start}-{end}/{len(data)}"
    assert int(part.headers["content-length"]) == end - start + 1
    assert part.headers["accept-ranges"] == "bytes"


def test_a_range_past_the_end_is_cut_at_the_end(client: TestClient, alice: dict[str, str]) -> None:
    size = len((SAMPLES / SAMPLE).read_bytes())
    memo_id = upload(client, alice)
    part = client.get(f"/api/memos/{memo_id}/audio", headers={**alice, "Range": f"bytes=100-{size * 3}"})
    assert part.status_code == 206 and part.headers["content-range"] == f"bytes 100-{size - 1}/{size}"


def test_bad_ranges_are_416_with_the_size(client: TestClient, alice: dict[str, str]) -> None:
    size = len((SAMPLES / SAMPLE).read_bytes())
    memo_id = upload(client, alice)
    for asked in (
        f"bytes={size}-",
        f"bytes={size + 10}-{size + 20}",
        "bytes=-0",
        "bytes=9-3",
        "bytes=abc",
        "bytes=0-1,4-5",
        "bytes=-",
        "bytes=1-2-3",
        "bytes=--5",
    ):
        refused = client.get(f"/api/memos/{memo_id}/audio", headers={**alice, "Range": asked})
        assert refused.status_code == 416, asked
        assert refused.headers["content-range"] == f"bytes */{size}", asked
        assert "range" in refused.json()["detail"].lower()


def test_other_units_and_a_stale_if_range_get_the_whole_file(
    client: TestClient, alice: dict[str, str]
) -> None:
    memo_id = upload(client, alice)
    url = f"/api/memos/{memo_id}/audio"
    assert client.get(url, headers={**alice, "Range": "items=0-5"}).status_code == 200
    etag = client.get(url, headers=alice).headers["etag"]
    assert client.get(url, headers={**alice, "Range": "bytes=0-9", "If-Range": etag}).status_code == 206
    stale = client.get(url, headers={**alice, "Range": "bytes=0-9", "If-Range": '"0000"'})
    assert stale.status_code == 200 and len(stale.content) == len((SAMPLES / SAMPLE).read_bytes())


def test_an_uploaded_type_that_could_render_is_never_served(
    client: TestClient, alice: dict[str, str]
) -> None:
    for claimed, served in (
        ("text/html", "audio/mp4"),
        ("image/svg+xml", "audio/mp4"),
        ("audio/mp4", "audio/mp4"),
    ):
        memo_id = upload(client, alice, "jfk.m4a", content_type=claimed)
        audio = client.get(f"/api/memos/{memo_id}/audio", headers=alice)
        assert audio.headers["content-type"] == served
        client.delete(f"/api/memos/{memo_id}", headers=alice)


def test_unknown_bytes_under_a_bad_type_are_octet_stream() -> None:
    assert audio_type("text/html; charset=utf-8", b"<html><script>") == "application/octet-stream"
    assert audio_type("audio/webm;codecs=opus", b"\x1a\x45\xdf\xa3") == "audio/webm"
    assert audio_type(None, b"OggS\x00") == "audio/ogg"
    assert parse_range(None, 10) is None


def test_an_audio_link_plays_without_the_token(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    memo_id = upload(client, alice)
    link = client.get(f"/api/memos/{memo_id}/audio-link", headers=alice).json()
    assert link["url"].startswith(f"/api/memos/{memo_id}/audio?key=")
    part = client.get(link["url"], headers={"Range": "bytes=0-15"})
    assert part.status_code == 206 and part.content == (SAMPLES / SAMPLE).read_bytes()[:16]
    # Not for another memo, not tampered with, and Bob cannot ask for one to Alice's memo.
    other = upload(client, alice, "jfk.m4a")
    key = link["url"].split("key=")[1]
    assert client.get(f"/api/memos/{other}/audio?key={key}").status_code == 401
    assert client.get(link["url"][:-2] + "xx").status_code == 401
    assert client.get(f"/api/memos/{memo_id}/audio?key=nonsense").status_code == 401
    assert client.get(f"/api/memos/{memo_id}/audio-link", headers=bob).status_code == 404
    assert client.get(f"/api/memos/{memo_id}/audio").status_code == 401


def test_an_audio_link_ends_with_its_time_or_its_token(settings: Settings) -> None:
    token = issue_token(settings, "Alice")
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings)) as client:
        memo_id = upload(client, headers)
        db = open_database(settings)
        with db.write() as session:
            row = session.get_one(ApiToken, parse_token(token)[0])  # type: ignore[index]
            stale, _ = sign_audio_link(row, uuid.UUID(memo_id), now=0)
            fresh, expires = sign_audio_link(row, uuid.UUID(memo_id))
            assert expires - LINK_SECONDS > 1_000_000_000
        assert client.get(f"/api/memos/{memo_id}/audio?key={stale}").status_code == 401
        assert client.get(f"/api/memos/{memo_id}/audio?key={fresh}").status_code == 200
        with db.write() as session:
            revoke_token(session.get_one(ApiToken, row.id))
        assert client.get(f"/api/memos/{memo_id}/audio?key={fresh}").status_code == 401
        db.close()


def test_audio_not_kept_is_said_plainly(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", keep_audio=False)
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings)) as client:
        memo_id = upload(client, headers)
        for path in ("audio", "audio-link"):
            answer = client.get(f"/api/memos/{memo_id}/{path}", headers=headers)
            assert answer.status_code == 404
            assert (
                "was not kept" in answer.json()["detail"] and "transcript is kept" in answer.json()["detail"]
            )


def test_memo_detail_has_sentences_from_the_word_timings(client: TestClient, alice: dict[str, str]) -> None:
    memo_id = upload(client, alice)
    memo = client.get(f"/api/memos/{memo_id}", headers=alice).json()
    sentences = memo["transcript"]["sentences"]
    assert [s["number"] for s in sentences] == [1, 2]
    assert sentences[0]["text"].startswith("I'm Abigail") and sentences[1]["text"].startswith(
        "You can call me"
    )
    assert 0 <= sentences[0]["start"] < sentences[0]["end"] <= sentences[1]["start"] < sentences[1]["end"]
    assert sentences[1]["end"] <= memo["duration_seconds"]
    for sentence in sentences:
        assert all(sentence["start"] <= w["start"] <= w["end"] <= sentence["end"] for w in sentence["words"])
        assert " ".join(w["word"] for w in sentence["words"]) == sentence["text"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def added_memo(runner: CliRunner, sample: str = SAMPLE) -> tuple[str, list[dict]]:
    assert runner.invoke(app, ["add", str(SAMPLES / sample)]).exit_code == 0
    (memo,) = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    shown = json.loads(runner.invoke(app, ["show", memo["id"][:8], "--json"]).stdout)
    return memo["id"][:8], shown["transcript"]["sentences"]


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as clip:
        assert (clip.getframerate(), clip.getnchannels()) == (16_000, 1)
        return clip.getnframes() / 16_000


def test_play_writes_exactly_the_sentence(runner: CliRunner, tmp_path: Path) -> None:
    memo_id, sentences = added_memo(runner)
    out = tmp_path / "second.wav"
    written = runner.invoke(app, ["play", memo_id, "--sentence", "2", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert "Wrote sentence 2" in written.stdout
    assert abs(wav_seconds(out) - (sentences[1]["end"] - sentences[1]["start"])) < 0.01
    whole = tmp_path / "whole.wav"
    assert runner.invoke(app, ["play", memo_id, "-o", str(whole)]).exit_code == 0
    assert abs(wav_seconds(whole) - 6.0) < 0.05
    for args, says in (
        (["--sentence", "3", "--out", str(out)], "has 2 sentence(s)"),
        (["--out", str(tmp_path / "clip.mp3")], "ends in .wav"),
    ):
        refused = runner.invoke(app, ["play", memo_id, *args])
        assert refused.exit_code == 1 and says in refused.stderr


def test_play_says_where_there_is_no_sound_device(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    memo_id, _ = added_memo(runner)
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # not installed, as without the mic extra
    refused = runner.invoke(app, ["play", memo_id, "--sentence", "1"])
    assert refused.exit_code == 1
    assert "afterword[mic]" in refused.stderr and "--out clip.wav" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_play_hands_the_sentence_to_the_sound_device(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sound card is outside Afterword: a stand-in sounddevice records what it was given."""
    memo_id, sentences = added_memo(runner)
    played: list[tuple[np.ndarray, int]] = []
    device = types.ModuleType("sounddevice")
    device.PortAudioError = type("PortAudioError", (Exception,), {})  # type: ignore[attr-defined]
    device.check_output_settings = lambda **settings: None  # type: ignore[attr-defined]
    device.play = lambda samples, rate, blocking: played.append((samples, rate))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sounddevice", device)
    result = runner.invoke(app, ["play", memo_id, "--sentence", "1"])
    assert result.exit_code == 0, result.output
    assert "Playing sentence 1" in result.stdout and "Abigail" in result.stdout
    ((samples, rate),) = played
    assert rate == 16_000 and samples.dtype == np.int16
    assert abs(len(samples) / rate - (sentences[0]["end"] - sentences[0]["start"])) < 0.01

    def no_device(**settings: object) -> None:
        raise device.PortAudioError("Error querying device -1")  # type: ignore[attr-defined]

    device.check_output_settings = no_device  # type: ignore[attr-defined]
    refused = runner.invoke(app, ["play", memo_id])
    assert refused.exit_code == 1 and "no sound device to play on here" in refused.stderr


def test_play_says_when_the_audio_was_not_kept(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_KEEP_AUDIO", "false")
    memo_id, _ = added_memo(runner)
    refused = runner.invoke(app, ["play", memo_id, "--sentence", "1", "--out", "clip.wav"])
    assert refused.exit_code == 1
    assert "was not kept (AFTERWORD_KEEP_AUDIO=false)" in refused.stderr
