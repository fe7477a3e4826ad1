"""https for `afterword serve`: Afterword's own CA and server certificate, or certificate files
from elsewhere; and the plain-http setup listener beside it."""

import datetime
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from rich.markup import escape

from afterword.cli import output
from afterword.cli.ca_passphrase import passphrase_source
from afterword.settings import Settings
from afterword.web.ca import ASK_FOR_IT, CA_KEY
from afterword.web.certificates import RENEW_BEFORE_DAYS
from afterword.web.tls import (
    ServerTls,
    ensure_server_certificate,
    preferred_address,
    server_names,
    tls_folder,
)

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
    folder = tls_folder(settings.data_dir)
    tls = ensure_server_certificate(folder, server_names(extra), passphrase_source(settings), required=extra)
    say_how_the_ca_stands(tls, folder)
    print_fingerprint(
        f"Afterword's certificate authority, to install once on each phone ({tls.ca}).\n"
        "Its SHA-256 fingerprint, which the setup page and the phone show too:",
        tls.fingerprint,
    )
    return TlsPlan(tls.cert, tls.key, own_ca=True)


def say_how_the_ca_stands(tls: ServerTls, folder: Path) -> None:
    """What was made or locked now, when the passphrase is needed again, and what to fix."""
    say = output.errors.print
    if tls.reissued:
        say(f"Made a new server certificate, signed by Afterword's CA: {escape(tls.reissued)}.")
    if tls.ca_key_locked_now:
        say(f"Locked the key of Afterword's CA ({escape(str(folder / CA_KEY))}) with your passphrase.")
    until = x509.load_pem_x509_certificate(tls.cert.read_bytes()).not_valid_after_utc
    if tls.postponed:
        say(
            f"The server certificate should be re-issued ({escape(tls.postponed)}), which needs the "
            f"passphrase of Afterword's CA: serving the one there is, valid until {until:%Y-%m-%d}. "
            f"To re-issue it, {ASK_FOR_IT}.",
            soft_wrap=True,
        )
    if tls.ca_key_locked:
        renew = until - datetime.timedelta(days=RENEW_BEFORE_DAYS)
        say(
            "The CA's key is locked with your passphrase, needed again only to re-issue the server "
            f"certificate: by {renew:%Y-%m-%d}, or sooner if this computer's names or addresses change.",
            soft_wrap=True,
        )
    else:
        say(
            "Warning: the key of Afterword's CA is stored unencrypted, so a copy of the data folder "
            f"could sign certificates with it. To lock it, {ASK_FOR_IT}.",
            soft_wrap=True,
        )
    if not tls.ca_constrained:
        say(
            "Warning: this CA was made before Afterword limited it to local names and addresses: with "
            "its key, it could pass for any site to a phone that trusts it. To replace it, delete "
            f"{escape(str(folder))}, start `afterword serve --https` again and install the new CA on "
            "each phone (removing the old one there).",
            soft_wrap=True,
        )
    if tls.left_out:
        say(f"Left out of the certificate (the CA may not vouch for them): {escape(', '.join(tls.left_out))}")


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

    from afterword.cli.http_server import SETUP_MAX_CONNECTIONS, server_config
    from afterword.web.setup_app import create_setup_app

    app = create_setup_app(settings, https_port=https_port, hosts=hosts)
    config = server_config(
        app,
        settings,
        host=host,
        port=port,
        max_connections=SETUP_MAX_CONNECTIONS,
        tls=None,
        log_level="warning",
        lifespan="off",
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
