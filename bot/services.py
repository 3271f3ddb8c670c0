"""The objects one app instance shares between requests, reachable from any router.

Why a container on `app.state`: routers stay plain functions with a `Depends(get_services)`, and tests
build an app with a fake Rasa and a tmp_path database by passing them to `create_app`. Routers added
by other modules (review, assist, auth) can use `request.app.state.services.store` and `.settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from bot.background import BackgroundTasks
from bot.dialogue import DialogueService
from bot.logstore import LogStore
from bot.policy_facts import Fact
from bot.rasa_client import RasaClient
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.wechat.bridge import WeChatBridge

BOT_DIR = Path(__file__).resolve().parent
TEMPLATES = Jinja2Templates(directory=str(BOT_DIR / "templates"))


@dataclass
class Services:
    settings: Settings
    store: LogStore
    rasa: RasaClient
    tasks: BackgroundTasks
    dialogue: DialogueService
    hotline: Fact
    wechat: WeChatBridge | None = None  # None when WECHAT_TOKEN is not configured


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]
