"""The phone page: its HTML, service worker, manifest, static files and the share target."""

import json
from pathlib import Path

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse, RedirectResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from afterword.web.deps import StateDep
from afterword.web.share_key import share_key

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# The page must pick up a new version at once; ETags keep revalidation cheap.
NO_CACHE = {"Cache-Control": "no-cache"}
PAGE_HEADERS = {
    **NO_CACHE,
    # No manifest-src: default-src covers the manifest, and WebKit (every iPhone browser) logs
    # the directive as unrecognized on every load.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "worker-src 'self'; media-src 'self' blob:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


class NoCacheStaticFiles(StaticFiles):
    def file_response(self, full_path, stat_result, scope: Scope, status_code: int = 200):  # type: ignore[no-untyped-def]
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(PAGE_HEADERS)
        return response


@router.get("/")
def page() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers=PAGE_HEADERS)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    return FileResponse(STATIC_DIR / "sw.js", media_type="text/javascript", headers=PAGE_HEADERS)


@router.get("/manifest.webmanifest")
def manifest(state: StateDep) -> Response:
    """The web app manifest, its share action carrying this installation's key (see share_key)."""
    data = json.loads((STATIC_DIR / "manifest.webmanifest").read_text())
    data["share_target"]["action"] = f"/share?key={share_key(state.settings.data_dir)}"
    return Response(json.dumps(data, indent=2), media_type="application/manifest+json", headers=PAGE_HEADERS)


@router.post("/share")
def share_target() -> RedirectResponse:
    """Reached only before the service worker, which normally takes shared files, is active."""
    return RedirectResponse("/?shared=0", status_code=303)


def static_files() -> NoCacheStaticFiles:
    return NoCacheStaticFiles(directory=STATIC_DIR)
