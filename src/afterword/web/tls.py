"""Afterword's own certificates on this machine, in `<data folder>/tls/`: a certificate authority
made once (web.ca: its key locked with the person's passphrase, never served) and the server
certificate it signs, re-issued by itself whenever it stops fitting, for the names the CA may
vouch for. Nothing is requested from anywhere.

Phone browsers allow the microphone, service workers and installing as an app only on pages
they trust, and a phone can trust a CA the person installs, never a self-signed leaf."""

import contextlib
import ipaddress
import re
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from afterword.errors import Invalid
from afterword.web.ca import (
    ASK_FOR_IT,
    CaLocked,
    CaPassphrase,
    ensure_ca,
    open_ca,
    same_key,
    write_private,
)
from afterword.web.ca import CA_CERT as CA_CERT
from afterword.web.ca import CA_KEY as CA_KEY
from afterword.web.ca import read_ca as read_ca
from afterword.web.certificates import (
    ca_name_constraints,
    fingerprint,
    make_server_certificate,
    reason_to_reissue,
    utc_now,
    vouches_for,
)

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
    postponed: str | None = None
    """Why it should have been made again, when the CA's key could not be opened to do it."""
    left_out: tuple[str, ...] = ()
    """Names and addresses of this machine that the CA may not vouch for (a public IPv6 address)."""
    ca_key_locked: bool = True
    """Whether the CA's key is locked with a passphrase (an earlier version kept it plain)."""
    ca_key_locked_now: bool = False
    ca_constrained: bool = True
    """False for a CA from before name constraints: it could vouch for any site."""


def tls_folder(data_dir: Path) -> Path:
    return data_dir / "tls"


def ensure_server_certificate(
    folder: Path, names: Sequence[str], passphrase: CaPassphrase, *, required: Sequence[str] = ()
) -> ServerTls:
    """A server certificate signed by the CA and covering every name it may vouch for, re-issued
    when it does not; `required` names (asked for by the person) must be among those. When the
    CA's key cannot be opened now, a certificate that is still valid is kept, with why it should
    have been re-issued; with none, CaLocked says how to give the passphrase."""
    ca = ensure_ca(folder, passphrase, names=names)
    refuse_names_outside(ca.cert, required)
    usable = [name for name in names if vouches_for(ca.cert, name)]
    cert_path, key_path = folder / SERVER_CERT, folder / SERVER_KEY
    current, reason = current_certificate(cert_path, key_path, ca.cert, usable)
    postponed = None
    if reason is not None:
        signer = open_ca(ca, passphrase, why=f"re-issue the server certificate: {reason}")
        if signer is not None:
            issued = make_server_certificate(signer, usable)
            write_private(key_path, issued.key_pem())
            write_private(cert_path, issued.cert_pem())
        elif current is not None and current.not_valid_after_utc > utc_now():
            reason, postponed = None, reason
        else:
            raise CaLocked(
                f"the server certificate must be made ({reason}), with the passphrase of Afterword's certificate authority: {ASK_FOR_IT}"
            )
    return ServerTls(
        cert_path,
        key_path,
        folder / CA_CERT,
        fingerprint(ca.cert),
        reason,
        postponed,
        tuple(name for name in names if name not in usable),
        ca.locked,
        ca.locked_now,
        ca_name_constraints(ca.cert) is not None,
    )


def current_certificate(
    cert_path: Path, key_path: Path, ca: x509.Certificate, names: Sequence[str]
) -> tuple[x509.Certificate | None, str | None]:
    """The server certificate on disk (when its key is its own) and why it will not do."""
    if not (cert_path.exists() and key_path.exists()):
        return None, "there was none"
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not same_key(cert, key):
        return None, "its key did not match it"
    return cert, reason_to_reissue(cert, ca, names)


def refuse_names_outside(ca: x509.Certificate, required: Sequence[str]) -> None:
    outside = [name for name in required if not vouches_for(ca, name)]
    if outside:
        raise Invalid(
            f"Afterword's certificate authority may vouch only for local names and addresses and "
            f"those this machine had when it was made, and {', '.join(outside)} is not one. To add "
            "it, delete the tls folder in the data folder and start again: a new certificate "
            "authority, which each phone installs once more."
        )


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
