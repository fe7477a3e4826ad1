"""The CLI finds each command in its own module: the map is whole, and a command loads only the
module it needs."""

import importlib
import importlib.util
import json
import os
import pkgutil
import subprocess
import sys

import afterword.cli
from afterword.cli.main import COMMAND_MODULES, commands_of


def test_every_registered_command_is_mapped_to_its_module() -> None:
    registering = [
        info.name
        for info in pkgutil.iter_modules(afterword.cli.__path__)
        if hasattr(importlib.import_module(f"afterword.cli.{info.name}"), "commands")
    ]
    registered = {name: module for module in registering for name in commands_of(module)}
    assert registered == COMMAND_MODULES


def test_a_command_imports_only_its_own_module(tmp_path) -> None:  # type: ignore[no-untyped-def]
    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from afterword.cli.main import app\n"
        "result = CliRunner().invoke(app, ['list', '--json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('afterword.'))))\n"
    )
    env = {**os.environ, "AFTERWORD_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "afterword.cli.memos" in loaded
    others = ("sessions", "summaries", "triggers", "review", "prep", "admin", "serve", "partners")
    assert all(importlib.util.find_spec(f"afterword.cli.{other}") for other in others)
    for other in others:
        assert f"afterword.cli.{other}" not in loaded
    assert not any(m.startswith(("afterword.web", "afterword.transcribe.engine")) for m in loaded)
