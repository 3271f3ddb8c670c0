"""Every knob of the gateway in one place, read from the environment once.

Why a frozen dataclass: the app factory, bot/supervisor.py and the tests all build a `Settings`; tests
override fields with `dataclasses.replace` instead of patching environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip().isdigit() else default


def env_float(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


@dataclass(frozen=True)
class Settings:
    """Gateway configuration; defaults follow DESIGN.md (loopback, 8000/5005/5055, state in var/)."""

    host: str = "127.0.0.1"
    gateway_port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    var_dir: Path = REPO_ROOT / "var"
    db_path: Path = REPO_ROOT / "var" / "talentbot.db"
    # Rasa's SQLite tracker store file: read directly for the log's annotations (bot/tracker_events.py).
    # None → ask Rasa's HTTP API (e.g. PostgreSQL in production).
    tracker_db: Path | None = None
    # WeChat Official Account (safe mode when aes_key is set; secret is needed only for the
    # customer-service API used when an answer misses WeChat's 5-second window).
    wechat_token: str = ""
    wechat_appid: str = ""
    wechat_aes_key: str = ""
    wechat_secret: str = ""
    wechat_openid_salt: str = ""  # empty → generated once and kept in var/openid_salt
    wechat_api_base: str = "https://api.weixin.qq.com/"  # WeChat API host (token, customer-service send)
    # Timeouts (seconds).
    rasa_timeout: float = 30.0  # one REST turn including custom actions
    tracker_timeout: float = 5.0  # background tracker fetch for intent/confidence
    health_timeout: float = 2.0
    wechat_passive_deadline: float = 4.0  # WeChat waits 5 s for a passive reply
    wechat_max_skew: int = 300  # seconds of timestamp skew accepted on /wechat
    # Limits.
    chat_body_limit: int = 64 * 1024
    wechat_body_limit: int = 1024 * 1024
    max_message_chars: int = 2000
    conversation_idle_minutes: int = 60  # a longer silence starts a new logged conversation
    hotline_edition: str = "yongjia-2016"  # whose service.hotline the fallback reply states

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from the environment variables named in DESIGN.md (plus TALENTBOT_VAR_DIR)."""
        var_dir = Path(os.environ.get("TALENTBOT_VAR_DIR", str(REPO_ROOT / "var")))
        return cls(
            host=os.environ.get("HOST", "127.0.0.1"),
            gateway_port=_env_int("GATEWAY_PORT", 8000),
            rasa_port=_env_int("RASA_PORT", 5005),
            action_port=_env_int("ACTION_PORT", 5055),
            var_dir=var_dir,
            db_path=Path(os.environ.get("TALENTBOT_DB", str(var_dir / "talentbot.db"))),
            tracker_db=Path(os.environ["RASA_TRACKER_DB"]) if os.environ.get("RASA_TRACKER_DB") else None,
            wechat_token=os.environ.get("WECHAT_TOKEN", ""),
            wechat_appid=os.environ.get("WECHAT_APPID", ""),
            wechat_aes_key=os.environ.get("WECHAT_AES_KEY", ""),
            wechat_secret=os.environ.get("WECHAT_SECRET", ""),
            wechat_openid_salt=os.environ.get("WECHAT_OPENID_SALT", ""),
            wechat_api_base=os.environ.get("WECHAT_API_BASE") or "https://api.weixin.qq.com/",
            rasa_timeout=env_float("RASA_TIMEOUT", 30.0),
            wechat_passive_deadline=env_float("WECHAT_PASSIVE_DEADLINE", 4.0),
        )
