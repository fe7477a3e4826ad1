"""Afterword's certificate authority on this machine, in `<data folder>/tls/`: its certificate
(public, served to phones) and its key, locked with the person's passphrase (web.ca_lock).

The key is needed only to sign: when the CA is made, and when the server certificate must be
(re)issued. So the passphrase is asked for only then, through a CaPassphrase: the CLI's comes from
AFTERWORD_CA_PASSPHRASE_FILE or a prompt on a terminal. A key stored plain by an earlier version
is locked the first time a passphrase can be had."""

import contextlib
import os
import socket
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from afterword.errors import Invalid
from afterword.paths import ensure_private_dir
from afterword.web.ca_lock import WrongPassphrase, is_locked, lock_key, unlock_key
from afterword.web.certificates import Issued, ca_still_good, make_ca

CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
UNLOCK_TRIES = 3
NEW_CA = "make Afterword's certificate authority"
LOCK_PLAIN_KEY = "lock the key of Afterword's certificate authority, stored unencrypted until now"


class CaPassphrase(Protocol):
    """Where the passphrase of the CA's key comes from, asked only when the key must sign."""

    def new(self, why: str) -> bytes | None:
        """A passphrase chosen now, to `why`; None when none can be had."""

    def existing(self, why: str, *, again: bool) -> bytes | None:
        """The passphrase, to `why` (`again`: the last one was wrong); None when none can be had."""


@dataclass(frozen=True)
class GivenPassphrase:
    """A passphrase known beforehand (from a file): a wrong one is not asked for again."""

    passphrase: bytes

    def new(self, why: str) -> bytes | None:
        return self.passphrase

    def existing(self, why: str, *, again: bool) -> bytes | None:
        if again:
            raise CaLocked(
                "the passphrase given (AFTERWORD_CA_PASSPHRASE_FILE) does not open the key of "
                f"Afterword's certificate authority. {FORGOTTEN}"
            )
        return self.passphrase


class NoPassphrase:
    """No way to ask (no terminal, no file): the key stays as it is."""

    def new(self, why: str) -> bytes | None:
        return None

    def existing(self, why: str, *, again: bool) -> bytes | None:
        return None


class CaLocked(Invalid):
    """The CA's key is needed and cannot be opened."""


FORGOTTEN = (
    "Forgotten? Delete the tls folder in the data folder and start `afterword serve --https` again: "
    "it makes a new certificate authority, which each phone installs once more."
)
ASK_FOR_IT = (
    "run `afterword serve --https` on a terminal, or give the passphrase in a file with "
    "AFTERWORD_CA_PASSPHRASE_FILE"
)


@dataclass(frozen=True)
class CaOnDisk:
    cert: x509.Certificate
    key_path: Path
    key: ec.EllipticCurvePrivateKey | None
    """The key, when it was made or opened just now (so the passphrase is not asked twice)."""
    locked_now: bool = False
    """Its key was stored plain and has just been locked."""

    @property
    def locked(self) -> bool:
        return is_locked(self.key_path.read_bytes())


def read_ca(folder: Path) -> x509.Certificate | None:
    """The CA certificate, if this machine has made one."""
    path = folder / CA_CERT
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())


def ensure_ca(folder: Path, passphrase: CaPassphrase, *, names: Sequence[str]) -> CaOnDisk:
    """The CA in the folder (its plain key locked now, if a passphrase can be had), or a new one
    for these names when there is none, it is near its end (ten years on) or its files do not
    belong together; a new one needs a new passphrase (CaLocked when none can be had)."""
    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        pem = key_path.read_bytes()
        if ca_still_good(cert) and is_locked(pem):
            return CaOnDisk(cert, key_path, None)
        plain = plain_key(pem)
        # A crash between writing the key and the certificate leaves a pair that does not match.
        if ca_still_good(cert) and plain is not None and same_key(cert, plain):
            return lock_plain_key(CaOnDisk(cert, key_path, plain), passphrase)
    chosen = passphrase.new(NEW_CA)
    if chosen is None:
        raise CaLocked(
            f"Afterword's certificate authority must be made, with a passphrase to lock its key: {ASK_FOR_IT}"
        )
    ensure_private_dir(folder)
    ca = make_ca(f"Afterword on {socket.gethostname() or 'this machine'}", names=names)
    write_private(key_path, lock_key(ca.key, chosen, ca.cert))
    write_private(cert_path, ca.cert_pem())
    return CaOnDisk(ca.cert, key_path, ca.key)


def lock_plain_key(ca: CaOnDisk, passphrase: CaPassphrase) -> CaOnDisk:
    """An earlier version's plain key, locked now when a passphrase can be had."""
    assert ca.key is not None
    chosen = passphrase.new(LOCK_PLAIN_KEY)
    if chosen is None:
        return ca
    write_private(ca.key_path, lock_key(ca.key, chosen, ca.cert))
    return CaOnDisk(ca.cert, ca.key_path, ca.key, locked_now=True)


def plain_key(pem: bytes) -> ec.EllipticCurvePrivateKey | None:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        return None
    return key if isinstance(key, ec.EllipticCurvePrivateKey) else None


def open_ca(ca: CaOnDisk, passphrase: CaPassphrase, *, why: str) -> Issued | None:
    """The CA with its key, to sign; None when no passphrase can be had now. CaLocked after
    wrong passphrases."""
    if ca.key is not None:
        return Issued(ca.cert, ca.key)
    pem = ca.key_path.read_bytes()
    for attempt in range(UNLOCK_TRIES):
        given = passphrase.existing(why, again=attempt > 0)
        if given is None:
            return None
        try:
            key = unlock_key(pem, given, ca.cert)
        except WrongPassphrase:
            continue
        if not same_key(ca.cert, key):
            raise CaLocked(
                f"the key of Afterword's certificate authority is not its certificate's. {FORGOTTEN}"
            )
        return Issued(ca.cert, key)
    raise CaLocked(f"that passphrase does not open the key of Afterword's certificate authority. {FORGOTTEN}")


def same_key(cert: x509.Certificate, key: PrivateKeyTypes) -> bool:
    """Whether the private key is the certificate's."""
    return bool(cert.public_key() == key.public_key())


def write_private(path: Path, data: bytes) -> None:
    """Written whole (a crash leaves the old file or the new one) and readable only by us."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
