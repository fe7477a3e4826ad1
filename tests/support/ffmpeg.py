"""Each decoding test runs twice: with the system ffmpeg hidden from the process (the claim that
none is needed) and with it on PATH (the fallback a developer's machine takes)."""

import os
import shutil
from pathlib import Path

import pytest


def path_without_ffmpeg(path: str) -> str:
    """PATH with every folder that holds an ffmpeg left out."""
    return os.pathsep.join(
        folder for folder in path.split(os.pathsep) if folder and not (Path(folder) / "ffmpeg").exists()
    )


@pytest.fixture(params=["no ffmpeg", pytest.param("system ffmpeg", marks=pytest.mark.ffmpeg)])
def system_ffmpeg(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """The ffmpeg this process can find: None (hidden), or the system's."""
    if request.param == "no ffmpeg":
        monkeypatch.setenv("PATH", path_without_ffmpeg(os.environ.get("PATH", "")))
        assert shutil.which("ffmpeg") is None
        return None
    found = shutil.which("ffmpeg")
    if found is None:
        pytest.fail(
            "no system ffmpeg to test the fallback with: `apt install ffmpeg` (.ci/run does), "
            "or leave these tests out with -m 'not ffmpeg'",
            pytrace=False,
        )
    return found
