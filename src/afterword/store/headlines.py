"""An insight's headline: the sentence that landed, picked from what the person said."""

import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]


def pick_headline(text: str) -> str:
    """The sentence that landed: the longest sentence by words (the whole text if it is one)."""
    sentences = split_sentences(text)
    if not sentences:
        return text.strip()
    return max(sentences, key=lambda s: len(s.split()))
