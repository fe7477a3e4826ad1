"""The OS keyring keeps, finds and forgets a person's key under service "afterword"; where there is
no keyring (a headless Linux machine) everything says so at once, and nothing hangs.

The OS keyring itself is outside our control, so the tests set an in-memory backend through
keyring's own API; the headless case runs for real, in a child process on this machine."""

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked

from afterword.sealing.errors import CannotOpen, NoKeyring
from afterword.sealing.keys import PrivateKey
from afterword.sealing.os_keyring import (
    DEADLINE_SECONDS,
    SERVICE,
    forget_key,
    keyring_available,
    keyring_user,
    recall_key,
    remember_key,
)
from tests.support.entry import HEAVY, SPEECH_STACK, imported

KEY = PrivateKey.generate()
ALEX = uuid.uuid4()
HERE = "db-7f3a"


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict, as recommended as the OS's own."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


class FileLikeKeyring(MemoryKeyring):
    """What keyrings.alt's file backends look like to keyring: usable, but not recommended."""

    priority = 0.5


class StuckKeyring(MemoryKeyring):
    """A keyring waiting for an unlock prompt that nobody can see."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(30)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(30)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked(f"collection locked for {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked(f"collection locked for {username}")


@pytest.fixture
def use_keyring() -> Iterator[object]:
    """Set a backend for this test through keyring's API; the one before comes back afterwards."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


def recalled(database_identity: str, person_id: uuid.UUID) -> PrivateKey:
    key = recall_key(database_identity=database_identity, person_id=person_id)
    assert key is not None
    return key


def test_a_key_is_remembered_recalled_and_forgotten(use_keyring: object) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    assert keyring_available()
    assert recall_key(database_identity=HERE, person_id=ALEX) is None
    remember_key(KEY, database_identity=HERE, person_id=ALEX)
    assert list(memory.entries) == [(SERVICE, f"{HERE}/{ALEX}")] == [("afterword", keyring_user(HERE, ALEX))]
    assert recalled(HERE, ALEX).secret_bytes() == KEY.secret_bytes()
    assert forget_key(database_identity=HERE, person_id=ALEX) is True
    assert memory.entries == {} and recall_key(database_identity=HERE, person_id=ALEX) is None
    assert forget_key(database_identity=HERE, person_id=ALEX) is False


def test_each_database_and_person_has_its_own_entry(use_keyring: object) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    other_key, sam = PrivateKey.generate(), uuid.uuid4()
    remember_key(KEY, database_identity=HERE, person_id=ALEX)
    remember_key(other_key, database_identity="elsewhere", person_id=ALEX)
    remember_key(other_key, database_identity=HERE, person_id=sam)
    assert len(memory.entries) == 3
    assert recalled(HERE, ALEX).matches(KEY.public_key)
    assert recalled("elsewhere", ALEX).matches(other_key.public_key)
    remember_key(other_key, database_identity=HERE, person_id=ALEX)  # remembering again replaces
    assert recalled(HERE, ALEX).matches(other_key.public_key)
    with pytest.raises(ValueError):
        keyring_user("", ALEX)


def test_the_entry_holds_the_key_in_its_own_form_and_a_damaged_one_is_refused(use_keyring: object) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    remember_key(KEY, database_identity=HERE, person_id=ALEX)
    value = memory.entries[(SERVICE, keyring_user(HERE, ALEX))]
    assert value.startswith("sk1.") and len(value) == 47
    for damaged in ("", "sk1.", value[4:], value[:-2], "sk1." + "A" * 44, "hunter2"):
        memory.entries[(SERVICE, keyring_user(HERE, ALEX))] = damaged
        with pytest.raises(CannotOpen, match="damaged") as caught:
            recall_key(database_identity=HERE, person_id=ALEX)
        assert value[4:] not in str(caught.value)


@pytest.mark.parametrize("backend", [fail.Keyring(), FileLikeKeyring()], ids=["fail", "file"])
def test_no_recommended_keyring_reads_as_none(use_keyring: object, backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    assert keyring_available() is False
    assert recall_key(database_identity=HERE, person_id=ALEX) is None
    assert forget_key(database_identity=HERE, person_id=ALEX) is False
    with pytest.raises(NoKeyring, match="No OS keyring here") as caught:
        remember_key(KEY, database_identity=HERE, person_id=ALEX)
    assert caught.value.__context__ is None
    if isinstance(backend, FileLikeKeyring):
        assert backend.entries == {}  # the key never went into the file


def test_a_keyring_that_does_not_answer_is_given_up_on(use_keyring: object) -> None:
    stuck = StuckKeyring()
    keyring.set_keyring(stuck)
    try:
        started = time.monotonic()
        assert recall_key(database_identity=HERE, person_id=ALEX, deadline_seconds=0.2) is None
        with pytest.raises(NoKeyring, match="did not answer in time"):
            remember_key(KEY, database_identity=HERE, person_id=ALEX, deadline_seconds=0.2)
        assert time.monotonic() - started < 10
    finally:
        stuck.release.set()


def test_a_keyring_that_fails_says_so_without_its_own_message(use_keyring: object) -> None:
    keyring.set_keyring(LockedKeyring())
    assert recall_key(database_identity=HERE, person_id=ALEX) is None
    with pytest.raises(NoKeyring) as caught:
        remember_key(KEY, database_identity=HERE, person_id=ALEX)
    assert str(caught.value) == "The OS keyring failed; use the passphrase"
    assert str(ALEX) not in str(caught.value) and caught.value.__context__ is None


@pytest.mark.skipif(sys.platform != "linux", reason="macOS and Windows always have a keyring")
def test_a_headless_linux_machine_has_no_keyring_and_says_so_at_once(tmp_path: Path) -> None:
    """This machine, as a server sees it: no D-Bus session, no Secret Service, no keyring config."""
    code = f"""
import uuid
from afterword.sealing.errors import NoKeyring
from afterword.sealing.keys import PrivateKey
from afterword.sealing.os_keyring import keyring_available, recall_key, remember_key
person = uuid.UUID({str(ALEX)!r})
print(keyring_available(), recall_key(database_identity="db", person_id=person))
try:
    remember_key(PrivateKey.generate(), database_identity="db", person_id=person)
except NoKeyring as error:
    print(error)
"""
    keep = {"PATH", "LANG", "LC_ALL", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data")
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "False None",
        "No OS keyring here (on Linux it needs a desktop session's Secret Service); use the passphrase",
    ]
    assert time.monotonic() - started < DEADLINE_SECONDS  # nothing waited for an answer that never came


def test_importing_the_package_loads_neither_keyring_nor_anything_heavy() -> None:
    """The reading commands will open values on their fast path, so sealing stays light."""
    modules = "afterword.sealing." + ", afterword.sealing.".join(
        ["values", "keys", "opener", "wraps", "codes", "kdf", "passphrases", "os_keyring", "errors"]
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {modules}"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = imported(done.stderr)
    assert "afterword.sealing" in loaded
    assert not loaded & (HEAVY | SPEECH_STACK | {"keyring", "jeepney", "secretstorage"}), loaded
