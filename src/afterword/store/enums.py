"""Closed vocabularies shared by the models and the lean SQL path (standard library only)."""

from enum import StrEnum


class TriggerKind(StrEnum):
    TIME = "time"
    SITUATION = "situation"
    PERSON = "person"


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
