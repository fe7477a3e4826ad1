"""Transcribing several memos at once. It knows no database: it takes samples and options and
reports each memo's outcome (a transcript, or the error that memo alone raised) as soon as it is
known.

Memos that share their options go through one batched call (see windows.py), so a backlog pays
for one pass over all its windows instead of one per memo. A memo longer than
batch_above_seconds is transcribed alone (the engine batches its own windows), and a lone memo
goes straight through the engine. Should a batched call itself raise, its memos are transcribed
again one at a time, so only a memo that fails alone is failed."""

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from afterword.audio import SAMPLE_RATE
from afterword.transcribe.engine import ProgressCallback, WhisperEngine
from afterword.transcribe.results import TranscribeOptions, TranscriptResult
from afterword.transcribe.windows import transcribe_together

logger = logging.getLogger(__name__)

Key = TypeVar("Key")
Outcome = TranscriptResult | Exception
"""A memo's transcript, or the error its transcription raised."""


@dataclass(frozen=True)
class Piece(Generic[Key]):
    """One memo to transcribe: whatever the caller knows it by, its samples and options."""

    key: Key
    audio: np.ndarray
    options: TranscribeOptions


def transcribe_pieces(
    engine: WhisperEngine,
    pieces: Sequence[Piece[Key]],
    on_outcome: Callable[[Key, Outcome], None],
    on_progress: ProgressCallback | None = None,
) -> None:
    """Transcribe every piece, calling on_outcome once per piece as soon as its outcome is known.
    on_progress hears about a piece transcribed by itself (seconds of its audio done)."""
    together: dict[TranscribeOptions, list[Piece[Key]]] = defaultdict(list)
    for piece in pieces:
        if len(pieces) == 1 or len(piece.audio) / SAMPLE_RATE > engine.config.batch_above_seconds:
            on_outcome(piece.key, transcribe_alone(engine, piece, on_progress))
        else:
            together[piece.options].append(piece)
    for options, group in together.items():
        for key, outcome in transcribe_group(engine, group, options):
            on_outcome(key, outcome)


def transcribe_group(
    engine: WhisperEngine, group: list[Piece[Key]], options: TranscribeOptions
) -> list[tuple[Key, Outcome]]:
    """One batched call for the group, or one call each if the batched call fails."""
    if len(group) == 1:
        return [(group[0].key, transcribe_alone(engine, group[0]))]
    try:
        results = transcribe_together(engine, [piece.audio for piece in group], options)
    except Exception as error:
        logger.warning(
            "batched call for %d memos failed (%s); transcribing them one at a time",
            len(group),
            type(error).__name__,
        )
        return [(piece.key, transcribe_alone(engine, piece)) for piece in group]
    return [(piece.key, result) for piece, result in zip(group, results, strict=True)]


def transcribe_alone(
    engine: WhisperEngine, piece: Piece[Key], on_progress: ProgressCallback | None = None
) -> Outcome:
    """One memo through the engine by itself; its error, if it raises, is its outcome."""
    try:
        return engine.transcribe(piece.audio, options=piece.options, on_progress=on_progress)
    except Exception as error:
        return error
