"""Sealing one value to a person's public key, and opening it with their private key.

HPKE (RFC 9180) in base mode, single shot, with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
AES-256-GCM, from the `cryptography` package. Each value gets a fresh ephemeral key pair, hence
its own key and nonce: the same words sealed twice look unrelated. The `info` names the purpose
(the field a value belongs to, such as "transcripts.text"), so a value cannot be moved into another
field and opened there. A sealed value is the 32-byte encapsulated key, then the ciphertext and its
16-byte tag: 48 bytes more than the plaintext.

Stored forms: text columns hold `s1.` and the value in base64url without padding (a column keeps
its type; a JSON column holds it as a string); audio is bytes, `AWS1` and the value.

Opening fails in one way, `CannotOpen`, whatever went wrong, and its message names only the
purpose. Each failure is raised outside the `except` that caught the library's error, so no
chained exception carries the value either."""

from typing import NewType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke

from afterword.sealing import base64url
from afterword.sealing.errors import CannotOpen
from afterword.sealing.keys import PrivateKey, PublicKey

Sealed = NewType("Sealed", str)
"""Text as a database column holds it once sealed: `s1.` and base64url."""

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
INFO_PREFIX = b"afterword sealed v1|"
SEALED_TEXT_PREFIX = "s1."
SEALED_AUDIO_MAGIC = b"AWS1"
AUDIO_PURPOSE = "audio"
OVERHEAD_BYTES = 32 + 16
"""The encapsulated key and the AEAD tag."""


def info_for(purpose: str) -> bytes:
    """HPKE's `info` for a purpose: a short printable ASCII name such as "summaries.paragraph"."""
    if not purpose or not purpose.isascii() or not purpose.isprintable():
        raise ValueError("a purpose is a short printable ASCII name, such as 'transcripts.text'")
    return INFO_PREFIX + purpose.encode("ascii")


def seal(public_key: PublicKey, purpose: str, plaintext: bytes) -> bytes:
    """The plaintext sealed to the public key for this purpose."""
    return SUITE.encrypt(plaintext, public_key.x25519, info=info_for(purpose))


def open_sealed(private_key: PrivateKey, purpose: str, sealed: bytes) -> bytes:
    """The plaintext of a value sealed to this key for this purpose; else `CannotOpen`."""
    info = info_for(purpose)
    if len(sealed) >= OVERHEAD_BYTES:
        try:
            return SUITE.decrypt(sealed, private_key.x25519, info=info)
        except InvalidTag:
            pass
    raise CannotOpen(f"A sealed {purpose} value does not open with this key (another key, or damaged)")


def seal_text(public_key: PublicKey, purpose: str, text: str) -> Sealed:
    """Text sealed for a database column: `s1.` and base64url."""
    return Sealed(SEALED_TEXT_PREFIX + base64url.encode(seal(public_key, purpose, text_bytes(text))))


def open_text(private_key: PrivateKey, purpose: str, sealed: str) -> str:
    """The text of a value `seal_text` sealed to this key for this purpose; else `CannotOpen`."""
    return decoded_text(open_sealed(private_key, purpose, sealed_bytes_of(sealed, purpose)), purpose)


def is_sealed(text: str) -> bool:
    """Whether a column's text is in the sealed form (by its prefix alone: cheap, not a proof)."""
    return text.startswith(SEALED_TEXT_PREFIX)


def seal_audio(public_key: PublicKey, audio: bytes) -> bytes:
    """A recording sealed to the public key: `AWS1` and the sealed bytes."""
    return SEALED_AUDIO_MAGIC + seal(public_key, AUDIO_PURPOSE, audio)


def open_audio(private_key: PrivateKey, sealed: bytes) -> bytes:
    """The recording `seal_audio` sealed to this key; else `CannotOpen`."""
    return open_sealed(private_key, AUDIO_PURPOSE, sealed_audio_bytes(sealed))


def is_sealed_audio(data: bytes) -> bool:
    """Whether bytes are a sealed recording (by the magic prefix alone)."""
    return data.startswith(SEALED_AUDIO_MAGIC)


def sealed_bytes_of(text: str, purpose: str) -> bytes:
    """The sealed bytes a column's text holds; `CannotOpen` when it is not in the sealed form."""
    raw = base64url.decode(text[len(SEALED_TEXT_PREFIX) :]) if is_sealed(text) else None
    if raw is None:
        raise CannotOpen(f"A {purpose} value is not sealed text")
    return raw


def sealed_audio_bytes(data: bytes) -> bytes:
    if not is_sealed_audio(data):
        raise CannotOpen("A recording is not sealed audio")
    return data[len(SEALED_AUDIO_MAGIC) :]


def text_bytes(text: str) -> bytes:
    """UTF-8 of the text to seal. A lone surrogate cannot be sealed; the error does not carry
    the text (a UnicodeEncodeError would)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    raise ValueError("text to seal holds a lone surrogate, which UTF-8 cannot carry")


def decoded_text(plaintext: bytes, purpose: str) -> str:
    try:
        return plaintext.decode("utf-8")
    except UnicodeDecodeError:
        pass
    raise CannotOpen(f"A sealed {purpose} value is not text")
