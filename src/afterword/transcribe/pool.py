"""Several workers in one process, sharing one loaded model (`afterword worker --concurrency N`).

CTranslate2 runs one transcription per model "worker" at a time, so the model is loaded with N
of them, and the cores are split between the N transcriptions."""

import threading
from collections.abc import Callable
from dataclasses import replace

from afterword.machine import available_cores
from afterword.store.storage import Storage
from afterword.transcribe.engine import WhisperEngine
from afterword.transcribe.worker import Worker, engine_config


def shared_engine(storage: Storage, concurrency: int) -> WhisperEngine:
    config = engine_config(storage.settings)
    threads = config.cpu_threads or max(1, available_cores() // concurrency)
    return WhisperEngine(replace(config, num_workers=concurrency, cpu_threads=threads))


class WorkerPool:
    def __init__(self, storage: Storage, concurrency: int) -> None:
        engine = shared_engine(storage, concurrency)
        self.workers = [Worker(storage, engine) for _ in range(concurrency)]

    def drain(self) -> int:
        """Process ready jobs on every worker until none is left; returns how many."""
        counts = [0] * len(self.workers)

        def drain_one(index: int) -> None:
            counts[index] = self.workers[index].drain()

        self._run_all(drain_one)
        return sum(counts)

    def run(self, stop: threading.Event) -> None:
        """Process jobs on every worker until the stop event is set."""
        self._run_all(lambda index: self.workers[index].run(stop))

    def _run_all(self, target: Callable[[int], None]) -> None:
        threads = [
            threading.Thread(target=target, args=(i,), name=f"worker-{i}", daemon=True)
            for i in range(len(self.workers))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)  # short joins keep Ctrl-C responsive
