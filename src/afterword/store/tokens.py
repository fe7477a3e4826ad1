"""API tokens: shown once, stored as a hash, checked in constant time. A token made through a
sign-in code that another token made (a phone signing in its home-screen app) is that token's
child: revoking a token revokes its children, theirs, and the codes any of them made.

A token reads `aw_<token id>_<secret>`: the id finds the row, and only the secret's SHA-256 is
kept. The secret carries 256 random bits, so a fast hash is enough; a slow one would buy nothing."""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from afterword.controls import NAME_CHARS, refuse_controls
from afterword.errors import Invalid, NotFound
from afterword.store.db import Database
from afterword.store.models import ApiToken, Person, SigninCode, utc_now
from afterword.store.reading import SessionRows
from afterword.store.views.people import person_or_404

TOKEN_PREFIX = "aw"
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    """The whole token; shown to the person once and never stored."""
    row: ApiToken


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    session: Session, *, person: Person, label: str, parent_id: uuid.UUID | None = None
) -> IssuedToken:
    """A new token; `parent_id`: the token whose sign-in code made it, which takes it along."""
    secret = secrets.token_urlsafe(32)
    row = ApiToken(person_id=person.id, label=label, secret_hash=hash_secret(secret), parent_id=parent_id)
    session.add(row)
    session.flush()
    return IssuedToken(f"{TOKEN_PREFIX}_{row.id.hex}_{secret}", row)


def parse_token(token: str) -> tuple[uuid.UUID, str] | None:
    prefix, _, rest = token.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != TOKEN_PREFIX or not secret:
        return None
    try:
        return uuid.UUID(hex=token_id), secret
    except ValueError:
        return None


def authenticate(session: Session, *, token: str) -> ApiToken | None:
    """The live token row the presented token proves, else None."""
    parsed = parse_token(token)
    if parsed is None:
        return None
    token_id, secret = parsed
    row = session.get(ApiToken, token_id)
    presented = hash_secret(secret)
    stored = row.secret_hash if row is not None else hash_secret(secrets.token_urlsafe(32))
    # Constant-time comparison, and the same work whether or not the id exists.
    if not hmac.compare_digest(presented, stored) or row is None or row.revoked_at is not None:
        return None
    return row


@dataclass(frozen=True)
class SignedIn:
    """Who a request acts for: the person and the token that proved it."""

    id: uuid.UUID
    name: str
    token_id: uuid.UUID


def signed_in_person(db: Database, *, token: str) -> SignedIn | None:
    """The person a presented token proves, else None. It reads without the write lock and
    writes only when the last-use time is due (once a minute per token)."""
    with db.read() as session:
        row = authenticate(session, token=token)
        if row is None:
            return None
        person = SignedIn(row.person_id, session.get_one(Person, row.person_id).name, row.id)
        due = row.last_used_at is None or utc_now() - row.last_used_at > LAST_USED_PRECISION
    if due:
        with db.write() as session:
            row = session.get_one(ApiToken, person.token_id)
            note_token_use(session, token=row)
    return person


def token_is_live(db: Database, *, token_id: uuid.UUID) -> bool:
    """Whether the token still exists and is not revoked (a long wait asks again each second)."""
    with db.read() as session:
        row = session.get(ApiToken, token_id)
        return row is not None and row.revoked_at is None


def note_token_use(session: Session, *, token: ApiToken) -> None:
    """Record when a token was last used, to the minute (so most requests write nothing)."""
    now = utc_now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        token.last_used_at = now


def list_tokens(session: Session) -> list[tuple[ApiToken, str]]:
    """Every token with its person's name, oldest first."""
    stmt = (
        select(ApiToken, Person.name)
        .join(Person, Person.id == ApiToken.person_id)
        .order_by(ApiToken.created_at)
    )
    return [(row, name) for row, name in session.execute(stmt)]


def find_token(session: Session, *, id_prefix: str) -> list[ApiToken]:
    """Tokens whose id starts with the prefix; none for a prefix that is empty or not hex (an
    empty prefix would otherwise match every token)."""
    prefix = id_prefix.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        return []
    return [t for t, _ in list_tokens(session) if t.id.hex.startswith(prefix)]


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utc_now()


def revoke_with_descendants(session: Session, *, token: ApiToken) -> list[ApiToken]:
    """Revoke the token, every token made from it (through a sign-in code it made, and so on
    down), and every unused code any of them made; returns the others. A code is ended before
    its maker's children are looked for, so a redemption racing with this one is either refused
    or finished (and then found)."""
    revoke_token(token)
    seen, frontier, others = {token.id}, [token.id], []
    while frontier:
        session.execute(
            update(SigninCode)
            .where(SigninCode.token_id.in_(frontier), SigninCode.used_at.is_(None))
            .values(expires_at=utc_now())
            .execution_options(synchronize_session=False)
        )
        children = [
            child
            for child in session.scalars(select(ApiToken).where(ApiToken.parent_id.in_(frontier)))
            if child.id not in seen  # an imported row could name itself or its child as parent
        ]
        for child in children:
            revoke_token(child)
            seen.add(child.id)
        others += children
        frontier = [child.id for child in children]
    return others


@dataclass(frozen=True)
class TokenView:
    """A token as it is listed: never its secret."""

    id: uuid.UUID
    person: str
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    made_by: uuid.UUID | None
    """The token whose sign-in code made this one; None when the operator made it."""

    @classmethod
    def of(cls, token: ApiToken, person: str) -> "TokenView":
        return cls(
            token.id,
            person,
            token.label,
            token.created_at,
            token.last_used_at,
            token.revoked_at,
            token.parent_id,
        )


@dataclass(frozen=True)
class RevokedTokens:
    token: TokenView
    with_it: list[TokenView]
    """The tokens it made, directly or through them, revoked with it."""


def issue_token(db: Database, *, person_name: str, label: str) -> IssuedToken:
    """A fresh token for the person (who must exist); a label has up to 100 characters."""
    if len(refuse_controls(label, what="a label")) > NAME_CHARS:
        raise Invalid(f"a label has at most {NAME_CHARS} characters")
    with db.write() as session:
        person = person_or_404(SessionRows(session), name=person_name)
        return create_token(session, person=session.get_one(Person, person.id), label=label)


def token_views(db: Database) -> list[TokenView]:
    with db.read() as session:
        return [TokenView.of(t, name) for t, name in list_tokens(session)]


def revoke_token_by_prefix(db: Database, *, id_prefix: str) -> RevokedTokens:
    """Revoke the one token whose id starts with the prefix, and every token made from it."""
    with db.write() as session:
        matches = find_token(session, id_prefix=id_prefix)
        if len(matches) != 1:
            raise NotFound(f"no single token has an id starting with '{id_prefix}'; give more of its id")
        token = matches[0]
        others = revoke_with_descendants(session, token=token)
        name = session.get_one(Person, token.person_id).name
        return RevokedTokens(TokenView.of(token, name), [TokenView.of(other, name) for other in others])
