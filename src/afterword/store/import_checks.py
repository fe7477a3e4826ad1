"""What an import checks before it writes anything: the zip's entries against their declared and
real sizes (read in bounded chunks, never inflated past what they declare), the manifest, every
table, column, value (texts as the doors take them: no control character but line breaks and
tabs), id and reference, and that rows which point at each other belong to the same person. Each
problem is one TransferError sentence.

The rows come back converted for insertion; the audio comes back as verified staging files."""

import hashlib
import json
import math
import re
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import JSON, Boolean, Enum, Float, Integer, String, Table, Uuid

from afterword.controls import has_controls
from afterword.errors import Invalid
from afterword.store.blobs import new_staging_file
from afterword.store.models import UTCDateTime

MANIFEST = "manifest.json"
TABLES_FOLDER = "tables/"
AUDIO_FOLDER = "audio/"
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_TABLE_BYTES = 128 * 1024 * 1024
"""Far above any one person's history (a table of a million transcript segments is ~250 MB
only for years of daily memos); a bigger entry is refused before it is read."""
MAX_ENTRIES = 1_000_000
CHUNK_BYTES = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
INTEGER_LIMIT = 2**31
"""PostgreSQL's integer."""
OWNER_COLUMNS = ("owner_id", "author_id")


class TransferError(Invalid):
    pass


def damaged(what: str) -> TransferError:
    return TransferError(f"The export is damaged: {what}.")


def entries(zf: zipfile.ZipFile, table_names: list[str], max_audio_bytes: int) -> dict[str, zipfile.ZipInfo]:
    """The entries by name, each of a known kind and size, none twice, none encrypted."""
    infos = zf.infolist()
    if MANIFEST not in {info.filename for info in infos}:
        raise TransferError("This is not an Afterword export (no manifest).")
    if len(infos) > MAX_ENTRIES:
        raise damaged(f"it has more than {MAX_ENTRIES} entries")
    known_tables = {f"{TABLES_FOLDER}{name}.json" for name in table_names}
    found: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if name in found:
            raise damaged(f"{shown(name)} appears twice")
        if name == MANIFEST:
            limit = MAX_MANIFEST_BYTES
        elif name in known_tables:
            limit = MAX_TABLE_BYTES
        elif name.startswith(AUDIO_FOLDER) and SHA256.fullmatch(name.removeprefix(AUDIO_FOLDER)):
            limit = max_audio_bytes
        else:
            raise damaged(f"{shown(name)} is not part of an Afterword export")
        if info.flag_bits & 0x1:
            raise damaged(f"{shown(name)} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged(f"{shown(name)} is compressed in a way Afterword does not write")
        if info.file_size > limit:
            raise damaged(f"{shown(name)} says it holds {info.file_size} bytes, more than {limit}")
        found[name] = info
    return found


def shown(name: str) -> str:
    """An entry's name, safe to print in one line."""
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return printable if len(printable) <= 100 else printable[:100] + "..."


def chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's bytes, inflated a chunk at a time and never past its declared size."""
    total = 0
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                total += len(chunk)
                if total > info.file_size:
                    raise damaged(f"{shown(info.filename)} holds more than it says")
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
        raise damaged(f"{shown(info.filename)} cannot be read") from error
    if total != info.file_size:
        raise damaged(f"{shown(info.filename)} holds less than it says")


def read_json(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
    data = b"".join(chunks(zf, info))
    if b"\\u0000" in data:
        raise damaged(f"{shown(info.filename)} holds a NUL character")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        raise damaged(f"{shown(info.filename)} is not valid JSON") from error


def check_manifest(
    zf: zipfile.ZipFile, found: dict[str, zipfile.ZipInfo], format_name: str, version: int
) -> dict[str, int]:
    """The row counts the manifest promises, by table."""
    manifest = read_json(zf, found[MANIFEST])
    if not isinstance(manifest, dict) or manifest.get("format") != format_name:
        raise TransferError("This is not an Afterword export (its manifest names another format).")
    if manifest.get("version") != version:
        raise TransferError(
            f"This export is version {shown(str(manifest.get('version')))}; expected {version}."
        )
    rows = manifest.get("rows")
    if not isinstance(rows, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0 for count in rows.values()
    ):
        raise damaged("its manifest does not count the rows of each table")
    return rows


@dataclass
class Checked:
    """Rows converted for insertion, with what the checks of later tables need."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, set[Any]] = field(default_factory=dict)
    owners: dict[str, dict[Any, uuid.UUID | None]] = field(default_factory=dict)
    """Each row's person, by table and id: its owner_id, or that of the row it belongs to."""
    members: dict[Any, set[uuid.UUID]] = field(default_factory=dict)
    """For a row that belongs to no one (a partnership): the people it links."""


def check_tables(
    zf: zipfile.ZipFile, found: dict[str, zipfile.ZipInfo], tables: list[Table], counts: dict[str, int]
) -> Checked:
    """Every table, in the order that references need (a row's targets are checked before it)."""
    if set(counts) != {table.name for table in tables}:
        raise damaged("its manifest does not list exactly Afterword's tables")
    checked = Checked()
    for table in tables:
        name = f"{TABLES_FOLDER}{table.name}.json"
        if name not in found:
            raise damaged(f"the table {table.name} is missing")
        rows = read_json(zf, found[name])
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise damaged(f"the table {table.name} is not a list of rows")
        if len(rows) != counts[table.name]:
            raise damaged(
                f"the table {table.name} has {len(rows)} rows, its manifest says {counts[table.name]}"
            )
        checked.rows[table.name] = [
            check_row(table, number, row, checked) for number, row in enumerate(rows, 1)
        ]
    return checked


def check_row(table: Table, number: int, row: dict[str, Any], checked: Checked) -> dict[str, Any]:
    where = f"row {number} of {table.name}"
    columns = {column.name for column in table.columns}
    if set(row) != columns:
        extra, missing = sorted(set(row) - columns), sorted(columns - set(row))
        said = f"has an unknown column {shown(extra[0])}" if extra else f"lacks the column {missing[0]}"
        raise damaged(f"{where} {said}")
    values = {name: check_value(table, name, row[name], where) for name in row}
    (key,) = (values[column.name] for column in table.primary_key.columns)
    ids = checked.ids.setdefault(table.name, set())
    if key in ids:
        raise damaged(f"{where} repeats the id of another row")
    ids.add(key)
    check_references(table, values, where, checked, key)
    return values


def check_value(table: Table, name: str, value: Any, where: str) -> Any:
    column = table.c[name]
    kind = column.type
    if value is None:
        if not column.nullable:
            raise damaged(f"{where} has no {name}")
        return None
    try:
        checked = converted(kind, value)
    except (ValueError, TypeError, OverflowError, AttributeError) as error:
        raise damaged(f"{where} has a {name} that is not {expected(kind)}") from error
    if holds_controls(checked):
        raise damaged(f"{where} has a control character in its {name}")
    return checked


def holds_controls(value: Any) -> bool:
    """Whether a text, or any key or text inside a JSON value, holds a control character that no
    door lets a person store (line breaks and tabs are text; ESC, NUL, DEL and C1 are not). Walked
    without recursion: a JSON value may be nested as deep as the parser allowed."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if has_controls(item, multiline=True):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def converted(kind: Any, value: Any) -> Any:
    """The value as its column takes it; ValueError or TypeError when it does not fit."""
    if isinstance(kind, Uuid):
        return uuid.UUID(text_value(value))
    if isinstance(kind, UTCDateTime):
        moment = datetime.fromisoformat(text_value(value))
        if moment.tzinfo is None:
            raise ValueError("no time zone")
        return moment
    if isinstance(kind, Enum):
        if kind.enum_class is not None:
            return kind.enum_class(text_value(value))
        if value not in kind.enums:
            raise ValueError("not one of the choices")
        return value
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise TypeError("not true or false")
        return value
    if isinstance(kind, Integer):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not -INTEGER_LIMIT <= value < INTEGER_LIMIT
        ):
            raise TypeError("not a whole number in range")
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise TypeError("not a number")
        return float(value)
    if isinstance(kind, String):
        if kind.length is not None and len(text_value(value)) > kind.length:
            raise ValueError("too long")
        return text_value(value)
    if isinstance(kind, JSON):
        return value
    raise TypeError(f"a column of type {kind} is not known to the import")


def text_value(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def expected(kind: Any) -> str:
    for types, said in (
        (Uuid, "an id"),
        (UTCDateTime, "a time with its zone"),
        (Enum, "one of its choices"),
        (Boolean, "true or false"),
        (Integer, "a whole number"),
        (Float, "a number"),
        (String, "text of the right length"),
    ):
        if isinstance(kind, types):
            return said
    return "valid"


def check_references(table: Table, values: dict[str, Any], where: str, checked: Checked, key: Any) -> None:
    """Each reference names a row already checked; rows that point at each other share a person."""
    owner = next((values[name] for name in OWNER_COLUMNS if name in values), None)
    people_linked: set[uuid.UUID] = set()
    for column in table.columns:
        for reference in column.foreign_keys:
            target, value = reference.column.table.name, values[column.name]
            if value is None:
                continue
            if value not in checked.ids.get(target, set()):
                raise damaged(f"{where} refers to a missing row of {target} ({column.name})")
            if target == "people":
                people_linked.add(value)
                continue
            target_owner = checked.owners[target].get(value)
            if target_owner is None:
                linked = checked.members.get(value, set())
                if owner is not None and owner not in linked:
                    raise damaged(f"{where} belongs to someone outside the {target} row it refers to")
                continue
            if owner is None:
                owner = target_owner
            elif owner != target_owner:
                raise damaged(f"{where} belongs to another person than the {target} row it refers to")
    checked.owners.setdefault(table.name, {})[key] = owner
    if owner is None and people_linked:
        checked.members[key] = people_linked


def stage_audio(
    zf: zipfile.ZipFile, found: dict[str, zipfile.ZipInfo], staging_dir: Path, referenced: set[str]
) -> dict[str, Path]:
    """Each audio entry copied to a private staging file and checked against its hash; the
    caller removes the files. Audio that no memo refers to is refused."""
    staged: dict[str, Path] = {}
    try:
        for name, info in found.items():
            if not name.startswith(AUDIO_FOLDER):
                continue
            sha256 = name.removeprefix(AUDIO_FOLDER)
            if sha256 not in referenced:
                raise damaged(f"{name} belongs to no memo")
            path = staged[sha256] = new_staging_file(staging_dir)
            digest = hashlib.sha256()
            with path.open("wb") as file:
                copy(zf, info, file, digest)
            if digest.hexdigest() != sha256:
                raise damaged(f"{name} does not match its hash")
    except BaseException:
        discard(staged.values())
        raise
    return staged


def copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: IO[bytes], digest: Any) -> None:
    for chunk in chunks(zf, info):
        digest.update(chunk)
        file.write(chunk)


def discard(paths: Any) -> None:
    for path in paths:
        Path(path).unlink(missing_ok=True)
