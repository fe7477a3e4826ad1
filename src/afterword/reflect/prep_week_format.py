"""The week's practices as sections of the pre-session note. The method's questions are
answered from what was captured; nothing is counted as missed, nothing is a streak, and each
plan ends with the same open question."""

from datetime import datetime

from afterword.reflect.prep_week import WeekPractices
from afterword.reflect.recall import RECALL_DAYS
from afterword.reflect.when import format_moment
from afterword.store.enums import RECALL_WORDS

ASK = "Did this practice feel useful, or should we adjust it?"
EASIER = "How can we make this easier to remember?"
MOMENT_SECTIONS = (
    ("felt", "What I felt"),
    ("tried", "What I tried"),
    ("stuck", "Where it got stuck"),
    ("helped", "What helped, even a little"),
)


VOICE_WITHOUT_TEXT = {
    "no_speech": "(a voice note in which no speech was heard)",
    "failed": "(a voice note that could not be transcribed)",
}


def times(moments: list[datetime]) -> str:
    return ", ".join(format_moment(m) for m in moments)


def pattern_sections(week: WeekPractices) -> list[tuple[str, list[str]]]:
    """When the pattern showed up, and the method's questions answered from the moments."""
    shown = []
    for m in week.moments:
        said = m.text or VOICE_WITHOUT_TEXT.get(m.status or "", "(a voice note, still being transcribed)")
        happened = f" (what happened: {m.answers['what_happened']})" if m.answers.get("what_happened") else ""
        shown.append(f"{format_moment(m.happened_at)}: {said}{happened}")
    found = [("When the pattern showed up", shown)]
    for field, title in MOMENT_SECTIONS:
        found.append(
            (
                title,
                [
                    f"{format_moment(m.happened_at)}: {m.answers[field]}"
                    for m in week.moments
                    if m.answers.get(field)
                ],
            )
        )
    return found


def appreciation_lines(week: WeekPractices) -> list[str]:
    mine = [
        f"I appreciated: “{a.text}”"
        + (f" (sent to {a.person})" if a.person else " (sent)" if a.sent else " (kept to myself)")
        for a in week.appreciations
    ]
    return mine + [f"{a.person} appreciated: “{a.text}”" for a in week.received]


def checkin_lines(week: WeekPractices) -> list[str]:
    held = []
    for c in week.checkins_held:
        asked = f" My question: “{c.question}”" if c.question else ""
        line = f" {c.note}" if c.note else ""
        held.append(f"Held {format_moment(c.at)}.{asked}{line}")
    return held + [f"Planned: {format_moment(at)}" for at in week.checkins_planned]


def repair_lines(week: WeekPractices) -> list[str]:
    if week.repair is None:
        return []
    agreed = f" (agreed with {week.repair.agreed_with})" if week.repair.agreed_with else ""
    lines = [f"“{week.repair.phrase}”{agreed}"]
    if week.repair.uses:
        lines.append(f"I reached for it: {times(week.repair.uses)}")
    return lines


def ritual_lines(week: WeekPractices) -> list[str]:
    if week.ritual is None:
        return []
    when = f": {times(week.ritual.happened)}" if week.ritual.happened else ""
    return [f"{week.ritual.text}{when}"]


def recall_charge_lines(week: WeekPractices) -> list[str]:
    by_insight: dict[str, list[str]] = {}
    for r in week.recalls:
        when = f"day {r.day}" if r.day else "before reading it again"
        by_insight.setdefault(r.headline, []).append(f"{RECALL_WORDS.get(r.answer, r.answer)} ({when})")
    lines = [f"Recalling “{headline}”: {', '.join(tries)}" for headline, tries in by_insight.items()]
    for c in week.charges:
        start = f"{c.at_capture} at capture" if c.at_capture is not None else "not rated at capture"
        later = f", then {', '.join(map(str, c.at_reviews))} when re-read" if c.at_reviews else ""
        lines.append(f"How charged “{c.headline}” felt: {start}{later}")
    return lines


def mark_lines(week: WeekPractices) -> list[str]:
    return [
        f"{m.marked_at.astimezone().strftime('%H:%M')}: "
        + (f"“{m.headline}”" if m.headline else "still open")
        for m in week.marks
    ]


def practice_questions(week: WeekPractices, plans: list[tuple[str, int]]) -> list[str]:
    """One question per plan (plans: each re-reading plan with how often it was re-read)."""
    asks = [f"{plan}: {ASK}" + ("" if reviews else f" {EASIER}") for plan, reviews in plans]
    if week.checkins_held or week.checkins_planned:
        asks.append(f"Check-ins: {ASK}")
    if week.repair is not None:
        asks.append(f"The repair phrase “{week.repair.phrase}”: {ASK}")
    if week.ritual is not None:
        asks.append(f"Protecting {week.ritual.text}: {ASK}")
    if week.recall_checks:
        days = ", ".join(map(str, RECALL_DAYS[:-1])) + f" and {RECALL_DAYS[-1]}"
        asks.append(f"Recall checks on days {days}: {ASK}")
    return asks


def week_sections(week: WeekPractices) -> list[tuple[str, list[str]]]:
    """(title, items) in the note's order; sections without items are left out by the caller."""
    return [
        *pattern_sections(week),
        ("Appreciations", appreciation_lines(week)),
        ("Check-ins", checkin_lines(week)),
        ("Our repair phrase", repair_lines(week)),
        ("What we protected", ritual_lines(week)),
        ("Marked in the session", mark_lines(week)),
        ("Recall and charge", recall_charge_lines(week)),
    ]
