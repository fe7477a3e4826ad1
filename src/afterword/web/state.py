"""What the app holds for its lifetime: the store, the engine, the in-process worker."""

import logging
import threading
from dataclasses import dataclass, field

from afterword.audio import DecodedAudio
from afterword.settings import Settings
from afterword.store.db import Database
from afterword.web.events import MemoEvents
from afterword.web.person_turns import PersonTurns
from afterword.web.ratelimit import UploadLimiter

logger = logging.getLogger(__name__)
# Enough for a person who mistypes a few times; far too few to guess a 40-bit code.
SIGNIN_ATTEMPTS_PER_MINUTE = 10


@dataclass
class AppState:
    settings: Settings
    db: Database
    upload_limiter: UploadLimiter = field(init=False)
    """Uploads per token."""
    client_upload_limiter: UploadLimiter = field(init=False)
    """Uploads per client address, whatever tokens it holds."""
    signin_limiter: UploadLimiter = field(
        default_factory=lambda: UploadLimiter(per_minute=SIGNIN_ATTEMPTS_PER_MINUTE)
    )
    """Sign-in code attempts per client address (failed sign-ins of every kind: failed_signins)."""
    events: MemoEvents = field(default_factory=MemoEvents)
    stop: threading.Event = field(default_factory=threading.Event)
    memo_stored: threading.Event = field(default_factory=threading.Event)
    """Set when an upload stores a memo, so the in-process worker starts on it at once."""
    threads: list[threading.Thread] = field(default_factory=list)
    scoring: PersonTurns = field(default_factory=PersonTurns)
    """A person's reviews are matched one at a time."""

    def __post_init__(self) -> None:
        self.upload_limiter = UploadLimiter(per_minute=self.settings.uploads_per_minute)
        self.client_upload_limiter = UploadLimiter(per_minute=self.settings.uploads_per_client_per_minute)

    def start_worker(self) -> None:
        """Run a worker in a background thread; the model loads there first, so the first
        upload does not wait for a load that could have happened at start."""
        from afterword.transcribe.engine import WhisperEngine
        from afterword.transcribe.worker import Worker

        engine = WhisperEngine(self.settings.whisper)
        self.db.decoded = DecodedAudio()
        worker = Worker(self.db, engine, on_settled=self.events.notify, stop=self.stop)

        def run() -> None:
            try:
                engine.load()
            except Exception:
                logger.exception("the speech model could not be loaded; memos stay queued")
                return
            worker.run(wake=self.memo_stored)

        thread = threading.Thread(target=run, name="afterword-worker", daemon=True)
        thread.start()
        self.threads.append(thread)

    def close(self) -> None:
        self.stop.set()
        self.memo_stored.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.db.close()
