"""The `afterword` console script in a fresh process, and what it imported."""

import os
import subprocess
import sys
from pathlib import Path

SPEECH_STACK = {"faster_whisper", "ctranslate2", "av", "numpy", "pydub", "onnxruntime", "tokenizers"}
HEAVY = {"sqlalchemy", "pydantic", "pydantic_settings", "typer", "click", "rich", "alembic", "fastapi"}
ENTRY = "import sys; from afterword.cli.launch import run; sys.argv[0] = 'afterword'; run()"


def afterword(
    *args: str, data_dir: Path | None, importtime: bool = False, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process, as the console script runs it (in `cwd`)."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("AFTERWORD_")}
    env.update(NO_COLOR="1", **({"AFTERWORD_DATA_DIR": str(data_dir)} if data_dir else {}))
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-c", ENTRY, *args],
        env=env,
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def imported(stderr: str) -> set[str]:
    """Top-level packages (and afterword's subpackages) named in -X importtime's report."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            parts = line.rsplit("|", 1)[1].strip().split(".")
            names.add(".".join(parts[:2]) if parts[0] == "afterword" else parts[0])
    return names
