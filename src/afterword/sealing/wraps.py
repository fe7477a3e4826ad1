"""A person's private key wrapped (encrypted) under a secret the server does not keep.

Each wrap is AES-256-GCM (RFC 5116) under a key derived from the secret (`kdf`: scrypt for a
passphrase or a one-time sign-in code, HKDF-SHA256 for a recovery code or a phone's token secret),
with a random 12-byte nonce; the derived key is new for every wrap (a fresh salt), so a nonce is
never used twice under one key. The associated data binds the wrap's kind and the person's id, so
a wrap moved to another person, or offered as another kind, does not open.

Unwrapping does the same work whatever is wrong: it always derives the key in full and lets the
AEAD's tag check (constant time in OpenSSL) decide, so a wrong secret, another person and a
tampered wrap fail alike, at the same point, with `CannotOpen`."""

import json
import secrets
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from afterword.sealing import base64url
from afterword.sealing.codes import loosen_code, normalize_recovery_code
from afterword.sealing.errors import CannotOpen
from afterword.sealing.kdf import PASSPHRASE_COST, SALT_BYTES, ScryptCost, hkdf_key, scrypt_key
from afterword.sealing.keys import KEY_BYTES, PrivateKey

WRAP_VERSION = 1
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16
"""The private key and the GCM tag."""
WRAP_SIZES = (SALT_BYTES, NONCE_BYTES, WRAPPED_BYTES)
LABEL = b"afterword wrap v1|"


class WrapKind(StrEnum):
    PASSPHRASE = "passphrase"
    RECOVERY_CODE = "recovery_code"
    TOKEN = "token"
    """A phone's token secret: the phone that holds it opens the key."""
    SIGNIN_CODE = "signin_code"
    """A one-time code that signs a new phone in (short-lived; its wrap is deleted when spent)."""


SLOW_KINDS = frozenset({WrapKind.PASSPHRASE, WrapKind.SIGNIN_CODE})
"""Guessable secrets: scrypt. The others carry 128 bits or more: HKDF."""
SCRYPT, HKDF_SHA256 = "scrypt", "hkdf-sha256"
DOES_NOT_OPEN = {
    WrapKind.PASSPHRASE: "This passphrase does not unlock the key",
    WrapKind.RECOVERY_CODE: "This recovery code does not unlock the key",
    WrapKind.TOKEN: "This phone's sign-in does not unlock the key",
    WrapKind.SIGNIN_CODE: "This sign-in code does not unlock the key",
}
DAMAGED = "A stored key wrap is damaged or of an unknown kind"


@dataclass(frozen=True)
class KeyWrap:
    """One wrap of a person's private key, as the database and backups keep it."""

    kind: WrapKind
    person_id: uuid.UUID
    cost: ScryptCost | None
    """scrypt's cost for the slow kinds; None for HKDF."""
    salt: bytes = field(repr=False)
    nonce: bytes = field(repr=False)
    wrapped: bytes = field(repr=False)

    def __post_init__(self) -> None:
        sizes = (len(self.salt), len(self.nonce), len(self.wrapped))
        if (self.cost is not None) != (self.kind in SLOW_KINDS) or sizes != WRAP_SIZES:
            raise ValueError("a key wrap's cost or sizes do not fit its kind")

    def to_dict(self) -> dict[str, str | int]:
        """A small JSON-ready dict: byte strings in base64url, the cost as n, r and p."""
        cost = {"n": self.cost.n, "r": self.cost.r, "p": self.cost.p} if self.cost else {}
        return {
            "v": WRAP_VERSION,
            "kind": self.kind.value,
            "person_id": str(self.person_id),
            "kdf": SCRYPT if self.cost else HKDF_SHA256,
            **cost,
            "salt": base64url.encode(self.salt),
            "nonce": base64url.encode(self.nonce),
            "wrapped": base64url.encode(self.wrapped),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "KeyWrap":
        """The wrap `to_dict` wrote; `CannotOpen` when it is damaged or of an unknown kind."""
        wrap = parse_wrap(data)
        if wrap is None:
            raise CannotOpen(DAMAGED)
        return wrap

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "KeyWrap":
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        return cls.from_dict(data if isinstance(data, dict) else {})


def wrap_key(
    key: PrivateKey, *, kind: WrapKind, person_id: uuid.UUID, secret: str, cost: ScryptCost = PASSPHRASE_COST
) -> KeyWrap:
    """The key wrapped under the secret, for this person; `cost` applies to the slow kinds only."""
    material = secret_material(kind, secret)
    if not material or (kind is WrapKind.RECOVERY_CODE and normalize_recovery_code(secret) is None):
        raise ValueError(f"no {kind.value} to wrap the key under")
    kept_cost = cost if kind in SLOW_KINDS else None
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    wrapping_key = derive(material, salt=salt, kind=kind, cost=kept_cost)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, key.secret_bytes(), associated_data(kind, person_id))
    return KeyWrap(kind, person_id, kept_cost, salt, nonce, wrapped)


def unwrap_key(wrap: KeyWrap, secret: str, *, person_id: uuid.UUID) -> PrivateKey:
    """The private key in a wrap of this person's key; `CannotOpen` for a wrong secret, a wrap of
    another person's key, or a damaged wrap. `person_id` is the person the caller expects (not
    the one the wrap says), so the associated data checks it."""
    wrapping_key = derive(secret_material(wrap.kind, secret), salt=wrap.salt, kind=wrap.kind, cost=wrap.cost)
    try:
        raw = AESGCM(wrapping_key).decrypt(wrap.nonce, wrap.wrapped, associated_data(wrap.kind, person_id))
    except InvalidTag:
        raw = None
    if raw is None:
        raise CannotOpen(DOES_NOT_OPEN[wrap.kind])
    return PrivateKey.from_secret_bytes(raw)


def wrap_with_passphrase(
    key: PrivateKey, *, person_id: uuid.UUID, passphrase: str, cost: ScryptCost = PASSPHRASE_COST
) -> KeyWrap:
    return wrap_key(key, kind=WrapKind.PASSPHRASE, person_id=person_id, secret=passphrase, cost=cost)


def wrap_with_recovery_code(key: PrivateKey, *, person_id: uuid.UUID, code: str) -> KeyWrap:
    return wrap_key(key, kind=WrapKind.RECOVERY_CODE, person_id=person_id, secret=code)


def wrap_with_token_secret(key: PrivateKey, *, person_id: uuid.UUID, secret: str) -> KeyWrap:
    return wrap_key(key, kind=WrapKind.TOKEN, person_id=person_id, secret=secret)


def wrap_with_signin_code(
    key: PrivateKey, *, person_id: uuid.UUID, code: str, cost: ScryptCost = PASSPHRASE_COST
) -> KeyWrap:
    return wrap_key(key, kind=WrapKind.SIGNIN_CODE, person_id=person_id, secret=code, cost=cost)


def secret_material(kind: WrapKind, secret: str) -> bytes:
    """The bytes a secret is derived from. A passphrase is NFC-normalised (a phone and a laptop
    may compose the same accented letter differently); a code is read as typing forgives it. A
    malformed code still derives a key, which then fails like any wrong one."""
    if kind is WrapKind.PASSPHRASE:
        text = unicodedata.normalize("NFC", secret)
    elif kind is WrapKind.TOKEN:
        text = secret
    else:
        text = loosen_code(secret)
    return text.encode("utf-8", "surrogatepass")


def derive(material: bytes, *, salt: bytes, kind: WrapKind, cost: ScryptCost | None) -> bytes:
    if cost is not None:
        return scrypt_key(material, salt=salt, cost=cost)
    return hkdf_key(material, salt=salt, info=LABEL + kind.value.encode())


def associated_data(kind: WrapKind, person_id: uuid.UUID) -> bytes:
    return LABEL + kind.value.encode() + b"|" + str(person_id).encode()


def parse_wrap(data: Mapping[str, object]) -> KeyWrap | None:
    """The wrap a dict describes, or None when anything in it is missing, of the wrong type or
    out of range."""
    kind, person_id, kdf = (data.get(name) for name in ("kind", "person_id", "kdf"))
    salt, nonce, wrapped = (bytes_field(data, name) for name in ("salt", "nonce", "wrapped"))
    n, r, p = (int_field(data, name) for name in ("n", "r", "p"))
    if data.get("v") != WRAP_VERSION or not isinstance(kind, str) or not isinstance(person_id, str):
        return None
    if salt is None or nonce is None or wrapped is None:
        return None
    try:
        cost = ScryptCost(n, r, p) if kdf == SCRYPT and n and r and p else None
        if kdf != (SCRYPT if cost else HKDF_SHA256):
            return None
        return KeyWrap(WrapKind(kind), uuid.UUID(person_id), cost, salt, nonce, wrapped)
    except ValueError:
        return None


def bytes_field(data: Mapping[str, object], name: str) -> bytes | None:
    value = data.get(name)
    return base64url.decode(value) if isinstance(value, str) else None


def int_field(data: Mapping[str, object], name: str) -> int | None:
    value = data.get(name)
    return value if type(value) is int else None
