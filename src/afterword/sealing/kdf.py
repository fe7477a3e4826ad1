"""Keys derived from secrets a person holds, to wrap their private key (`wraps`).

A passphrase or a short one-time code is guessable, so it goes through scrypt (RFC 7914), whose
cost in time and memory is paid by every guess; a secret of 128 bits or more (a recovery code, a
phone's token secret) cannot be guessed, so HKDF-SHA256 (RFC 5869) is enough and costs nothing.
Both take a random 16-byte salt per wrap, so one secret wrapping twice gives two unrelated keys.

The scrypt cost, n=2**17, r=8, p=1 (128 MiB), is OWASP's minimum for scrypt in its Password
Storage Cheat Sheet. Measured on this machine (AMD EPYC, 2 shared cores, cryptography 51 with
OpenSSL 4.1.1), the median of 7 derivations with r=8, p=1: n=2**14 20 ms (16 MiB), 2**15 57 ms,
2**16 121 ms (64 MiB), 2**17 236 ms (128 MiB), 2**18 479 ms (256 MiB). A derivation runs once
per unlock (a CLI command given the passphrase, a phone signing in with a code), never per value,
so a quarter of a second is a fair price for doubling an offline guesser's work over 2**16; 2**18
would make every passphrase-unlocked command wait half a second and hold 256 MiB on a hosted
server for each person unlocking at once. The cost is stored with each wrap, so it can be raised
later: a wrap keeps the cost it was made with, and a new wrap takes the new one."""

from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SALT_BYTES = 16
KEY_BYTES = 32
"""AES-256."""
MIN_LOG2_N = 14
"""Below this (16 MiB, 20 ms here) scrypt buys too little; a wrap never has less."""
MAX_SCRYPT_BYTES = 1024**3
"""A wrap that asks for more memory is refused rather than run (a damaged or hostile wrap)."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's parameters: n (a power of two), r and p; it uses 128 * n * r * p bytes."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def __post_init__(self) -> None:
        power_of_two = self.n > 1 and self.n & (self.n - 1) == 0
        if not power_of_two or self.n < 2**MIN_LOG2_N or self.r < 1 or self.p < 1:
            raise ValueError(f"scrypt needs n a power of two of at least 2**{MIN_LOG2_N}, r >= 1, p >= 1")
        if self.memory_bytes > MAX_SCRYPT_BYTES:
            raise ValueError("scrypt cost above 1 GiB of memory")

    @property
    def memory_bytes(self) -> int:
        return 128 * self.n * self.r * self.p


PASSPHRASE_COST = ScryptCost()
"""What new passphrase and one-time-code wraps use (see the module's docstring)."""


def scrypt_key(secret: bytes, *, salt: bytes, cost: ScryptCost) -> bytes:
    """A 32-byte key from a guessable secret."""
    return Scrypt(salt=salt, length=KEY_BYTES, n=cost.n, r=cost.r, p=cost.p).derive(secret)


def hkdf_key(secret: bytes, *, salt: bytes, info: bytes) -> bytes:
    """A 32-byte key from a secret of 128 bits or more."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)
