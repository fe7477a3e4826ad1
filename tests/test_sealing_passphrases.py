"""A passphrase comes from AFTERWORD_PASSPHRASE_FILE, AFTERWORD_PASSPHRASE_FD or a person at a
terminal (asked twice for a new one, nothing echoed); without any, one line says how to give one."""

import io
import os
import pty
import select
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.sealing.errors import NoPassphrase, PassphraseRefused
from afterword.sealing.passphrases import (
    FD_ENV,
    FILE_ENV,
    MIN_PASSPHRASE_CHARS,
    choose_passphrase,
    read_passphrase,
)

PASSPHRASE = "cotton plans grief window"


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As under a script or CI: standard input is not a terminal."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def written(tmp_path: Path, content: bytes) -> dict[str, str]:
    path = tmp_path / "passphrase.txt"
    path.write_bytes(content)
    return {FILE_ENV: str(path)}


@pytest.mark.parametrize("line_end", [b"", b"\n", b"\r\n"])
def test_the_file_gives_its_first_line_without_the_line_end(tmp_path: Path, line_end: bytes) -> None:
    assert read_passphrase(environ=written(tmp_path, PASSPHRASE.encode() + line_end)) == PASSPHRASE
    if line_end:
        more = PASSPHRASE.encode() + line_end + b"second line\n"
        assert read_passphrase(environ=written(tmp_path, more)) == PASSPHRASE


def test_spaces_and_any_script_are_part_of_the_passphrase(tmp_path: Path) -> None:
    text = "  les peines du cœur 心 \t"
    assert read_passphrase(environ=written(tmp_path, text.encode() + b"\n")) == text


def test_the_environment_of_the_process_is_read_when_none_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FILE_ENV, written(tmp_path, b"from the environment\n")[FILE_ENV])
    assert read_passphrase() == "from the environment"


def test_a_pipe_gives_one_line_and_leaves_the_rest_unread() -> None:
    reader, writer = os.pipe()
    try:
        os.write(writer, f"{PASSPHRASE}\nanswers the command reads next\n".encode())
        assert read_passphrase(environ={FD_ENV: str(reader)}) == PASSPHRASE
        assert os.read(reader, 100) == b"answers the command reads next\n"
    finally:
        os.close(reader)
        os.close(writer)


def test_a_child_process_reads_it_from_an_inherited_descriptor() -> None:
    reader, writer = os.pipe()
    os.write(writer, f"{PASSPHRASE}\n".encode())
    os.close(writer)
    code = f"from afterword.sealing.passphrases import read_passphrase as r; print(r() == {PASSPHRASE!r})"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, FD_ENV: str(reader)},
            pass_fds=(reader,),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(reader)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr


def test_the_file_wins_over_the_descriptor(tmp_path: Path) -> None:
    environ = {**written(tmp_path, b"from the file\n"), FD_ENV: "999"}
    assert read_passphrase(environ=environ) == "from the file"


def test_no_source_and_no_terminal_says_how_to_give_one() -> None:
    for call in (read_passphrase, choose_passphrase):
        with pytest.raises(NoPassphrase) as caught:
            call(environ={})
        said = str(caught.value)
        assert FILE_ENV in said and FD_ENV in said and "terminal" in said and "\n" not in said


@pytest.mark.parametrize(
    "content", [b"", b"\n" + PASSPHRASE.encode(), b"\xff\xfe secret words \n", b"x" * 1025 + b"\n"]
)
def test_a_file_without_a_usable_first_line_is_named_not_shown(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(NoPassphrase, match="gives no passphrase") as caught:
        read_passphrase(environ=written(tmp_path, content))
    assert FILE_ENV in str(caught.value) and "secret" not in str(caught.value)
    assert caught.value.__context__ is None


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(NoPassphrase, match=FILE_ENV):
            read_passphrase(environ={FILE_ENV: str(path)})


@pytest.mark.parametrize("value", ["x", "-1", "3.0", "٣", "987654"])
def test_a_descriptor_that_is_not_open_is_named(value: str) -> None:
    with pytest.raises(NoPassphrase, match=FD_ENV):
        read_passphrase(environ={FD_ENV: value})


def test_a_closed_pipe_gives_no_passphrase() -> None:
    reader, writer = os.pipe()
    os.close(writer)
    try:
        with pytest.raises(NoPassphrase, match=FD_ENV):
            read_passphrase(environ={FD_ENV: str(reader)})
    finally:
        os.close(reader)


def test_a_new_passphrase_needs_a_minimum_length_from_any_source(tmp_path: Path) -> None:
    short = "x" * (MIN_PASSPHRASE_CHARS - 1)
    with pytest.raises(PassphraseRefused, match=f"at least {MIN_PASSPHRASE_CHARS} characters"):
        choose_passphrase(environ=written(tmp_path, short.encode()))
    with pytest.raises(PassphraseRefused):
        choose_passphrase(environ={}, ask=lambda prompt: short)
    assert choose_passphrase(environ=written(tmp_path, PASSPHRASE.encode())) == PASSPHRASE
    # Reading an existing passphrase checks nothing: the wrap decides.
    assert read_passphrase(environ=written(tmp_path, b"short")) == "short"


def test_a_new_passphrase_is_asked_twice_and_must_match() -> None:
    asked: list[str] = []
    answers = iter([PASSPHRASE, PASSPHRASE])
    assert (
        choose_passphrase(environ={}, ask=lambda prompt: asked.append(prompt) or next(answers)) == PASSPHRASE
    )
    assert asked == ["New passphrase: ", "The same again: "]
    answers = iter([PASSPHRASE, PASSPHRASE + "!"])
    with pytest.raises(PassphraseRefused, match="differ"):
        choose_passphrase(environ={}, ask=lambda prompt: next(answers))


def on_a_terminal(code: str, typed: list[str]) -> str:
    """Run Python code in a child whose controlling terminal is a new pseudo-terminal, type each
    line after the prompt that precedes it, and return everything the terminal showed."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: a fresh interpreter on the new terminal
        os.execv(sys.executable, [sys.executable, "-c", code])
    shown = b""
    try:
        for line in typed:
            shown += read_until(terminal, lambda seen: seen.rstrip().endswith(b":"))
            os.write(terminal, line.encode() + b"\n")
        shown += read_until(terminal, lambda seen: b"DONE" in seen)
    finally:
        os.close(terminal)
        os.waitpid(pid, 0)
    return shown.decode(errors="replace")


def read_until(terminal: int, done: Callable[[bytes], bool], timeout: float = 30.0) -> bytes:
    seen, deadline = b"", time.monotonic() + timeout
    while not done(seen) and time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.1)
        if ready:
            try:
                seen += os.read(terminal, 1024)
            except OSError:  # the child closed the terminal
                break
    return seen


def test_a_person_at_a_terminal_is_asked_twice_and_nothing_is_echoed() -> None:
    code = textwrap.dedent(
        f"""
        from afterword.sealing.passphrases import choose_passphrase, read_passphrase
        new = choose_passphrase()
        again = read_passphrase()
        print("MATCH" if new == again == {PASSPHRASE!r} else "MISMATCH", "DONE")
        """
    )
    shown = on_a_terminal(code, [PASSPHRASE, PASSPHRASE, PASSPHRASE])
    assert "New passphrase:" in shown and "The same again:" in shown and "Passphrase:" in shown
    assert "MATCH DONE" in shown, shown
    assert "cotton" not in shown, shown
