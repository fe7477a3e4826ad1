"""Does Afterword still work with the newest releases of what it depends on? Run it on a schedule.

    python scripts/newest_releases.py [PYTEST ARGS...]    (default: the suite's fast tiers)

It installs the project with the newest releases pip resolves (ignoring constraints.txt) into a
throwaway venv, lists each package whose version differs from constraints.txt, and runs the tests.
When they fail, it finds which release broke what: for each package that moved, a venv with the
known-good constraints and only that package at its newest runs the failing tests again. It prints
one line a package ("av 17.1.0 -> 18.1.1: breaks tests/test_audio.py::...") and exits 1 when any
test failed, so a scheduled job can open an issue from its output. It needs PyPI; nothing is kept.
"""

import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
DEFAULT_TESTS = ["-m", "not browser and not postgres", "-q", "-p", "no:cacheprovider"]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(text: str) -> dict[str, str]:
    """name -> version, from constraints or `pip freeze` lines."""
    return {normal(m[1]): m[2] for line in text.splitlines() if (m := PIN.match(line.strip()))}


def make_venv(folder: Path) -> Path:
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    return python


def install(python: Path, *extra: str) -> dict[str, str]:
    """The project with its test extra (and any pins given), and what got installed."""
    subprocess.run([python, "-m", "pip", "install", "-q", *extra, "-e", f"{ROOT}[test]"], check=True)
    frozen = subprocess.run(
        [python, "-m", "pip", "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
    )
    return read_pins(frozen.stdout)


def failing_tests(python: Path, pytest_args: list[str]) -> list[str]:
    """The node ids of the tests that fail (empty when all pass)."""
    done = subprocess.run(
        [python, "-m", "pytest", *pytest_args, "-rf"], cwd=ROOT, capture_output=True, text=True
    )
    failed = [line.split()[1] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    if done.returncode not in (0, 1):  # collection errors, usage errors: say so rather than guess
        failed = failed or [f"(pytest exited {done.returncode}: {done.stdout.strip().splitlines()[-1:]})"]
    return failed


def main(pytest_args: list[str]) -> int:
    known = read_pins(CONSTRAINTS.read_text())
    with tempfile.TemporaryDirectory(prefix="afterword-newest-") as scratch:
        python = make_venv(Path(scratch) / "newest")
        newest = install(python, "--upgrade")
        moved = {name: version for name, version in newest.items() if known.get(name) not in (None, version)}
        for name, version in sorted(moved.items()):
            print(f"{name} {known[name]} -> {version}")
        failed = failing_tests(python, pytest_args)
        if not failed:
            print(f"the newest releases pass ({len(moved)} moved since constraints.txt)")
            return 0
        print(f"with the newest releases, {len(failed)} failed: {', '.join(failed)}")
        for name, version in sorted(moved.items()):
            one = make_venv(Path(scratch) / f"only-{name}")
            pins = Path(scratch) / f"pins-{name}.txt"
            pins.write_text(re.sub(rf"(?im)^{re.escape(name)}==.*$", f"{name}=={version}", normal_text()))
            install(one, "-c", str(pins), f"{name}=={version}")
            broken = failing_tests(one, [*pytest_args, *failed])
            verdict = f"breaks {', '.join(broken)}" if broken else "fine alone"
            print(f"{name} {known[name]} -> {version}: {verdict}")
    return 1


def normal_text() -> str:
    """constraints.txt with each name in normal form, so a package can be re-pinned by name."""
    return "\n".join(
        f"{normal(m[1])}=={m[2]}" if (m := PIN.match(line.strip())) else line
        for line in CONSTRAINTS.read_text().splitlines()
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT_TESTS))
