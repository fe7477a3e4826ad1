"""One-time sign-in codes: eight characters a person types on the phone to sign it in.

An iPhone home-screen app shares no storage with Safari, so a token that Safari received does
not follow the person into the app; a short code typed there does. A code reads `K7QM-2XPD`:
Crockford's base32 (no I, L, O or U, so nothing is mistaken for another character; typing one
anyway is forgiven). Eight characters carry 40 bits. That is far too many to guess in the
minutes a code lives, with attempts rate-limited by the web door and a code spent by its first
use; so, as for tokens, a fast hash is enough."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from afterword.store.db import Database
from afterword.store.models import ApiToken, Person, SigninCode, utc_now
from afterword.store.reading import SessionRows
from afterword.store.tokens import IssuedToken, create_token
from afterword.store.views.people import person_or_404

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
CODE_MINUTES = 15
FORGIVEN = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
KEEP_SPENT = timedelta(days=1)


@dataclass(frozen=True)
class IssuedCode:
    code: str
    """As the person types it, e.g. K7QM-2XPD; shown once and never stored."""
    expires_at: datetime
    minutes: int
    """How long it lives."""


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(text: str) -> str | None:
    """The code without dashes or spaces, upper case, misread letters forgiven; None if it
    cannot be a code."""
    raw = "".join(text.split()).replace("-", "").upper().translate(FORGIVEN)
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw


def hash_code(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_signin_code(
    session: Session, *, person_id: uuid.UUID, made_by: uuid.UUID | None = None
) -> IssuedCode:
    """A fresh code for the person, made by the operator (`afterword pair`) or by one of their
    tokens (`made_by`). The earlier unused code made the same way ends now (a code left on a
    screen or in a chat works no longer than the next pairing), but never one made another way:
    a phone making a code leaves the one `pair` just printed alone. Spent and expired codes
    older than a day are dropped."""
    now = utc_now()
    session.execute(delete(SigninCode).where(SigninCode.expires_at < now - KEEP_SPENT))
    same_maker = SigninCode.token_id.is_(None) if made_by is None else SigninCode.token_id == made_by
    session.execute(
        update(SigninCode)
        .where(
            SigninCode.person_id == person_id,
            same_maker,
            SigninCode.used_at.is_(None),
            SigninCode.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    row = SigninCode(
        person_id=person_id,
        code_hash=hash_code(raw),
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
        token_id=made_by,
    )
    session.add(row)
    session.flush()
    return IssuedCode(format_code(raw), row.expires_at, CODE_MINUTES)


def redeem_signin_code(session: Session, *, code: str, label: str) -> tuple[IssuedToken, str] | None:
    """Spend the code: a new token for its person, and their name. None when the code is
    wrong, spent or expired (the three look the same from outside)."""
    raw = normalize_code(code)
    if raw is None:
        return None
    digest, now = hash_code(raw), utc_now()
    # One conditional update, so two phones racing with the same code cannot both win.
    spent = session.execute(
        update(SigninCode)
        .where(SigninCode.code_hash == digest, SigninCode.used_at.is_(None), SigninCode.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        return None
    code_row, person = session.execute(
        select(SigninCode, Person)
        .join(Person, SigninCode.person_id == Person.id)
        .where(SigninCode.code_hash == digest)
    ).one()
    if code_row.token_id is not None:
        maker = session.get(ApiToken, code_row.token_id)
        if maker is None or maker.revoked_at is not None:
            return None  # its maker was revoked: the code went with it
    return create_token(session, person=person, label=label, parent_id=code_row.token_id), person.name


@dataclass(frozen=True)
class SignedInPhone:
    token: str
    """The phone's own token, shown once; keep it secret."""
    name: str


def issue_signin_code(
    db: Database,
    *,
    person_id: uuid.UUID | None = None,
    person_name: str | None = None,
    made_by: uuid.UUID | None = None,
) -> IssuedCode:
    """A fresh code for the person, given by id or by name (who must exist); `made_by`: the
    token that asked for it, None for the operator."""
    with db.write() as session:
        if person_id is None:
            person_id = person_or_404(SessionRows(session), name=person_name or "").id
        return create_signin_code(session, person_id=person_id, made_by=made_by)


def sign_in_with_code(db: Database, *, code: str, label: str) -> SignedInPhone | None:
    """Spend the code for a new token; None when it is wrong, spent or expired."""
    with db.write() as session:
        redeemed = redeem_signin_code(session, code=code, label=label)
    return None if redeemed is None else SignedInPhone(redeemed[0].token, redeemed[1])
