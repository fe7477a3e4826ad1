"""The phone page's offline contract: the service worker caches every file the page may load."""

import re

from afterword.web.routes.page import STATIC_DIR

# Served at their own paths, not under /static/ (the worker itself is never cached).
OWN_PATHS = {"index.html": "/", "manifest.webmanifest": "/manifest.webmanifest", "sw.js": None}


def test_service_worker_caches_every_static_file_and_nothing_else() -> None:
    worker = (STATIC_DIR / "sw.js").read_text()
    block = re.search(r"const SHELL = \[(.*?)\];", worker, re.S)
    assert block, "sw.js has no SHELL list"
    listed = re.findall(r"'([^']+)'", block.group(1))
    assert len(listed) == len(set(listed)), "a file is listed twice"
    wanted = {OWN_PATHS.get(path.name, f"/static/{path.name}") for path in STATIC_DIR.iterdir()}
    assert set(listed) == wanted - {None}
