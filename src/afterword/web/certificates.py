"""The rules for Afterword's own certificate authority and the server certificate it signs.
Pure: certificates in, certificates out, no files.

A phone installs the CA once; the server certificate is re-issued by itself whenever this
machine's addresses change or it nears its end, so the phone never has to be touched again.
The fields follow what the strictest client, iOS, requires of a certificate from a CA the
person installed: a CA certificate (a leaf cannot be given full trust), the serverAuth
extended key usage, names in subjectAltName (the common name is ignored), and at most 398
days of validity for the server certificate (we keep one day under it).

The CA may vouch only for what a home server is reached by (RFC 5280 name constraints, which
iOS, Android, browsers and OpenSSL honour): local names (`.local`, `.lan`, `.home.arpa`,
`.internal`, `localhost`), private and loopback addresses, and the names and addresses this
machine had when the CA was made. Whoever copies its key still cannot pass for a bank."""

import datetime
import hashlib
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_VALID_DAYS = 3650
SERVER_VALID_DAYS = 397
RENEW_BEFORE_DAYS = 30
# A phone whose clock runs a little behind must not see a certificate from the future.
BACKDATE = datetime.timedelta(hours=1)
LOCAL_DOMAINS = ("local", "lan", "home.arpa", "internal", "localdomain", "localhost")
"""Names no public site can have: mDNS, home routers' DHCP names, RFC 8375, and this machine."""
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",  # carrier-grade NAT, where Tailscale gives out addresses
        "::1/128",
        "fc00::/7",
    )
)


@dataclass(frozen=True)
class Issued:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def make_ca(common_name: str, *, names: Sequence[str], now: datetime.datetime | None = None) -> Issued:
    """A CA that may sign server certificates and nothing below them (path length 0), for local
    names and addresses and the given ones only (see `name_constraints`)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Afterword"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )
    start = (now or utc_now()) - BACKDATE
    usage = x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=CA_VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(name_constraints(names), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def name_constraints(names: Sequence[str]) -> x509.NameConstraints:
    """The local domains and private networks, and each given name and address beyond them."""
    domains = list(dict.fromkeys([*LOCAL_DOMAINS, *(n.lower() for n in names if not is_address(n))]))
    networks = list(PRIVATE_NETWORKS)
    for name in names:
        if is_address(name) and not any(ipaddress.ip_address(name) in net for net in networks):
            networks.append(ipaddress.ip_network(name))
    subtrees: list[x509.GeneralName] = [x509.DNSName(d) for d in domains if not within_domains(d, domains)]
    subtrees += [x509.IPAddress(network) for network in networks]
    return x509.NameConstraints(permitted_subtrees=subtrees, excluded_subtrees=None)


def within_domains(domain: str, domains: Sequence[str]) -> bool:
    """Whether another of the domains already covers this one (laptop.local under local)."""
    return any(domain != other and domain.endswith(f".{other}") for other in domains)


def is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def vouches_for(ca: x509.Certificate, name: str) -> bool:
    """Whether the CA may vouch for the name or address: always for a CA made before name
    constraints (it may vouch for anything, which is why it should be replaced)."""
    constraints = ca_name_constraints(ca)
    if constraints is None:
        return True
    for subtree in constraints.permitted_subtrees or []:
        if isinstance(subtree, x509.IPAddress) and is_address(name):
            if ipaddress.ip_address(name) in subtree.value:  # type: ignore[operator]
                return True
        elif isinstance(subtree, x509.DNSName) and not is_address(name):
            base = subtree.value.lower()
            if name.lower() == base or name.lower().endswith(f".{base}"):
                return True
    return False


def ca_name_constraints(ca: x509.Certificate) -> x509.NameConstraints | None:
    try:
        return ca.extensions.get_extension_for_class(x509.NameConstraints).value
    except x509.ExtensionNotFound:
        return None


def make_server_certificate(
    ca: Issued, names: Sequence[str], *, now: datetime.datetime | None = None
) -> Issued:
    """A server certificate for these host names and addresses, signed by the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    start = (now or utc_now()) - BACKDATE
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    ca_key_id = ca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name_of(names))]))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(min(start + datetime.timedelta(days=SERVER_VALID_DAYS), ca.cert.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(general_names(names)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_key_id), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(cert, key)


def common_name_of(names: Sequence[str]) -> str:
    """The first host name (clients read only the alternative names, but OpenSSL checks a common
    name against the CA's name constraints as a host name, and an address is none)."""
    return next((name for name in names if not is_address(name)), names[0])[:64]


def general_names(names: Sequence[str]) -> list[x509.GeneralName]:
    """An IP address entry for an address, a DNS entry for anything else; no duplicates."""
    entries: list[x509.GeneralName] = []
    for name in dict.fromkeys(names):
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            entries.append(x509.DNSName(name))
    return entries


def covered_names(cert: x509.Certificate) -> set[str]:
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    covered = {str(address) for address in names.get_values_for_type(x509.IPAddress)}
    return covered | {name.lower() for name in names.get_values_for_type(x509.DNSName)}


def reason_to_reissue(
    cert: x509.Certificate,
    ca: x509.Certificate,
    names: Sequence[str],
    *,
    now: datetime.datetime | None = None,
) -> str | None:
    """Why this server certificate will not do, or None when it will."""
    now = now or utc_now()
    if not signed_by(cert, ca):
        return "it is not signed by Afterword's certificate authority"
    missing = {str(n).lower() for n in names} - covered_names(cert)
    if missing:
        return f"it does not cover {', '.join(sorted(missing))}"
    if cert.not_valid_after_utc - now < datetime.timedelta(days=RENEW_BEFORE_DAYS):
        return f"it runs out in fewer than {RENEW_BEFORE_DAYS} days"
    return None


def ca_still_good(ca: x509.Certificate, *, now: datetime.datetime | None = None) -> bool:
    """A CA is kept for its ten years; only near its end is a new one made (and installed again)."""
    return ca.not_valid_after_utc - (now or utc_now()) > datetime.timedelta(days=RENEW_BEFORE_DAYS)


def signed_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate, as iOS and Android show it: hex pairs with colons."""
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
