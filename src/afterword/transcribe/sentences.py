"""Sentences from word timings, to hear one again; and word timings for a corrected text.

A transcript's segments are the model's windows of decoding: a sentence may run over two of them,
or a segment hold two sentences. The sentences are cut from the words themselves, at a word that
ends in . ? or !, across segment boundaries. Each one's span is where to play it: a little
before its first word and after its last (word timings start late and end early by a few tens of
milliseconds), but never into the neighbouring sentence's words.

    >>> words = [(" I", 0.0, 0.2), (" exist.", 0.2, 0.8), (" Sir?", 1.6, 2.0)]
    >>> [(s.text, s.start, s.end) for s in split_sentences([words], duration=2.5)]
    [('I exist.', 0.0, 1.1), ('Sir?', 1.45, 2.3)]
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

SENTENCE_ENDS = (".", "?", "!")
CLOSING = "\"')]”’"
PAD_BEFORE_SECONDS = 0.15
PAD_AFTER_SECONDS = 0.3

TimedWord = tuple[str, float, float]
"""A word as the model wrote it (with its leading space), its start and its end in seconds."""


@dataclass(frozen=True)
class Sentence:
    number: int
    """1 for the first sentence of the memo."""
    start: float
    end: float
    """The span to play, in seconds of the memo's audio."""
    text: str
    words: tuple[TimedWord, ...]
    segments: tuple[int, ...]
    """The positions of the segments the sentence has words in."""


class Timed(Protocol):
    """A stretch of transcript with its time (a segment, as stored or as viewed)."""

    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def text(self) -> str: ...


class StoredSegment(Timed, Protocol):
    @property
    def words(self) -> list[dict[str, Any]]: ...


def transcript_sentences(segments: Sequence[StoredSegment], *, duration: float) -> list[Sentence]:
    """The sentences of a stored transcript's segments, in a memo `duration` seconds long."""
    return split_sentences(
        [segment_words(s.words, s.text, s.start, s.end) for s in segments], duration=duration
    )


def segment_words(words: Sequence[dict[str, Any]], text: str, start: float, end: float) -> list[TimedWord]:
    """A stored segment's words; a segment stored without word timings counts as one word."""
    if not words:
        return [(" " + text, start, end)] if text.strip() else []
    return [(w["word"], float(w["start"]), float(w["end"])) for w in words]


def ends_sentence(word: str) -> bool:
    return word.strip().rstrip(CLOSING).endswith(SENTENCE_ENDS)


def split_sentences(segments: Sequence[Sequence[TimedWord]], *, duration: float) -> list[Sentence]:
    """The sentences of a transcript, given each segment's words in order."""
    groups: list[list[tuple[int, TimedWord]]] = [[]]
    for position, words in enumerate(segments):
        for word in words:
            groups[-1].append((position, word))
            if ends_sentence(word[0]):
                groups.append([])
    groups = [group for group in groups if group]
    sentences = []
    for index, group in enumerate(groups):
        words = tuple(word for _p, word in group)
        first, last = words[0][1], words[-1][2]
        # Halfway to the neighbouring sentences' words at most; the memo's ends otherwise.
        lowest = (groups[index - 1][-1][1][2] + first) / 2 if index > 0 else 0.0
        highest = (last + groups[index + 1][0][1][1]) / 2 if index + 1 < len(groups) else max(duration, last)
        sentences.append(
            Sentence(
                number=index + 1,
                start=round(max(first - PAD_BEFORE_SECONDS, lowest), 3),
                end=round(min(last + PAD_AFTER_SECONDS, highest), 3),
                text="".join(word[0] for word in words).strip(),
                words=words,
                segments=tuple(sorted({position for position, _w in group})),
            )
        )
    return sentences


def key(word: str) -> str:
    return "".join(re.findall(r"[^\W_]+", word.lower()))


def retime_words(
    old: Sequence[dict[str, Any]], text: str, *, start: float, end: float
) -> list[dict[str, Any]]:
    """Word timings for a corrected segment text: a word the person kept keeps its timing; new
    words share the time of the words they replaced (or the gap they went into), by length."""
    tokens = text.split()
    matcher = difflib.SequenceMatcher(
        a=[key(w["word"]) for w in old], b=[key(t) for t in tokens], autojunk=False
    )
    timed: list[dict[str, Any]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            timed += [{**w, "word": " " + t} for w, t in zip(old[a0:a1], tokens[b0:b1], strict=True)]
            continue
        if a0 < a1:
            span = (float(old[a0]["start"]), float(old[a1 - 1]["end"]))
        else:
            span = (
                float(old[a0 - 1]["end"]) if a0 else start,
                float(old[a0]["start"]) if a0 < len(old) else end,
            )
        timed += spread(tokens[b0:b1], *span)
    return timed


def spread(tokens: Sequence[str], start: float, end: float) -> list[dict[str, Any]]:
    """The tokens laid over [start, end], each as long as its share of the characters."""
    total = sum(len(t) for t in tokens) or 1
    laid, at = [], start
    for token in tokens:
        length = (end - start) * len(token) / total
        laid.append(
            {"word": " " + token, "start": round(at, 3), "end": round(at + length, 3), "probability": 1.0}
        )
        at += length
    return laid
