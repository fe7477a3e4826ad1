"""Where the data lives by default, kept private. Standard library and platformdirs only, so the
lean path (store.lean) can find and create the database without building the full settings."""

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_FILE = "afterword.db"


def default_data_dir() -> Path:
    return Path(user_data_dir("afterword", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def ensure_private_file(path: Path) -> None:
    """The file readable by its owner only (made empty when missing), whatever its folder allows."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
