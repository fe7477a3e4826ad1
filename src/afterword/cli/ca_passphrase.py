"""The passphrase of Afterword's certificate authority, the way scripts give secrets: from the
file AFTERWORD_CA_PASSPHRASE_FILE names, or typed at a prompt on a terminal (never an option or
an environment variable, which other users of the machine could read). Asked for only when the
CA's key must sign: when the CA is made, and when the server certificate must be re-issued."""

import getpass
import stat
import sys
from pathlib import Path

from rich.markup import escape

from afterword.cli import output
from afterword.settings import Settings
from afterword.web.ca import LOCK_PLAIN_KEY, NEW_CA, CaPassphrase, GivenPassphrase, NoPassphrase
from afterword.web.ca_lock import MIN_PASSPHRASE_CHARS

CHOOSE_TRIES = 3
RISK = "Its key lets whoever holds it pass for this computer to every phone that trusts it"
WHEN = (
    "It is asked for again only when the server certificate must be re-issued: about once a year, "
    "or when this computer's name or address changes. Keep it somewhere safe: without it, a new "
    "certificate authority is made and each phone installs it again."
)


def passphrase_source(settings: Settings) -> CaPassphrase:
    """The file's passphrase, else a prompt on a terminal, else none."""
    if settings.ca_passphrase_file is not None:
        return GivenPassphrase(read_passphrase_file(settings.ca_passphrase_file))
    if sys.stdin.isatty():
        return TerminalPassphrase()
    return NoPassphrase()


def read_passphrase_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        output.fail(f"AFTERWORD_CA_PASSPHRASE_FILE cannot be read ({type(error).__name__}): {path}")
    lines = text.splitlines()
    if not lines or not lines[0]:
        output.fail(f"AFTERWORD_CA_PASSPHRASE_FILE holds no passphrase on its first line: {path}")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        output.errors.print(f"Warning: {escape(str(path))} can be read by other users; chmod 600 it.")
    return lines[0].encode()


class TerminalPassphrase:
    """Asked on the terminal (getpass: nothing echoed)."""

    def new(self, why: str) -> bytes | None:
        if why == NEW_CA:
            output.errors.print(
                f"Afterword makes its own certificate authority for your phones. {RISK}, so it is "
                f"kept locked with a passphrase. {WHEN}"
            )
        elif why == LOCK_PLAIN_KEY:
            output.errors.print(
                "The key of Afterword's certificate authority is stored unencrypted, so a copy of the "
                f"data folder could use it. {RISK}: choose a passphrase to lock it now. {WHEN}"
            )
        for _ in range(CHOOSE_TRIES):
            chosen = getpass.getpass("Choose a passphrase: ")
            if len(chosen) < MIN_PASSPHRASE_CHARS:
                output.errors.print(f"A passphrase has at least {MIN_PASSPHRASE_CHARS} characters.")
            elif getpass.getpass("Type it again: ") != chosen:
                output.errors.print("The two did not match.")
            else:
                return chosen.encode()
        output.fail("no passphrase chosen; nothing was changed")

    def existing(self, why: str, *, again: bool) -> bytes | None:
        if again:
            output.errors.print("That passphrase does not open it; try again.")
        else:
            output.errors.print(f"The passphrase of Afterword's certificate authority is needed to {why}.")
        return getpass.getpass("Passphrase: ").encode()
