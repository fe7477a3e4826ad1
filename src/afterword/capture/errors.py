"""Why a memo was refused. Each message is one sentence a person can act on."""


class CaptureError(ValueError):
    """A memo that cannot be accepted; nothing of it is stored."""


class EmptyUpload(CaptureError):
    def __init__(self) -> None:
        super().__init__("The file is empty: there is no audio in it.")


class UploadTooLarge(CaptureError):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"The file is larger than the limit of {max_bytes / 2**20:.0f} MB.")


class NotAudio(CaptureError):
    def __init__(self, detail: str = "") -> None:
        reason = f" ({detail})" if detail else ""
        super().__init__(f"This does not look like an audio file Afterword can read{reason}.")


class NoSound(CaptureError):
    def __init__(self) -> None:
        super().__init__("The recording has no length: it holds no sound at all.")


class SilentAudio(CaptureError):
    def __init__(self) -> None:
        super().__init__("The recording is silent: check the microphone and record again.")


class AudioTooLong(CaptureError):
    def __init__(self, max_seconds: float) -> None:
        super().__init__(
            f"The recording is longer than the limit of {max_seconds / 60:g} minutes."
        )
