"""The worker, the one owner of a job's life: claim up to N ready jobs, transcribe them outside any
transaction, then settle each (write its transcript, or retry or fail it) in a transaction of its
own. Every loop that transcribes (`afterword worker`, `afterword add`, the worker inside
`afterword serve`) is this one.

A worker survives its database: when a claim, a lease renewal or a settlement fails (the
database is locked, restarting, or dropped the connection), it logs the error's kind, waits a
little longer each time and carries on. A transcript already made is kept in memory and written
once the database answers again, as long as the lease on its job is still this worker's."""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, TypeVar

import numpy as np
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError

from afterword.audio import decode_file, to_float32
from afterword.errors import DatabaseBusy
from afterword.settings import Settings
from afterword.store.db import Database
from afterword.store.enums import JobStatus
from afterword.store.jobs import claim_batch, finish_without_speech, requeue_expired, retry_or_fail
from afterword.store.memos import drop_audio_once_transcribed
from afterword.store.models import Job, Memo
from afterword.store.transcripts import add_transcript
from afterword.store.vocabulary import vocabulary_of
from afterword.transcribe.batching import Outcome, Piece, transcribe_pieces
from afterword.transcribe.engine import ProgressCallback, WhisperEngine
from afterword.transcribe.heartbeat import Heartbeat
from afterword.transcribe.leases import Backoff, LeaseKeeper
from afterword.transcribe.results import TranscribeOptions
from afterword.transcribe.speech_check import judge_speech

logger = logging.getLogger(__name__)

T = TypeVar("T")

DATABASE_AWAY = (OperationalError, InterfaceError, DatabaseBusy)
"""Errors of a database that does not answer (locked, restarting, connection dropped): waited out.
Any other error is the data's or the code's and would happen again."""


class WorkerStopping(Exception):
    """The worker was told to stop while it waited for the database."""


@dataclass(frozen=True)
class ClaimedJob:
    job_id: int
    memo_id: uuid.UUID
    sha256: str
    duration_seconds: float
    options: TranscribeOptions


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Worker:
    """Transcribes queued memos with one engine; `engine.slots` jobs (or batches) at a time."""

    def __init__(
        self,
        db: Database,
        engine: WhisperEngine,
        *,
        on_settled: Callable[[uuid.UUID], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.db = db
        self.blobs = db.blobs
        self.decoded = db.decoded
        self.settings: Settings = db.settings
        self.engine = engine
        self.on_settled = on_settled
        """Called with the memo id once an attempt's outcome is written."""
        self.worker_id = new_worker_id()
        self.lease = timedelta(seconds=self.settings.job_lease_seconds)
        self.leases = LeaseKeeper(self.db, worker_id=self.worker_id, lease=self.lease)
        self.heartbeat = Heartbeat(self.db, worker_id=self.worker_id, lease=self.lease)
        self.stopping = stop or threading.Event()
        """Set when the worker should stop: the loop ends, and a settlement still waiting for the
        database gives up (its job returns to the queue when its lease runs out)."""

    def claim(self, memo_ids: Collection[uuid.UUID] | None = None) -> list[ClaimedJob]:
        """Claim up to backlog_jobs ready jobs (optionally among these memos) in one transaction,
        people taking turns, one memo's worth of work (a memo longer than batch_above_seconds
        alone, or shorter ones adding up to no more), each with its owner's vocabulary, and hand
        them to the lease keeper."""
        with self.db.write() as session:
            requeue_expired(session, max_attempts=self.settings.job_max_attempts)
            jobs = claim_batch(
                session,
                worker_id=self.worker_id,
                lease=self.lease,
                limit=self.settings.backlog_jobs,
                memo_ids=memo_ids,
                batch_seconds=self.settings.whisper.batch_above_seconds,
            )
            memos = {
                memo.id: memo
                for memo in session.scalars(select(Memo).where(Memo.id.in_([j.memo_id for j in jobs])))
            }
            # Each owner's vocabulary as it is now (a word taken back is not used).
            vocabularies = {
                owner_id: tuple(vocabulary_of(session, owner_id=owner_id))
                for owner_id in {memo.owner_id for memo in memos.values()}
            }
            claimed = [
                ClaimedJob(
                    job.id,
                    job.memo_id,
                    memos[job.memo_id].sha256,
                    memos[job.memo_id].duration_seconds,
                    TranscribeOptions(
                        **{**job.options, "vocabulary": vocabularies[memos[job.memo_id].owner_id]}
                    ),
                )
                for job in jobs
            ]
        self.leases.hold(job.job_id for job in claimed)
        return claimed

    def process(self, claimed: list[ClaimedJob], on_progress: ProgressCallback | None = None) -> None:
        """Transcribe claimed jobs and settle each as soon as its outcome is known."""
        by_job = {job.job_id: job for job in claimed}
        pieces = []
        for job in claimed:
            try:
                pieces.append(Piece(job.job_id, self.decode(job), job.options))
            except WorkerStopping:
                logger.warning("job %d not started before stopping; it returns to the queue", job.job_id)
            except Exception as error:
                self.settle(job, error)
        transcribe_pieces(
            self.engine, pieces, lambda job_id, outcome: self.settle(by_job[job_id], outcome), on_progress
        )

    def decode(self, job: ClaimedJob) -> np.ndarray:
        """The claimed memo's audio as float32 samples at 16 kHz (as intake decoded it, when it
        was stored in this process)."""
        decoded = self.decoded.take(job.sha256) if self.decoded is not None else None
        if decoded is not None:
            return decoded
        # A database that does not answer is not the memo's fault: wait for it, spending no attempt.
        source = self.patiently(
            lambda: self.read_source(job.sha256), what=f"job {job.job_id}: the audio could not be read"
        )
        if source is None:
            raise FileNotFoundError("the memo's audio is missing")
        return to_float32(decode_file(source, max_seconds=self.settings.max_audio_seconds))

    def settle(self, job: ClaimedJob, outcome: Outcome) -> None:
        """Write one job's outcome, waiting out a database that does not answer; then tell
        whoever listens."""
        if isinstance(outcome, Exception):
            # The reason names the error, never the audio or its words.
            logger.warning("job %d failed on attempt: %s", job.job_id, type(outcome).__name__)
        try:
            self.patiently(
                lambda: self.record_or_fail(job, outcome), what=f"job {job.job_id} could not be settled"
            )
        except WorkerStopping:
            logger.warning("job %d not settled before stopping; it returns to the queue", job.job_id)
            return
        except Exception as error:
            # Not even its failure could be written: as after a crash, the job returns to the queue
            # once its lease runs out, with an attempt spent.
            logger.error(
                "job %d could not be settled (%s); it returns to the queue", job.job_id, type(error).__name__
            )
            self.leases.release([job.job_id])
            return
        self.leases.release([job.job_id])
        if self.on_settled is not None:
            self.on_settled(job.memo_id)

    def read_source(self, sha256: str) -> Path | BinaryIO | None:
        with self.db.read() as session:
            return self.blobs.source(session, sha256)

    def patiently(self, action: Callable[[], T], *, what: str) -> T:
        """Run a database step until the database answers, waiting a little longer after each
        failure; raises WorkerStopping if the worker is told to stop meanwhile."""
        backoff = Backoff()
        while True:
            try:
                return action()
            except DATABASE_AWAY as error:
                if self.stopping.is_set():
                    raise WorkerStopping from error
                delay = backoff.next_delay()
                # The kind of error only: a database error's text carries its statement.
                logger.warning("%s (%s); trying again in %.1f s", what, type(error).__name__, delay)
                self.stopping.wait(delay)

    def record_or_fail(self, job: ClaimedJob, outcome: Outcome) -> None:
        """Record the outcome; a transcript that cannot be written (for a reason other than the
        database being away) is recorded as the attempt's failure instead."""
        try:
            self.record(job, outcome)
        except DATABASE_AWAY:
            raise
        except Exception as error:
            if isinstance(outcome, Exception):
                raise
            # The kind of error only: a database error's text carries its statement.
            reason = f"its transcript could not be saved ({type(error).__name__})"
            logger.warning("job %d: %s", job.job_id, reason)
            self.record(job, RuntimeError(reason))

    def record(self, job: ClaimedJob, outcome: Outcome) -> None:
        """The outcome in one transaction, unless the job is no longer this worker's. No
        insight is made of noise: its audio stays for listening or a retry."""
        verdict = None if isinstance(outcome, Exception) else judge_speech(outcome)
        with self.db.write() as session:
            row = session.get_one(Job, job.job_id, with_for_update=True)
            if row.status != JobStatus.RUNNING or row.worker_id != self.worker_id:
                logger.warning("job %d was taken back from this worker; its outcome is dropped", job.job_id)
                return
            if isinstance(outcome, Exception):
                retry_or_fail(
                    session,
                    job=row,
                    reason=f"{type(outcome).__name__}: {outcome}",
                    max_attempts=self.settings.job_max_attempts,
                    base_delay=timedelta(seconds=self.settings.job_retry_base_seconds),
                )
                return
            assert verdict is not None
            if not verdict.speech:
                finish_without_speech(session, job=row, reason=f"No speech heard: {verdict.reason}")
                logger.info("job %d: no speech heard in %.1f s of audio", job.job_id, outcome.audio_seconds)
                return
            memo = add_transcript(session, job=row, heard=outcome)
            if not self.settings.keep_audio:
                drop_audio_once_transcribed(session, self.blobs, sha256=memo.sha256)
        logger.info(
            "job %d done: %.1f s of audio in %.1f s",
            job.job_id,
            outcome.audio_seconds,
            outcome.processing_seconds,
        )

    def run_once(
        self, memo_ids: Collection[uuid.UUID] | None = None, on_progress: ProgressCallback | None = None
    ) -> int:
        """Claim and process the next ready jobs; returns how many (0 when none was ready)."""
        claimed = self.claim(memo_ids)
        if claimed:
            self.process(claimed, on_progress)
        return len(claimed)

    def drain(self, memo_ids: Collection[uuid.UUID] | None = None) -> int:
        """Process ready jobs on every slot until none is left; returns how many were processed."""
        counts: list[int] = []

        def drain_slot() -> None:
            processed = 0
            while done := self.run_once(memo_ids):
                processed += done
            counts.append(processed)

        self.on_every_slot(drain_slot)
        return sum(counts)

    def run(self, wake: threading.Event | None = None) -> None:
        """Process jobs on every slot until the worker is stopped. When the queue is empty, a
        slot looks again after worker_poll_seconds, or as soon as the wake event is set (a memo was
        just stored in this process); whoever stops the worker sets wake too."""
        logger.info("worker %s started with %d slot(s)", self.worker_id, self.engine.slots)
        self.on_every_slot(lambda: self.run_slot(wake or self.stopping))
        logger.info("worker %s stopped", self.worker_id)

    def on_every_slot(self, target: Callable[[], None]) -> None:
        """Run the target on each slot's thread, with the lease keeper running; an error that
        ends a slot is raised here once all slots have ended."""
        errors: list[BaseException] = []

        def slot() -> None:
            try:
                target()
            except BaseException as error:
                errors.append(error)

        with self.heartbeat.running(), self.leases.running():
            threads = [
                threading.Thread(target=slot, name=f"slot-{i}", daemon=True) for i in range(self.engine.slots)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                while thread.is_alive():
                    thread.join(timeout=0.5)  # short joins keep Ctrl-C responsive
        if errors:
            raise errors[0]

    def run_slot(self, wake: threading.Event) -> None:
        backoff = Backoff()
        while not self.stopping.is_set():
            if wake is not self.stopping:
                wake.clear()  # before looking, so a memo stored while we look still wakes us
            try:
                done = self.run_once()
            except Exception as error:
                # The kind of error only: a database error's text carries its statement.
                delay = backoff.next_delay()
                logger.warning(
                    "worker %s: %s; trying again in %.1f s", self.worker_id, type(error).__name__, delay
                )
                self.stopping.wait(delay)
                continue
            backoff.reset()
            if not done:
                wake.wait(self.settings.worker_poll_seconds)

    def stop(self) -> None:
        self.stopping.set()
