"""Import refuses cleanly and keeps nothing: every kind of malformed export (the zip, its entries'
sizes, the manifest, a table, a column, a value, an id, a reference, rows that belong to
different people) is one line of error, through the real CLI, and leaves no row, no audio and no
staging file behind, on both databases."""

import json
import random
import struct
import tracemalloc
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.settings import Settings
from afterword.store.db import Database, open_database
from afterword.store.models import Person
from afterword.store.transfer import TransferError, export_zip, import_zip
from afterword.transcribe.worker import Worker
from afterword.web.app import create_app
from tests.support.factories import add_person, ingest_file, issue_token, stored_audio_files
from tests.support.samples import SAMPLES
from tests.support.week import Who, captured, cli_env, pair_up, summarised

Entries = dict[str, bytes]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, whisper_engine) -> Entries:  # type: ignore[no-untyped-def]
    """A real export: Alice's and Bob's memos, transcribed."""
    folder = tmp_path_factory.mktemp("export")
    db = open_database(Settings(data_dir=folder / "data"))
    alice, bob = add_person(db, "Alice"), add_person(db, "Bob")
    ingest_file(db, SAMPLES / "jfk.m4a", owner_id=alice)
    ingest_file(db, SAMPLES / "ami-abbie.wav", owner_id=bob)
    Worker(db, whisper_engine).drain()
    export_zip(db, folder / "backup.zip")
    db.close()
    with zipfile.ZipFile(folder / "backup.zip") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, entries: Entries | list[tuple[str, bytes]]) -> Path:
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


def table(entries: Entries, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(entries[f"tables/{name}.json"])
    return rows


def with_table(entries: Entries, name: str, change: Callable[[list[dict[str, Any]]], Any]) -> Entries:
    rows = table(entries, name)
    change(rows)
    return {**entries, f"tables/{name}.json": json.dumps(rows).encode()}


def with_manifest(entries: Entries, change: Callable[[dict[str, Any]], Any]) -> Entries:
    manifest = json.loads(entries["manifest.json"])
    change(manifest)
    return {**entries, "manifest.json": json.dumps(manifest).encode()}


def set_value(name: str, column: str, value: Any, row: int = 0) -> Callable[[Entries], Entries]:
    return lambda e: with_table(e, name, lambda rows: rows[row].__setitem__(column, value))


def owner_of(entries: Entries, other_than: str) -> str:
    return next(str(p["id"]) for p in table(entries, "people") if p["id"] != other_than)


def reowned(name: str) -> Callable[[Entries], Entries]:
    """The first row of the table given to the other person (its memo stays the first's)."""

    def change(entries: Entries) -> Entries:
        row = table(entries, name)[0]
        return set_value(name, "owner_id", owner_of(entries, row["owner_id"]))(entries)

    return change


def last_audio(entries: Entries) -> str:
    """The audio read last: the ones before it were already stored when the old import failed."""
    return [name for name in entries if name.startswith("audio/")][-1]


def counted(entries: Entries, name: str, rows: list[dict[str, Any]]) -> Entries:
    changed = {**entries, f"tables/{name}.json": json.dumps(rows).encode()}
    return with_manifest(changed, lambda m: m["rows"].__setitem__(name, len(rows)))


def same_name_twice(entries: Entries) -> Entries:
    people = table(entries, "people")
    return set_value("people", "name", people[0]["name"], row=1)(entries)


def extra_person(entries: Entries) -> Entries:
    people = table(entries, "people")
    return counted(entries, "people", [*people, {**people[0], "id": str(uuid.uuid4()), "name": "C"}])


def appreciation_outside_the_couple(entries: Entries) -> Entries:
    """Alice and Bob are partners; a third person's appreciation claims their partnership."""
    alice, bob = (p["id"] for p in table(entries, "people"))
    third = {**table(entries, "people")[0], "id": str(uuid.uuid4()), "name": "Mallory"}
    when = table(entries, "people")[0]["created_at"]
    couple = {
        "id": str(uuid.uuid4()),
        "inviter_id": alice,
        "invitee_name": "Bob",
        "invitee_id": bob,
        "status": "active",
        "created_at": when,
        "accepted_at": when,
        "ended_at": None,
    }
    note = {
        "id": str(uuid.uuid4()),
        "owner_id": third["id"],
        "text": "thank you",
        "created_at": when,
        "partnership_id": couple["id"],
        "sent_at": when,
        "seen_at": None,
    }
    entries = counted(entries, "people", [*table(entries, "people"), third])
    entries = counted(entries, "partnerships", [couple])
    return counted(entries, "appreciations", [note])


MALFORMED: dict[str, tuple[Callable[[Entries], Entries], str]] = {
    # The manifest
    "no manifest": (lambda e: {k: v for k, v in e.items() if k != "manifest.json"}, "no manifest"),
    "manifest not json": (lambda e: {**e, "manifest.json": b"{oops"}, "manifest.json is not valid JSON"),
    "manifest a list": (lambda e: {**e, "manifest.json": b"[1, 2]"}, "names another format"),
    "manifest of another format": (
        lambda e: with_manifest(e, lambda m: m.update(format="zip")),
        "another format",
    ),
    "manifest of version 2": (lambda e: with_manifest(e, lambda m: m.update(version=2)), "version 2"),
    "manifest without rows": (lambda e: with_manifest(e, lambda m: m.pop("rows")), "does not count the rows"),
    "manifest counts text": (
        lambda e: with_manifest(e, lambda m: m["rows"].__setitem__("people", "2")),
        "does not count the rows",
    ),
    "manifest counts wrong": (
        lambda e: with_manifest(e, lambda m: m["rows"].__setitem__("people", 5)),
        "the table people has 2 rows, its manifest says 5",
    ),
    "manifest names another table": (
        lambda e: with_manifest(e, lambda m: m["rows"].__setitem__("secrets", 0)),
        "exactly Afterword's tables",
    ),
    # Entries
    "unknown entry": (
        lambda e: {**e, "../../etc/passwd": b"x"},
        "../../etc/passwd is not part of an Afterword",
    ),
    "audio with a bad name": (lambda e: {**e, "audio/abc": b"x"}, "audio/abc is not part of an Afterword"),
    "table missing": (
        lambda e: {k: v for k, v in e.items() if k != "tables/insights.json"},
        "table insights is missing",
    ),
    "audio of no memo": (lambda e: {**e, "audio/" + "0" * 64: b"x"}, "belongs to no memo"),
    "audio damaged": (
        lambda e: {**e, last_audio(e): e[last_audio(e)][:-1] + b"!"},
        "does not match its hash",
    ),
    # Tables and columns
    "table not json": (lambda e: {**e, "tables/memos.json": b"[{"}, "tables/memos.json is not valid JSON"),
    "table nested too deep": (lambda e: {**e, "tables/memos.json": b"[" * 100_000}, "not valid JSON"),
    "table an object": (lambda e: {**e, "tables/memos.json": b"{}"}, "the table memos is not a list of rows"),
    "row not an object": (
        lambda e: {**e, "tables/memos.json": b"[[1]]"},
        "not a list of rows",
    ),
    "unknown column": (set_value("memos", "is_admin", True), "row 1 of memos has an unknown column is_admin"),
    "missing column": (
        lambda e: with_table(e, "memos", lambda r: r[0].pop("sha256")),
        "lacks the column sha256",
    ),
    "null where a value is needed": (set_value("memos", "sha256", None), "row 1 of memos has no sha256"),
    # Values
    "id not a uuid": (set_value("people", "id", "not-a-uuid"), "row 1 of people has a id that is not an id"),
    "id a number": (set_value("people", "id", 7), "is not an id"),
    "integer id as text": (
        set_value("segments", "id", "1"),
        "row 1 of segments has a id that is not a whole number",
    ),
    "integer too big": (set_value("memos", "size_bytes", 2**40), "size_bytes that is not a whole number"),
    "integer a boolean": (set_value("memos", "size_bytes", True), "size_bytes that is not a whole number"),
    "float text": (set_value("memos", "duration_seconds", "11"), "duration_seconds that is not a number"),
    "float infinite": (
        set_value("memos", "duration_seconds", float("inf")),
        "duration_seconds that is not a number",
    ),
    "text a number": (set_value("people", "name", 5), "row 1 of people has a name that is not text"),
    "text too long": (set_value("people", "name", "x" * 101), "name that is not text of the right length"),
    "text with NUL": (set_value("transcripts", "text", "a\x00b"), "holds a NUL character"),
    "text with ESC": (
        set_value("transcripts", "text", "a\x1b]0;pwned\x07b"),
        "row 1 of transcripts has a control character in its text",
    ),
    "name with a C1 CSI": (
        set_value("people", "name", "Al\x9b2Jice"),
        "row 1 of people has a control character in its name",
    ),
    "file name with DEL": (
        set_value("memos", "filename", "memo\x7f.m4a"),
        "row 1 of memos has a control character in its filename",
    ),
    "ESC deep in a JSON value": (
        set_value("segments", "words", [{"word": "\x1b[2J", "start": 0.0, "end": 0.1, "probability": 0.9}]),
        "row 1 of segments has a control character in its words",
    ),
    "time not a time": (
        set_value("memos", "created_at", "yesterday"),
        "created_at that is not a time with its zone",
    ),
    "time without a zone": (set_value("memos", "created_at", "2026-01-01T10:00:00"), "a time with its zone"),
    "choice unknown": (set_value("jobs", "status", "exploded"), "status that is not one of its choices"),
    # Ids and references
    "id twice": (
        lambda e: set_value("memos", "id", table(e, "memos")[0]["id"], row=1)(e),
        "row 2 of memos repeats the id",
    ),
    "reference to nothing": (
        set_value("insights", "memo_id", str(uuid.uuid4())),
        "refers to a missing row of memos",
    ),
    "owner who does not exist": (set_value("memos", "owner_id", str(uuid.uuid4())), "missing row of people"),
    "job of no memo": (
        set_value("jobs", "memo_id", str(uuid.uuid4())),
        "row 1 of jobs refers to a missing row",
    ),
    # Ownership
    "insight re-owned": (
        reowned("insights"),
        "row 1 of insights belongs to another person than the memos row",
    ),
    "transcript re-owned": (
        reowned("transcripts"),
        "transcripts belongs to another person than the memos row",
    ),
    "appreciation outside its couple": (
        appreciation_outside_the_couple,
        "row 1 of appreciations belongs to someone outside the partnerships row",
    ),
    # Rules across rows, found by the database after the audio was staged
    "a name twice": (same_name_twice, "the rows of people break a rule of the database"),
}


def refused_cleanly(db: Database, source: Path, settings: Settings, reason: str) -> None:
    with pytest.raises(TransferError) as error:
        import_zip(db, source)
    assert reason in str(error.value) and "\n" not in str(error.value), str(error.value)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
    assert stored_audio_files(db) == []
    said = CliRunner().invoke(app, ["import", str(source)], env=cli_env(settings))
    assert said.exit_code == 1 and isinstance(said.exception, SystemExit), said.output
    assert said.stdout == "" and " ".join(said.stderr.split()).startswith("Error: "), said.output
    assert reason in " ".join(said.stderr.split())


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_export_is_one_line_and_leaves_nothing(
    case: str, export: Entries, settings: Settings, db: Database, tmp_path: Path
) -> None:
    change, reason = MALFORMED[case]
    source = write_zip(tmp_path / "bad.zip", change(dict(export)))
    refused_cleanly(db, source, settings, reason)


def test_the_export_itself_imports_and_a_second_person_is_fine(
    export: Entries, db: Database, tmp_path: Path
) -> None:
    counts = import_zip(db, write_zip(tmp_path / "good.zip", extra_person(export)))
    assert counts["people"] == 3 and counts["memos"] == 2
    assert len(stored_audio_files(db)) == 2


def test_line_breaks_and_tabs_are_text_and_import(export: Entries, db: Database, tmp_path: Path) -> None:
    changed = set_value("transcripts", "text", "a first line\nand a second\twith a tab")(dict(export))
    assert import_zip(db, write_zip(tmp_path / "lines.zip", changed))["transcripts"] == 2


def test_not_a_zip_and_duplicate_entries(
    export: Entries, settings: Settings, db: Database, tmp_path: Path
) -> None:
    (tmp_path / "text.zip").write_bytes(b"hello")
    refused_cleanly(db, tmp_path / "text.zip", settings, "not a zip file")
    twice = [*export.items(), ("tables/people.json", export["tables/people.json"])]
    with pytest.warns(UserWarning):
        write_zip(tmp_path / "twice.zip", twice)
    refused_cleanly(db, tmp_path / "twice.zip", settings, "tables/people.json appears twice")


def deflated_zeros(zf: zipfile.ZipFile, name: str, size: int) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as entry:
        chunk = b" " * (1024 * 1024)
        for _ in range(size // len(chunk)):
            entry.write(chunk)


def test_a_gibibyte_json_entry_is_refused_before_it_is_read(
    export: Entries, settings: Settings, db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "big.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in export.items():
            if name != "tables/people.json":
                zf.writestr(name, data)
        deflated_zeros(zf, "tables/people.json", 1024**3)
    assert source.stat().st_size < 20 * 1024**2
    tracemalloc.start()
    try:
        refused_cleanly(db, source, settings, "tables/people.json says it holds 1073741824 bytes")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024**2


def lie_about_size(path: Path, name: str, size: int) -> None:
    """Rewrite the entry's uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(encoded)] != encoded:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", data, local + 22, size)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(encoded)] != encoded:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)
    path.write_bytes(bytes(data))


def test_a_zip_bomb_that_lies_about_its_size_is_refused_without_inflating_it(
    export: Entries, settings: Settings, db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "bomb.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in export.items():
            if name != "tables/memos.json":
                zf.writestr(name, data)
        zf.writestr("tables/memos.json", b"[" + b" " * (200 * 1024**2) + b"]")
    assert source.stat().st_size < 2 * 1024**2
    lie_about_size(source, "tables/memos.json", 1000)
    tracemalloc.start()
    try:
        refused_cleanly(db, source, settings, "tables/memos.json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024**2


def a_couples_week(client: TestClient, alice: Who, bob: Who) -> None:
    """Rows of every kind that point at each other, the way the API makes them."""
    pair_up(client, alice, "Alice", bob, "Bob")
    now = datetime.now(UTC).replace(microsecond=0)
    client.post("/api/sessions", json={"starts_at": (now - timedelta(days=1)).isoformat()}, headers=alice)
    insight = captured(client, alice, charge=6)
    summary = summarised(client, alice, insight["id"], "Mine.", shared=True)
    trigger = client.post(
        f"/api/summaries/{summary['id']}/triggers", json={"situation": "when Mom calls"}, headers=alice
    ).json()
    review = client.post(
        "/api/reviews", json={"summary_id": summary["id"], "trigger_id": trigger["id"]}, headers=alice
    ).json()
    client.patch(f"/api/reviews/{review['id']}", json={"answer": "helped"}, headers=alice)
    client.post(
        "/api/recalls", json={"insight_id": insight["id"], "answer": "partly", "day": 1}, headers=alice
    )
    client.post("/api/moments", json={"text": "a moment", "happened_at": now.isoformat()}, headers=alice)
    client.post("/api/appreciations", json={"text": "thank you", "send": True}, headers=bob)
    client.put("/api/ritual", json={"text": "tea"}, headers=alice)
    client.post("/api/ritual/marks", json={"happened_at": now.isoformat()}, headers=alice)
    client.post("/api/marks", json={"marked_at": now.isoformat()}, headers=bob)
    client.post("/api/repair/proposals", json={"text": "Slow down."}, headers=alice)
    client.post("/api/repair/accept", headers=bob)
    client.post("/api/repair/uses", json={"note": "reached"}, headers=bob)


def test_a_whole_couples_week_passes_every_check(settings: Settings, tmp_path: Path) -> None:
    alice = {"Authorization": f"Bearer {issue_token(settings, 'Alice')}"}
    bob = {"Authorization": f"Bearer {issue_token(settings, 'Bob')}"}
    with TestClient(create_app(settings)) as client:
        a_couples_week(client, alice, bob)
    source = open_database(settings)
    counts = export_zip(source, tmp_path / "week.zip")
    source.close()
    assert all(
        counts[name] for name in ("partnerships", "appreciations", "repair_phrases", "reviews", "recalls")
    )
    back = open_database(Settings(data_dir=tmp_path / "back"))
    assert import_zip(back, tmp_path / "week.zip") == counts
    back.close()


def test_damaged_bytes_anywhere_are_refused_in_one_line_or_imported_whole(
    export: Entries, tmp_path: Path
) -> None:
    """Cut short or with bytes changed, in the entries or the zip's directory: never a traceback."""
    good = write_zip(tmp_path / "good.zip", export).read_bytes()
    chance = random.Random(13)
    for attempt in range(120):
        data = bytearray(good)
        if attempt % 3 == 0:
            data = data[: chance.randrange(len(data))]
        else:
            start = 0 if attempt % 3 == 1 else max(0, len(data) - 4000)
            for _ in range(chance.randint(1, 4)):
                data[chance.randrange(start, len(data))] = chance.randrange(256)
        source = tmp_path / f"damaged-{attempt}.zip"
        source.write_bytes(bytes(data))
        db = open_database(Settings(data_dir=tmp_path / f"data-{attempt}"))
        try:
            import_zip(db, source)
        except TransferError as error:
            assert "\n" not in str(error)
            with db.read() as session:
                assert session.scalar(select(func.count()).select_from(Person)) == 0
            assert stored_audio_files(db) == []
        finally:
            db.close()
