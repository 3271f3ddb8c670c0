"""The gateway app factory: `create_app(settings, rasa_client=None, ...)`.

Why a factory: tests build apps around a fake Rasa and a tmp_path database; `uvicorn bot.app:app`
and `python -m bot` get one built from the environment on first access (module `__getattr__`), so
importing this module never opens var/.

Routers: chat, health, pages and wechat are always mounted. `bot.auth`, `bot.review` and
`bot.assist` are built by others and mounted when they import and expose an APIRouter named
`router` (either `bot.review.router` as an attribute or a submodule `bot/review/router.py`); they reach
shared objects via `request.app.state.services` (settings, store, rasa, dialogue).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from bot.background import BackgroundTasks
from bot.dialogue import DialogueService
from bot.errors import install_error_handlers
from bot.logstore import LogStore
from bot.policy_facts import hotline
from bot.rasa_client import RasaClient
from bot.routers import chat, health, pages, wechat
from bot.services import BOT_DIR, Services
from bot.settings import Settings
from bot.tracker_events import TrackerEventsReader
from bot.wechat.bridge import WeChatBridge
from bot.wechat.identity import load_salt
from bot.wechat.sender import CustomerServiceSender, UnconfiguredSender, WeChatClientSender

log = logging.getLogger(__name__)

CORE_ROUTERS: tuple[APIRouter, ...] = (health.router, chat.router, wechat.router, pages.router)
OPTIONAL_ROUTERS: tuple[str, ...] = ("bot.auth", "bot.review", "bot.assist")


def _router_of(name: str) -> APIRouter | None:
    """`name.router` if the module exists and exposes one; None when it is not built yet."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            return None
        log.exception("optional router %s failed to import; not mounted", name)
        return None
    except Exception:
        log.exception("optional router %s failed to import; not mounted", name)
        return None
    router: Any = getattr(module, "router", None)
    if isinstance(router, ModuleType):
        router = getattr(router, "router", None)
    if router is None:
        try:
            router = getattr(importlib.import_module(f"{name}.router"), "router", None)
        except ImportError:
            router = None
    return router if isinstance(router, APIRouter) else None


def include_optional_routers(app: FastAPI, names: tuple[str, ...] = OPTIONAL_ROUTERS) -> list[str]:
    """Mount the optional feature routers that are present; returns the names mounted."""
    mounted = []
    for name in names:
        router = _router_of(name)
        if router is not None:
            app.include_router(router)
            mounted.append(name)
    return mounted


def _wechat_sender(settings: Settings) -> CustomerServiceSender:
    if settings.wechat_appid and settings.wechat_secret:
        return WeChatClientSender(settings.wechat_appid, settings.wechat_secret, settings.wechat_api_base)
    return UnconfiguredSender()


def _warm_policy_index() -> None:
    try:
        from policy_kb import api

        api.search("人才", k=1)
    except Exception:  # warming is an optimisation; a failure shows up on first real use instead
        log.exception("warming the policy index failed")


def create_app(
    settings: Settings | None = None,
    rasa_client: RasaClient | None = None,
    store: LogStore | None = None,
    wechat_sender: CustomerServiceSender | None = None,
    optional_routers: tuple[str, ...] = OPTIONAL_ROUTERS,
) -> FastAPI:
    """Build the gateway. Objects passed in are owned by the caller and not closed on shutdown."""
    settings = settings or Settings.from_env()
    owns_rasa, owns_store = rasa_client is None, store is None
    rasa = rasa_client or RasaClient(
        settings.rasa_url,
        settings.action_url,
        timeout=settings.rasa_timeout,
        tracker_timeout=settings.tracker_timeout,
        health_timeout=settings.health_timeout,
        tracker_events=TrackerEventsReader(settings.tracker_db) if settings.tracker_db else None,
    )
    store = store or LogStore(settings.db_path, idle_minutes=settings.conversation_idle_minutes)
    tasks = BackgroundTasks()
    fact = hotline(settings.hotline_edition)
    dialogue = DialogueService(rasa, store, tasks, fact)
    bridge = None
    if settings.wechat_token:
        bridge = WeChatBridge(
            dialogue,
            wechat_sender or _wechat_sender(settings),
            tasks,
            salt=load_salt(settings.wechat_openid_salt, settings.var_dir),
            hotline=fact,
            passive_deadline=settings.wechat_passive_deadline,
        )
    services = Services(settings, store, rasa, tasks, dialogue, fact, bridge)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Build the knowledge-base index (jieba dictionary, BM25 postings) off the event loop at start-up,
        # so the first hotline keystroke or fallback search does not pay ~1 s for it.
        threading.Thread(target=_warm_policy_index, name="warm-policy-index", daemon=True).start()
        yield
        await tasks.drain(timeout=5.0)
        await tasks.cancel_all()
        if owns_rasa:
            await rasa.aclose()
        if owns_store:
            store.close()

    # No /docs or /redoc: their pages load Swagger/ReDoc from a CDN. /openapi.json stays.
    app = FastAPI(title="talentbot gateway", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.services = services
    install_error_handlers(app)
    for router in CORE_ROUTERS:
        app.include_router(router)
    app.state.optional_routers = include_optional_routers(app, optional_routers)
    app.mount("/static", StaticFiles(directory=str(BOT_DIR / "static")), name="static")
    return app


def __getattr__(name: str) -> Any:
    """`bot.app.app`: built from the environment on first access (for `uvicorn bot.app:app`)."""
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
