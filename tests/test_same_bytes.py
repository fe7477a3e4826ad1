"""Two people send the same bytes at the same moment (a couple sharing one recording): both are
stored as their own memos, with one copy of the audio, and nothing is left in staging."""

import threading

import httpx
import pytest
from sqlalchemy import func, select

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.store.models import AudioBlob, Memo
from afterword.web.app import create_app
from tests.support.factories import distinct_wavs, issue_token, stored_audio_files
from tests.support.samples import SAMPLES
from tests.support.server import running_server

ROUNDS = 8


@pytest.mark.parametrize("backend", ["folder", "database"])
def test_the_same_bytes_from_two_people_at_once_are_both_stored(settings: Settings, backend: str) -> None:
    settings = settings.model_copy(update={"blob_backend": backend})
    tokens = [issue_token(settings, name) for name in ("Alice", "Bob")]
    memos = distinct_wavs(SAMPLES / "ami-abbie.wav", ROUNDS)
    with running_server(create_app(settings, run_worker=False)) as base:
        for body in memos:
            start = threading.Barrier(2)
            answers: list[int] = []

            def send(
                token: str, body: bytes = body, start: threading.Barrier = start, answers: list[int] = answers
            ) -> None:
                headers = {"Authorization": f"Bearer {token}", "Content-Type": "audio/wav"}
                start.wait()
                answers.append(
                    httpx.post(f"{base}/api/memos", content=body, headers=headers, timeout=60).status_code
                )

            threads = [threading.Thread(target=send, args=(token,)) for token in tokens]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert answers == [202, 202]
    db = open_database(settings)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Memo)) == 2 * ROUNDS
        if backend == "database":
            assert session.scalar(select(func.count()).select_from(AudioBlob)) == ROUNDS
    assert len(stored_audio_files(db)) == ROUNDS  # one copy each, no staging file left
    db.close()
