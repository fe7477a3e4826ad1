"""Transcript segments as SRT or WebVTT subtitles."""

from collections.abc import Sequence

from afterword.transcribe.sentences import Timed


def timestamp(seconds: float, *, decimal: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal}{millis:03d}"


def to_srt(segments: Sequence[Timed]) -> str:
    blocks = [
        f"{number}\n{timestamp(s.start, decimal=',')} --> {timestamp(s.end, decimal=',')}\n{s.text}\n"
        for number, s in enumerate(segments, start=1)
    ]
    return "\n".join(blocks)


def to_vtt(segments: Sequence[Timed]) -> str:
    blocks = [
        f"{timestamp(s.start, decimal='.')} --> {timestamp(s.end, decimal='.')}\n{s.text}\n" for s in segments
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)
