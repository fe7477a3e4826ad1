"""Own-words summaries as the doors show them, read in plain SQL through store.lean's Rows."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from afterword.errors import NotFound
from afterword.store.lean import Reader, Rows, as_json, as_utc, as_uuid
from afterword.store.thoughts import thought_insight_id


@dataclass(frozen=True)
class VersionView:
    version: int
    template: str
    answers: list[dict[str, str]]
    paragraph: str
    created_at: datetime


@dataclass(frozen=True)
class SummaryView:
    id: uuid.UUID
    insight_id: uuid.UUID
    headline: str
    captured_at: datetime
    paragraph: str
    version: int
    shared: bool
    updated_at: datetime


@dataclass(frozen=True)
class SummaryDetail(SummaryView):
    versions: list[VersionView]
    """Oldest first; the last is the current one."""


SUMMARY_SQL = (
    "SELECT s.id, s.insight_id, i.headline, i.captured_at, v.paragraph, v.version, s.shared, s.updated_at"
    " FROM summaries s JOIN insights i ON i.id = s.insight_id"
    " JOIN summary_versions v ON v.summary_id = s.id"
    " AND v.version = (SELECT max(version) FROM summary_versions WHERE summary_id = s.id)"
    " WHERE s.owner_id = :owner_id"
)
"""Each summary with its insight's headline and its current (newest) version."""


def summary_view(row: tuple[Any, ...]) -> SummaryView:
    summary_id, insight_id, headline, captured, paragraph, version, shared, updated = row
    return SummaryView(
        id=as_uuid(summary_id),
        insight_id=as_uuid(insight_id),
        headline=headline,
        captured_at=as_utc(captured),
        paragraph=paragraph,
        version=version,
        shared=bool(shared),
        updated_at=as_utc(updated),
    )


def version_views(rows: Rows, *, summary_id: uuid.UUID) -> list[VersionView]:
    """Oldest first."""
    found = rows.all(
        "SELECT version, template, answers, paragraph, created_at FROM summary_versions"
        " WHERE summary_id = :summary_id ORDER BY version",
        summary_id=summary_id,
    )
    return [VersionView(v, template, as_json(a), p, as_utc(at)) for v, template, a, p, at in found]


def summary_detail(rows: Rows, *, owner_id: uuid.UUID, summary_id: uuid.UUID) -> SummaryDetail | None:
    found = rows.all(f"{SUMMARY_SQL} AND s.id = :summary_id", owner_id=owner_id, summary_id=summary_id)
    if not found:
        return None
    versions = version_views(rows, summary_id=summary_id)
    return SummaryDetail(**vars(summary_view(found[0])), versions=versions)


def summary_views(db: Reader, *, owner_id: uuid.UUID) -> list[SummaryView]:
    """Most recently written first."""
    with db.rows() as rows:
        found = rows.all(f"{SUMMARY_SQL} ORDER BY s.updated_at DESC, s.id", owner_id=owner_id)
        return [summary_view(row) for row in found]


def find_summary_view(db: Reader, *, owner_id: uuid.UUID, ref: str) -> SummaryDetail:
    """By the summary's, its insight's or its memo's id, or their first characters (NotFound
    otherwise, naming the kinds of id it takes)."""
    with db.rows() as rows:
        insight_id = thought_insight_id(rows, owner_id=owner_id, ref=ref)
        found = rows.all(
            "SELECT id FROM summaries WHERE insight_id = :insight_id AND owner_id = :owner_id",
            insight_id=insight_id,
            owner_id=owner_id,
        )
        detail = summary_detail(rows, owner_id=owner_id, summary_id=as_uuid(found[0][0])) if found else None
        if detail is None:
            raise NotFound(f"{ref} has no summary yet: write one with `afterword reflect {ref}`")
        return detail


def current_answers(
    db: Reader, *, owner_id: uuid.UUID, summary_id: uuid.UUID | None, template: str
) -> list[str] | None:
    """The answers of the summary's newest version written with this template (None without
    one): an edit starts there. Another template's answers never are: they answer other questions."""
    if summary_id is None:
        return None
    with db.rows() as rows:
        found = rows.all(
            "SELECT v.answers FROM summary_versions v JOIN summaries s ON s.id = v.summary_id"
            " WHERE s.id = :summary_id AND s.owner_id = :owner_id AND v.template = :template"
            " ORDER BY v.version DESC LIMIT 1",
            summary_id=summary_id,
            owner_id=owner_id,
            template=template,
        )
        return [pair["answer"] for pair in as_json(found[0][0])] if found else None
