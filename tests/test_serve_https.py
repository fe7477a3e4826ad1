"""`afterword serve --https` and `afterword pair` as a person runs them: a real server process
with Afterword's CA (checked by a client that trusts only that CA), the plain-http setup
listener beside it, certificate files from elsewhere, and pairing links with one-time codes."""

import re
import ssl
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.cli.tls import print_fingerprint
from afterword.settings import Settings
from afterword.web.certificates import fingerprint, make_ca, make_server_certificate
from afterword.web.tls import tls_folder
from tests.support.processes import free_port, start, stop

CODE_LINK = re.compile(r"^(https?)://([^/]+)/#code=([0-9A-Z]{4}-[0-9A-Z]{4})$", re.M)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def flat(text: str) -> str:
    """Terminal output without the line breaks and indents that wrapping put in."""
    return re.sub(r"\s+", "", text)


def printed_fingerprint_of(ca_file: Path) -> str:
    """The fingerprint as printed, in two lines of 16 pairs, flattened."""
    pairs = fingerprint(x509.load_pem_x509_certificate(ca_file.read_bytes())).split(":")
    return ":".join(pairs[:16]) + ":".join(pairs[16:])


def wait_for(url: str, process: subprocess.Popen[bytes], **client: object) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(url, timeout=2, **client)  # type: ignore[arg-type]
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def finish(process: subprocess.Popen[bytes]) -> str:
    stop(process)
    assert process.stderr is not None
    return process.stderr.read().decode()


@pytest.fixture
def passphrase_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CA's passphrase as a service would be given it; set for the CLI in this process too."""
    path = tmp_path / "ca-passphrase"
    path.write_text("correct horse battery\n")
    path.chmod(0o600)
    monkeypatch.setenv("AFTERWORD_CA_PASSPHRASE_FILE", str(path))
    return path


def test_serve_https_runs_its_own_ca_with_a_setup_listener_beside_it(passphrase_file: Path) -> None:
    settings = Settings()  # the data folder the autouse fixture points AFTERWORD_DATA_DIR at
    port, setup_port = free_port(), free_port()
    args = ["serve", "--https", "--no-worker", "--port", str(port), "--setup-port", str(setup_port)]
    secret = {"AFTERWORD_CA_PASSPHRASE_FILE": str(passphrase_file)}
    process = start(settings, *args, "--tls-name", "afterword.test", **secret)
    try:
        ca_file = tls_folder(settings.data_dir) / "ca.pem"
        trusting = ssl.create_default_context(cafile=str(wait_for_file(ca_file, process)))
        served = wait_for(f"https://127.0.0.1:{port}/ca.pem", process, verify=trusting)
        assert served.content == ca_file.read_bytes()
        setup_page = wait_for(f"http://127.0.0.1:{setup_port}/", process)
        assert fingerprint(x509.load_pem_x509_certificate(served.content)) in setup_page.text
        assert f'data-https-port="{port}"' in setup_page.text
        assert httpx.get(f"http://127.0.0.1:{setup_port}/api/me").status_code == 404
        # Nothing but the certificate's names: the test name is one, another is not.
        leaf = x509.load_pem_x509_certificate((tls_folder(settings.data_dir) / "cert.pem").read_bytes())
        names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert "afterword.test" in names.get_values_for_type(x509.DNSName)
    finally:
        said = finish(process)
    assert printed_fingerprint_of(ca_file) in flat(said)
    assert "Made a new server certificate" in said
    assert f"Set up a phone at http://127.0.0.1:{setup_port}/" in " ".join(said.split())

    # The next start keeps both certificates: nothing new to install, nothing re-issued.
    process = start(settings, *args, "--tls-name", "afterword.test", **secret)
    try:
        wait_for(f"https://127.0.0.1:{port}/ca.pem", process, verify=trusting)
    finally:
        said_again = finish(process)
    assert "Made a new server certificate" not in said_again
    assert printed_fingerprint_of(ca_file) in flat(said_again)


def wait_for_file(path: Path, process: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert process.poll() is None and time.monotonic() < deadline, "serve never made its CA"
        time.sleep(0.05)
    return path


def test_serve_with_certificate_files_from_elsewhere_needs_no_ca(tmp_path: Path) -> None:
    """What `tailscale cert` or Caddy would hand over: a chain from a CA Afterword did not make."""
    other_ca = make_ca("Someone else's CA", names=["laptop.tail1234.ts.net"])
    leaf = make_server_certificate(other_ca, ["laptop.tail1234.ts.net", "127.0.0.1"])
    (tmp_path / "cert.pem").write_bytes(leaf.cert_pem())
    (tmp_path / "key.pem").write_bytes(leaf.key_pem())
    (tmp_path / "ca.pem").write_bytes(other_ca.cert_pem())
    settings = Settings()
    port, setup_port = free_port(), free_port()
    process = start(
        settings,
        *["serve", "--no-worker", "--port", str(port), "--setup-port", str(setup_port)],
        *["--tls-cert", str(tmp_path / "cert.pem"), "--tls-key", str(tmp_path / "key.pem")],
    )
    try:
        trusting = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
        assert wait_for(f"https://127.0.0.1:{port}/manifest.webmanifest", process, verify=trusting).is_success
        assert httpx.get(f"https://127.0.0.1:{port}/ca.pem", verify=trusting).status_code == 404
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{setup_port}/", timeout=2)
    finally:
        said = finish(process)
    assert "phones need nothing installed" in " ".join(said.split())
    assert not tls_folder(settings.data_dir).exists()


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--tls-cert", "README.md"], "--tls-cert and --tls-key go together"),
        (["--tls-name", "laptop.lan"], "--tls-name names the certificate that --https makes"),
        (["--https", "--tls-name", "not a name"], "'not a name' is not a host name or an address"),
    ],
)
def test_serve_refuses_tls_options_that_do_not_fit(
    runner: CliRunner, args: list[str], complaint: str
) -> None:
    result = runner.invoke(app, ["serve", *args])
    assert result.exit_code == 1
    assert complaint in " ".join(result.stderr.split())


def test_a_fingerprint_is_printed_exactly_whatever_its_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    """Pairs such as CD and AB are also the names of emoji and [..] would be markup."""
    fake = ":".join(["CD", "AB", "0A", "FF"] * 8)
    print_fingerprint("Its fingerprint:", fake)
    assert capsys.readouterr().err.splitlines() == [
        "Its fingerprint:",
        "  " + ":".join(["CD", "AB", "0A", "FF"] * 4),
        "  " + ":".join(["CD", "AB", "0A", "FF"] * 4),
    ]


def test_pair_links_to_the_setup_page_with_a_code_and_shows_the_fingerprint(
    runner: CliRunner, passphrase_file: Path
) -> None:
    assert runner.invoke(app, ["person", "add", "Sam"]).exit_code == 0
    result = runner.invoke(app, ["pair", "Sam", "--host", "192.168.1.20"])
    assert result.exit_code == 0, result.output
    # First the plain-http setup page, with no code (anyone on the network could rewrite that
    # page to read it); then the app over https, with the code.
    assert "http://192.168.1.20:8001/\n" in result.stdout
    [(scheme, where, code)] = CODE_LINK.findall(result.stdout)
    assert (scheme, where) == ("https", "192.168.1.20:8000")
    ca_file = tls_folder(Settings().data_dir) / "ca.pem"
    assert printed_fingerprint_of(ca_file) in flat(result.stderr)
    assert f"The code {code} works once" in result.stderr

    # The code is what the phone spends for its token; the next pairing gets a new one.
    again = runner.invoke(app, ["pair", "Sam", "--host", "fd00::5", "--setup-port", "0"])
    scheme, where, second = CODE_LINK.findall(again.stdout)[0]
    assert (scheme, where) == ("https", "[fd00::5]:8000") and second != code
    plain = runner.invoke(app, ["pair", "Sam", "--http", "--host", "laptop.lan", "--port", "9000"])
    assert CODE_LINK.findall(plain.stdout)[0][:2] == ("http", "laptop.lan:9000")
    assert runner.invoke(app, ["pair", "Nobody"]).exit_code == 1
