"""The OpenAI-compatible endpoint, driven by the official `openai` client over real HTTP."""

from collections.abc import Iterator

import httpx
import openai
import pytest

from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.factories import issue_token
from tests.support.samples import SAMPLES
from tests.support.server import running_server


@pytest.fixture
def client(settings: Settings) -> Iterator[openai.OpenAI]:
    token = issue_token(settings, "Alice")
    with running_server(create_app(settings)) as base_url:
        yield openai.OpenAI(base_url=f"{base_url}/v1", api_key=token, max_retries=0, timeout=120)


def transcribe(client: openai.OpenAI, sample: str = "jfk.m4a", **options):  # type: ignore[no-untyped-def]
    with (SAMPLES / sample).open("rb") as file:
        return client.audio.transcriptions.create(model="whisper-1", file=file, **options)


def test_json_answer_holds_the_text(client: openai.OpenAI) -> None:
    result = transcribe(client)
    assert "ask not what your country can do for you" in result.text


def test_text_answer_is_plain_text(client: openai.OpenAI) -> None:
    result = transcribe(client, "ami-abbie.wav", response_format="text")
    assert isinstance(result, str)
    assert "call me" in result.lower()


def test_srt_answer_is_numbered_timed_cues(client: openai.OpenAI) -> None:
    result = transcribe(client, response_format="srt")
    lines = result.strip().splitlines()
    assert lines[0] == "1"
    assert lines[1].startswith("00:00:0") and " --> 00:00:" in lines[1]
    assert "country" in result


def test_vtt_and_verbose_json_with_words(client: openai.OpenAI) -> None:
    assert transcribe(client, response_format="vtt").startswith("WEBVTT")
    verbose = transcribe(client, response_format="verbose_json", timestamp_granularities=["word", "segment"])
    assert verbose.language == "en"
    assert abs(verbose.duration - 11.0) < 0.1
    assert verbose.segments and verbose.segments[0].start >= 0
    assert [w.word for w in verbose.words][:3] == ["And", "so,", "my"]


def test_prompt_and_language_reach_the_engine(client: openai.OpenAI) -> None:
    result = transcribe(client, "ami-abbie.wav", language="en", prompt="Abigail Claflin, Abbie.")
    assert "Claflin" in result.text


def test_wrong_token_is_refused(settings: Settings) -> None:
    with running_server(create_app(settings, run_worker=False)) as base_url:
        client = openai.OpenAI(base_url=f"{base_url}/v1", api_key="wrong", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            transcribe(client)


def test_the_memo_is_stored_like_any_upload(client: openai.OpenAI) -> None:
    transcribe(client, "ami-abbie.wav")
    base = str(client.base_url).removesuffix("/v1/")
    memos = httpx.get(f"{base}/api/memos", headers={"Authorization": f"Bearer {client.api_key}"}).json()
    assert memos["total"] == 1 and memos["items"][0]["status"] == "done"
