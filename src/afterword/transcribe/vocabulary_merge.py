"""A person's vocabulary, taken only where it was needed.

Given to the model, a vocabulary brings the person's own names and words into the transcript
(benchmarks/vocabulary.py: on synthesized sentences tiny.en heard 13 % of them without it and
68 % with it). But tiny.en also lets it bend plain speech: on the LibriSpeech set,
an unrelated vocabulary made it add "Thank you for watching, don't forget to subscribe" after
one clip as hotwords, and cut another clip short as a prompt (word error rate +16 and +6
points). So a memo of a person with a vocabulary is transcribed twice, without and with it, and
the two word sequences are aligned: where they differ, the stretch heard with the vocabulary
(word for word, where both stretches are as long) is taken only if it holds one of the person's
words that the plain stretch lacks. Everywhere else
the plain transcript stands, word for word, with its timings; with a vocabulary the memo never
says, the transcript is the one made without it.

Heard with a vocabulary, tiny.en sometimes writes two names with no space between them
("AbbieClaflin", from a backlog's batched call): such a word is split at the capital letter
before aligning, when one of its parts is a vocabulary word."""

import difflib
import re
from collections.abc import Sequence
from dataclasses import replace

from afterword.transcribe.results import SegmentResult, TranscriptResult, Word

MIN_KEY_CHARS = 3
"""Shorter parts of an entry ("Dr." of "Dr. Okonkwo") are too common to prove anything."""

FUSED = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where a word heard as "AbbieClaflin" joins its two."""


def word_key(word: str) -> str:
    """How words are compared: lower case letters and digits only ('Pursue-withdraw,' -> 'pursuewithdraw')."""
    return "".join(re.findall(r"[^\W_]+", word.lower()))


def vocabulary_keys(vocabulary: Sequence[str]) -> set[str]:
    """Each entry whole and each of its parts, as word_key makes them."""
    keys: set[str] = set()
    for entry in vocabulary:
        parts = re.split(r"[\s\-–/]+", entry)
        keys.update(word_key(part) for part in [entry, *parts])
    return {key for key in keys if len(key) >= MIN_KEY_CHARS}


def merge_vocabulary(
    plain: TranscriptResult, heard: TranscriptResult, vocabulary: Sequence[str]
) -> TranscriptResult:
    """The plain transcript, with the stretches the vocabulary brought in (see the module)."""
    plain_words = [(index, w) for index, s in enumerate(plain.segments) for w in s.words]
    keys = vocabulary_keys(vocabulary)
    heard_words = [part for s in heard.segments for w in s.words for part in split_fused(w, keys)]
    if not plain_words or not heard_words or any(not s.words for s in plain.segments):
        return replace(plain, processing_seconds=plain.processing_seconds + heard.processing_seconds)
    matcher = difflib.SequenceMatcher(
        a=[word_key(w.word) for _i, w in plain_words],
        b=[word_key(w.word) for w in heard_words],
        autojunk=False,
    )
    merged: list[tuple[int, Word]] = []
    changed: set[int] = set()
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        ours = plain_words[a0:a1]
        theirs = [(segment_of(plain.segments, w), w) for w in heard_words[b0:b1]]
        if tag == "equal":
            merged.extend(ours)
            continue
        # Word for word where both stretches are as long, else each stretch as a whole.
        stretches = (
            [([o], [t]) for o, t in zip(ours, theirs, strict=True)]
            if len(ours) == len(theirs)
            else [(ours, theirs)]
        )
        for mine, other in stretches:
            taken = other if brings_a_word(other, mine, keys) else mine
            merged.extend(taken)
            if taken is other:
                changed.update(index for index, _w in mine + other)
    if not changed:
        return replace(plain, processing_seconds=plain.processing_seconds + heard.processing_seconds)
    segments = regroup(plain.segments, merged, changed)
    return replace(
        plain,
        text=" ".join(s.text for s in segments if s.text),
        segments=tuple(segments),
        processing_seconds=plain.processing_seconds + heard.processing_seconds,
    )


def split_fused(word: Word, keys: set[str]) -> list[Word]:
    """The word, or its parts where vocabulary words were heard as one (see the module), each
    with a share of its time as long as its letters."""
    parts = FUSED.split(word.word)
    if len(parts) < 2 or not any(word_key(part) in keys for part in parts):
        return [word]
    lead = word.word[: len(word.word) - len(word.word.lstrip())]
    texts = [parts[0], *(lead + part for part in parts[1:])]
    per_letter = (word.end - word.start) / sum(len(text.strip()) for text in texts)
    pieces, start = [], word.start
    for text in texts:
        end = start + per_letter * len(text.strip())
        pieces.append(Word(text, round(start, 3), round(end, 3), word.probability))
        start = end
    return pieces


def brings_a_word(theirs: list[tuple[int, Word]], ours: list[tuple[int, Word]], keys: set[str]) -> bool:
    """True when the stretch heard with the vocabulary holds one of its words that ours lacks."""
    found = {word_key(w.word) for _i, w in theirs} & keys
    return bool(found - {word_key(w.word) for _i, w in ours})


def segment_of(segments: Sequence[SegmentResult], word: Word) -> int:
    """The plain segment a word from the other transcript belongs in: the one its middle falls
    in, else the nearest."""
    middle = (word.start + word.end) / 2

    def distance(index: int) -> float:
        segment = segments[index]
        return max(segment.start - middle, 0.0, middle - segment.end)

    return min(range(len(segments)), key=distance)


def regroup(
    segments: Sequence[SegmentResult], merged: list[tuple[int, Word]], changed: set[int]
) -> list[SegmentResult]:
    """The plain segments, the changed ones with their merged words (dropped if none is left)."""
    words: dict[int, list[Word]] = {}
    for index, word in merged:
        words.setdefault(index, []).append(word)
    return [
        replace(segment, text="".join(w.word for w in words[index]).strip(), words=tuple(words[index]))
        if index in changed
        else segment
        for index, segment in enumerate(segments)
        if index in words
    ]
