"""The composition root: builds every component from the settings and wires them together.

This is the one module allowed to import every layer (an import contract enforces the rest).
"""

from __future__ import annotations

import functools
import gc
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.types import Message, Scope

from backend.api import health
from backend.api.middleware import RequestContextMiddleware
from backend.api.problems import install_problem_handlers
from backend.api.router import api_router
from backend.app import migrations
from backend.app.adapters.compliance_adapter import ComplianceAdapter
from backend.app.adapters.entra import EntraTokenValidator
from backend.app.adapters.evidence_vault import (
    EvidenceVault,
    Pseudonymizer,
    derive_key,
    parse_key_ring,
)
from backend.app.adapters.llm_upstream import LlmUpstream
from backend.app.config import Settings, get_settings
from backend.app.db import Database
from backend.app.log_config import configure_logging
from backend.app.services import bot_activities as bot_activity_service
from backend.app.services import compliance_policies as policy_service
from backend.app.services import compliance_retention as retention_service
from backend.app.services import compliance_scans as scan_service
from backend.app.services import demo as demo_service
from backend.app.services import graph_backfill as backfill_service
from backend.app.services import graph_chat_backfill as chat_backfill_service
from backend.app.services import graph_runtime as graph_runtime_service
from backend.app.services import graph_subscriptions as subscription_service
from backend.app.services import ingestion as ingestion_service
from backend.app.services import operations as operations_service
from backend.app.services import users as user_service
from backend.app.services.auth import AuthService
from backend.app.services.compliance_notifications import NOTIFY_JOB, NotifierRegistry
from backend.app.services.compliance_toolkit import ComplianceToolkit
from backend.app.services.crm_text import CrmTextScreener
from backend.app.services.graph_notifications import GroupCommit
from backend.app.services.jobs import ENQUEUED_KEY, JobRegistry, JobRunner
from backend.app.services.login_throttle import LoginThrottle
from backend.app.workers.celery_app import make_celery
from backend.app.workers.celery_dispatch import CeleryPublisher, QueueSweeper
from backend.app.workers.pool import InProcessWorkerPool, PeriodicJob
from bot.router import router as bot_router
from bot.setup import BotHost, build_bot_host

log = logging.getLogger("nova.app")

PERIODIC_JOBS = (
    PeriodicJob(kind="jobs.cleanup", interval_seconds=3600),
    PeriodicJob(kind="audit.verify", interval_seconds=24 * 3600),
    PeriodicJob(kind="compliance.retention", interval_seconds=24 * 3600),
    PeriodicJob(kind=subscription_service.MAINTAIN_JOB, interval_seconds=300),
    PeriodicJob(kind=bot_activity_service.PURGE_JOB, interval_seconds=6 * 3600),
)


def build_job_registry(notifiers: NotifierRegistry) -> JobRegistry:
    registry = JobRegistry()
    operations_service.register_jobs(registry)
    registry.register(NOTIFY_JOB, notifiers.run_job)
    registry.register("compliance.retention", retention_service.run_job)
    registry.register(bot_activity_service.PURGE_JOB, bot_activity_service.run_purge_job)
    return registry


def build_compliance_toolkit(settings: Settings) -> ComplianceToolkit:
    """The engine adapter, the evidence vault and the pseudonymiser, keyed from the settings."""
    secret = settings.secret_key.get_secret_value()
    if settings.evidence_keys:
        ring = parse_key_ring(settings.evidence_keys.get_secret_value())
    else:
        ring = [("dev", derive_key(secret, "evidence"))]
    pseudonym_key = (
        settings.pseudonym_key.get_secret_value().encode()
        if settings.pseudonym_key
        else derive_key(secret, "pseudonym")
    )
    return ComplianceToolkit(
        adapter=ComplianceAdapter(redaction_key=derive_key(secret, "redaction")),
        vault=EvidenceVault(ring),
        pseudonymizer=Pseudonymizer(pseudonym_key),
        group_window=timedelta(seconds=settings.alert_group_window_seconds),
        excerpt_max_chars=settings.evidence_excerpt_max_chars,
    )


def build_llm_upstream(settings: Settings, http: httpx.AsyncClient) -> LlmUpstream | None:
    if not settings.ai_upstream_url:
        return None
    key = settings.ai_upstream_key.get_secret_value() if settings.ai_upstream_key else None
    return LlmUpstream(
        base_url=settings.ai_upstream_url, api_key=key, model=settings.ai_upstream_model, http=http
    )


def register_graph_jobs(registry: JobRegistry, runtime: ingestion_service.GraphRuntime) -> None:
    ingestion_service.register_jobs(registry, runtime)
    subscription_service.register_jobs(registry, runtime)
    backfill_service.register_jobs(registry, runtime)
    chat_backfill_service.register_jobs(registry, runtime)


def _wake_workers_after_commit(
    database: Database, pool: InProcessWorkerPool, publisher: CeleryPublisher | None = None
) -> None:
    def after_commit(session: Session) -> None:
        job_ids = session.info.pop(ENQUEUED_KEY, None)
        if job_ids and publisher is not None:
            publisher.publish_soon(job_ids)  # Celery: the broker carries the ids
        elif job_ids:
            pool.wake()

    event.listen(database.sync_session_class, "after_commit", after_commit)

    def after_rollback(session: Session) -> None:
        session.info.pop(ENQUEUED_KEY, None)

    event.listen(
        database.sync_session_class, "after_soft_rollback", lambda s, _t: after_rollback(s)
    )


async def _build_routes(app: FastAPI) -> None:
    """Prepare every route before serving, not on the first requests that reach it."""
    # FastAPI builds an included router's routes (dependencies, parameter and body models) on
    # the first request that walks it: ~350 ms of CPU for ours, which the first webhook
    # callers after each start waited for, and every request behind them. A request that
    # matches nothing walks them all; its 404 goes nowhere.
    scope: Scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/.build-routes",
        "raw_path": b"/.build-routes",
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "server": None,
        "client": None,
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def discard(_message: Message) -> None:
        return None

    await app.router(scope, receive, discard)


@functools.cache
def _freeze_startup_heap() -> None:
    # What start-up built (compiled detectors, numbering plans, the ORM's mappers) lives as long
    # as the process: moved out of the collector's sight, full collections stop scanning it
    # (they took 130-170 ms per pause, a request's whole latency budget, before this). Once per
    # process: a process that builds several apps (the tests) must not pin each one for good.
    gc.collect()
    gc.freeze()


async def _stop_bot(bot_host: BotHost | None) -> None:
    if bot_host is not None:
        await bot_host.stop()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the ASGI application for the given settings."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    database = Database(settings.database_url, echo=settings.database_echo)
    http = httpx.AsyncClient()
    entra = (
        EntraTokenValidator(
            metadata_url=settings.entra_metadata_url,
            tenant_id=str(settings.entra_tenant_id),
            client_id=str(settings.entra_client_id),
            http=http,
        )
        if settings.entra_enabled
        else None
    )
    auth_service = AuthService(
        secret_key=settings.secret_key.get_secret_value(),
        access_ttl_seconds=settings.access_token_ttl_seconds,
        refresh_ttl_seconds=settings.refresh_token_ttl_seconds,
        throttle=LoginThrottle(
            max_per_account=settings.login_max_failures_per_account,
            max_per_client=settings.login_max_failures_per_client,
            window_seconds=settings.login_failure_window_seconds,
        ),
        entra=entra,
    )
    toolkit = build_compliance_toolkit(settings)
    notifiers = NotifierRegistry()
    registry = build_job_registry(notifiers)
    graph_runtime = graph_runtime_service.build_runtime(settings, toolkit=toolkit)
    register_graph_jobs(registry, graph_runtime)
    celery_mode = settings.queue_backend == "celery"
    publisher = (
        CeleryPublisher(
            make_celery(settings),
            queue_name=settings.celery_queue,
            buffer=settings.queue_publish_buffer,
            batch_size=settings.celery_batch_size,
        )
        if celery_mode
        else None
    )
    runner = JobRunner(
        database,
        registry,
        worker_id=f"{socket.gethostname()}-app",
        lease_seconds=settings.job_lease_seconds,
    )
    pool = InProcessWorkerPool(
        database,
        runner,
        # With Celery, the app keeps only the scheduler; the workers are separate processes.
        concurrency=0 if celery_mode else settings.worker_concurrency,
        poll_interval=settings.worker_poll_interval_seconds,
        periodic=PERIODIC_JOBS,
    )
    _wake_workers_after_commit(database, pool, publisher)
    screener = CrmTextScreener(toolkit.adapter)
    screener.add_listener(functools.partial(scan_service.scan_crm_text, toolkit=toolkit))
    toolkit.crm_terms = scan_service.crm_client_names
    llm_upstream = build_llm_upstream(settings, http)
    bot_host = build_bot_host(
        settings, database=database, toolkit=toolkit, screener=screener, upstream=llm_upstream
    )
    if bot_host is not None:
        notifiers.add(bot_host.notifier)
        bot_host.register_jobs(registry)
    sweeper = (
        QueueSweeper(
            database,
            publisher,
            interval=settings.queue_sweep_interval_seconds,
            grace=settings.queue_sweep_grace_seconds,
            batch=settings.queue_sweep_batch,
        )
        if publisher is not None
        else None
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.should_auto_migrate:
            await migrations.upgrade_async(settings.database_url)
        await _bootstrap(settings, database, toolkit)
        if entra is not None:
            try:
                await entra.refresh()
            except httpx.HTTPError:
                log.warning("Entra ID metadata not reachable at start-up; will retry on first use")
        if bot_host is not None:
            await bot_host.start()
        await graph_runtime_service.warm_up(app.state.graph_intake)
        if settings.run_workers:
            await pool.start()
            if sweeper is not None:
                await sweeper.start()
        await _build_routes(app)
        _freeze_startup_heap()
        log.info(
            "started", extra={"env": settings.env.value, "queue_backend": settings.queue_backend}
        )
        yield
        if sweeper is not None:
            await sweeper.stop()
        await pool.stop()
        await _stop_bot(bot_host)
        if publisher is not None:
            publisher.stop()
        if graph_runtime.gateway is not None:
            await graph_runtime.gateway.close()
        await http.aclose()
        await database.dispose()

    app = FastAPI(
        title="NovaCRM + AI Compliance Hub",
        version="0.1.0",
        openapi_url="/api/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.auth_service = auth_service
    app.state.compliance_toolkit = toolkit
    app.state.compliance_adapter = toolkit.adapter
    app.state.crm_text_screener = screener
    app.state.notifiers = notifiers
    app.state.llm_upstream = llm_upstream
    app.state.bot_host = bot_host
    app.state.job_registry = registry
    app.state.job_runner = runner
    app.state.worker_pool = pool
    app.state.graph_runtime = graph_runtime
    app.state.graph_intake = graph_runtime_service.build_intake(settings, http=http)
    app.state.graph_group_commit = GroupCommit(database)
    app.state.queue_publisher = publisher
    app.state.queue_sweeper = sweeper
    install_problem_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[settings.web_origin],
        allow_credentials=True,
        allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "If-Match", "X-Request-ID"],
        expose_headers=["ETag", "X-Request-ID", "Retry-After"],
    )
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_body_bytes,
        import_max_bytes=settings.import_max_bytes,
    )
    # Routes are matched in order: the Bot Framework endpoint, the busiest, is looked at first.
    app.include_router(bot_router)
    app.include_router(health.router)
    app.include_router(api_router)
    return app


async def _bootstrap(settings: Settings, database: Database, toolkit: ComplianceToolkit) -> None:
    readiness = await operations_service.readiness(database)
    if not readiness.ready:
        # Keep serving so /readyz can say why; nothing can be seeded into this schema.
        log.error(
            "database not at the migrations' head; run `nova migrate`", extra=readiness.as_dict()
        )
        return
    try:
        await _seed(settings, database, toolkit)
    except IntegrityError:
        # Several worker processes start at once; the first one to commit did the seeding.
        log.info("bootstrap data already created by another process")


async def _seed(settings: Settings, database: Database, toolkit: ComplianceToolkit) -> None:
    async with database.session_scope() as session:
        await policy_service.ensure_default(session, toolkit=toolkit)
        if settings.bootstrap_admin_email and settings.bootstrap_admin_password:
            admin = await user_service.ensure_bootstrap_admin(
                session,
                email=settings.bootstrap_admin_email,
                password=settings.bootstrap_admin_password.get_secret_value(),
            )
            if admin is not None:
                log.info("bootstrap admin created", extra={"user_id": str(admin.id)})
        if settings.seed_demo_data:
            await demo_service.seed(session, toolkit=toolkit)


def __getattr__(name: str) -> FastAPI:
    # `uvicorn backend.app.main:app` builds the app from the environment on first access,
    # so importing this module (tests, tools) has no side effects.
    if name == "app":
        application = create_app()
        globals()["app"] = application
        return application
    raise AttributeError(name)
