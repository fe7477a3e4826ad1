"""Word error rate after normalising case, punctuation and a few spelling variants."""

import re

import jiwer

SPELLINGS = {"mister": "mr", "missus": "mrs", "okay": "ok"}


def normalise(text: str) -> str:
    words = re.sub(r"[^\w\s']", " ", text.lower()).replace("'", "").split()
    return " ".join(SPELLINGS.get(word, word) for word in words)


def word_error_rate(reference: str, hypothesis: str) -> float:
    return jiwer.wer(normalise(reference), normalise(hypothesis))


def corpus_word_error_rate(references: list[str], hypotheses: list[str]) -> float:
    return jiwer.wer([normalise(r) for r in references], [normalise(h) for h in hypotheses])
