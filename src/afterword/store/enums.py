"""Closed vocabularies shared by the models, the CLI and the fast path of `afterword review`
(standard library only, so both paths of review import the same words)."""

from enum import StrEnum

from afterword.errors import Invalid

LOCAL_PERSON_NAME = "me"
"""The person CLI commands act for unless told otherwise (--as, AFTERWORD_PERSON)."""


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    NO_SPEECH = "no_speech"
    """Transcribed, but nothing in it was speech (see transcribe.speech_check): no insight."""


class TriggerKind(StrEnum):
    TIME = "time"
    SITUATION = "situation"
    PERSON = "person"


class ReminderText(StrEnum):
    """What a person's calendar events and alarms show, on a lock screen anyone nearby can read."""

    DISCREET = "discreet"
    """"Afterword: your plan", and nothing of the therapy."""
    HEADLINE = "headline"
    PLAN = "plan"
    """The plan's own words: "when Mom calls", "every thu 08:00"."""


class ReviewAnswer(StrEnum):
    HELPED = "helped"
    NOT_HELPED = "not_helped"
    SKIPPED = "skipped"


class MemoKind(StrEnum):
    """What a recording is for: an insight to work with, or a pattern moment (the week's data)."""

    INSIGHT = "insight"
    MOMENT = "moment"


class PartnershipStatus(StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    DECLINED = "declined"
    ENDED = "ended"


class RepairStatus(StrEnum):
    OWN = "own"
    """Set by a person for themselves."""
    PROPOSED = "proposed"
    AGREED = "agreed"
    COUNTERED = "countered"
    """The partner offered another phrase instead."""
    RETIRED = "retired"
    """Replaced by a newer phrase."""


class RecallAnswer(StrEnum):
    RECALLED = "recalled"
    PARTLY = "partly"
    NOT_YET = "not_yet"


CHARGE_RANGE = range(0, 11)
"""How charged an insight feels, 0 to 10."""

RECALL_WORDS: dict[str, str] = {
    RecallAnswer.RECALLED: "recalled",
    RecallAnswer.PARTLY: "partly",
    RecallAnswer.NOT_YET: "not yet",
}
"""How a recall answer reads in a sentence."""

ANSWER_KEYS = {"h": ReviewAnswer.HELPED, "n": ReviewAnswer.NOT_HELPED, "s": ReviewAnswer.SKIPPED}
"""The one key that answers "Did it help?"."""
ANSWER_WORDS = {
    ReviewAnswer.HELPED: "helped",
    ReviewAnswer.NOT_HELPED: "did not help",
    ReviewAnswer.SKIPPED: "skipped",
}
"""How an answer reads back to the person."""
ANSWER_NAMES = {
    "helped": ReviewAnswer.HELPED,
    "h": ReviewAnswer.HELPED,
    "not-helped": ReviewAnswer.NOT_HELPED,
    "not": ReviewAnswer.NOT_HELPED,
    "n": ReviewAnswer.NOT_HELPED,
    "skipped": ReviewAnswer.SKIPPED,
    "skip": ReviewAnswer.SKIPPED,
    "s": ReviewAnswer.SKIPPED,
}
"""What `--answer` takes."""


def parse_answer(text: str) -> ReviewAnswer:
    try:
        return ANSWER_NAMES[text.strip().lower()]
    except KeyError:
        raise Invalid(f"'{text}' is not an answer: use helped, not-helped or skipped") from None
