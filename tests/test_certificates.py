"""Afterword's own CA and the server certificate it signs: the fields a phone checks, a chain
that verifies, the names covered, the validity limits, and re-issuing that keeps the CA."""

import datetime
import ipaddress
import os
import socket
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from afterword.errors import Invalid
from afterword.web.ca import GivenPassphrase, ensure_ca, open_ca
from afterword.web.certificates import (
    CA_VALID_DAYS,
    RENEW_BEFORE_DAYS,
    SERVER_VALID_DAYS,
    Issued,
    fingerprint,
    make_ca,
    make_server_certificate,
)
from afterword.web.tls import (
    CA_CERT,
    CA_KEY,
    SERVER_CERT,
    SERVER_KEY,
    check_name,
    ensure_server_certificate,
    local_addresses,
    preferred_address,
    server_names,
)

NAMES = ["afterword.test", "laptop", "laptop.local", "localhost", "127.0.0.1", "192.168.1.20", "::1"]
PASSPHRASE = GivenPassphrase(b"correct horse battery")


def load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def verify(leaf: x509.Certificate, ca: x509.Certificate, name: x509.GeneralName) -> None:
    """As a TLS client does: the leaf, for this name, chaining to the CA as the only root."""
    verifier = PolicyBuilder().store(Store([ca])).build_server_verifier(name)
    verifier.verify(leaf, [])


def the_ca(folder: Path) -> Issued:
    """The folder's CA (made now if needed), opened to sign."""
    opened = open_ca(ensure_ca(folder, PASSPHRASE, names=NAMES), PASSPHRASE, why="sign in a test")
    assert opened is not None
    return opened


def validity(cert: x509.Certificate) -> datetime.timedelta:
    return cert.not_valid_after_utc - cert.not_valid_before_utc


def test_ca_is_a_p256_ca_for_ten_years_that_signs_only_server_certificates() -> None:
    ca = make_ca("Afterword on laptop", names=NAMES).cert
    constraints = ca.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = ca.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.key_cert_sign and usage.value.crl_sign
    assert not (usage.value.digital_signature or usage.value.key_encipherment)
    key = ca.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"
    assert ca.signature_hash_algorithm is not None and ca.signature_hash_algorithm.name == "sha256"
    assert validity(ca) == datetime.timedelta(days=CA_VALID_DAYS) == datetime.timedelta(days=3650)
    assert ca.subject == ca.issuer
    assert ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Afterword on laptop"


def test_server_certificate_is_what_ios_accepts_and_its_chain_verifies() -> None:
    ca = make_ca("Afterword on laptop", names=NAMES)
    leaf = make_server_certificate(ca, NAMES).cert
    constraints = leaf.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and not constraints.value.ca
    assert list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.SERVER_AUTH
    ]
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert validity(leaf) <= datetime.timedelta(days=SERVER_VALID_DAYS) <= datetime.timedelta(days=397)
    assert leaf.not_valid_before_utc < datetime.datetime.now(datetime.UTC)  # a slow phone clock
    assert leaf.issuer == ca.cert.subject
    for name in (x509.DNSName("afterword.test"), x509.DNSName("laptop.local"), x509.DNSName("localhost")):
        verify(leaf, ca.cert, name)
    for address in ("127.0.0.1", "192.168.1.20", "::1"):
        verify(leaf, ca.cert, x509.IPAddress(ipaddress.ip_address(address)))


def test_chain_does_not_verify_for_another_name_or_another_ca() -> None:
    ca = make_ca("Afterword on laptop", names=NAMES)
    leaf = make_server_certificate(ca, NAMES).cert
    with pytest.raises(VerificationError):
        verify(leaf, ca.cert, x509.DNSName("elsewhere.test"))
    with pytest.raises(VerificationError):
        verify(leaf, ca.cert, x509.IPAddress(ipaddress.ip_address("192.168.1.21")))
    with pytest.raises(VerificationError):
        verify(leaf, make_ca("Another Afterword", names=NAMES).cert, x509.DNSName("afterword.test"))


def test_files_are_private_and_a_second_start_keeps_both_certificates(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    first = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    assert first.reissued == "there was none"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for name in (CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY):
        assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600, name
    cert_before = (folder / SERVER_CERT).read_bytes()
    again = ensure_server_certificate(folder, list(reversed(NAMES)), PASSPHRASE)
    assert again.reissued is None
    assert (folder / SERVER_CERT).read_bytes() == cert_before
    assert again.fingerprint == first.fingerprint
    # Leftovers of the atomic writes would be key material lying around.
    assert sorted(p.name for p in folder.iterdir()) == sorted([CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY])


def test_a_new_address_reissues_the_server_certificate_and_keeps_the_ca(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    first = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    ca_before = (folder / CA_CERT).read_bytes()
    moved = ensure_server_certificate(folder, [*NAMES, "10.0.0.7"], PASSPHRASE)
    assert moved.reissued == "it does not cover 10.0.0.7"
    assert (folder / CA_CERT).read_bytes() == ca_before
    assert moved.fingerprint == first.fingerprint
    verify(
        load(folder / SERVER_CERT), load(folder / CA_CERT), x509.IPAddress(ipaddress.ip_address("10.0.0.7"))
    )


def test_a_key_that_does_not_match_its_certificate_is_replaced(tmp_path: Path) -> None:
    """A crash between writing a key and its certificate leaves a pair that does not match."""
    folder = tmp_path / "tls"
    ensure_server_certificate(folder, NAMES, PASSPHRASE)
    other = make_server_certificate(the_ca(folder), NAMES)
    (folder / SERVER_KEY).write_bytes(other.key_pem())  # the new key, the old certificate
    mended = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    assert mended.reissued == "its key did not match it"
    key = serialization.load_pem_private_key((folder / SERVER_KEY).read_bytes(), password=None)
    assert load(folder / SERVER_CERT).public_key() == key.public_key()
    ca_key_before = (folder / CA_KEY).read_bytes()
    stray = make_server_certificate(the_ca(folder), NAMES)
    (folder / CA_KEY).write_bytes(stray.key_pem())  # the CA's certificate with another key
    ca = ensure_ca(folder, PASSPHRASE, names=NAMES)
    assert (folder / CA_KEY).read_bytes() not in (ca_key_before, stray.key_pem())
    assert ca.cert.public_key() == ca.key.public_key()


def test_a_certificate_near_its_end_is_reissued(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    ca = the_ca(folder)
    old_start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
        days=SERVER_VALID_DAYS - RENEW_BEFORE_DAYS + 1
    )
    old = make_server_certificate(ca, NAMES, now=old_start)
    (folder / SERVER_CERT).write_bytes(old.cert_pem())
    (folder / SERVER_KEY).write_bytes(old.key_pem())
    renewed = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    assert renewed.reissued == f"it runs out in fewer than {RENEW_BEFORE_DAYS} days"
    assert load(folder / SERVER_CERT).not_valid_after_utc > old.cert.not_valid_after_utc


def test_an_earlier_self_signed_certificate_is_replaced(tmp_path: Path) -> None:
    """Earlier versions wrote a self-signed leaf to the same cert.pem and key.pem."""
    folder = tmp_path / "tls"
    folder.mkdir()
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Afterword on this machine")])
    now = datetime.datetime.now(datetime.UTC)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=825))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in NAMES[:4]]), critical=False)
        .sign(key, hashes.SHA256())
    )
    (folder / SERVER_CERT).write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (folder / SERVER_KEY).write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    tls = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    assert tls.reissued == "it is not signed by Afterword's certificate authority"
    verify(load(folder / SERVER_CERT), load(folder / CA_CERT), x509.DNSName("afterword.test"))


def test_a_ca_near_its_end_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    folder.mkdir()
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=CA_VALID_DAYS - 10)
    old = make_ca("Afterword on laptop", names=NAMES, now=start)
    (folder / CA_CERT).write_bytes(old.cert_pem())
    (folder / CA_KEY).write_bytes(old.key_pem())
    tls = ensure_server_certificate(folder, NAMES, PASSPHRASE)
    assert tls.fingerprint != fingerprint(old.cert)
    assert load(folder / CA_CERT).not_valid_after_utc > old.cert.not_valid_after_utc


def test_fingerprint_is_the_sha256_of_the_certificate_in_colon_pairs() -> None:
    ca = make_ca("Afterword on laptop", names=NAMES).cert
    shown = fingerprint(ca)
    assert shown == ca.fingerprint(hashes.SHA256()).hex(":").upper()
    assert len(shown) == 32 * 3 - 1


def test_server_names_cover_this_machine_and_the_names_given_first() -> None:
    names = server_names(["Afterword.Test.", "100.64.0.9"])
    assert names[:2] == ["afterword.test", "100.64.0.9"]
    assert {"localhost", "127.0.0.1"} <= set(names)
    host = socket.gethostname().lower().split(".")[0]
    assert host in names and f"{host}.local" in names
    assert set(local_addresses()) <= set(names)
    assert len(names) == len(set(names))
    for address in local_addresses():
        ip = ipaddress.ip_address(address)
        assert not ip.is_link_local and not ip.is_unspecified


def test_the_pairing_address_is_the_default_routes_not_the_first_in_order() -> None:
    """A container bridge (172.17.0.1) or a VPN (10.x) sorts before 192.168.x; the phone is
    reached at the address packets to the outside leave from."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("192.0.2.1", 9))
        outgoing = sock.getsockname()[0]
    assert preferred_address() == outgoing
    assert outgoing in local_addresses()


@pytest.mark.parametrize(
    "bad", ["", " ", "has space.lan", "https://laptop", "laptop:8000", "-laptop", "a..b", "x" * 64]
)
def test_a_name_that_is_neither_host_nor_address_is_refused(bad: str) -> None:
    with pytest.raises(Invalid, match="is not a host name or an address"):
        check_name(bad)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Laptop.Local", "laptop.local"),
        ("box.tail1234.ts.net.", "box.tail1234.ts.net"),
        ("fe80:0::1", "fe80::1"),
    ],
)
def test_names_are_kept_in_one_spelling(given: str, kept: str) -> None:
    assert check_name(given) == kept
