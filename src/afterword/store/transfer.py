"""Backup and moving: every row as JSON plus the audio, in one versioned zip.

`afterword export FILE` writes it; `afterword import FILE` loads it into an empty database of
either kind, so SQLite to PostgreSQL and back gives identical content."""

import enum
import json
import uuid
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Table, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from afterword.paths import ensure_private_file
from afterword.store.blobs import FolderBlobStore
from afterword.store.db import Database
from afterword.store.import_checks import (
    AUDIO_FOLDER,
    TransferError,
    check_manifest,
    check_tables,
    damaged,
    discard,
    entries,
    stage_audio,
)
from afterword.store.models import AudioBlob, Base, Memo, SigninCode, WorkerSeen

FORMAT = "afterword-export"
VERSION = 1
# Audio goes in as files, whichever backend held it; sign-in codes live minutes and stay behind,
# and so do the workers this server has seen (the machine's, nobody's data).
LEFT_OUT = {AudioBlob.__tablename__, SigninCode.__tablename__, WorkerSeen.__tablename__}
TABLES = [t for t in Base.metadata.sorted_tables if t.name not in LEFT_OUT]

__all__ = ["TransferError", "export_zip", "import_zip"]


def to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def export_zip(db: Database, target: Path) -> dict[str, int]:
    """Write every row and every memo's audio; returns row counts by table."""
    counts: dict[str, int] = {}
    ensure_private_file(target)  # 0600 before the first byte: it holds everyone's words
    with db.read() as session, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in TABLES:
            rows = [
                {key: to_json(value) for key, value in row._mapping.items()}
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            zf.writestr(f"tables/{table.name}.json", json.dumps(rows, ensure_ascii=False))
            counts[table.name] = len(rows)
        for sha256 in session.scalars(select(Memo.sha256).distinct().order_by(Memo.sha256)):
            data = db.blobs.read(session, sha256)
            if data is not None:
                zf.writestr(AUDIO_FOLDER + sha256, data, compress_type=zipfile.ZIP_STORED)
        zf.writestr("manifest.json", json.dumps({"format": FORMAT, "version": VERSION, "rows": counts}))
    return counts


def import_zip(db: Database, source: Path) -> dict[str, int]:
    """Load an export into this (empty) database, in one transaction. Everything is checked
    first (store.import_checks); a refused import leaves no row and no audio file behind."""
    try:
        archive = zipfile.ZipFile(source)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as error:
        raise TransferError("This is not an Afterword export (not a zip file).") from error
    with archive as zf:
        found = entries(zf, [table.name for table in TABLES], db.settings.max_upload_bytes)
        counts = check_manifest(zf, found, FORMAT, VERSION)
        checked = check_tables(zf, found, TABLES, counts)
        with db.read() as session:
            refuse_if_not_empty(session)
        referenced = {row["sha256"] for row in checked.rows[Memo.__tablename__]}
        staged = stage_audio(zf, found, db.blobs.staging_dir, referenced)
    placed: list[str] = []
    try:
        with db.write() as session:
            refuse_if_not_empty(session)
            for table in TABLES:
                insert_rows(session, table, checked.rows[table.name])
            for sha256, path in staged.items():
                if not db.blobs.exists(session, sha256):
                    placed.append(sha256)
                db.blobs.put(session, path, sha256)
            reset_sequences(session)
    except BaseException:
        # A folder's files are in place before the commit: take back the ones this import put.
        if isinstance(db.blobs, FolderBlobStore):
            discard(db.blobs.path_for(sha256) for sha256 in placed)
        raise
    finally:
        discard(staged.values())
    return {name: len(rows) for name, rows in checked.rows.items()}


def refuse_if_not_empty(session: Session) -> None:
    for table in TABLES:
        if session.scalar(select(func.count()).select_from(table)):
            raise TransferError("The database already holds data; import into an empty one.")


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    try:
        session.execute(insert(table), rows)
    except SQLAlchemyError as error:
        # The rows were checked one by one; what is left is a rule across rows (a name twice).
        raise damaged(f"the rows of {table.name} break a rule of the database (a value twice?)") from error


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
