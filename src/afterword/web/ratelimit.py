"""Uploads are limited per token, sign-in attempts per address: a token bucket per key, refilled
at a steady rate."""

import threading
import time
from collections.abc import Hashable


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
            tokens, since = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - since) * self.refill_per_second)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return (1 - tokens) / self.refill_per_second
            self._buckets[key] = (tokens - 1, now)
            return 0.0
