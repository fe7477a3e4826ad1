"""How many windows a batched call may decode side by side, so a worker stays under its ceiling.

The rule comes from the peak RSS that benchmarks/speed.py measures per batch size (tiny.en, int8,
beam 5): a batched call that decodes n windows side by side lifts the process's peak resident
memory by about (n + CALL_OVERHEAD_WINDOWS) x window_mb above its resident memory when the call
starts. Measured on 2 cores on a 5.6 minute memo from the RSS after the model loaded, with glibc's
allocator settled after a few calls: n=1 +249 MB, 2 +374, 4 +524, 8 +800, 12 +1032; (n + 4) x 70
MB is above each. The call also holds every window's audio and features at once (about 8 MB per
minute of audio: 1.9 MB of samples and twice 0.96 MB of features per 30 s), which matters for the
longest memos, so that is added.

Before each call the engine reads the process's resident memory and takes the largest n, up to
the batch-size setting, whose cost fits under the ceiling beside the calls already running in this
process (`afterword worker --concurrency` shares one model), and never less than one window, which
a transcription cannot do without. Memory that glibc keeps after a call is counted as used, though
the next call reuses it, so the rule errs on the side of smaller batches."""

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
CALL_OVERHEAD_WINDOWS = 4
"""A call's own cost (VAD, word alignment, allocator slack), in windows' worth."""
HELD_MB_PER_AUDIO_MINUTE = 8.0
"""Audio and features the pipeline holds for the whole call, per minute of audio."""


def resident_mb() -> float:
    """This process's resident memory now; where /proc is missing, its peak so far."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: unknown, so only the calls' own cost counts
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


class MemoryBudget:
    """The memory this process's transcriptions may use at once, under a ceiling (0: none)."""

    def __init__(self, *, ceiling_mb: float, window_mb: float) -> None:
        self.ceiling_mb = ceiling_mb
        self.window_mb = window_mb
        self._in_use_mb = 0.0
        self._lock = threading.Lock()

    def cost_mb(self, windows: int, *, audio_seconds: float) -> float:
        """The estimated peak memory a call adds, decoding this many windows at once."""
        held_mb = audio_seconds / 60 * HELD_MB_PER_AUDIO_MINUTE
        return (windows + CALL_OVERHEAD_WINDOWS) * self.window_mb + held_mb

    def fit(self, most: int, *, resident: float, audio_seconds: float) -> int:
        """The most windows, up to `most`, that one more call may decode at once under the
        ceiling, with `resident` MB in use now (at least 1)."""
        if not self.ceiling_mb:
            return max(1, most)
        free_mb = self.ceiling_mb - resident - self._in_use_mb
        spare_mb = free_mb - self.cost_mb(0, audio_seconds=audio_seconds)
        return max(1, min(most, int(spare_mb // self.window_mb)))

    @contextmanager
    def windows(self, most: int, *, audio_seconds: float) -> Iterator[int]:
        """Reserve memory for a call over this much audio, decoding up to `most` windows at once;
        yields how many it may decode at once."""
        with self._lock:
            granted = self.fit(most, resident=resident_mb(), audio_seconds=audio_seconds)
            cost_mb = self.cost_mb(granted, audio_seconds=audio_seconds)
            self._in_use_mb += cost_mb
        if granted < most:
            logger.info(
                "batch of %d windows instead of %d, to stay under %.0f MB", granted, most, self.ceiling_mb
            )
        try:
            yield granted
        finally:
            with self._lock:
                self._in_use_mb -= cost_mb

    def check_room(self) -> None:
        """Warn (once the model is loaded) if even one window would pass the ceiling."""
        resident = resident_mb()
        if self.ceiling_mb and resident + self.cost_mb(1, audio_seconds=0) > self.ceiling_mb:
            logger.warning(
                "the model leaves no room under the %.0f MB memory ceiling (%.0f MB in use); "
                "transcribing one window at a time",
                self.ceiling_mb,
                resident,
            )
