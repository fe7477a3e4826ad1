"""A self-signed certificate made on this machine, because phone browsers allow the microphone
only on secure pages. Nothing is requested from anywhere."""

import contextlib
import datetime
import ipaddress
import os
import socket
from pathlib import Path

from afterword.store.db import ensure_private_dir

VALID_DAYS = 825  # the longest validity Apple devices accept for a TLS certificate


def local_addresses() -> list[str]:
    """This machine's addresses as its own resolver lists them (no packet is sent)."""
    addresses = {"127.0.0.1"}
    with contextlib.suppress(OSError):
        addresses.update(socket.gethostbyname_ex(socket.gethostname())[2])
    return sorted(addresses)


def ensure_certificate(folder: Path, *, hosts: list[str]) -> tuple[Path, Path]:
    """(certificate, key) in the folder, made now when missing or not covering every host."""
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    if cert_path.exists() and key_path.exists() and covers(cert_path, hosts):
        return cert_path, key_path
    ensure_private_dir(folder)
    cert_pem, key_pem = make_certificate(hosts)
    for path, data in ((key_path, key_pem), (cert_path, cert_pem)):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    return cert_path, key_path


def covers(cert_path: Path, hosts: list[str]) -> bool:
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    known = {str(n) for n in names.get_values_for_type(x509.IPAddress)}
    known |= set(names.get_values_for_type(x509.DNSName))
    now = datetime.datetime.now(datetime.UTC)
    return set(hosts) <= known and cert.not_valid_after_utc > now + datetime.timedelta(days=7)


def make_certificate(hosts: list[str]) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Afterword on this machine")])
    alt_names: list[x509.GeneralName] = [x509.DNSName("localhost")]
    for host in hosts:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem
