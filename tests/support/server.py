"""Real uvicorn servers on loopback, in a background thread: one that lives for a block, and one
that can be stopped and started again on the same port, like a laptop's `afterword serve`."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

START_SECONDS = 60
# Long-polls (the page waits up to 25 s for a transcript) must not hold a stop up.
GRACEFUL_SECONDS = 1


class RestartableServer:
    """An app served on 127.0.0.1, over https when given a certificate and key. The first start
    picks a free port; every later start uses the same one. Each start builds a fresh app, as a
    restarted process would."""

    def __init__(self, make_app: Callable[[], FastAPI], *, tls: tuple[Path, Path] | None = None) -> None:
        self.make_app = make_app
        self.tls = tls
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        assert self._server is None, "already running"
        config = uvicorn.Config(
            self.make_app(),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
            proxy_headers=False,  # as `afterword serve`: the app alone decides whom to believe
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"the test server did not start on port {self.port}")
            time.sleep(0.05)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self._server, self._thread = server, thread

    def stop(self) -> None:
        """Shut the server down for real: nothing listens on the port afterwards."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=60)
        assert not self._thread.is_alive(), "the test server did not stop"
        self._server = self._thread = None
        assert not listening(self.port), f"port {self.port} still answers after the server stopped"

    def url(self, host: str = "127.0.0.1") -> str:
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"

    def __enter__(self) -> "RestartableServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def running_server(app: FastAPI) -> Iterator[str]:
    """Serve the app on 127.0.0.1; yields its base URL and stops it afterwards."""
    with RestartableServer(lambda: app) as server:
        yield server.url()
