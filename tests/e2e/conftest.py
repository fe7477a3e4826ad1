from pathlib import Path

import pytest

from store.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The page talks to the API, which is tested on both databases elsewhere: SQLite here."""
    return Settings(data_dir=tmp_path / "data")
