"""The pre-session note as Markdown, HTML or JSON. Written in the first person: it is the
person's note to bring, and it says what happened without judging it."""

import html
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from afterword.controls import visible
from afterword.reflect.prep import PrepNote, SummaryItem
from afterword.reflect.prep_week_format import practice_questions, week_sections
from afterword.reflect.when import format_after, format_moment

FORMATS = ("md", "html", "json")
ANSWER_LABELS = {"helped": "helped", "not_helped": "did not help", "skipped": "skipped", "none": "no answer"}
NOT_ANSWERED = "(not answered yet)"


def readings(count: int, answers: dict[str, int]) -> str:
    """'re-read 3 times: helped 2, did not help 1' (or 'not re-read yet')."""
    if not count:
        return "not re-read yet"
    told = ", ".join(f"{ANSWER_LABELS[k]} {v}" for k, v in sorted(answers.items()) if v)
    return f"re-read {count} time{'s' if count != 1 else ''}: {told}"


def week_line(note: PrepNote) -> str:
    since = (
        f"since the session of {format_moment(note.session_at)}"
        if note.session_at
        else "over the last seven days (no session on record yet)"
    )
    coming = f" Next session: {format_moment(note.next_session_at)}." if note.next_session_at else ""
    return f"The week {since}, to {format_moment(note.week_end)}.{coming}"


@dataclass(frozen=True)
class Section:
    title: str
    items: list[str]
    lead: str | None = None
    """A sentence before the items."""


def sections(note: PrepNote) -> list[Section]:
    """The note's sections in order; an empty one says so gently, or is left out."""
    found = [
        Section("This week's focus", [note.focus or "No focus set this week."]),
        Section(
            "What I captured",
            [
                f"“{c.headline}”: {format_moment(c.captured_at)}, {format_after(c.minutes_after_session)}"
                for c in note.captures
            ]
            or ["Nothing captured this week."],
        ),
        Section("In my own words", [summary_text(s) for s in note.summaries] or ["No summaries this week."]),
        Section(
            "My plans and how they went",
            [f"{t.plan} → “{t.headline}”: {readings(t.reviews, t.answers)}" for t in note.triggers]
            or ["No plans this week."],
        ),
        *(Section(title, items) for title, items in week_sections(note.practices)),
        Section("Harder moments", [" ".join(f"{q.ask} {q.answer}" for q in m) for m in note.hard_moments]),
        Section("For the session", [f"{q.ask} {q.answer or NOT_ANSWERED}" for q in note.questions]),
        Section(
            "About the practices",
            practice_questions(
                note.practices, [(f"{t.plan} → “{t.headline}”", t.reviews) for t in note.triggers]
            ),
        ),
        Section(
            "Still waiting for my own words",
            [f"“{c.headline}” ({format_moment(c.captured_at)})" for c in note.waiting],
            lead="No rush: these can come to the session as they are.",
        ),
    ]
    if note.partner:
        found.append(
            Section(
                f"Shared by {note.partner}",
                [f"“{s.headline}” {s.paragraph}" for s in note.shared] or ["Nothing shared this week."],
            )
        )
    return [section for section in found if section.items]


def summary_text(item: SummaryItem) -> str:
    version = f", version {item.version}" if item.version > 1 else ""
    return f"“{item.headline}” {item.paragraph} ({readings(item.reviews, item.answers)}{version})"


def to_markdown(note: PrepNote) -> str:
    lines = [f"# Before my next session: {note.person}", "", week_line(note)]
    for section in sections(note):
        lines += ["", f"## {section.title}", ""]
        if section.lead:
            lines += [section.lead, ""]
        lines += [f"- {item}" for item in section.items]
    return "\n".join(lines) + "\n"


def to_html(note: PrepNote) -> str:
    """A standalone page (no scripts, no outside resources) to print or keep."""
    esc = html.escape
    body = [f"<h1>Before my next session: {esc(note.person)}</h1>", f"<p>{esc(week_line(note))}</p>"]
    for section in sections(note):
        lead = f"<p>{esc(section.lead)}</p>" if section.lead else ""
        items = "".join(f"<li>{esc(item)}</li>" for item in section.items)
        body.append(f"<h2>{esc(section.title)}</h2>{lead}<ul>{items}</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Before my next session: {esc(note.person)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
        "li{margin:.4em 0}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def to_data(note: PrepNote) -> dict[str, Any]:
    """Plain JSON data; times as ISO 8601 with their offset. `sections` is the note as written,
    for a screen to show as it is."""
    data = {**asdict(note), "sections": [asdict(section) for section in sections(note)]}
    plain: dict[str, Any] = json.loads(
        json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v))
    )
    return plain


JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}
"""DEL and C1, which json.dumps leaves as they are when it keeps non-ASCII text."""


def render(note: PrepNote, fmt: str) -> str:
    """The note in a format. Whatever is stored (an old row, an import from before the doors
    refused control characters) cannot act on the terminal or editor that shows the file: in
    Markdown and HTML each control character is shown as its picture; JSON escapes them all."""
    if fmt == "html":
        return visible(to_html(note))
    if fmt == "json":
        return (json.dumps(to_data(note), indent=2, ensure_ascii=False) + "\n").translate(JSON_ESCAPES)
    return visible(to_markdown(note))
