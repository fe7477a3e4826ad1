"""Uploads are limited per token and per client, sign-in attempts and failed sign-ins per client:
a token bucket per key, refilled at a steady rate."""

import threading
import time
from collections.abc import Hashable

PRUNE_ABOVE = 1024
"""Keys held before the full buckets (as good as none) are let go: sign-in keys are addresses,
which a client can vary without end."""


class UploadLimiter:
    def __init__(self, *, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60
        self._buckets: dict[Hashable, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: Hashable) -> float:
        """Spend one; 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        with self._lock:
            tokens = self._level(key, now)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return (1 - tokens) / self.refill_per_second
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > PRUNE_ABOVE:
                self._drop_full(now)
            return 0.0

    def waiting(self, key: Hashable) -> float:
        """The seconds until the key has one to spend (0: now), spending nothing."""
        with self._lock:
            tokens = self._level(key, time.monotonic())
        return 0.0 if tokens >= 1 else (1 - tokens) / self.refill_per_second

    def _level(self, key: Hashable, now: float) -> float:
        tokens, since = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - since) * self.refill_per_second)

    def _drop_full(self, now: float) -> None:
        seconds_to_fill = self.capacity / self.refill_per_second
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < seconds_to_fill}

    def __len__(self) -> int:
        return len(self._buckets)
