"""Small things a new user met: names in any case and no near-duplicate people, `pair` that
knows the running `serve`, sign-in codes that end, "all caught up", `--answer ""` that keeps an
answer, and no answers carried from another template. On SQLite and PostgreSQL, with real memos."""

import json
import os
import re

from fastapi.testclient import TestClient

from afterword.cli.running import Running, read_run_file, write_run_file
from afterword.settings import Settings
from afterword.store.db import Database
from afterword.store.people import get_or_create_person
from afterword.store.signin import issue_signin_code, sign_in_with_code
from tests.support.processes import serving
from tests.support.samples import SAMPLES
from tests.support.week import captured, flat

CODE_LINK = re.compile(r"^(https?)://([^/]+)/#code=", re.M)


def test_names_match_in_any_case_and_a_typo_is_never_offered_as_a_new_person(run) -> None:  # type: ignore[no-untyped-def]
    run("person", "add", "Sam")
    assert "already a person named Sam" in flat(run("person", "add", "sAM", ok=False).output)
    assert run("--as", "sam", "summaries").exit_code == 0
    typo = flat(run("--as", "Sma", "summaries", ok=False).output)
    assert "did you mean Sam?" in typo and "person add" not in typo
    stranger = flat(run("--as", "Zed", "summaries", ok=False).output)
    assert "afterword person add Zed" in stranger
    listed = run("people").stdout
    assert "Sam" in listed and not {"sAM", "Sma", "Zed"} & set(listed.split())
    assert "did you mean Sam?" in flat(run("pair", "SAMM", "--host", "10.0.0.2", ok=False).output)
    assert CODE_LINK.findall(run("pair", "SAM", "--host", "10.0.0.2").stdout)


def test_partners_find_each_other_in_any_case(client: TestClient, alice: dict, bob: dict) -> None:
    invited = client.post("/api/partner/invitations", json={"name": "bob"}, headers=alice)
    assert invited.status_code == 201, invited.text
    assert client.get("/api/partner", headers=bob).json()["invitations"] == ["Alice"]
    accepted = client.post("/api/partner/accept", json={"name": "ALICE"}, headers=bob)
    assert accepted.status_code == 200 and accepted.json()["partner"] == "Alice", accepted.text
    oneself = client.post("/api/partner/invitations", json={"name": "aLiCe"}, headers=alice)
    assert oneself.status_code in (409, 422), oneself.text


def test_pair_takes_the_scheme_and_port_of_the_running_serve(run, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    run("person", "add", "Sam")
    assumed = run("pair", "Sam", "--host", "192.168.1.20")
    assert "No running `afterword serve` found" in flat(assumed.stderr)
    assert "assuming https on port 8000" in flat(assumed.stderr)

    with serving(settings, "--no-worker") as (base, _process):
        port = int(base.rsplit(":", 1)[1])
        found = read_run_file(settings.data_dir)
        assert found is not None and (found.scheme, found.port, found.setup_port) == ("http", port, 0)
        paired = run("pair", "Sam", "--host", "192.168.1.20")
        said = flat(paired.stderr)
        assert f"Using the running `afterword serve`: http on port {port}" in said
        assert "listens on 127.0.0.1 only" in said and "--host 0.0.0.0" in said
        assert CODE_LINK.findall(paired.stdout) == [("http", f"192.168.1.20:{port}")]
        forced = run("pair", "Sam", "--host", "192.168.1.20", "--port", "9999")
        assert CODE_LINK.findall(forced.stdout) == [("http", "192.168.1.20:9999")]
    assert read_run_file(settings.data_dir) is None  # a stopped serve's file is not believed

    assert "No running `afterword serve` found" in flat(run("pair", "Sam", "--host", "h").stderr)
    write_run_file(settings.data_dir, Running("https", "0.0.0.0", 8443, 8001, os.getpid()))
    setup = run("pair", "Sam", "--host", "192.168.1.20")
    # The setup page first, with no code (it is plain http), then the app with the code.
    assert "http://192.168.1.20:8001/\n" in setup.stdout
    assert CODE_LINK.findall(setup.stdout) == [("https", "192.168.1.20:8443")]
    write_run_file(settings.data_dir, Running("https", "192.168.1.30", 8443, 0, os.getpid()))
    told = run("pair", "Sam")  # no --host: the address serve listens on
    assert CODE_LINK.findall(told.stdout) == [("https", "192.168.1.30:8443")]
    assert "Serve with" not in told.stderr


def test_a_new_sign_in_code_ends_the_unused_one_before_it(db: Database) -> None:
    with db.write() as session:
        get_or_create_person(session, name="Sam")
    first = issue_signin_code(db, person_name="Sam")
    second = issue_signin_code(db, person_name="sam")
    assert sign_in_with_code(db, code=first.code, label="phone") is None
    phone = sign_in_with_code(db, code=second.code, label="phone")
    assert phone is not None and phone.name == "Sam"
    assert sign_in_with_code(db, code=second.code, label="phone") is None


def test_reflect_with_nothing_waiting_is_all_caught_up(run) -> None:  # type: ignore[no-untyped-def]
    assert "No insights yet" in run("reflect", "--yes").stdout
    run("add", str(SAMPLES / "jfk.m4a"))
    run("reflect", "--yes", "--answer", "Ask what I can do.")
    caught_up = run("reflect", "--yes")
    assert "All caught up" in caught_up.stdout and "Error" not in caught_up.output


def test_an_empty_answer_keeps_the_earlier_one_and_templates_keep_their_own(run) -> None:  # type: ignore[no-untyped-def]
    run("add", str(SAMPLES / "jfk.m4a"))
    insight = json.loads(run("insights", "--json").stdout)[0]["id"]
    run("reflect", insight, "--answer", "Ask what I can do.", "--answer", "Serve.", "--answer", "Each day.")
    edited = flat(run("reflect", insight, "--answer", "", "--answer", "Serve the room.").stdout)
    assert "version 2" in edited and "Ask what I can do. Serve the room. Each day." in edited

    switched = flat(run("reflect", insight, "--template", "couples-pattern", input="\n" * 6, ok=False).output)
    assert "Before:" not in switched and "Ask what I can do" not in switched
    again = flat(run("reflect", insight, input="\n\nOn Sundays.\n").stdout)
    assert "Before: Ask what I can do. (Enter keeps it)" in again
    assert "Ask what I can do. Serve the room. On Sundays." in again


def test_the_phones_prompt_offers_only_the_same_templates_answers(client: TestClient, alice: dict) -> None:
    insight = captured(client, alice, sample="jfk.m4a")
    saved = client.put(
        f"/api/insights/{insight['id']}/summary",
        headers=alice,
        json={"template": "own-words", "answers": ["Ask what I can do.", "Serve."]},
    )
    assert saved.status_code == 200, saved.text
    same = client.get(f"/api/insights/{insight['id']}/prompt?template=own-words", headers=alice).json()
    assert same["previous_answers"][:2] == ["Ask what I can do.", "Serve."]
    other = client.get(f"/api/insights/{insight['id']}/prompt?template=couples-pattern", headers=alice).json()
    assert other["previous_answers"] is None
