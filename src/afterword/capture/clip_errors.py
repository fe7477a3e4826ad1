"""What can go wrong when a memo is heard again. Apart from capture.clips, which loads numpy,
so the CLI's error handler can name them without it."""

from afterword.errors import Conflict, Invalid, NotFound


class AudioNotKept(NotFound):
    def __init__(self) -> None:
        super().__init__(
            "The audio of this memo was not kept (AFTERWORD_KEEP_AUDIO=false), so there is nothing "
            "to play; its transcript is kept."
        )


class NotAWavName(Invalid):
    pass


class NoTranscriptYet(Conflict):
    """A sentence was asked for of a memo not transcribed yet: each door says what to do."""

    def __init__(self) -> None:
        super().__init__("this memo has no transcript yet, so no sentences")


class NoSuchSentence(NotFound):
    def __init__(self, count: int) -> None:
        super().__init__(f"this memo has {count} sentence(s)")
