"""Recovery codes: the one way back to a person's words when every phone and the passphrase are gone.

A code is shown once, when the person's key is made, and reads like
`K7QM-2XPD-9H4T-B6RW-ZC3N-8FJE-5GAY`: 28 characters of Crockford's base32 (no I, L, O or U, so
nothing is mistaken for another character) carry 140 random bits, more than the 128 that put
guessing out of reach, so the wrap it opens needs no slow hash (`kdf`). Typing is forgiven as
for sign-in codes (store/signin.py): any case, spaces and dashes anywhere, I and L read as 1, O as
0, U as V."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FORGIVEN = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
RECOVERY_CODE_CHARS = 28
"""5 bits each: 140 bits."""
GROUP_CHARS = 4
SEPARATORS = "-\N{HYPHEN}\N{NON-BREAKING HYPHEN}\N{EN DASH}\N{EM DASH}"
"""What a phone's keyboard may turn a typed dash into."""


def new_recovery_code() -> str:
    """A fresh code from the operating system's random source, in groups for reading aloud."""
    return format_recovery_code("".join(secrets.choice(ALPHABET) for _ in range(RECOVERY_CODE_CHARS)))


def format_recovery_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_CHARS] for i in range(0, len(raw), GROUP_CHARS))


def loosen_code(text: str) -> str:
    """A typed code without spaces or dashes, upper case, misread letters forgiven."""
    joined = "".join(text.split())
    for separator in SEPARATORS:
        joined = joined.replace(separator, "")
    return joined.upper().translate(FORGIVEN)


def normalize_recovery_code(text: str) -> str | None:
    """The code's 28 characters as typed, forgiven; None if it cannot be a recovery code."""
    raw = loosen_code(text)
    if len(raw) != RECOVERY_CODE_CHARS or any(c not in ALPHABET for c in raw):
        return None
    return raw
