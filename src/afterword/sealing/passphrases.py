"""Where a passphrase comes from: a file, an inherited file descriptor, or a person at a terminal.

Scripts and tests give it as restic and gpg take theirs. `AFTERWORD_PASSPHRASE_FILE` names a file
whose first line is the passphrase; `AFTERWORD_PASSPHRASE_FD` names an open file descriptor to
read one line from, as in `AFTERWORD_PASSPHRASE_FD=3 afterword ... 3<passphrase.txt` or a pipe.
The file wins when both are set. Without either, a person at a terminal is asked (getpass, which
echoes nothing), twice when choosing a new one; with no terminal either, one error line says how
to give one. The passphrase itself is never an environment variable's value: children inherit the
environment, and crash reports and `ps e` show it.

A line ends at its newline (a Windows "\\r\\n" too); spaces are kept, as part of the passphrase."""

import getpass
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping

from afterword.sealing.errors import NoPassphrase, PassphraseRefused

FILE_ENV = "AFTERWORD_PASSPHRASE_FILE"
FD_ENV = "AFTERWORD_PASSPHRASE_FD"
# A passphrase guards the key against whoever copies the database, who can guess offline with no
# rate limit (scrypt only slows each guess), so it asks for more than a login password:
# NIST SP 800-63B-4 wants 15 characters of a password that is the only thing guarding an account,
# and three or four ordinary words reach that.
MIN_PASSPHRASE_CHARS = 15
MAX_PASSPHRASE_BYTES = 1024
HOW_TO_GIVE = (
    f"No passphrase: run this in a terminal to be asked, or set {FILE_ENV} to a file holding it "
    f"(first line), or {FD_ENV} to an open file descriptor to read it from"
)

Ask = Callable[[str], str]
"""Asks a person for a secret, as getpass.getpass does (prompt in, what they typed out)."""


def read_passphrase(
    *, prompt: str = "Passphrase: ", environ: Mapping[str, str] | None = None, ask: Ask | None = None
) -> str:
    """The passphrase from the first source given (file, descriptor, terminal); else `NoPassphrase`."""
    given = passphrase_from_environment(os.environ if environ is None else environ)
    return given if given is not None else asker(ask)(prompt)


def choose_passphrase(
    *, prompt: str = "New passphrase: ", environ: Mapping[str, str] | None = None, ask: Ask | None = None
) -> str:
    """A new passphrase from the same sources, asked twice at a terminal; `PassphraseRefused` when
    it is too short or the two differ."""
    given = passphrase_from_environment(os.environ if environ is None else environ)
    if given is None:
        ask = asker(ask)
        given = ask(prompt)
        if ask("The same again: ") != given:
            raise PassphraseRefused("The two passphrases differ")
    check_new_passphrase(given)
    return given


def check_new_passphrase(passphrase: str) -> None:
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        raise PassphraseRefused(
            f"A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters (three or four words will do)"
        )


def asker(ask: Ask | None) -> Ask:
    """The given way to ask, else getpass when a person is at a terminal, else `NoPassphrase`."""
    if ask is not None:
        return ask
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass
    raise NoPassphrase(HOW_TO_GIVE)


def passphrase_from_environment(environ: Mapping[str, str]) -> str | None:
    """The passphrase the environment points to, None when it points nowhere."""
    if environ.get(FILE_ENV):
        return first_line(read_file_line(environ[FILE_ENV]), source=FILE_ENV)
    if environ.get(FD_ENV):
        return first_line(read_fd_line(environ[FD_ENV]), source=FD_ENV)
    return None


def read_file_line(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.readline(MAX_PASSPHRASE_BYTES + 2)
    except OSError:
        return None


def read_fd_line(value: str) -> bytes | None:
    """One line from the descriptor, read a byte at a time so that nothing after the newline is
    taken (it may be the standard input a command goes on to read). The descriptor stays open."""
    if not (value.isascii() and value.isdigit()):
        return None
    line = bytearray()
    try:
        while len(line) <= MAX_PASSPHRASE_BYTES:
            byte = os.read(int(value), 1)
            if byte in (b"", b"\n"):
                break
            line += byte
    except OSError:
        return None
    return bytes(line)


def first_line(data: bytes | None, *, source: str) -> str:
    """The passphrase in what a source gave; `NoPassphrase` naming the source when it cannot be."""
    line = data.split(b"\n", 1)[0].removesuffix(b"\r") if data is not None else b""
    try:
        text = line.decode("utf-8") if len(line) <= MAX_PASSPHRASE_BYTES else ""
    except UnicodeDecodeError:
        text = ""
    if data is None:
        raise NoPassphrase(f"{source} is set, but the passphrase cannot be read from it")
    if not text:
        raise NoPassphrase(
            f"{source} gives no passphrase (empty, not UTF-8, or over {MAX_PASSPHRASE_BYTES} bytes)"
        )
    return text
