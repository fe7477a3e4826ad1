"""The FastAPI app, built by create_app(settings)."""

import asyncio
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from afterword.settings import Settings
from afterword.store.db import open_database
from afterword.web.access_log import AccessLogMiddleware
from afterword.web.errors import install_error_handlers
from afterword.web.failed_signins import FailedSigninMiddleware
from afterword.web.headers import SecurityHeadersMiddleware
from afterword.web.hosts import AllowedHostsMiddleware
from afterword.web.limits import BodyLimitMiddleware
from afterword.web.proxies import TrustedProxyMiddleware
from afterword.web.routes import (
    appreciations,
    charges,
    checkins,
    clips,
    corrections,
    docs,
    health,
    insights,
    marks,
    memos,
    models,
    moments,
    openai,
    page,
    partners,
    prep,
    recall,
    reminders,
    repair,
    review,
    review_copy,
    rituals,
    sessions,
    setup,
    signin,
    summaries,
    triggers,
    words,
)
from afterword.web.state import AppState
from afterword.web.tls import tls_folder

# Room for multipart boundaries and small fields around a file at the upload cap.
MULTIPART_ALLOWANCE_BYTES = 64 * 1024


def create_app(
    settings: Settings, *, run_worker: bool = True, hosts: Collection[str] | None = None
) -> FastAPI:
    """The app; its lifespan opens the store and, unless told not to, starts a worker thread.
    `hosts`: the only names a request may give in Host (`serve` passes the ones it knows); None
    answers any, for an app that is not listening on a network (tests, an embedding)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = AppState(settings, await run_in_threadpool(open_database, settings))
        state.events.bind(asyncio.get_running_loop())
        if run_worker:
            state.start_worker()
        app.state.afterword = state
        yield
        await run_in_threadpool(state.close)

    app = FastAPI(
        title="Afterword",
        summary="Voice memos after therapy, transcribed on your own machine.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.api_docs else None,
    )
    install_error_handlers(app)
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_upload_bytes + MULTIPART_ALLOWANCE_BYTES,
        message_bytes=settings.max_upload_bytes,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(FailedSigninMiddleware)
    if hosts is not None:
        app.add_middleware(AllowedHostsMiddleware, hosts=hosts)
    # Outermost: everything inside sees the real client.
    app.add_middleware(TrustedProxyMiddleware, trusted=settings.trusted_proxies)
    app.state.setup = setup.SetupConfig(tls_folder(settings.data_dir), https_port=None)
    routers = (
        memos,
        clips,
        corrections,
        words,
        models,
        sessions,
        insights,
        summaries,
        triggers,
        review,
        review_copy,
        prep,
        openai,
        signin,
        page,
        setup,
        health,
    )
    practices = (
        partners,
        moments,
        appreciations,
        checkins,
        repair,
        rituals,
        marks,
        recall,
        charges,
        reminders,
    )
    for module in (*routers, *practices):
        app.include_router(module.router)
    app.mount("/static", page.static_files(), name="static")
    if settings.api_docs:
        app.include_router(docs.router)
        app.mount(docs.ASSETS, docs.docs_assets(), name="docs-assets")
    return app
