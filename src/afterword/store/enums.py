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
