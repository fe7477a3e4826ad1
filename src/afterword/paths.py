"""Where the data lives by default. Standard library and platformdirs only, so the lean path of
`afterword review` can find the database without building the full settings."""

from pathlib import Path

from platformdirs import user_data_dir

DATABASE_FILE = "afterword.db"


def default_data_dir() -> Path:
    return Path(user_data_dir("afterword", appauthor=False))
