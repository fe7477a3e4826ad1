"""https for `afterword serve`: Afterword's own CA and server certificate, or certificate files
from elsewhere; and the plain-http setup listener beside it."""

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from rich.markup import escape

from afterword.cli import output
from afterword.settings import Settings
from afterword.web.tls import ensure_server_certificate, preferred_address, server_names, tls_folder

WILDCARD_HOSTS = ("0.0.0.0", "::", "")
LISTENER_START_SECONDS = 10


@dataclass(frozen=True)
class TlsPlan:
    cert: Path
    key: Path
    own_ca: bool
    """True when the certificate is signed by Afterword's CA (so phones need the setup page)."""


def url_host(host: str) -> str:
    """The host as a phone would type it: a real address for a wildcard, IPv6 in brackets."""
    shown = preferred_address() if host in WILDCARD_HOSTS else host
    return f"[{shown}]" if ":" in shown else shown


def print_fingerprint(intro: str, fingerprint: str) -> None:
    """The fingerprint in two indented lines of 16 pairs (one line of 95 characters would wrap
    somewhere arbitrary in a narrow terminal), exactly as it is: without emoji=False rich
    would turn a pair like :CD: into a picture of a disc."""
    pairs = fingerprint.split(":")
    lines = ["  " + ":".join(pairs[i : i + 16]) for i in range(0, len(pairs), 16)]
    output.errors.print("\n".join([intro, *lines]), emoji=False, markup=False)


def plan_tls(
    settings: Settings, *, host: str, names: list[str], cert: Path | None, key: Path | None
) -> TlsPlan:
    """Your own certificate files when given, else Afterword's CA and a server certificate that
    covers this machine; says what it did and prints the CA's fingerprint."""
    if (cert is None) != (key is None):
        output.fail("--tls-cert and --tls-key go together: give both files")
    if cert is not None and key is not None:
        output.errors.print(
            f"https with your certificate {escape(str(cert))}; phones need nothing installed."
        )
        return TlsPlan(cert, key, own_ca=False)
    extra = [*names, *([host] if host not in WILDCARD_HOSTS else [])]
    tls = ensure_server_certificate(tls_folder(settings.data_dir), server_names(extra))
    if tls.reissued:
        output.errors.print(
            f"Made a new server certificate, signed by Afterword's CA: {escape(tls.reissued)}."
        )
    print_fingerprint(
        f"Afterword's certificate authority, to install once on each phone ({tls.ca}).\n"
        "Its SHA-256 fingerprint, which the setup page and the phone show too:",
        tls.fingerprint,
    )
    return TlsPlan(tls.cert, tls.key, own_ca=True)


def allowed_hosts(
    host: str, names: list[str], tls: TlsPlan | None, *, public_url: str | None = None
) -> list[str]:
    """The names a request may give in Host: this machine's names and addresses, the address
    served on, every --tls-name, the names on a certificate from elsewhere and the public URL's."""
    given = [*names, *([host] if host not in WILDCARD_HOSTS else [])]
    if tls is not None and not tls.own_ca:
        given += certificate_names(tls.cert)
    if public_url is not None:
        given.append(urlsplit(public_url).hostname or "")
    return server_names(given)


def certificate_names(cert: Path) -> list[str]:
    """The DNS names and addresses a PEM certificate is for."""
    loaded = x509.load_pem_x509_certificate(cert.read_bytes())
    try:
        alternatives = loaded.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    addresses = [str(a) for a in alternatives.get_values_for_type(x509.IPAddress)]
    return [*alternatives.get_values_for_type(x509.DNSName), *addresses]


def start_setup_listener(
    settings: Settings, *, host: str, port: int, https_port: int, hosts: list[str]
) -> None:
    """Serve the setup page and the CA over plain http in a background thread."""
    import uvicorn

    from afterword.web.setup_app import create_setup_app

    app = create_setup_app(settings, https_port=https_port, hosts=hosts)
    config = uvicorn.Config(
        app, host=host, port=port, access_log=False, log_level="warning", lifespan="off", proxy_headers=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="afterword-setup", daemon=True)
    thread.start()
    deadline = time.monotonic() + LISTENER_START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            output.fail(f"the setup page could not listen on port {port}; choose another with --setup-port")
        time.sleep(0.05)
    output.errors.print(
        f"Set up a phone at http://{url_host(host)}:{port}/ (plain http: only the setup page and the "
        "CA certificate, no API; `afterword pair NAME` shows it as a QR code)"
    )
