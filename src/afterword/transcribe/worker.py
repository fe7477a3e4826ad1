"""The worker: claim a job, transcribe outside any transaction, then write the result or retry."""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Protocol

import numpy as np
from sqlalchemy.orm import Session

from afterword.audio import decode_file, to_float32
from afterword.settings import Settings
from afterword.store.insights import create_insight
from afterword.store.jobs import (
    claim_next,
    extend_lease,
    finish,
    finish_without_speech,
    requeue_expired,
    retry_or_fail,
)
from afterword.store.models import Job, JobStatus, Memo, Segment, Transcript
from afterword.store.storage import Storage, drop_audio_once_transcribed
from afterword.transcribe.engine import (
    EngineConfig,
    ProgressCallback,
    TranscribeOptions,
    TranscriptResult,
)
from afterword.transcribe.speech_check import judge_speech

logger = logging.getLogger(__name__)

MIN_HEARTBEAT_SECONDS = 1.0


class Engine(Protocol):
    def transcribe(
        self,
        audio: np.ndarray,
        *,
        options: TranscribeOptions = ...,
        on_progress: ProgressCallback | None = None,
    ) -> TranscriptResult: ...


@dataclass(frozen=True)
class ClaimedJob:
    job_id: int
    memo_id: uuid.UUID
    sha256: str
    options: TranscribeOptions


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    def __init__(
        self,
        storage: Storage,
        engine: Engine,
        *,
        on_settled: Callable[[uuid.UUID], None] | None = None,
    ) -> None:
        self.db = storage.db
        self.blobs = storage.blobs
        self.settings = storage.settings
        self.engine = engine
        self.on_settled = on_settled
        """Called with the memo id once an attempt's outcome is written."""
        self.worker_id = new_worker_id()

    def claim(self, memo_ids: Collection[uuid.UUID] | None = None) -> ClaimedJob | None:
        lease = timedelta(seconds=self.settings.job_lease_seconds)
        with self.db.session() as session, session.begin():
            requeue_expired(session)
            job = claim_next(session, worker_id=self.worker_id, lease=lease, memo_ids=memo_ids)
            if job is None:
                return None
            memo = session.get_one(Memo, job.memo_id)
            return ClaimedJob(job.id, memo.id, memo.sha256, TranscribeOptions(**job.options))

    def process(self, claimed: ClaimedJob, on_progress: ProgressCallback | None = None) -> JobStatus:
        """Transcribe a claimed job's memo and record the outcome; returns the job's new status."""
        with Heartbeat(self, claimed.job_id):
            status = self.transcribe_and_record(claimed, on_progress)
        if self.on_settled is not None:
            self.on_settled(claimed.memo_id)
        return status

    def transcribe_and_record(self, claimed: ClaimedJob, on_progress: ProgressCallback | None) -> JobStatus:
        try:
            audio = self.decode(claimed)
            result = self.engine.transcribe(audio, options=claimed.options, on_progress=on_progress)
        except Exception as error:
            # The reason names the error, never the audio or its words.
            reason = f"{type(error).__name__}: {error}"
            logger.warning("job %d failed on attempt: %s", claimed.job_id, type(error).__name__)
            return self.record_failure(claimed, reason)
        return self.record_result(claimed, result)

    def decode(self, claimed: ClaimedJob) -> np.ndarray:
        """The claimed memo's audio as float32 samples at 16 kHz."""
        with self.db.session() as session:
            source = self.blobs.source(session, claimed.sha256)
        if source is None:
            raise FileNotFoundError("the memo's audio is missing")
        return to_float32(decode_file(source, max_seconds=self.settings.max_audio_seconds))

    def record_result(self, claimed: ClaimedJob, result: TranscriptResult) -> JobStatus:
        with self.db.session() as session, session.begin():
            job = session.get_one(Job, claimed.job_id, with_for_update=True)
            if job.status != JobStatus.RUNNING or job.worker_id != self.worker_id:
                logger.warning("job %d was taken back from this worker; result dropped", job.id)
                return job.status
            memo = session.get_one(Memo, claimed.memo_id)
            verdict = judge_speech(result)
            if not verdict.speech:  # no insight of noise; the audio stays for listening or a retry
                finish_without_speech(session, job=job, reason=f"No speech heard: {verdict.reason}")
                logger.info("job %d: no speech heard in %.1f s of audio", job.id, result.audio_seconds)
                return JobStatus.NO_SPEECH
            transcript = save_transcript(session, memo=memo, result=result)
            create_insight(session, memo=memo, transcript=transcript)
            finish(session, job=job)
            if not self.settings.keep_audio:
                drop_audio_once_transcribed(session, self.blobs, sha256=memo.sha256)
        logger.info(
            "job %d done: %.1f s of audio in %.1f s",
            claimed.job_id,
            result.audio_seconds,
            result.processing_seconds,
        )
        return JobStatus.DONE

    def record_failure(self, claimed: ClaimedJob, reason: str) -> JobStatus:
        with self.db.session() as session, session.begin():
            job = session.get_one(Job, claimed.job_id, with_for_update=True)
            if job.status != JobStatus.RUNNING or job.worker_id != self.worker_id:
                return job.status
            retry_or_fail(
                session,
                job=job,
                reason=reason,
                max_attempts=self.settings.job_max_attempts,
                base_delay=timedelta(seconds=self.settings.job_retry_base_seconds),
            )
            return job.status

    def run_once(self, memo_ids: Collection[uuid.UUID] | None = None) -> int:
        """Process the next ready job, or with backlog_jobs > 1 up to that many together in one
        batched call; returns how many were processed (0 when the queue had none)."""
        if self.settings.backlog_jobs > 1:
            from afterword.transcribe.backlog import (
                run_backlog,  # it builds on this module
            )

            return run_backlog(self, memo_ids)
        claimed = self.claim(memo_ids)
        if claimed is None:
            return 0
        self.process(claimed)
        return 1

    def drain(self, memo_ids: Collection[uuid.UUID] | None = None) -> int:
        """Process ready jobs until none is left; returns how many were processed."""
        processed = 0
        while done := self.run_once(memo_ids):
            processed += done
        return processed

    def run(self, stop: threading.Event, wake: threading.Event | None = None) -> None:
        """Process jobs until the stop event is set. When the queue is empty, look again after
        worker_poll_seconds, or as soon as the wake event is set (a memo was just stored in this
        process); whoever sets stop sets wake too."""
        wake = wake or stop
        logger.info("worker %s started", self.worker_id)
        while not stop.is_set():
            if wake is not stop:
                wake.clear()  # before looking, so a memo stored while we look still wakes us
            if not self.run_once():
                wake.wait(self.settings.worker_poll_seconds)
        logger.info("worker %s stopped", self.worker_id)


class Heartbeat:
    """While a job is processed, renew its lease every third of the lease, so a live worker
    keeps its job and a dead one's job returns to the queue soon after it stops beating."""

    def __init__(self, worker: Worker, job_id: int) -> None:
        self.worker = worker
        self.job_id = job_id
        self.lease = timedelta(seconds=worker.settings.job_lease_seconds)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.beat, name=f"heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.thread.join()

    def beat(self) -> None:
        while not self.stop.wait(max(self.lease.total_seconds() / 3, MIN_HEARTBEAT_SECONDS)):
            with self.worker.db.session() as session, session.begin():
                mine = extend_lease(
                    session, job_id=self.job_id, worker_id=self.worker.worker_id, lease=self.lease
                )
            if not mine:
                logger.warning("job %d is no longer this worker's; heartbeat stopped", self.job_id)
                return


def save_transcript(session: Session, *, memo: Memo, result: TranscriptResult) -> Transcript:
    transcript = Transcript(
        memo_id=memo.id,
        owner_id=memo.owner_id,
        text=result.text,
        language=result.language,
        language_probability=result.language_probability,
        model=result.model,
        device=result.device,
        compute_type=result.compute_type,
        audio_seconds=result.audio_seconds,
        processing_seconds=result.processing_seconds,
    )
    session.add(transcript)
    session.flush()
    session.add_all(
        Segment(
            transcript_id=transcript.id,
            position=position,
            start=segment.start,
            end=segment.end,
            text=segment.text,
            words=[asdict(word) for word in segment.words],
            avg_logprob=segment.avg_logprob,
            no_speech_prob=segment.no_speech_prob,
            compression_ratio=segment.compression_ratio,
            temperature=segment.temperature,
        )
        for position, segment in enumerate(result.segments)
    )
    return transcript


def engine_config(settings: Settings) -> EngineConfig:
    return EngineConfig(
        model=settings.model,
        device=settings.device,
        compute_type=settings.compute_type,
        cpu_threads=settings.cpu_threads,
        beam_size=settings.beam_size,
        language=settings.language,
        batch_above_seconds=settings.batch_above_seconds,
        batch_size=settings.batch_size,
        memory_ceiling_mb=settings.memory_ceiling_mb,
        batch_window_mb=settings.batch_window_mb,
    )
