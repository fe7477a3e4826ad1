"""A person's private key in their own OS keyring (the macOS Keychain, Windows' Credential Locker,
the Secret Service of a Linux desktop), kept there only when they ask for it.

The entry is service "afterword", user name "<database identity>/<person id>" (two data folders
on one account keep apart), value "sk1." and the key's 32 bytes in base64url.

With no keyring here (a Linux server or container without a Secret Service, where keyring falls
back to its "fail" backend) `keyring_available` says so, `recall_key` and `forget_key` find
nothing and `remember_key` raises `NoKeyring`. Only what keyring itself recommends counts (a
priority of 1 or more): a backend that keeps secrets in a plain or home-made encrypted file
(keyrings.alt) would put the key back in a file beside the data, which sealing exists to avoid.
`PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring` turns the keyring off.

Each call runs on a daemon thread with a deadline, because a keyring may wait for an unlock
prompt that a headless session never shows; a keyring that has not answered by then counts as
none. keyring is imported on first use (47 ms here), never with the package."""

import logging
import threading
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from afterword.sealing import base64url
from afterword.sealing.errors import CannotOpen, NoKeyring
from afterword.sealing.keys import KEY_BYTES, PrivateKey

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

logger = logging.getLogger(__name__)

SERVICE = "afterword"
KEY_PREFIX = "sk1."
DEADLINE_SECONDS = 10.0
"""Long enough to type a password into a desktop's unlock prompt, short enough to give up on one
that nobody can see."""
NONE_HERE = "No OS keyring here (on Linux it needs a desktop session's Secret Service); use the passphrase"
T = TypeVar("T")


def keyring_user(database_identity: str, person_id: uuid.UUID) -> str:
    """The keyring's user name for a person of one database."""
    if not database_identity:
        raise ValueError("a keyring entry needs the database's identity")
    return f"{database_identity}/{person_id}"


def keyring_available(*, deadline_seconds: float = DEADLINE_SECONDS) -> bool:
    """Whether keyring offers a recommended OS keyring here (asked nothing, so no prompt shows)."""
    try:
        return in_keyring(lambda backend: True, deadline_seconds)
    except NoKeyring:
        return False


def remember_key(
    key: PrivateKey,
    *,
    database_identity: str,
    person_id: uuid.UUID,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> None:
    """Keep the key in the OS keyring (replacing one kept before); `NoKeyring` when there is none."""
    user, value = (
        keyring_user(database_identity, person_id),
        KEY_PREFIX + base64url.encode(key.secret_bytes()),
    )
    in_keyring(lambda backend: backend.set_password(SERVICE, user, value), deadline_seconds)


def recall_key(
    *, database_identity: str, person_id: uuid.UUID, deadline_seconds: float = DEADLINE_SECONDS
) -> PrivateKey | None:
    """The key kept for this person, None when none is kept or there is no keyring;
    `CannotOpen` when the entry is not a key."""
    user = keyring_user(database_identity, person_id)
    try:
        value = in_keyring(lambda backend: backend.get_password(SERVICE, user), deadline_seconds)
    except NoKeyring:
        return None
    if value is None:
        return None
    raw = base64url.decode(value.removeprefix(KEY_PREFIX)) if value.startswith(KEY_PREFIX) else None
    if raw is None or len(raw) != KEY_BYTES:
        raise CannotOpen("The key kept in the OS keyring is damaged; forget it and remember it again")
    return PrivateKey.from_secret_bytes(raw)


def forget_key(
    *, database_identity: str, person_id: uuid.UUID, deadline_seconds: float = DEADLINE_SECONDS
) -> bool:
    """Remove the person's key from the keyring; False when none was kept or there is no keyring."""
    user = keyring_user(database_identity, person_id)

    def forget(backend: "KeyringBackend") -> bool:
        if backend.get_password(SERVICE, user) is None:
            return False
        backend.delete_password(SERVICE, user)
        return True

    try:
        return in_keyring(forget, deadline_seconds)
    except NoKeyring:
        return False


def in_keyring(action: "Callable[[KeyringBackend], T]", deadline_seconds: float) -> T:
    """The action's result on the OS keyring; `NoKeyring` when there is none, it fails, or it
    does not answer before the deadline (its thread is left to finish on its own)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            backend = usable_keyring()
            if backend is not None:
                outcome.append(action(backend))
        except Exception as error:  # any backend's own errors (D-Bus, a locked collection, ...)
            failure.append(error)

    thread = threading.Thread(target=run, name="afterword-keyring", daemon=True)
    thread.start()
    thread.join(deadline_seconds)
    if thread.is_alive():
        logger.warning("the OS keyring did not answer within %.1f s", deadline_seconds)
        raise NoKeyring("The OS keyring did not answer in time; use the passphrase")
    if failure:
        logger.warning("the OS keyring failed: %s", type(failure[0]).__name__)
        raise NoKeyring("The OS keyring failed; use the passphrase")
    if not outcome:
        raise NoKeyring(NONE_HERE)
    return outcome[0]


def usable_keyring() -> "KeyringBackend | None":
    """keyring's backend for this process when keyring recommends it, else None."""
    import keyring
    from keyring.backends.chainer import ChainerBackend
    from keyring.core import recommended

    backend = keyring.get_keyring()
    chained = backend.backends if isinstance(backend, ChainerBackend) else [backend]
    return backend if chained and all(recommended(each) for each in chained) else None
