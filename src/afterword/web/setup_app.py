"""The plain-http setup listener: the setup page and the CA certificate, nothing else.

A phone cannot open the https app before it trusts Afterword's CA: it shows a warning page
instead, and a person who taps through gets a page that cannot work offline. So the way in is
plain http, on its own port, serving only what is public anyway: no API, no token, no memo. A
phone can fetch the CA from here and install it, then open the https app without a warning."""

from collections.abc import Callable, Collection

from fastapi import FastAPI
from fastapi.responses import FileResponse

from afterword.settings import Settings
from afterword.web.errors import install_error_handlers
from afterword.web.headers import SecurityHeadersMiddleware
from afterword.web.hosts import AllowedHostsMiddleware
from afterword.web.routes import setup
from afterword.web.routes.page import PAGE_HEADERS, STATIC_DIR
from afterword.web.tls import tls_folder

# What the setup page itself loads.
ASSETS = {
    "setup.js": "text/javascript",
    "styles.css": "text/css",
    "icon.svg": "image/svg+xml",
    "icon-192.png": "image/png",
}


def create_setup_app(settings: Settings, *, https_port: int, hosts: Collection[str] | None = None) -> FastAPI:
    """The setup listener's app; `https_port` is where the real app listens; `hosts` as for
    create_app."""
    app = FastAPI(title="Afterword setup", docs_url=None, redoc_url=None, openapi_url=None)
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware)
    if hosts is not None:
        app.add_middleware(AllowedHostsMiddleware, hosts=hosts)
    app.state.setup = setup.SetupConfig(tls_folder(settings.data_dir), https_port)
    app.include_router(setup.router)
    app.add_api_route("/", setup.setup_page, methods=["GET"], include_in_schema=False)
    for name, media_type in ASSETS.items():
        app.add_api_route(
            f"/static/{name}", asset(name, media_type), methods=["GET"], include_in_schema=False
        )
    return app


def asset(name: str, media_type: str) -> Callable[[], FileResponse]:
    def serve_asset() -> FileResponse:
        return FileResponse(STATIC_DIR / name, media_type=media_type, headers=PAGE_HEADERS)

    return serve_asset
