"""What belongs to the week as a whole: the focus, and the answers given about the week."""

from dataclasses import dataclass
from datetime import datetime

from afterword.store.queries import queries
from afterword.store.reading import Reads, as_json, as_utc

SQL = queries("week")


@dataclass(frozen=True)
class FocusView:
    text: str
    set_at: datetime


@dataclass(frozen=True)
class WeekAnswers:
    """Answers to one week template: [{"ask", "answer"}, ...] in the order asked."""

    answers: list[dict[str, str]]
    created_at: datetime


def newest_focus(reads: Reads, *, since: datetime) -> FocusView | None:
    """The newest focus the reader set since then."""
    found = reads.rows.all(SQL["newest_focus"], person_id=reads.person_id, since=since)
    return FocusView(found[0][0], as_utc(found[0][1])) if found else None


def week_answers(reads: Reads, *, since: datetime, template: str) -> list[WeekAnswers]:
    """The reader's answers to the week template since then, oldest first."""
    found = reads.rows.all(SQL["week_reflections"], person_id=reads.person_id, since=since, template=template)
    return [WeekAnswers(as_json(answers), as_utc(at)) for answers, at in found]
