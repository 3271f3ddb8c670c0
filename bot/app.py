"""The gateway app factory: `create_app(settings, rasa_client=None, ...)`.

Why a factory: tests build apps around a fake Rasa and a tmp_path database; `uvicorn bot.app:app`
and `python -m bot` get one built from the environment on first access (module `__getattr__`), so
importing this module never opens var/.

Routers: every one is imported at the top of this module, so a router that does not import stops the
gateway from starting (no gateway without its staff pages). Chat, health, pages and wechat are always
mounted; the staff pages (`bot.auth`, `bot.review` with the admins' data pages of `bot.admin`,
`bot.assist`) are mounted unless a test asks for a smaller app (`optional_routers`). They reach shared
objects via `request.app.state.services` (settings, store, rasa, dialogue).

Observability (bot/observability): every app counts its own metrics (`app.state.metrics`, served at
/metrics) and gives each request a request id (outermost middleware); only the production app built
by `__getattr__` below also takes over the process's logging (JSON lines, uvicorn's access log off).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from bot.admin.router import router as admin_router
from bot.assist.router import router as assist_router
from bot.auth.router import router as auth_router
from bot.background import BackgroundTasks
from bot.dialogue import DialogueService
from bot.errors import install_error_handlers
from bot.limits import build_limiter
from bot.logstore import LogStore
from bot.observability import endpoint as metrics_endpoint
from bot.observability.logs import configure_logging
from bot.observability.metrics import Metrics
from bot.observability.middleware import RequestContextMiddleware
from bot.policy_facts import hotline
from bot.rasa_client import RasaClient
from bot.retention import RetentionJob
from bot.review.router import router as review_router
from bot.routers import chat, health, pages, wechat
from bot.services import BOT_DIR, Services
from bot.settings import Settings
from bot.wechat.bridge import WeChatBridge
from bot.wechat.claims import Claims, LocalClaims, RedisClaims
from bot.wechat.identity import load_salt, require_shared_salt
from bot.wechat.sender import CustomerServiceSender, UnconfiguredSender, WeChatClientSender

log = logging.getLogger(__name__)

CORE_ROUTERS: tuple[APIRouter, ...] = (health.router, chat.router, wechat.router, pages.router)
# The staff pages by package name: all of them in production; tests may build an app with fewer.
STAFF_ROUTERS: dict[str, APIRouter] = {
    "bot.auth": auth_router,
    "bot.review": review_router,
    "bot.assist": assist_router,
}
OPTIONAL_ROUTERS: tuple[str, ...] = tuple(STAFF_ROUTERS)


def _wechat_sender(settings: Settings) -> CustomerServiceSender:
    if settings.wechat_appid and settings.wechat_secret:
        return WeChatClientSender(settings.wechat_appid, settings.wechat_secret, settings.wechat_api_base)
    return UnconfiguredSender()


def _warm_policy_index() -> None:
    try:
        from policy_kb import api

        api.search("人才", k=1)
        from policy_kb.typos import read_as_meant

        read_as_meant("接青")  # the typo vocabulary (policy_kb/typos.py)
    except Exception:  # warming is an optimisation; a failure shows up on first real use instead
        log.exception("warming the policy index failed")


def create_app(
    settings: Settings | None = None,
    rasa_client: RasaClient | None = None,
    store: LogStore | None = None,
    wechat_sender: CustomerServiceSender | None = None,
    optional_routers: tuple[str, ...] = OPTIONAL_ROUTERS,
) -> FastAPI:
    """Build the gateway. Objects passed in are owned by the caller and not closed on shutdown.

    `optional_routers`: which staff routers (names in STAFF_ROUTERS) to mount; all of them unless a
    test builds a smaller app. Without `settings`, the environment's (SettingsError on a bad value)."""
    unknown = set(optional_routers) - set(STAFF_ROUTERS)
    if unknown:
        raise ValueError(f"no such staff router: {sorted(unknown)} (known: {sorted(STAFF_ROUTERS)})")
    settings = settings or Settings.from_env()
    if settings.wechat_token:
        require_shared_salt(settings)  # before anything opens: a misconfigured gateway does not start
    owns_rasa, owns_store = rasa_client is None, store is None
    rasa = rasa_client or RasaClient(
        settings.rasa_url,
        settings.action_url,
        timeout=settings.rasa_timeout,
        health_timeout=settings.health_timeout,
    )
    store = store or LogStore(settings.store, idle_minutes=settings.conversation_idle_minutes)
    tasks = BackgroundTasks()
    metrics = Metrics()
    fact = hotline(settings.hotline_edition)
    dialogue = DialogueService(rasa, store, fact, metrics)
    bridge = None
    claims: Claims = LocalClaims()
    if settings.wechat_token:
        claims = RedisClaims(settings.redis_url) if settings.redis_url else LocalClaims()
        bridge = WeChatBridge(
            dialogue,
            wechat_sender or _wechat_sender(settings),
            tasks,
            salt=load_salt(settings.wechat_openid_salt, settings.var_dir),
            hotline=fact,
            passive_deadline=settings.wechat_passive_deadline,
            on_late_reply=metrics.wechat_late_reply,
            claims=claims,
        )
    services = Services(settings, store, rasa, tasks, dialogue, fact, bridge)
    retention = RetentionJob(settings)
    limiter = build_limiter(settings)  # abuse limits (bot/limits.py): in memory, or Redis when configured

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Build the knowledge-base index (jieba dictionary, BM25 postings) off the event loop at start-up,
        # so the first hotline keystroke or fallback search does not pay ~1 s for it.
        threading.Thread(target=_warm_policy_index, name="warm-policy-index", daemon=True).start()
        retention.start()  # purge the log past its retention window now, then on a schedule
        yield
        await retention.stop()
        await tasks.drain(timeout=5.0)
        await tasks.cancel_all()
        await limiter.aclose()
        await claims.aclose()
        if owns_rasa:
            await rasa.aclose()
        if owns_store:
            store.close()

    # No /docs or /redoc: their pages load Swagger/ReDoc from a CDN. /openapi.json stays.
    app = FastAPI(title="talentbot gateway", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.services = services
    app.state.metrics = metrics
    app.state.limiter = limiter
    install_error_handlers(app)
    for router in CORE_ROUTERS:
        app.include_router(router)
    app.include_router(metrics_endpoint.router)
    for name in optional_routers:
        app.include_router(STAFF_ROUTERS[name])
    if "bot.review" in optional_routers:  # the data-lifecycle pages (admins) belong to the review pages
        app.include_router(admin_router)
    app.state.optional_routers = list(optional_routers)
    app.mount("/static", StaticFiles(directory=str(BOT_DIR / "static")), name="static")
    # Added last, so outermost: the request id is set before anything else runs and the access line
    # sees the final status.
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    return app


def __getattr__(name: str) -> Any:
    """`bot.app.app`: built from the environment on first access (for `uvicorn bot.app:app`)."""
    if name == "app":
        global app
        settings = Settings.from_env()
        configure_logging(settings)
        app = create_app(settings)
        return app
    raise AttributeError(name)
