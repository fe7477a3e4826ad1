"""What a copy of Afterword's CA key can do, and what it takes to get one: the CA may vouch only
for local names and addresses and this machine's (a leaf for a bank fails `openssl verify` and
cryptography's verifier), its key is locked with a passphrase (a plain copy of the data folder
cannot sign), the passphrase is needed only when a certificate must be (re)issued, an earlier
plain key is locked on first use, and `serve --https` on a terminal asks for it once."""

import datetime
import ipaddress
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from afterword.errors import Invalid
from afterword.settings import Settings
from afterword.web.ca import CaLocked, GivenPassphrase, NoPassphrase, ensure_ca, open_ca
from afterword.web.ca_lock import is_locked
from afterword.web.certificates import Issued, fingerprint, make_server_certificate
from afterword.web.tls import CA_CERT, CA_KEY, SERVER_CERT, ensure_server_certificate, server_names
from tests.support.processes import REPO, env_for, free_port

PASSPHRASE = b"correct horse battery"
NAMES = server_names(["afterword.test"])


class Counting:
    """A known passphrase that notes each time it is asked for, and why."""

    def __init__(self, passphrase: bytes) -> None:
        self.given = GivenPassphrase(passphrase)
        self.asked: list[str] = []

    def new(self, why: str) -> bytes | None:
        self.asked.append(f"new: {why}")
        return self.given.new(why)

    def existing(self, why: str, *, again: bool) -> bytes | None:
        self.asked.append(f"existing: {why}")
        return self.given.existing(why, again=again)


def stolen_ca(folder: Path) -> Issued:
    """The folder's CA with its key, as someone holding the key and its passphrase has it."""
    opened = open_ca(ensure_ca(folder, NoPassphrase(), names=NAMES), GivenPassphrase(PASSPHRASE), why="forge")
    assert opened is not None
    return opened


def openssl_verify(ca: Path, leaf: x509.Certificate, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "leaf.pem"
    path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    return subprocess.run(
        ["openssl", "verify", "-CAfile", str(ca), str(path)], capture_output=True, text=True
    )


def cryptography_verifies(ca: x509.Certificate, leaf: x509.Certificate, name: x509.GeneralName) -> bool:
    try:
        PolicyBuilder().store(Store([ca])).build_server_verifier(name).verify(leaf, [])
    except VerificationError:
        return False
    return True


def test_a_leaf_for_any_other_site_fails_verification(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    ensure_server_certificate(folder, NAMES, GivenPassphrase(PASSPHRASE))
    ca_file, ca = folder / CA_CERT, stolen_ca(folder)
    served = x509.load_pem_x509_certificate((folder / SERVER_CERT).read_bytes())
    assert openssl_verify(ca_file, served, tmp_path).returncode == 0
    forgeries = {
        "www.bank.example": (["www.bank.example"], x509.DNSName("www.bank.example")),
        # A permitted name beside it, so only the address is what breaks the rule.
        "8.8.8.8": (["printer.local", "8.8.8.8"], x509.IPAddress(ipaddress.ip_address("8.8.8.8"))),
    }
    for what, (names, entry) in forgeries.items():
        forged = make_server_certificate(ca, names).cert
        checked = openssl_verify(ca_file, forged, tmp_path)
        assert checked.returncode != 0, what
        assert "permitted subtree violation" in checked.stdout + checked.stderr, what
        assert not cryptography_verifies(ca.cert, forged, entry), what
    # What it may still vouch for: names and addresses no public site has.
    for names in (["printer.local"], ["router.lan", "10.9.8.7"], ["afterword.test"]):
        forged = make_server_certificate(ca, names).cert
        assert openssl_verify(ca_file, forged, tmp_path).returncode == 0, names


def test_a_plain_copy_of_the_data_folder_cannot_sign(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    ensure_server_certificate(folder, NAMES, GivenPassphrase(PASSPHRASE))
    copy = shutil.copytree(folder, tmp_path / "copy")
    pem = (copy / CA_KEY).read_bytes()
    assert is_locked(pem) and b"BEGIN ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, password=None)
    # Not even with the passphrase itself: it is stretched (scrypt) before it opens the PEM.
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(pem, password=PASSPHRASE)
    with pytest.raises(CaLocked, match="does not open"):
        open_ca(ensure_ca(copy, NoPassphrase(), names=NAMES), GivenPassphrase(b"a wrong guess"), why="x")


def test_the_passphrase_is_asked_for_only_when_a_certificate_must_be_issued(tmp_path: Path) -> None:
    folder = tmp_path / "tls"
    first = Counting(PASSPHRASE)
    ensure_server_certificate(folder, NAMES, first)
    assert first.asked == ["new: make Afterword's certificate authority"]  # and signed with it at once
    again = Counting(PASSPHRASE)
    assert ensure_server_certificate(folder, NAMES, again).reissued is None
    assert again.asked == []
    moved = Counting(PASSPHRASE)
    assert (
        ensure_server_certificate(folder, [*NAMES, "10.0.0.7"], moved).reissued
        == "it does not cover 10.0.0.7"
    )
    assert moved.asked == ["existing: re-issue the server certificate: it does not cover 10.0.0.7"]

    # No passphrase at hand (a service started without it): the certificate there is kept.
    before = (folder / SERVER_CERT).read_bytes()
    kept = ensure_server_certificate(folder, [*NAMES, "10.0.0.8"], NoPassphrase())
    assert kept.postponed == "it does not cover 10.0.0.8" and kept.reissued is None
    assert (folder / SERVER_CERT).read_bytes() == before
    (folder / SERVER_CERT).unlink()
    with pytest.raises(CaLocked, match="AFTERWORD_CA_PASSPHRASE_FILE"):
        ensure_server_certificate(folder, NAMES, NoPassphrase())
    # A name the person asks for that the CA may not vouch for is refused, not left out quietly.
    with pytest.raises(Invalid, match="bank.example is not one"):
        ensure_server_certificate(
            folder, [*NAMES, "bank.example"], GivenPassphrase(PASSPHRASE), required=["bank.example"]
        )


def unconstrained_plain_ca(folder: Path) -> x509.Certificate:
    """What an earlier Afterword left: a CA without name constraints, its key unencrypted."""
    folder.mkdir(parents=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Afterword on laptop")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    (folder / CA_CERT).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / CA_KEY).write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert


def serve_once(settings: Settings, **env: str) -> str:
    """`afterword serve --https` without a terminal, until it listens; what it said."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "afterword",
            "serve",
            "--https",
            "--no-worker",
            "--port",
            str(port),
            "--setup-port",
            "0",
        ],
        cwd=REPO,
        env=env_for(settings, **env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    said = ""
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while "Ctrl-C stops it" not in said and process.poll() is None and time.monotonic() < deadline:
        said += process.stderr.readline()
    process.terminate()
    _, rest = process.communicate(timeout=30)
    return " ".join((said + rest).split())


def test_an_earlier_plain_key_is_locked_on_first_use_and_an_unconstrained_ca_is_named(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    folder = settings.data_dir / "tls"
    old = unconstrained_plain_ca(folder)
    said = serve_once(settings)  # no terminal, no file: it says so and serves
    assert "the key of Afterword's CA is stored unencrypted" in said
    assert not is_locked((folder / CA_KEY).read_bytes())
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text("correct horse battery\n")
    passphrase_file.chmod(0o600)
    said = serve_once(settings, AFTERWORD_CA_PASSPHRASE_FILE=str(passphrase_file))
    assert "Locked the key of Afterword's CA" in said
    assert re.search(r"needed again only to re-issue the server certificate: by \d{4}-\d\d-\d\d", said)
    assert "this CA was made before Afterword limited it to local names and addresses" in said
    assert is_locked((folder / CA_KEY).read_bytes())
    assert fingerprint(x509.load_pem_x509_certificate((folder / CA_CERT).read_bytes())) == fingerprint(old)


def test_without_a_terminal_or_a_file_the_first_start_says_how_in_one_line(tmp_path: Path) -> None:
    said = serve_once(Settings(data_dir=tmp_path / "data"))
    assert said.startswith("Error: Afterword's certificate authority must be made, with a passphrase")
    assert "AFTERWORD_CA_PASSPHRASE_FILE" in said and "Traceback" not in said


def on_a_terminal(settings: Settings, answers: list[bytes], *args: str, until: bytes) -> bytes:
    """`afterword serve --https` in a pseudo-terminal, as a person runs it: each answer is typed
    after the next prompt (a line ending in ': '); returns what the terminal showed."""
    port = free_port()
    env = env_for(settings)
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the terminal is its own
        os.chdir(REPO)
        argv = [
            sys.executable,
            "-m",
            "afterword",
            "serve",
            "--https",
            "--no-worker",
            "--port",
            str(port),
            "--setup-port",
            "0",
            *args,
        ]
        os.execve(sys.executable, argv, env)
    shown, pending, answered_at = b"", list(answers), 0
    deadline = time.monotonic() + 90
    try:
        while until not in shown and time.monotonic() < deadline:
            if select.select([terminal], [], [], 0.5)[0]:
                try:
                    shown += os.read(terminal, 4096)
                except OSError:
                    break
            if pending and len(shown) > answered_at and shown.endswith(b": "):
                os.write(terminal, pending.pop(0) + b"\n")
                answered_at = len(shown)
    finally:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
        os.close(terminal)
    return shown


def test_serve_https_on_a_terminal_asks_for_a_passphrase_once_and_not_again(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = on_a_terminal(settings, [PASSPHRASE, PASSPHRASE], until=b"Ctrl-C stops it")
    assert b"Choose a passphrase:" in first and b"Type it again:" in first, first
    assert PASSPHRASE not in first  # never echoed
    assert b"Ctrl-C stops it" in first
    key = (settings.data_dir / "tls" / CA_KEY).read_bytes()
    assert is_locked(key)
    second = on_a_terminal(settings, [], until=b"Ctrl-C stops it")
    assert b"Passphrase:" not in second and b"Choose" not in second, second
    assert b"Ctrl-C stops it" in second
    # A new name means a new server certificate: now, and only now, it is asked for.
    third = on_a_terminal(settings, [b"not it at all", PASSPHRASE], "--tls-name", "den.lan", until=b"Ctrl-C")
    flat = b" ".join(third.split())
    assert b"is needed to re-issue the server certificate: it does not cover den.lan" in flat, third
    assert b"That passphrase does not open it; try again." in flat
    assert b"Made a new server certificate, signed by Afterword's CA: it does not cover den.lan" in flat


def test_pair_before_any_ca_and_without_a_passphrase_still_gives_the_code(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from afterword.cli.main import app

    runner, env = CliRunner(), {"AFTERWORD_DATA_DIR": str(tmp_path / "data")}
    assert runner.invoke(app, ["person", "add", "Sam"], env=env).exit_code == 0
    paired = runner.invoke(app, ["pair", "Sam", "--host", "192.168.1.20"], env=env)
    assert paired.exit_code == 0, paired.output
    assert "#code=" in paired.stdout
    assert "made by the first `afterword serve --https`" in " ".join(paired.stderr.split())
    assert not (tmp_path / "data" / "tls" / CA_KEY).exists()
