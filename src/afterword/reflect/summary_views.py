"""Own-words summaries as the doors show them (store.views.summaries reads them)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from afterword.errors import NotFound
from afterword.store.reading import Reader
from afterword.store.views import summaries as stored

NO_SUCH_SUMMARY = "No such summary."


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


class NoSummaryYet(NotFound):
    """The insight (as `ref` named it) has no summary yet: each door says how to write one."""

    def __init__(self, ref: str) -> None:
        super().__init__(f"{ref} has no summary yet")
        self.ref = ref


def summary_views(reader: Reader) -> list[SummaryView]:
    """Most recently written first."""
    with reader.reads() as reads:
        return [SummaryView(**vars(record)) for record in stored.summaries(reads)]


def summary_detail(reader: Reader, *, summary_id: uuid.UUID) -> SummaryDetail:
    """The summary with every version (NotFound when the reader has no such summary)."""
    with reader.reads() as reads:
        found = stored.summary(reads, summary_id=summary_id)
        if found is None:
            raise NotFound(NO_SUCH_SUMMARY)
        kept = stored.versions(reads, summary_id=summary_id)
    return SummaryDetail(**vars(found), versions=[VersionView(**vars(v)) for v in kept])


def current_answers(reader: Reader, *, summary_id: uuid.UUID | None, template: str) -> list[str] | None:
    """The answers of the summary's newest version written with this template (None without
    one): an edit starts there. Another template's answers never are: they answer other questions."""
    if summary_id is None:
        return None
    with reader.reads() as reads:
        found = stored.newest_answers(reads, summary_id=summary_id, template=template)
    return None if found is None else [pair["answer"] for pair in found]
