"""Short-lived links to one memo's audio, for a media element (which cannot send the
Authorization header, and must fetch byte ranges itself as it plays).

A link's key reads `<token id>.<expiry, unix seconds>.<signature>`: an HMAC-SHA256 over the memo
id and the expiry, keyed with the stored hash of the API token that asked for it. That hash never
leaves the server (the token's secret is never stored at all), so only the server can sign; a
link works for that one memo, until it expires or the token is revoked, and for no one but the
token's person. Every API process can check a link from the database alone, with no other
secret to share. Links travel in the query string, which the access log leaves out."""

import base64
import hashlib
import hmac
import time
import uuid

from sqlalchemy.orm import Session

from afterword.store.db import Database
from afterword.store.models import ApiToken

LINK_SECONDS = 30 * 60


def signature(token: ApiToken, memo_id: uuid.UUID, expires: int) -> str:
    message = f"audio:{memo_id}:{expires}".encode()
    digest = hmac.new(token.secret_hash.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign_audio_link(token: ApiToken, memo_id: uuid.UUID, *, now: float | None = None) -> tuple[str, int]:
    """The key for a link to the memo's audio, and when it expires (unix seconds)."""
    expires = int(now if now is not None else time.time()) + LINK_SECONDS
    return f"{token.id.hex}.{expires}.{signature(token, memo_id, expires)}", expires


def person_of_audio_link(session: Session, *, key: str, memo_id: uuid.UUID) -> uuid.UUID | None:
    """The person a valid, unexpired key for this memo was signed for, else None."""
    token_hex, _, rest = key.partition(".")
    expires_text, _, presented = rest.partition(".")
    try:
        token_id, expires = uuid.UUID(hex=token_hex), int(expires_text)
    except ValueError:
        return None
    if expires < time.time():
        return None
    token = session.get(ApiToken, token_id)
    if token is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(presented.encode(), signature(token, memo_id, expires).encode()):
        return None
    return token.person_id


def new_audio_link(db: Database, *, token_id: uuid.UUID, memo_id: uuid.UUID) -> tuple[str, int]:
    """A key for a link to the memo's audio, signed with the requesting token."""
    with db.read() as session:
        return sign_audio_link(session.get_one(ApiToken, token_id), memo_id)


def audio_link_person(db: Database, *, key: str, memo_id: uuid.UUID) -> uuid.UUID | None:
    with db.read() as session:
        return person_of_audio_link(session, key=key, memo_id=memo_id)
