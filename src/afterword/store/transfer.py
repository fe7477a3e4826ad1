"""Backup and moving: every row as JSON plus the audio, in one versioned zip.

`afterword export FILE` writes it; `afterword import FILE` loads it into an empty database of
either kind, so SQLite to PostgreSQL and back gives identical content."""

import enum
import hashlib
import json
import uuid
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Enum, Integer, Table, Uuid, func, insert, select, text
from sqlalchemy.orm import Session

from afterword.errors import Invalid
from afterword.store.blobs import new_staging_file
from afterword.store.db import ensure_private_file
from afterword.store.models import AudioBlob, Base, Memo, SigninCode, UTCDateTime
from afterword.store.storage import Storage

FORMAT = "afterword-export"
VERSION = 1
AUDIO_FOLDER = "audio/"
# Audio goes in as files, whichever backend held it; sign-in codes live minutes and stay behind.
LEFT_OUT = {AudioBlob.__tablename__, SigninCode.__tablename__}
TABLES = [t for t in Base.metadata.sorted_tables if t.name not in LEFT_OUT]


class TransferError(Invalid):
    pass


def to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def from_json(table: Table, column_name: str, value: Any) -> Any:
    column_type = table.c[column_name].type
    if value is None:
        return None
    if isinstance(column_type, Uuid):
        return uuid.UUID(value)
    if isinstance(column_type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        return column_type.enum_class(value)
    return value


def export_zip(storage: Storage, target: Path) -> dict[str, int]:
    """Write every row and every memo's audio; returns row counts by table."""
    counts: dict[str, int] = {}
    ensure_private_file(target)  # 0600 before the first byte: it holds everyone's words
    with storage.db.read() as session, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in TABLES:
            rows = [
                {key: to_json(value) for key, value in row._mapping.items()}
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            zf.writestr(f"tables/{table.name}.json", json.dumps(rows, ensure_ascii=False))
            counts[table.name] = len(rows)
        for sha256 in session.scalars(select(Memo.sha256).distinct().order_by(Memo.sha256)):
            data = storage.blobs.read(session, sha256)
            if data is not None:
                zf.writestr(AUDIO_FOLDER + sha256, data, compress_type=zipfile.ZIP_STORED)
        zf.writestr("manifest.json", json.dumps({"format": FORMAT, "version": VERSION, "rows": counts}))
    return counts


def import_zip(storage: Storage, source: Path) -> dict[str, int]:
    """Load an export into this (empty) database, in one transaction."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        raise TransferError("This is not an Afterword export (not a zip file).") from error
    with archive as zf:
        check_manifest(zf)
        with storage.db.write() as session:
            refuse_if_not_empty(session)
            counts = {table.name: insert_rows(session, table, zf) for table in TABLES}
            for name in zf.namelist():
                if name.startswith(AUDIO_FOLDER):
                    sha256, data = name.removeprefix(AUDIO_FOLDER), zf.read(name)
                    if hashlib.sha256(data).hexdigest() != sha256:
                        raise TransferError(f"The export is damaged: {name} does not match its hash.")
                    staged = new_staging_file(storage.blobs.staging_dir)
                    staged.write_bytes(data)
                    storage.blobs.put(session, staged, sha256)
            reset_sequences(session)
    return counts


def check_manifest(zf: zipfile.ZipFile) -> None:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise TransferError("This is not an Afterword export (no manifest).") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise TransferError(f"This export is version {manifest.get('version')}; expected {VERSION}.")


def refuse_if_not_empty(session: Session) -> None:
    for table in TABLES:
        if session.scalar(select(func.count()).select_from(table)):
            raise TransferError("The database already holds data; import into an empty one.")


def insert_rows(session: Session, table: Table, zf: zipfile.ZipFile) -> int:
    rows = json.loads(zf.read(f"tables/{table.name}.json"))
    if rows:
        session.execute(
            insert(table),
            [{key: from_json(table, key, value) for key, value in row.items()} for row in rows],
        )
    return len(rows)


def reset_sequences(session: Session) -> None:
    """PostgreSQL's id sequences must continue after the imported ids."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement:
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
