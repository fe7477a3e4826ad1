"""Afterword's own certificates on this machine, in `<data folder>/tls/`: a certificate authority
made once (its key never leaves the folder and is never served) and the server certificate it
signs, re-issued by itself whenever it stops fitting. Nothing is requested from anywhere.

Phone browsers allow the microphone, service workers and installing as an app only on pages
they trust, and a phone can trust a CA the person installs, never a self-signed leaf."""

import contextlib
import ipaddress
import os
import re
import socket
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from afterword.errors import Invalid
from afterword.paths import ensure_private_dir
from afterword.web.certificates import (
    Issued,
    ca_still_good,
    fingerprint,
    make_ca,
    make_server_certificate,
    reason_to_reissue,
)

CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
SERVER_CERT = "cert.pem"  # the name an earlier, self-signed version used too, so it is replaced
SERVER_KEY = "key.pem"
SIOCGIFADDR = 0x8915  # Linux: an interface's IPv4 address
DNS_NAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*$"
)


@dataclass(frozen=True)
class ServerTls:
    cert: Path
    key: Path
    ca: Path
    fingerprint: str
    """The CA's SHA-256 fingerprint, for the person to compare on the phone."""
    reissued: str | None
    """Why the server certificate was made just now; None when the one on disk still fits."""


def tls_folder(data_dir: Path) -> Path:
    return data_dir / "tls"


def read_ca(folder: Path) -> x509.Certificate | None:
    """The CA certificate, if this machine has made one."""
    path = folder / CA_CERT
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())


def ensure_ca(folder: Path) -> Issued:
    """The CA in the folder, made now when missing or near its end (ten years on)."""
    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        # A crash between writing the key and the certificate leaves a pair that does not match.
        if isinstance(key, ec.EllipticCurvePrivateKey) and same_key(cert, key) and ca_still_good(cert):
            return Issued(cert, key)
    ensure_private_dir(folder)
    ca = make_ca(f"Afterword on {socket.gethostname() or 'this machine'}")
    write_private(key_path, ca.key_pem())
    write_private(cert_path, ca.cert_pem())
    return ca


def ensure_server_certificate(folder: Path, names: Sequence[str]) -> ServerTls:
    """A server certificate signed by the CA and covering every name, re-issued when it does not."""
    ca = ensure_ca(folder)
    cert_path, key_path = folder / SERVER_CERT, folder / SERVER_KEY
    reason: str | None = "there was none"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        reason = (
            reason_to_reissue(cert, ca.cert, names) if same_key(cert, key) else "its key did not match it"
        )
    if reason is not None:
        issued = make_server_certificate(ca, names)
        write_private(key_path, issued.key_pem())
        write_private(cert_path, issued.cert_pem())
    return ServerTls(cert_path, key_path, folder / CA_CERT, fingerprint(ca.cert), reason)


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


def check_name(name: str) -> str:
    """A host name or an address for the certificate, lower-cased; Invalid otherwise."""
    cleaned = name.strip().lower().rstrip(".")
    with contextlib.suppress(ValueError):
        return str(ipaddress.ip_address(cleaned))
    if not DNS_NAME.match(cleaned):
        raise Invalid(f"{name!r} is not a host name or an address")
    return cleaned


def server_names(extra: Sequence[str] = ()) -> list[str]:
    """Every name a phone may use for this machine: the given ones first, then this machine's
    host name and its .local (mDNS) name, localhost, and every local address."""
    names = [check_name(name) for name in extra]
    host = socket.gethostname().lower().rstrip(".")
    if host and DNS_NAME.match(host):
        short = host.split(".")[0]
        names += [host, short, f"{short}.local"]
    names += ["localhost", *local_addresses()]
    return list(dict.fromkeys(names))


def local_addresses() -> list[str]:
    """This machine's addresses as far as it can tell without sending a packet."""
    addresses = {"127.0.0.1", "::1"}
    with contextlib.suppress(OSError):
        addresses.update(socket.gethostbyname_ex(socket.gethostname())[2])
    for family in (socket.AF_INET, socket.AF_INET6):
        addresses.update(filter(None, [outgoing_address(family)]))
    addresses.update(interface_addresses())
    return sorted(a for a in addresses if usable(a))


def outgoing_address(family: socket.AddressFamily) -> str | None:
    """The address a packet to the outside would leave from (the default route's), if any.
    Connecting a UDP socket sends nothing; it only picks that address."""
    probe = "192.0.2.1" if family == socket.AF_INET else "2001:db8::1"
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.connect((probe, 9))
        return str(sock.getsockname()[0])
    return None


def interface_addresses() -> set[str]:
    """The IPv4 address of every network interface (Linux; elsewhere the probes above do)."""
    if not sys.platform.startswith("linux"):
        return set()
    import fcntl
    import struct

    found: set[str] = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                request = struct.pack("256s", name.encode()[:15])
                answer = fcntl.ioctl(sock.fileno(), SIOCGIFADDR, request)
                found.add(socket.inet_ntoa(answer[20:24]))
    return found


def usable(address: str) -> bool:
    """Addresses a phone could reach: not link-local (they carry a scope), not unspecified."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return not (ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def preferred_address() -> str:
    """The address a phone on the same network most likely reaches this machine at: the default
    route's (not a container bridge's or a VPN's that sorts first), else the first other one."""
    outgoing = outgoing_address(socket.AF_INET)
    if outgoing is not None and usable(outgoing) and not outgoing.startswith("127."):
        return outgoing
    addresses = [a for a in local_addresses() if ":" not in a and not a.startswith("127.")]
    return addresses[0] if addresses else "localhost"
