"""A worker's backlog: claim several queued memos at once, transcribe their windows in one batched
call, then write each memo's outcome in its own transaction, so one bad memo fails only itself.

A memo that cannot be decoded fails alone before the batched call. Should the batched call itself
raise, its memos are transcribed again one at a time, so only a memo that fails alone is failed.
Memos longer than batch_above_seconds are transcribed alone (the engine batches their windows)."""

import logging
import uuid
from collections import defaultdict
from collections.abc import Collection
from contextlib import ExitStack
from datetime import timedelta

import numpy as np
from sqlalchemy import select

from afterword.store.jobs import claim_batch, requeue_expired
from afterword.store.models import Memo
from afterword.transcribe.engine import SAMPLE_RATE, TranscribeOptions, TranscriptResult
from afterword.transcribe.windows import transcribe_together
from afterword.transcribe.worker import ClaimedJob, Heartbeat, Worker

logger = logging.getLogger(__name__)

Outcome = TranscriptResult | Exception


def run_backlog(worker: Worker, memo_ids: Collection[uuid.UUID] | None = None) -> int:
    """Process up to backlog_jobs ready jobs together; returns how many (0: none was ready)."""
    claimed = claim_jobs(worker, memo_ids)
    if len(claimed) == 1:
        worker.process(claimed[0])
    elif claimed:
        with ExitStack() as heartbeats:
            for job in claimed:
                heartbeats.enter_context(Heartbeat(worker, job.job_id))
            transcribe_claimed(worker, claimed)
    return len(claimed)


def claim_jobs(worker: Worker, memo_ids: Collection[uuid.UUID] | None) -> list[ClaimedJob]:
    """Claim up to backlog_jobs ready jobs in one transaction, oldest first."""
    lease = timedelta(seconds=worker.settings.job_lease_seconds)
    with worker.db.write() as session:
        requeue_expired(session)
        jobs = claim_batch(
            session,
            worker_id=worker.worker_id,
            lease=lease,
            limit=worker.settings.backlog_jobs,
            memo_ids=memo_ids,
        )
        memo_rows = select(Memo.id, Memo.sha256).where(Memo.id.in_([j.memo_id for j in jobs]))
        sha256s = {memo_id: sha256 for memo_id, sha256 in session.execute(memo_rows)}
        return [
            ClaimedJob(job.id, job.memo_id, sha256s[job.memo_id], TranscribeOptions(**job.options))
            for job in jobs
        ]


def transcribe_claimed(worker: Worker, claimed: list[ClaimedJob]) -> None:
    """Decode each memo; transcribe the short ones together (per set of options) and the long
    ones alone; write each memo's outcome as soon as it is known."""
    short: dict[TranscribeOptions, list[tuple[ClaimedJob, np.ndarray]]] = defaultdict(list)
    for job in claimed:
        try:
            audio = worker.decode(job)
        except Exception as error:
            settle(worker, job, error)
            continue
        if len(audio) / SAMPLE_RATE > worker.settings.batch_above_seconds:
            settle(worker, job, transcribe_alone(worker, job, audio))
        else:
            short[job.options].append((job, audio))
    for options, group in short.items():
        for job, outcome in transcribe_group(worker, group, options):
            settle(worker, job, outcome)


def transcribe_group(
    worker: Worker, group: list[tuple[ClaimedJob, np.ndarray]], options: TranscribeOptions
) -> list[tuple[ClaimedJob, Outcome]]:
    """One batched call for the group's memos, or one call each if the batched call fails."""
    try:
        results = transcribe_together(worker.engine, [audio for _job, audio in group], options)
    except Exception as error:
        logger.warning(
            "batched call for %d memos failed (%s); transcribing them one at a time",
            len(group),
            type(error).__name__,
        )
        return [(job, transcribe_alone(worker, job, audio)) for job, audio in group]
    return [(job, result) for (job, _audio), result in zip(group, results, strict=True)]


def transcribe_alone(worker: Worker, job: ClaimedJob, audio: np.ndarray) -> Outcome:
    """One memo through the engine by itself; its error, if it raises, is its outcome."""
    try:
        return worker.engine.transcribe(audio, options=job.options)
    except Exception as error:
        return error


def settle(worker: Worker, job: ClaimedJob, outcome: Outcome) -> None:
    """Write one memo's outcome in its own transaction, then tell whoever listens."""
    if isinstance(outcome, Exception):
        # The reason names the error, never the audio or its words.
        logger.warning("job %d failed on attempt: %s", job.job_id, type(outcome).__name__)
        worker.record_failure(job, f"{type(outcome).__name__}: {outcome}")
    else:
        worker.record_result(job, outcome)
    if worker.on_settled is not None:
        worker.on_settled(job.memo_id)
