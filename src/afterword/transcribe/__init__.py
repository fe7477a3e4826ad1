"""Speech to text: the faster-whisper engine and the worker that runs queued jobs through it."""
