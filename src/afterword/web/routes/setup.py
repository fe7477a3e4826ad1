"""Setting a phone up: the certificate authority's public certificate (never its key) and the
page that installs it. No token is needed; the app serves these, and so does the plain-http
setup listener, which serves nothing else (web/setup_app.py)."""

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from afterword.errors import NotFound
from afterword.web.certificates import fingerprint
from afterword.web.routes.page import NO_CACHE
from afterword.web.tls import read_ca

SETUP_PAGE = Path(__file__).resolve().parent.parent / "setup.html"
NO_CA = (
    "This server has no certificate authority of its own: it runs without --https, or with a "
    "certificate from elsewhere (--tls-cert), which needs nothing installed."
)
SETUP_HEADERS = {
    **NO_CACHE,
    # connect-src https: lets the plain-http copy of the page check the https port.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self' https:; "
    "worker-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class SetupConfig:
    tls_folder: Path
    https_port: int | None
    """Where the app listens, for the plain-http setup listener; None on the app itself."""


def setup_config(request: Request) -> SetupConfig:
    config: SetupConfig = request.app.state.setup
    return config


SetupDep = Annotated[SetupConfig, Depends(setup_config)]


def ca_or_404(config: SetupConfig) -> x509.Certificate:
    ca = read_ca(config.tls_folder)
    if ca is None:
        raise NotFound(NO_CA)
    return ca


@router.get("/ca.pem")
def ca_pem(config: SetupDep) -> Response:
    pem = ca_or_404(config).public_bytes(serialization.Encoding.PEM)
    return Response(pem, media_type="application/x-pem-file", headers=NO_CACHE)


@router.get("/ca.crt")
def ca_crt(config: SetupDep) -> Response:
    """DER with the type iOS opens as a profile to install."""
    der = ca_or_404(config).public_bytes(serialization.Encoding.DER)
    return Response(der, media_type="application/x-x509-ca-cert", headers=NO_CACHE)


@router.get("/afterword-ca.crt")
def ca_file(config: SetupDep) -> Response:
    """The same DER as a plain download. Chrome on Android hands application/x-x509-ca-cert to
    the system, which since Android 11 refuses CA certificates from apps; a saved file can be
    installed in Settings."""
    der = ca_or_404(config).public_bytes(serialization.Encoding.DER)
    disposition = {"Content-Disposition": 'attachment; filename="afterword-ca.crt"'}
    return Response(der, media_type="application/octet-stream", headers={**NO_CACHE, **disposition})


@router.get("/setup")
def setup_page(config: SetupDep) -> HTMLResponse:
    """The steps for this phone, the fingerprint to compare, and the trust check."""
    ca = read_ca(config.tls_folder)
    names = ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME) if ca else []
    values = {
        "fingerprint": fingerprint(ca) if ca else "",
        "ca_name": str(names[0].value) if names else "",
        "https_port": str(config.https_port or ""),
    }
    page = SETUP_PAGE.read_text()
    for key, value in values.items():
        page = page.replace("{{" + key + "}}", html.escape(value))
    return HTMLResponse(page, headers=SETUP_HEADERS)
