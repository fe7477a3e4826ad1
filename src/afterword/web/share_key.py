"""The share target's key. The manifest's share action carries it, and the service worker takes
a share only at that action: the phone's share sheet posts there, while a page on another site,
which can post a form to /share but cannot read this origin's manifest, cannot plant a memo."""

import functools
import os
import secrets
from pathlib import Path

KEY_FILE = "share-key"


@functools.cache
def share_key(data_dir: Path) -> str:
    """This installation's key, made on first use and kept (0600) in the data folder."""
    path = data_dir / KEY_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_urlsafe(18)
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key
