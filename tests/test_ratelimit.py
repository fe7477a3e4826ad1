"""The token buckets: a key runs dry and refills, and buckets of keys long gone are let go."""

import pytest

from afterword.web import ratelimit
from afterword.web.ratelimit import PRUNE_ABOVE, UploadLimiter


class Clock:
    """The monotonic clock, moved by hand (time is outside our code)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_runs_dry_refills_and_the_addresses_of_long_ago_are_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock()
    monkeypatch.setattr(ratelimit.time, "monotonic", clock)
    limiter = UploadLimiter(per_minute=2)
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(30.0)  # one comes back every 30 s
    clock.now += 30
    assert limiter.take("a") == 0.0
    for address in range(PRUNE_ABOVE):  # a client varying its address without end
        limiter.take(f"10.0.{address // 256}.{address % 256}")
    clock.now += 61  # every bucket is full again, as good as none
    limiter.take("b")
    assert len(limiter) == 1
    assert limiter.take("a") == 0.0  # a key let go starts full
