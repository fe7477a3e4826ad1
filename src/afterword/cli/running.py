"""The run file `afterword serve` keeps in the data folder while it runs, so that `pair` and
`trigger export` use its scheme and port instead of guessing them. It holds no secret."""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

RUN_FILE = "serve.json"


@dataclass(frozen=True)
class Running:
    scheme: str
    host: str
    port: int
    setup_port: int
    """The plain-http setup page's port; 0 when there is none."""
    pid: int


def run_file(data_dir: Path) -> Path:
    return data_dir / RUN_FILE


def write_run_file(data_dir: Path, running: Running) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    temporary = run_file(data_dir).with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(running)), encoding="utf-8")
    temporary.replace(run_file(data_dir))


def remove_run_file(data_dir: Path, *, pid: int) -> None:
    """Only this process's own file: a second `serve` may have written its own since."""
    found = read_run_file(data_dir, check_alive=False)
    if found is not None and found.pid == pid:
        run_file(data_dir).unlink(missing_ok=True)


def read_run_file(data_dir: Path, *, check_alive: bool = True) -> Running | None:
    """The running `serve`, or None: no file, an unreadable one, or one a stopped serve left."""
    try:
        running = Running(**json.loads(run_file(data_dir).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if check_alive and not alive(running.pid):
        return None
    return running


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0
