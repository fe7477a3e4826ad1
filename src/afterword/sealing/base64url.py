"""Base64url without padding (RFC 4648 section 5): how sealed bytes are written as text."""

import base64
import binascii
import re

BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


def encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode(text: str) -> bytes | None:
    """The bytes the text encodes; None when it is not base64url without padding (a character
    outside that alphabet, or a length no encoding has, is refused rather than skipped)."""
    if len(text) % 4 == 1 or not BASE64URL.fullmatch(text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        return None
