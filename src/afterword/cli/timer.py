"""A countdown in the terminal that Enter (or the end of the input) stops early."""

import sys
import threading
import time

from rich.console import Console

TICK_SECONDS = 1.0


def countdown(seconds: int, console: Console) -> float:
    """Count down, showing mm:ss left in a terminal; returns the seconds that passed."""
    entered = threading.Event()

    def wait_for_enter() -> None:
        sys.stdin.readline()
        entered.set()

    threading.Thread(target=wait_for_enter, name="afterword-timer-enter", daemon=True).start()
    started = time.monotonic()
    live = sys.stdout.isatty()
    while not entered.wait(TICK_SECONDS if live else 0.2):
        left = seconds - (time.monotonic() - started)
        if left <= 0:
            console.print("\a\nTime is up. Press Enter to go on." if live else "Time is up.")
            entered.wait()  # the reader thread takes that Enter, not the next question
            break
        if live:
            minutes, rest = divmod(int(left), 60)
            console.print(f"\r{minutes:02d}:{rest:02d} left (Enter ends it)", end="")
    console.print()
    return time.monotonic() - started
