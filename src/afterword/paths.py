"""Where the data lives by default, kept private, and which database a URL names. Standard
library and platformdirs only, so the fast path (store.opening) finds the database by the same
rule as the settings, without building them."""

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_FILE = "afterword.db"


def default_data_dir() -> Path:
    return Path(user_data_dir("afterword", appauthor=False))


def resolve_database_url(url: str | None, data_dir: Path) -> str:
    """The database's SQLAlchemy URL: the one given, else SQLite at data_dir/afterword.db."""
    return url or f"sqlite:///{data_dir / DATABASE_FILE}"


def sqlite_file(url: str) -> Path | None:
    """The file a plain `sqlite:///PATH` URL names; None for another database, an in-memory one,
    or a URL with options (only SQLAlchemy reads those)."""
    path = url.removeprefix("sqlite:///")
    if path == url or not path or "?" in path or path == ":memory:":
        return None
    return Path(path)


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def ensure_private_file(path: Path) -> None:
    """The file readable by its owner only (made empty when missing), whatever its folder allows."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
