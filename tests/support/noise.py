"""Sounds that are not speech, made with numpy: what a car, a hum or a pocket records. Shared
by the tests and benchmarks/noise.py; every generator takes a seed, so a run is repeatable."""

import numpy as np

RATE = 16_000


def at_peak(samples: np.ndarray, dbfs: float) -> np.ndarray:
    """int16 samples scaled so the loudest one is at `dbfs`."""
    scaled = samples / np.max(np.abs(samples)) * 32767 * 10 ** (dbfs / 20)
    return scaled.astype(np.int16)


def pink_noise(seconds: float, *, dbfs: float = -6.0, seed: int = 1) -> np.ndarray:
    """Equal energy per octave (1/f), like road and wind noise."""
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(np.random.default_rng(seed).standard_normal(n))
    frequencies = np.fft.rfftfreq(n)
    frequencies[0] = frequencies[1]
    return at_peak(np.fft.irfft(spectrum / np.sqrt(frequencies), n), dbfs)


def brown_noise(seconds: float, *, dbfs: float = -6.0, seed: int = 2) -> np.ndarray:
    """A random walk (1/f²), the rumble of an engine."""
    n = int(seconds * RATE)
    walk = np.cumsum(np.random.default_rng(seed).standard_normal(n))
    return at_peak(walk - np.linspace(walk[0], walk[-1], n), dbfs)


def hum(seconds: float, *, hz: float = 50.0, dbfs: float = -6.0, seed: int = 3) -> np.ndarray:
    """Mains hum: the tone and three harmonics, with a trace of hiss."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * hz * k * t) / k for k in (1, 2, 3, 4))
    return at_peak(tone + 0.01 * np.random.default_rng(seed).standard_normal(t.size), dbfs)


def near_silence(seconds: float, *, dbfs: float = -45.0, seed: int = 4) -> np.ndarray:
    """Faint hiss, just loud enough to pass intake's silence check (-50 dBFS)."""
    return at_peak(np.random.default_rng(seed).standard_normal(int(seconds * RATE)), dbfs)


NOISES = {
    "pink noise, 6 s": lambda: pink_noise(6),
    "brown noise, 6 s": lambda: brown_noise(6),
    "low hum, 5 s": lambda: hum(5),
    "near-silence, 5 s": lambda: near_silence(5),
}
"""The car of the issue (6 s of pink and of brown noise, 5 s of a low hum) and a quiet pocket."""
