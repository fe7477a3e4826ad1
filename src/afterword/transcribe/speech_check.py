"""Was anything said? A judgement on a finished transcript, before it becomes an insight.

Noise in a car, a hum, a pocket: the voice detector (VAD) usually finds no speech and the
transcript is empty; when something gets past it, Whisper writes one of its stock phrases or a
line it is unsure of. A memo is judged "no speech heard" when it has no words at all, or when
every one of its segments looks like one of these:

- stock phrases: every clause of the segment is one of the lines Whisper writes on silence
  ("Thank you.", "Thanks for watching, and please subscribe!", "You", "Subtitles by ...");
- the model itself thinks nobody spoke and is unsure of its words: no_speech_prob at least
  NO_SPEECH_PROB and avg_logprob at most UNSURE_LOGPROB;
- a repetition loop: compression_ratio above MAX_COMPRESSION_RATIO (the ratio at which
  faster-whisper itself retries a window at a higher temperature).

One good segment is enough for a memo to count as speech, so a real memo keeps every word of its
transcript, a doubtful segment included.

Measured with the bundled tiny.en (int8, beam 5, VAD on), both decoding paths:
- 60 real recordings (../shared/audio: jfk, LibriSpeech incl. 8 kHz, LJSpeech, LibriVox, AMI;
  samples/): no segment above no_speech_prob 0.854 (LJ001-0007, avg_logprob -0.616), no
  avg_logprob below -1.051 (the 8 kHz LibriSpeech clip), no compression ratio above 1.49;
- 188 cuts of 1 to 2 s from them (mid-word cuts included): the most speech-unlike segment had
  no_speech_prob 0.732 at avg_logprob -0.863 (sequential) or -1.335 (batched); one cut of the
  AMI clip came out as the stock phrase "Thank you." and is judged no speech;
- pink, brown and white noise, 50/60/100 Hz hum and near-silence (-45 dBFS), 2 to 12 s at
  -40 to -3 dBFS: with VAD every one gave an empty transcript; with VAD off (what gets past it)
  tiny.en wrote only "." or "You", at no_speech_prob 0.878 to 0.962 and avg_logprob -0.854 to
  -0.995 (faster-whisper already drops segments above no_speech_prob 0.6 below avg_logprob -1).

A memo that truly says nothing but "Thank you." is judged no speech too; it keeps its audio, so
the person can listen, retry with another model, or delete it."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI shows NO_SPEECH_ADVICE without loading the speech stack
    from afterword.transcribe.results import SegmentResult, TranscriptResult

NO_SPEECH_PROB = 0.8
UNSURE_LOGPROB = -0.7
MAX_COMPRESSION_RATIO = 2.4
STOCK_PHRASES = frozenset(
    {
        "you",
        "thank you",
        "thank you very much",
        "thank you so much",
        "thanks",
        "thanks for watching",
        "thank you for watching",
        "thanks for listening",
        "thank you for listening",
        "thank you for watching and please subscribe",
        "please subscribe",
        "like and subscribe",
        "subscribe to my channel",
        "see you next time",
        "see you in the next video",
        "bye",
        "bye bye",
        "goodbye",
        "music",
        "applause",
        "silence",
    }
)
STOCK_PREFIXES = ("subtitles by", "captions by", "transcribed by", "translated by", "transcription by")
NO_SPEECH_ADVICE = (
    "Afterword heard no speech in this memo. Its audio is kept: listen to it, then record again "
    "with the phone closer to your mouth, somewhere a little quieter, or try it again with "
    "another model. You can also delete it."
)


@dataclass(frozen=True)
class Verdict:
    speech: bool
    reason: str | None = None
    """Why no speech was heard, in a few words (never the transcript's text)."""


def plain_words(text: str) -> str:
    """Lower case letters and digits only, one space apart ('♪ Thank you! ♪' -> 'thank you')."""
    return " ".join(re.findall(r"[^\W_]+", text.lower().replace("'", "")))


def is_stock_phrase(text: str) -> bool:
    """Every clause of the text is a stock phrase ("Thanks for watching, and please subscribe!")."""
    clauses = [plain_words(c).removeprefix("and ") for c in re.split(r"[.,!?;:]+(?:\s+|$)", text)]
    clauses = [c for c in clauses if c]
    return bool(clauses) and all(c in STOCK_PHRASES or c.startswith(STOCK_PREFIXES) for c in clauses)


def doubt(segment: "SegmentResult") -> str | None:
    """Why the segment looks like no one spoke, or None when it looks like speech."""
    if not plain_words(segment.text):
        return "no words"
    if is_stock_phrase(segment.text):
        return "only a phrase the model writes on silence"
    if segment.no_speech_prob >= NO_SPEECH_PROB and segment.avg_logprob <= UNSURE_LOGPROB:
        return "the model judged it not to be speech"
    if segment.compression_ratio > MAX_COMPRESSION_RATIO:
        return "the same words over and over"
    return None


def judge_speech(result: "TranscriptResult") -> Verdict:
    """Speech, unless the transcript is empty or every segment is in doubt."""
    if not result.segments:
        return Verdict(False, "the voice detector found no speech")
    reasons = [doubt(segment) for segment in result.segments]
    if any(reason is None for reason in reasons):
        return Verdict(True)
    return Verdict(False, next(r for r in reasons if r is not None))
