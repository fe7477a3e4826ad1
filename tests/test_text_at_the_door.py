"""Text at the doors: every text a request or a command stores is bounded and holds no control
character, on both databases; a database error logs none of what the person wrote."""

import io
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from afterword.cli.main import app as cli
from afterword.reflect.focus import set_focus
from afterword.settings import Settings
from afterword.store.db import make_engine, open_database
from afterword.store.people import add_person
from afterword.store.reading import Reader
from afterword.web.app import create_app
from tests.support.factories import issue_token, silent_wav
from tests.support.week import cli_env

# NUL, ESC with a CSI and an OSC, the 8-bit CSI, DEL, a bell, a backspace.
CONTROLS = ["a\x00b", "a\x1b[2Jb", "\x1b]0;pwned\x07", "a\x9b2Jb", "a\x7fb", "a\x07b", "a\x08b"]
SOMEONE = uuid.uuid4()
BODIES: dict[str, tuple[str, str, Callable[[str], dict[str, Any]]]] = {
    "focus": ("put", "/api/focus", lambda t: {"text": t}),
    "session note": ("post", "/api/sessions", lambda t: {"starts_at": "2026-01-05T10:00:00Z", "note": t}),
    "headline": ("patch", f"/api/insights/{SOMEONE}", lambda t: {"headline": t}),
    "answer": ("put", f"/api/insights/{SOMEONE}/summary", lambda t: {"answers": ["fine", t]}),
    "week answer": ("post", "/api/reflections", lambda t: {"template": "bad-week", "answers": [t]}),
    "prep answer": ("put", "/api/prep/answers", lambda t: {"answers": [t]}),
    "trigger cue": ("post", f"/api/summaries/{SOMEONE}/triggers", lambda t: {"situation": t}),
    "word": ("post", "/api/words", lambda t: {"words": ["Saoirse", t]}),
    "segment": ("put", f"/api/memos/{SOMEONE}/segments/1", lambda t: {"text": t}),
    "template": ("put", f"/api/insights/{SOMEONE}/summary", lambda t: {"template": t, "answers": ["x"]}),
    "partner": ("post", "/api/partner/invitations", lambda t: {"name": t}),
    "moment": ("post", "/api/moments", lambda t: {"text": t}),
}
QUERIES = {
    "search words": ("/api/insights", "q"),
    "review words": ("/api/review", "q"),
    "partner in prep": ("/api/prep", "with"),
    "prompt template": (f"/api/insights/{SOMEONE}/prompt", "template"),
}
# Past each bound: an answer past 20,000 characters, a note past 2,000, a line past 300...
TOO_LONG = {
    "focus": 301,
    "session note": 2001,
    "headline": 501,
    "answer": 20_001,
    "week answer": 20_001,
    "prep answer": 20_001,
    "trigger cue": 301,
    "word": 301,
    "segment": 2001,
    "template": 101,
    "partner": 101,
    "moment": 2001,
}


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    headers = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    with TestClient(create_app(settings, run_worker=False)) as client:
        yield client, headers


def send(client: TestClient, headers: dict[str, str], what: str, value: str):  # type: ignore[no-untyped-def]
    method, path, body = BODIES[what]
    return client.request(method, path, json=body(value), headers=headers)


def nothing_stored(client: TestClient, headers: dict[str, str]) -> None:
    assert client.get("/api/focus", headers=headers).status_code == 204
    assert client.get("/api/sessions", headers=headers).json() == []
    assert client.get("/api/words", headers=headers).json()["items"] == []
    assert client.get("/api/moments", headers=headers).json()["items"] == []
    assert client.get("/api/memos", headers=headers).json()["items"] == []


def test_every_stored_text_with_a_control_character_is_refused_and_nothing_is_kept(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = api
    for what in BODIES:
        for value in CONTROLS:
            answer = send(client, headers, what, value)
            assert answer.status_code == 422, (what, value, answer.text)
            assert "control characters are not allowed" in answer.json()["detail"]
    for what, (path, name) in QUERIES.items():
        for value in CONTROLS:
            assert client.get(path, params={name: value}, headers=headers).status_code == 422, what
    for value in CONTROLS:
        upload = client.post(
            "/api/memos",
            files={"file": ("memo.wav", io.BytesIO(silent_wav(1.0)), "audio/wav")},
            data={"note": value},
            headers=headers,
        )
        assert upload.status_code == 422, upload.text
    nothing_stored(client, headers)


def test_every_stored_text_is_bounded_and_refused_past_its_bound(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = api
    for what, size in TOO_LONG.items():
        answer = send(client, headers, what, "x" * size)
        assert answer.status_code == 422, (what, answer.text)
        assert "at most" in answer.json()["detail"], answer.text
    for path, name in QUERIES.values():
        assert client.get(path, params={name: "x" * 501}, headers=headers).status_code == 422
    too_many = {"answers": ["x"] * 21}
    assert client.put("/api/prep/answers", json=too_many, headers=headers).status_code == 422
    nothing_stored(client, headers)


def test_a_json_body_past_what_any_bounded_text_needs_is_refused_before_it_is_parsed(
    api: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = api
    json_headers = {**headers, "Content-Type": "application/json"}
    huge = b'{"text": "' + b"x" * (5 * 2**20) + b'"}'
    refused = client.put("/api/focus", content=huge, headers=json_headers)
    assert refused.status_code == 413 and "JSON body" in refused.json()["detail"]
    # Twenty answers at their bound, each character escaped, still fit.
    longest = json.dumps({"answers": ["\u00e9" * 20_000] * 20}, ensure_ascii=True)
    fits = client.put(f"/api/insights/{SOMEONE}/summary", content=longest, headers=json_headers)
    assert fits.status_code == 404, fits.text
    nothing_stored(client, headers)


def test_text_within_the_bounds_is_kept_with_its_line_breaks(api: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = api
    assert send(client, headers, "focus", "f" * 300).status_code == 200
    note = "first line\n\tsecond line"
    kept = send(client, headers, "session note", note)
    assert kept.status_code == 201 and kept.json()["note"] == note


def test_the_cli_refuses_control_characters_before_storing_anything(settings: Settings) -> None:
    runner = CliRunner()
    env = cli_env(settings)
    assert runner.invoke(cli, ["person", "add", "Kim"], env=env).exit_code == 0
    for args in (
        ["focus", "calm\x00down"],
        ["person", "add", "Sam\x1b]0;pwned\x07"],
        ["word", "add", "Sa\x1b[2Joirse"],
        ["session", "add", "today 10:00", "--note", "a\x00b"],
        ["token", "add", "Kim", "--label", "x\x9b2J"],
        ["retry", "abcd", "--model", "tiny\x00"],
        ["search", "calm\x00"],
    ):
        result = runner.invoke(cli, args, env=env)
        assert result.exit_code == 1, (args, result.output)
        assert "control character" in result.stderr and "Traceback" not in result.output
    for args, word in ((["focus"], "calm"), (["people"], "Sam"), (["words"], "oirse")):
        assert word not in runner.invoke(cli, args, env=env).stdout
    assert "x" not in runner.invoke(cli, ["tokens"], env=env).stdout.replace("\u2500", "")
    assert runner.invoke(cli, ["sessions", "--json"], env=env).stdout.strip() in ("[]", "")


FAILING_INSERT = {
    "sqlite": [
        "CREATE TRIGGER refuse_focus BEFORE INSERT ON focuses BEGIN SELECT RAISE(ABORT, 'refused'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_focus() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
        " LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_focus BEFORE INSERT ON focuses FOR EACH ROW EXECUTE FUNCTION refuse_focus()",
    ],
}


def test_a_database_error_logs_nothing_the_person_wrote(
    api: tuple[TestClient, dict[str, str]], settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client, headers = api
    engine = make_engine(settings.resolved_database_url)
    with engine.begin() as connection:
        for statement in FAILING_INSERT[engine.dialect.name]:
            connection.execute(text(statement))
    engine.dispose()
    private = "my mother's voice when she is disappointed"
    failing = TestClient(client.app, raise_server_exceptions=False)
    with caplog.at_level(logging.DEBUG):
        answer = failing.put("/api/focus", json={"text": private}, headers=headers)
    assert answer.status_code == 500
    # Sent from outside the middleware, the 500 still carries the headers every answer has.
    assert answer.headers["x-frame-options"] == "DENY" and answer.headers["cache-control"] == "no-store"
    logged = caplog.text + "".join(str(r.exc_info) for r in caplog.records if r.exc_info)
    assert "unexpected" in logged
    assert "mother" not in logged and "parameters:" not in logged
    # The error itself, which a traceback or a worker's log would print, holds none either.
    db = open_database(settings)
    try:
        with pytest.raises(DBAPIError) as caught:
            set_focus(Reader(db, add_person(db, name="Sam").id), db, text=private)
    finally:
        db.close()
    assert "mother" not in str(caught.value) and "parameters hidden" in str(caught.value)
