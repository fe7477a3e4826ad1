"""Correcting a transcript: every correction a new version, what the model heard kept, and
search, the headline, prep and export using the corrected text, on SQLite and PostgreSQL."""

import json
import uuid
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from afterword.capture.memos import search_memo_views
from afterword.cli.main import app
from afterword.reflect.corrections import correct_segment
from afterword.reflect.insight_changes import set_headline
from afterword.settings import Settings
from afterword.store.corrections import find_segment
from afterword.store.db import Database, open_database
from afterword.store.reading import Reader
from afterword.store.transfer import export_zip, import_zip
from afterword.transcribe.sentences import retime_words, split_sentences
from afterword.transcribe.vocabulary import add_words, show_words
from afterword.transcribe.worker import Worker
from afterword.web.app import create_app
from tests.support.factories import add_person, ingest_file, wav_bytes
from tests.support.noise import pink_noise
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo

# tiny.en hears the AMI clip as "I'm Abigail Klafflin. You can call me Abi." (one segment).
SAID = "I'm Abigail Claflin. You can call me Abbie."


def transcribed(db: Database, person_id: uuid.UUID, whisper_engine, sample: str = "ami-abbie.wav"):  # type: ignore[no-untyped-def]
    memo = ingest_file(db, SAMPLES / sample, owner_id=person_id).memo
    Worker(db, whisper_engine).drain()
    return memo


def details(db: Database, memo_id: uuid.UUID, owner_id: uuid.UUID):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return find_segment(session, owner_id=owner_id, memo_id=memo_id, position=0)[0]


def test_each_correction_is_a_version_and_what_was_heard_is_kept(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    memo = transcribed(db, person_id, whisper_engine)
    heard = details(db, memo.id, person_id).transcript.segments[0].text
    assert "Klafflin" in heard
    first = correct_segment(
        Reader(db, person_id), db, memo_id=memo.id, position=0, text="I'm Abigail Claflin."
    )
    second = correct_segment(Reader(db, person_id), db, memo_id=memo.id, position=0, text=f"  {SAID}\n")
    same = correct_segment(Reader(db, person_id), db, memo_id=memo.id, position=0, text=SAID)
    assert (first.version, second.version, same.version) == (1, 2, 2)
    assert [(v.version, v.text) for v in same.versions] == [
        (0, heard),
        (1, "I'm Abigail Claflin."),
        (2, SAID),
    ]
    assert same.heard == heard and same.text == SAID

    memo = details(db, memo.id, person_id)
    assert memo.transcript.text == SAID
    assert memo.insight.text == SAID
    assert memo.insight.headline == "You can call me Abbie."  # picked again from the corrected text
    words = memo.transcript.segments[0].words
    assert "".join(w["word"] for w in words).strip() == SAID
    assert all(memo.transcript.segments[0].start <= w["start"] <= w["end"] for w in words)


def test_search_finds_the_corrected_words_and_not_the_misheard(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    memo = transcribed(db, person_id, whisper_engine)
    assert [m.id for m in search_memo_views(Reader(db, person_id), limit=50, words="Klafflin")] == [memo.id]
    correct_segment(Reader(db, person_id), db, memo_id=memo.id, position=0, text=SAID)
    assert search_memo_views(Reader(db, person_id), limit=50, words="Klafflin") == []
    assert [m.id for m in search_memo_views(Reader(db, person_id), limit=50, words="Claflin Abbie")] == [
        memo.id
    ]
    assert search_memo_views(Reader(db, uuid.uuid4()), limit=50, words="Claflin") == []


def test_a_headline_written_by_hand_stays(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    memo = transcribed(db, person_id, whisper_engine)
    insight_id = details(db, memo.id, person_id).insight.id
    set_headline(Reader(db, person_id), db, insight_id=insight_id, text="Call me Abbie.")
    correct_segment(Reader(db, person_id), db, memo_id=memo.id, position=0, text=SAID)
    insight = details(db, memo.id, person_id).insight
    assert (insight.headline, insight.text) == ("Call me Abbie.", SAID)


def test_api_corrects_shows_versions_and_prep_uses_them(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    with (SAMPLES / "ami-abbie.wav").open("rb") as file:
        memo = client.post("/api/memos", files={"file": ("ami.wav", file)}, headers=alice).json()
    settled_memo(client, memo["id"], alice)
    url = f"/api/memos/{memo['id']}/segments/0"
    assert client.get(url, headers=alice).json()["versions"][0]["version"] == 0
    corrected = client.put(url, json={"text": SAID}, headers=alice)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["version"] == 1 and "Klafflin" in corrected.json()["heard"]
    detail = client.get(f"/api/memos/{memo['id']}", headers=alice).json()
    segment = detail["transcript"]["segments"][0]
    assert (segment["text"], segment["version"]) == (SAID, 1) and "Klafflin" in segment["heard"]
    assert detail["insight"]["text"] == SAID
    assert [s["text"] for s in detail["transcript"]["sentences"]] == [
        "I'm Abigail Claflin.",
        "You can call me Abbie.",
    ]
    captures = client.get("/api/prep", headers=alice).json()["captures"]
    assert [c["headline"] for c in captures] == ["You can call me Abbie."]
    found = client.get("/api/insights", params={"q": "Claflin"}, headers=alice).json()["items"]
    assert [i["memo_id"] for i in found] == [memo["id"]]

    assert client.put(url, json={"text": "mine now"}, headers=bob).status_code == 404
    assert client.get(url, headers=bob).status_code == 404
    for bad in ({"text": ""}, {"text": "x" * 2001}, {}):
        assert client.put(url, json=bad, headers=alice).status_code == 422
    assert (
        client.put(f"/api/memos/{memo['id']}/segments/7", json={"text": "a"}, headers=alice).status_code
        == 404
    )
    assert client.get(url, headers=alice).json()["text"] == SAID


def test_a_memo_without_a_transcript_cannot_be_corrected(settings: Settings, alice: dict[str, str]) -> None:
    with TestClient(create_app(settings, run_worker=False)) as client:
        with (SAMPLES / "ami-abbie.wav").open("rb") as file:
            memo = client.post("/api/memos", files={"file": ("ami.wav", file)}, headers=alice).json()
        refused = client.put(f"/api/memos/{memo['id']}/segments/0", json={"text": SAID}, headers=alice)
    assert refused.status_code == 409 and "no transcript" in refused.json()["detail"]


def test_cli_corrects_and_shows_the_original(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["add", str(SAMPLES / "ami-abbie.wav")])
    (memo,) = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    memo_id = memo["id"][:8]
    shown = runner.invoke(app, ["show", memo_id]).stdout
    assert "Segments (afterword correct ID N TEXT)" in shown and "  1. [00:00" in shown
    corrected = runner.invoke(app, ["correct", memo_id, "1", SAID])
    assert corrected.exit_code == 0, corrected.output
    assert "now version 1" in corrected.stdout and "The model heard:" in corrected.stdout
    history = runner.invoke(app, ["correct", memo_id, "1"]).stdout
    assert "heard" in history and "v1" in history and "Claflin" in history and "Klafflin" in history
    assert "(corrected, v1)" in runner.invoke(app, ["show", memo_id]).stdout
    original = " ".join(runner.invoke(app, ["show", memo_id, "--original"]).stdout.split())
    assert "As the model heard it" in original and "Klafflin" in original and "Claflin." not in original
    assert memo["id"][:8] in runner.invoke(app, ["search", "Claflin"]).stdout
    refused = runner.invoke(app, ["correct", memo_id, "9", "nothing there"])
    assert refused.exit_code == 1 and "no segment 9" in refused.stderr


def test_sentences_run_across_segments_and_stop_short_of_their_neighbours() -> None:
    segments = [
        [(" And", 0.0, 0.3), (" so,", 0.3, 0.6), (" ask", 0.9, 1.2)],
        [(" not.", 1.2, 1.6), (" Ask", 2.6, 2.9), (" what", 2.9, 3.2)],
        [(" you", 3.2, 3.4), (" can!", 3.4, 3.9)],
    ]
    first, second = split_sentences(segments, duration=4.0)
    assert (first.text, first.segments, second.text, second.segments) == (
        "And so, ask not.",
        (0, 1),
        "Ask what you can!",
        (1, 2),
    )
    assert (first.start, first.end) == (0.0, 1.9)  # its pad after
    assert (second.start, second.end) == (2.45, 4.0)  # its pad before; the memo's end
    close = split_sentences([[(" Yes.", 0.0, 1.0), (" No.", 1.1, 1.5)]], duration=1.5)
    assert close[0].end == close[1].start == 1.05  # halfway between, never into the next
    assert split_sentences([], duration=1.0) == []


def test_corrected_words_keep_or_share_the_timings() -> None:
    old = [
        {"word": " I'm", "start": 0.0, "end": 0.4, "probability": 0.9},
        {"word": " Abigail", "start": 0.4, "end": 1.0, "probability": 0.9},
        {"word": " Klafflin.", "start": 1.0, "end": 2.0, "probability": 0.4},
    ]
    same_count = retime_words(old, "I'm Abigail Claflin.", start=0.0, end=2.0)
    assert [(w["word"], w["start"], w["end"]) for w in same_count] == [
        (" I'm", 0.0, 0.4),
        (" Abigail", 0.4, 1.0),
        (" Claflin.", 1.0, 2.0),
    ]
    more = retime_words(old, "I'm Abigail Claflin, Abbie.", start=0.0, end=2.5)
    assert [w["word"] for w in more] == [" I'm", " Abigail", " Claflin,", " Abbie."]
    assert more[2]["start"] == 1.0 and more[3]["end"] == 2.0 and more[2]["end"] == more[3]["start"]
    tail = retime_words(old, "I'm Abigail Klafflin. Hi", start=0.0, end=2.6)
    assert (tail[-1]["start"], tail[-1]["end"]) == (2.0, 2.6)


@pytest.mark.postgres
def test_export_import_keeps_corrections_words_and_no_speech(
    tmp_path: Path,
    postgres_url: str,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    source = open_database(Settings(data_dir=tmp_path / "a"))
    alice = add_person(source, "Alice")
    add_words(Reader(source, alice), source, words=["Claflin", "Dr. Okonkwo"])
    noise = tmp_path / "noise.wav"
    noise.write_bytes(wav_bytes(pink_noise(6)))
    ingest_file(source, noise, owner_id=alice)
    memo = transcribed(source, alice, whisper_engine)
    correct_segment(Reader(source, alice), source, memo_id=memo.id, position=0, text=SAID)
    export_zip(source, tmp_path / "one.zip")

    postgres = open_database(
        Settings(data_dir=tmp_path / "b", database_url=postgres_url, blob_backend="database")
    )
    counts = import_zip(postgres, tmp_path / "one.zip")
    assert counts["segment_versions"] == 2 and counts["vocabulary_words"] == 2
    export_zip(postgres, tmp_path / "two.zip")
    back = open_database(Settings(data_dir=tmp_path / "c"))
    import_zip(back, tmp_path / "two.zip")
    export_zip(back, tmp_path / "three.zip")
    assert (
        contents(tmp_path / "one.zip") == contents(tmp_path / "two.zip") == contents(tmp_path / "three.zip")
    )
    for db in (postgres, back):
        assert [w.word for w in show_words(Reader(db, alice)).items] == ["Claflin", "Dr. Okonkwo"]
        assert [m.id for m in search_memo_views(Reader(db, alice), limit=50, words="Claflin Abbie")] == [
            memo.id
        ]
        segment = details(db, memo.id, alice).transcript.segments[0]
        assert [v.version for v in segment.versions] == [0, 1]
    jobs = json.loads(contents(tmp_path / "three.zip")["tables/jobs.json"])
    assert sorted(job["status"] for job in jobs) == ["done", "no_speech"]


def contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
