"""The ids people type at the command line: the short ones the CLI prints, or any first
characters of an id (store.views.ids finds the one row that starts so). A thought may be named by
any of its ids: its insight's, its memo's (which `add` and `list` show) or its summary's.
Everything behind the door takes whole ids."""

import uuid

from afterword.reflect.summary_views import NoSummaryYet
from afterword.store.reading import Reader
from afterword.store.views.ids import Kind, id_by_prefix, thought_by_prefix
from afterword.store.views.summaries import summary_of_insight


def row_id(reader: Reader, kind: Kind, ref: str) -> uuid.UUID:
    """The reader's memo, session, plan, moment, appreciation, check-in or mark whose id starts so."""
    with reader.reads() as reads:
        return id_by_prefix(reads, kind, ref)


def insight_id(reader: Reader, ref: str) -> uuid.UUID:
    """The insight of the thought any of its ids (or their first characters) names."""
    with reader.reads() as reads:
        return thought_by_prefix(reads, ref)


def summary_id(reader: Reader, ref: str) -> uuid.UUID:
    """The summary of the thought any of its ids names; NoSummaryYet when it has none."""
    with reader.reads() as reads:
        found = summary_of_insight(reads, insight_id=thought_by_prefix(reads, ref))
    if found is None:
        raise NoSummaryYet(ref)
    return found
