"""Afterword's CA key at rest: locked with the person's passphrase, so a plain copy of the data
folder (a backup, a synced folder, a stolen disk) cannot sign certificates. Pure: bytes in and out.

The file stays a standard encrypted PKCS#8 PEM (cryptography's best available encryption:
AES-256-CBC, PBKDF2-HMAC-SHA256 with 2,048 rounds), but its password is not the passphrase
itself: it is stretched first with scrypt (N=2^17, r=8, p=1: 128 MiB and about a second per try
on a 2-core machine; OWASP's minimum), salted with the CA certificate's own SHA-256, so every
guess at a household passphrase costs an attacker that second too."""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
LOCKED_MARK = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
MIN_PASSPHRASE_CHARS = 8


class WrongPassphrase(Exception):
    """The passphrase does not open the key."""


def stretched(passphrase: bytes, ca: x509.Certificate) -> bytes:
    salt = hashlib.sha256(ca.public_bytes(serialization.Encoding.DER)).digest()
    derived = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase)
    return derived.hex().encode()


def lock_key(key: ec.EllipticCurvePrivateKey, passphrase: bytes, ca: x509.Certificate) -> bytes:
    """The CA's key as an encrypted PEM that only the passphrase opens."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(stretched(passphrase, ca)),
    )


def unlock_key(pem: bytes, passphrase: bytes, ca: x509.Certificate) -> ec.EllipticCurvePrivateKey:
    """The key a locked PEM holds; WrongPassphrase when the passphrase does not open it."""
    try:
        key = serialization.load_pem_private_key(pem, password=stretched(passphrase, ca))
    except ValueError as error:
        raise WrongPassphrase from error
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise WrongPassphrase
    return key


def is_locked(pem: bytes) -> bool:
    return pem.lstrip().startswith(LOCKED_MARK)
