"""A personal vocabulary: kept per person (a partner never sees it), passed to the model for
that person's memos only, and used only where it brings one of its words in."""

import json
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from afterword.audio import decode_file, to_float32
from afterword.cli.main import app
from afterword.store.db import Database
from afterword.store.models import Job, Transcript
from afterword.store.reading import Reader
from afterword.transcribe.engine import vocabulary_arguments
from afterword.transcribe.results import SegmentResult, TranscriptResult, Word
from afterword.transcribe.vocabulary import add_words, remove_word
from afterword.transcribe.vocabulary_merge import merge_vocabulary
from afterword.transcribe.worker import Worker
from tests.support.factories import ingest_file
from tests.support.samples import SAMPLES
from tests.support.waiting import settled_memo
from tests.support.wer import word_error_rate


def words(*timed: tuple[str, float, float]) -> tuple[Word, ...]:
    return tuple(Word(word, start, end, 0.9) for word, start, end in timed)


def transcript(*segments: tuple[Word, ...]) -> TranscriptResult:
    results = tuple(
        SegmentResult(start=ws[0].start, end=ws[-1].end, text="".join(w.word for w in ws).strip(), words=ws)
        for ws in segments
    )
    return TranscriptResult(
        text=" ".join(s.text for s in results),
        language="en",
        language_probability=1.0,
        segments=results,
        audio_seconds=5.0,
        processing_seconds=1.0,
        model="tiny.en",
        device="cpu",
        compute_type="int8",
    )


PLAIN = transcript(
    words(
        (" Sersha", 0.0, 0.5), (" said", 0.5, 0.8), (" I", 0.8, 0.9), (" go", 0.9, 1.1), (" quiet.", 1.1, 1.6)
    ),
    words(
        (" It's", 2.0, 2.2),
        (" the", 2.2, 2.3),
        (" pursuit", 2.3, 2.7),
        (" withdrawal", 2.7, 3.3),
        (" loop.", 3.3, 3.8),
    ),
)


def test_the_vocabulary_is_taken_only_where_it_brings_its_words() -> None:
    heard = transcript(
        words(
            (" Saoirse", 0.0, 0.55),
            (" says", 0.55, 0.8),
            (" I", 0.8, 0.9),
            (" go", 0.9, 1.1),
            (" quiet.", 1.1, 1.6),
        ),
        words((" It's", 2.0, 2.2), (" a", 2.2, 2.3), (" pursue-withdraw", 2.3, 3.3), (" loop.", 3.3, 3.8)),
        words((" Thank", 4.0, 4.2), (" you", 4.2, 4.4), (" Dr.", 4.4, 4.6), (" Okonkwo.", 4.6, 5.0)),
    )
    merged = merge_vocabulary(PLAIN, heard, ["Saoirse", "pursue-withdraw", "Dr. Okonkwo"])
    # "says" came with no word of the vocabulary: word for word, the plain "said" stands; three
    # words heard as two are taken as a whole.
    assert [s.text for s in merged.segments] == [
        "Saoirse said I go quiet.",
        "It's a pursue-withdraw loop. Thank you Dr. Okonkwo.",
    ]
    assert merged.text == "Saoirse said I go quiet. It's a pursue-withdraw loop. Thank you Dr. Okonkwo."
    assert merged.segments[0].words[0] == Word(" Saoirse", 0.0, 0.55, 0.9)
    assert merged.processing_seconds == 2.0


def test_two_vocabulary_words_heard_as_one_are_split_and_taken() -> None:
    plain = transcript(words((" I'm", 0.0, 0.3), (" Abigail", 0.3, 0.8), (" Klaflin.", 0.8, 1.4)))
    heard = transcript(words((" I'm", 0.0, 0.3), (" AbbieClaflin.", 0.3, 1.4)))
    merged = merge_vocabulary(plain, heard, ["Claflin", "Abbie"])
    assert merged.text == "I'm Abbie Claflin."
    assert [(w.word, w.start, w.end) for w in merged.segments[0].words[1:]] == [
        (" Abbie", 0.3, 0.723),  # time shared by letters: 5 of 13
        (" Claflin.", 0.723, 1.4),
    ]
    # A word with a capital inside that no vocabulary word explains stays whole.
    mcdonald = transcript(
        words(
            (" McDonald", 0.0, 0.5),
        )
    )
    assert merge_vocabulary(mcdonald, mcdonald, ["Claflin"]).text == "McDonald"


def test_an_unrelated_vocabulary_leaves_the_transcript_as_it_was() -> None:
    bent = transcript(
        words((" Sersha", 0.0, 0.5), (" said", 0.5, 0.8), (" I", 0.8, 0.9), (" go", 0.9, 1.6)),
        words((" Thank", 2.0, 2.5), (" you", 2.5, 2.8), (" for", 2.8, 3.0), (" watching.", 3.0, 3.8)),
    )
    merged = merge_vocabulary(PLAIN, bent, ["Gottman", "IFS", "DBT"])
    assert (merged.text, merged.segments) == (PLAIN.text, PLAIN.segments)
    assert merge_vocabulary(PLAIN, transcript(), ["Gottman"]).segments == PLAIN.segments


def test_the_words_go_in_as_hotwords_and_prompt() -> None:
    both = vocabulary_arguments(("Saoirse", "IFS"), "Therapy notes.", "both")
    assert both == {"hotwords": "Saoirse, IFS", "initial_prompt": "Saoirse, IFS. Therapy notes."}
    assert vocabulary_arguments(("IFS",), None, "hotwords") == {"hotwords": "IFS", "initial_prompt": None}
    assert vocabulary_arguments(("IFS",), None, "prompt") == {"hotwords": None, "initial_prompt": "IFS."}
    assert vocabulary_arguments((), "Notes.", "both") == {"hotwords": None, "initial_prompt": "Notes."}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_adds_lists_and_removes_words(runner: CliRunner) -> None:
    added = runner.invoke(app, ["word", "add", "Saoirse", "  Dr.   Okonkwo ", "pursue-withdraw", "saoirse"])
    assert added.exit_code == 0, added.output
    assert "3 word(s): Saoirse, Dr. Okonkwo, pursue-withdraw" in added.stdout
    listed = json.loads(runner.invoke(app, ["words", "--json"]).stdout)
    assert [w["word"] for w in listed] == ["Saoirse", "Dr. Okonkwo", "pursue-withdraw"]
    assert "Okonkwo" in runner.invoke(app, ["words"]).stdout
    assert "Removed Saoirse" in runner.invoke(app, ["word", "remove", "SAOIRSE"]).stdout
    missing = runner.invoke(app, ["word", "remove", "Saoirse"])
    assert missing.exit_code == 1 and "is not in your vocabulary" in missing.stderr
    too_long = runner.invoke(app, ["word", "add", "x" * 61])
    assert too_long.exit_code == 1 and "1 to 60 characters" in too_long.stderr
    # Each person has their own.
    runner.invoke(app, ["person", "add", "Sam"])
    assert json.loads(runner.invoke(app, ["--as", "Sam", "words", "--json"]).stdout) == []
    assert "empty" in runner.invoke(app, ["--as", "Sam", "words"]).stdout


def test_a_vocabulary_holds_a_short_list(runner: CliRunner) -> None:
    assert runner.invoke(app, ["word", "add", *[f"word{i}" for i in range(50)]]).exit_code == 0
    refused = runner.invoke(app, ["word", "add", "one-too-many"])
    assert refused.exit_code == 1 and "at most 50 words" in refused.stderr
    assert len(json.loads(runner.invoke(app, ["words", "--json"]).stdout)) == 50


def test_api_words_are_the_persons_own(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    added = client.post("/api/words", json={"words": ["Claflin", "Abbie"]}, headers=alice)
    assert added.status_code == 200, added.text
    assert [w["word"] for w in added.json()["items"]] == ["Claflin", "Abbie"]
    assert client.get("/api/words", headers=bob).json() == {"items": []}
    word_id = added.json()["items"][0]["id"]
    assert client.delete(f"/api/words/{word_id}", headers=bob).status_code == 404
    assert len(client.get("/api/words", headers=alice).json()["items"]) == 2
    # Bob as Alice's partner: her pre-session note for him holds none of her words.
    assert "Claflin" not in client.get("/api/prep", params={"with": "Alice"}, headers=bob).text
    for bad in ({"words": []}, {"words": [""]}, {"words": ["x" * 61]}, {}):
        assert client.post("/api/words", json=bad, headers=alice).status_code == 422, bad
    assert client.get("/api/words").status_code == 401


def test_memos_are_transcribed_with_their_owners_vocabulary_only(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    """tiny.en hears the AMI clip as "I'm Abigail Klafflin. You can call me Abi." without help."""
    client.post("/api/words", json={"words": ["Claflin", "Abbie"]}, headers=alice)
    texts = {}
    for name, headers in (("alice", alice), ("bob", bob)):
        with (SAMPLES / "ami-abbie.wav").open("rb") as file:
            memo = client.post("/api/memos", files={"file": ("ami.wav", file)}, headers=headers).json()
        ready = settled_memo(client, memo["id"], headers)
        texts[name] = ready["transcript"]["text"]
    assert "Claflin" in texts["alice"] and "Abbie" in texts["alice"]
    assert "Claflin" not in texts["bob"] and "Abbie" not in texts["bob"]
    assert "call me" in texts["alice"] and "call me" in texts["bob"]


def test_a_backlog_is_transcribed_with_the_vocabulary_too(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    """Queued together, memos go through one batched call: with the words, merged, as alone."""
    add_words(Reader(db, person_id), db, words=["Claflin", "Abbie"])
    ami = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id).memo
    jfk = ingest_file(db, SAMPLES / "jfk.m4a", owner_id=person_id).memo
    plain_jfk = whisper_engine.transcribe(to_float32(decode_file(SAMPLES / "jfk.m4a", max_seconds=60)))
    assert Worker(db, whisper_engine).drain() == 2  # backlog_jobs 8: both in one claim
    with db.read() as session:
        texts = {
            memo_id: text for memo_id, text in session.execute(select(Transcript.memo_id, Transcript.text))
        }
        options = {job.memo_id: job.options for job in session.scalars(select(Job))}
    assert "Claflin" in texts[ami.id] and "Abbie" in texts[ami.id]
    assert "vocabulary" not in options[jfk.id]  # read at the claim: no copy stays with the job
    assert word_error_rate(texts[jfk.id], plain_jfk.text) <= 0.05  # said none of the words


def test_a_word_taken_back_before_transcription_is_not_used(
    db: Database,
    person_id: uuid.UUID,
    whisper_engine,  # type: ignore[no-untyped-def]
) -> None:
    add_words(Reader(db, person_id), db, words=["Claflin", "Abbie"])
    ami = ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=person_id).memo
    for word in ("Claflin", "Abbie"):
        remove_word(Reader(db, person_id), db, word=word)
    assert Worker(db, whisper_engine).drain() == 1
    with db.read() as session:
        text = session.scalars(select(Transcript.text).where(Transcript.memo_id == ami.id)).one()
    assert "call me" in text and "Claflin" not in text and "Abbie" not in text
