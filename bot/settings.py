"""Every knob of the gateway and of `make run` in one validated object, read from the environment once.

Why one object: the app factory, the staff accounts (bot/auth), the review pages and the supervisor
(bot/supervisor.py) all read their configuration from here; nothing else in bot/ reads `os.environ`
for configuration. `Settings.from_env()` reads the variables named in `ENV` (DESIGN.md, README,
docs/SCALING.md) and validates them all at once: a bad value (GATEWAY_PORT=abc, RASA_TIMEOUT=-1)
raises `SettingsError` naming every bad variable, so the start fails instead of quietly taking a
default. An empty variable counts as unset.

Why a pydantic dataclass rather than a `BaseSettings` model: the tests build a `Settings` directly and
override fields with `dataclasses.replace` (which validates again), and a dataclass keeps that working;
the environment is read in `from_env`, with the same pydantic validation as the constructor.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import field, fields
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from pydantic import ValidationError, validator
from pydantic.dataclasses import dataclass

REPO_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A bad configuration value; the message names each environment variable and what is wrong."""


def _env(name: str, *, secret: bool = False) -> dict[str, Any]:
    """Field metadata: the environment variable a field is read from (`secret`: never echoed)."""
    return {"env": name, "secret": secret}


@dataclass(frozen=True)
class Settings:
    """Configuration; defaults follow DESIGN.md (loopback, 8000/5005/5055, state in var/)."""

    host: str = field(default="127.0.0.1", metadata=_env("HOST"))
    gateway_port: int = field(default=8000, metadata=_env("GATEWAY_PORT"))
    rasa_port: int = field(default=5005, metadata=_env("RASA_PORT"))
    action_port: int = field(default=5055, metadata=_env("ACTION_PORT"))
    var_dir: Path = field(default=REPO_ROOT / "var", metadata=_env("TALENTBOT_VAR_DIR"))
    # default from the environment: <TALENTBOT_VAR_DIR>/talentbot.db
    db_path: Path = field(default=REPO_ROOT / "var" / "talentbot.db", metadata=_env("TALENTBOT_DB"))
    # PostgreSQL for the gateway's store (several gateway hosts, docs/SCALING.md): DATABASE_URL, else
    # built from the tracker store's DB_HOST (host[:port]), DB_PORT, DB_NAME, DB_USER, DB_PASSWORD;
    # empty → the SQLite file `db_path`.
    database_url: str = field(default="", repr=False, metadata=_env("DATABASE_URL", secret=True))
    # WeChat Official Account (safe mode when aes_key is set; secret is needed only for the
    # customer-service API used when an answer misses WeChat's 5-second window).
    wechat_token: str = field(default="", repr=False, metadata=_env("WECHAT_TOKEN", secret=True))
    wechat_appid: str = field(default="", metadata=_env("WECHAT_APPID"))
    wechat_aes_key: str = field(default="", repr=False, metadata=_env("WECHAT_AES_KEY", secret=True))
    wechat_secret: str = field(default="", repr=False, metadata=_env("WECHAT_SECRET", secret=True))
    # empty → generated once and kept in var/openid_salt
    wechat_openid_salt: str = field(default="", repr=False, metadata=_env("WECHAT_OPENID_SALT", secret=True))
    # WeChat API host (token, customer-service send)
    wechat_api_base: str = field(default="https://api.weixin.qq.com/", metadata=_env("WECHAT_API_BASE"))
    # Timeouts (seconds).
    rasa_timeout: float = field(default=30.0, metadata=_env("RASA_TIMEOUT"))  # one REST turn with actions
    health_timeout: float = 2.0
    # WeChat waits 5 s for a passive reply
    wechat_passive_deadline: float = field(default=4.0, metadata=_env("WECHAT_PASSIVE_DEADLINE"))
    wechat_max_skew: int = 300  # seconds of timestamp skew accepted on /wechat
    # Limits.
    chat_body_limit: int = 64 * 1024
    wechat_body_limit: int = 1024 * 1024
    max_message_chars: int = 2000
    conversation_idle_minutes: int = 60  # a longer silence starts a new logged conversation
    hotline_edition: str = "yongjia-2016"  # whose service.hotline the fallback reply states
    # Data lifecycle (bot/retention.py, PIPL): conversation-log messages older than `retention_days` are
    # deleted at start and every `retention_check_hours` (docs/OPERATIONS.md).
    retention_days: int = field(default=180, metadata=_env("TALENTBOT_RETENTION_DAYS"))
    retention_check_hours: float = field(default=6.0, metadata=_env("TALENTBOT_RETENTION_CHECK_HOURS"))
    # Staff accounts and sessions (bot/auth). The first admin, created at first start when both are set.
    admin_user: str = field(default="", metadata=_env("TALENTBOT_ADMIN_USER"))
    admin_password: str = field(
        default="", repr=False, metadata=_env("TALENTBOT_ADMIN_PASSWORD", secret=True)
    )
    session_hours: float = field(default=8.0, metadata=_env("TALENTBOT_SESSION_HOURS"))
    # "auto": Secure when the request came over https; "always"/"never" (also 1/true, 0/false) force it
    cookie_secure: Literal["auto", "always", "never"] = field(
        default="auto", metadata=_env("TALENTBOT_COOKIE_SECURE")
    )
    login_max_failures: int = field(default=5, metadata=_env("TALENTBOT_LOGIN_MAX_FAILURES"))
    login_window_minutes: float = field(default=15.0, metadata=_env("TALENTBOT_LOGIN_WINDOW_MINUTES"))
    # Abuse limits on /api/chat, /api/feedback and /wechat (bot/limits.py): requests per minute with a
    # burst allowance, per sender and per client IP; 0 per minute turns that one limit off. /wechat's
    # IP limit counts only requests that fail WeChat's signature or timestamp check (genuine traffic
    # comes from a few WeChat servers and is limited per user). Clients in `limit_exempt_networks`
    # skip the IP limits (loopback: the host's own tools, or a proxy that did not forward the address).
    limits_enabled: bool = field(default=True, metadata=_env("TALENTBOT_LIMITS"))
    limit_sender_per_minute: int = field(default=20, metadata=_env("TALENTBOT_LIMIT_SENDER_PER_MINUTE"))
    limit_sender_burst: int = field(default=10, metadata=_env("TALENTBOT_LIMIT_SENDER_BURST"))
    limit_ip_per_minute: int = field(default=120, metadata=_env("TALENTBOT_LIMIT_IP_PER_MINUTE"))
    limit_ip_burst: int = field(default=60, metadata=_env("TALENTBOT_LIMIT_IP_BURST"))
    limit_wechat_bad_per_minute: int = field(
        default=10, metadata=_env("TALENTBOT_LIMIT_WECHAT_BAD_PER_MINUTE")
    )
    limit_exempt_networks: str = field(
        default="127.0.0.0/8,::1/128", metadata=_env("TALENTBOT_LIMIT_EXEMPT_NETWORKS")
    )
    # Shared limiter state for several gateway hosts; empty → in memory (one process). Without
    # REDIS_URL, REDIS_HOST/REDIS_PORT (the lock store's, docs/SCALING.md) give redis://host:port/2.
    redis_url: str = field(default="", repr=False, metadata=_env("REDIS_URL", secret=True))
    # Review pages: where the annotation vocabulary (intents, entities) comes from; None → domain.yml
    review_domain: Path | None = field(default=None, metadata=_env("TALENTBOT_DOMAIN"))
    # `make run` (bot/supervisor.py): the Rasa endpoints file (relative to the repository) and Rasa's
    # processes: Sanic workers and TensorFlow threads per worker (0: TensorFlow decides).
    endpoints: str = field(default="endpoints.yml", metadata=_env("TALENTBOT_ENDPOINTS"))
    sanic_workers: int = field(default=2, metadata=_env("SANIC_WORKERS"))
    tf_inter_op_threads: int = field(default=1, metadata=_env("TF_INTER_OP_PARALLELISM_THREADS"))
    tf_intra_op_threads: int = field(default=1, metadata=_env("TF_INTRA_OP_PARALLELISM_THREADS"))
    # Logs and metrics (bot/observability; README "Watching it run"). One JSON object per line, or a
    # readable line with "text" (Rasa and the action server follow the same variable); the gateway's
    # level; the salt of the sender pseudonyms in all three services' logs (empty → kept in
    # <var>/log_salt, handed to Rasa and the actions by `make run`); a bearer token that lets a
    # Prometheus on another host read /metrics (empty: loopback or a staff session only).
    log_format: Literal["json", "text"] = field(default="json", metadata=_env("TALENTBOT_LOG_FORMAT"))
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = field(
        default="INFO", metadata=_env("TALENTBOT_LOG_LEVEL")
    )
    log_salt: str = field(default="", repr=False, metadata=_env("TALENTBOT_LOG_SALT", secret=True))
    metrics_token: str = field(default="", repr=False, metadata=_env("TALENTBOT_METRICS_TOKEN", secret=True))

    # ---- validation (also on `dataclasses.replace`) ----------------------------------------------
    @validator("gateway_port", "rasa_port", "action_port")
    def _port(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("not a TCP port (1-65535)")
        return value

    @validator("rasa_timeout", "health_timeout", "wechat_passive_deadline")
    def _seconds(cls, value: float) -> float:
        if not value > 0:
            raise ValueError("must be more than 0 seconds")
        return value

    @validator("session_hours", "login_window_minutes")
    def _positive(cls, value: float) -> float:
        if not value > 0:
            raise ValueError("must be more than 0")
        return value

    @validator(
        "login_max_failures",
        "sanic_workers",
        "max_message_chars",
        "conversation_idle_minutes",
        "limit_sender_burst",
        "limit_ip_burst",
    )
    def _at_least_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be 1 or more")
        return value

    @validator(
        "tf_inter_op_threads",
        "tf_intra_op_threads",
        "wechat_max_skew",
        "limit_sender_per_minute",
        "limit_ip_per_minute",
        "limit_wechat_bad_per_minute",
    )
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @validator("cookie_secure", pre=True)
    def _cookie_words(cls, value: Any) -> Any:
        words = {"1": "always", "true": "always", "0": "never", "false": "never"}
        return words.get(str(value).strip().lower(), str(value).strip().lower())

    @validator("limits_enabled", pre=True)
    def _on_off(cls, value: Any) -> Any:
        words = {"on": True, "yes": True, "1": True, "true": True, "off": False, "no": False, "0": False}
        return words.get(str(value).strip().lower(), value)

    @validator("limit_exempt_networks")
    def _networks(cls, value: str) -> str:
        if value.strip().lower() == "none":
            return ""
        for part in filter(None, (p.strip() for p in value.split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"{part!r} is not an IP network (e.g. 10.0.0.0/8)") from None
        return value

    @validator("database_url")
    def _database_url(cls, value: str) -> str:
        if value and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must start with postgresql:// (the SQLite file is TALENTBOT_DB)")
        return value

    @validator("redis_url")
    def _redis_url(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @validator("wechat_api_base")
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @validator("log_format", pre=True)
    def _lower(cls, value: Any) -> Any:
        return str(value).strip().lower()

    @validator("log_level", pre=True)
    def _upper(cls, value: Any) -> Any:
        return str(value).strip().upper()

    @validator("retention_days")
    def _retention(cls, value: int) -> int:
        if not 1 <= value <= 3650:
            raise ValueError("must be 1 to 3650 days")
        return value

    @validator("retention_check_hours")
    def _check_hours(cls, value: float) -> float:
        if not 0 < value <= 24 * 7:
            raise ValueError("must be more than 0 and at most 168 hours")
        return value

    # ---- derived ---------------------------------------------------------------------------------
    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def store(self) -> Path | str:
        """Where the gateway keeps its state: the PostgreSQL URL when configured, else the SQLite file."""
        return self.database_url or self.db_path

    @property
    def shared_store(self) -> bool:
        """Whether several gateways may share this store (PostgreSQL): state must then not be per host."""
        return bool(self.database_url)

    @property
    def endpoints_path(self) -> Path:
        """The Rasa endpoints file `make run` starts Rasa with (TALENTBOT_ENDPOINTS, from the repo root)."""
        return REPO_ROOT / self.endpoints

    # ---- the environment -------------------------------------------------------------------------
    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from the environment variables in `ENV`; SettingsError names every bad one."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {
            name: environ[var] for name, var in ENV.items() if environ.get(var, "").strip() != ""
        }
        if "db_path" not in values and "var_dir" in values:
            values["db_path"] = str(Path(values["var_dir"]) / "talentbot.db")
        if "database_url" not in values and environ.get("DB_HOST", "").strip():
            values["database_url"] = database_url_from_db_vars(environ)
        if "redis_url" not in values and environ.get("REDIS_HOST", "").strip():
            # The Redis the lock store uses (endpoints.prod.yml, db 1); the limits keep to db 2.
            port = environ.get("REDIS_PORT", "").strip() or "6379"
            values["redis_url"] = f"redis://{environ['REDIS_HOST'].strip()}:{port}/2"
        try:
            return cls(**values)
        except ValidationError as err:
            raise SettingsError(_explain(err, values)) from None


def database_url_from_db_vars(environ: dict[str, str]) -> str:
    """postgresql://… from Rasa's tracker-store variables (endpoints.prod.yml): DB_HOST may carry the
    port ("db:5432", as Rasa's `url:` takes it), DB_PORT otherwise (default 5432); DB_NAME defaults to
    `talentbot` — the gateway's tables sit beside Rasa's `events` when both name the same database."""
    host = environ["DB_HOST"].strip()
    port = environ.get("DB_PORT", "").strip()
    if ":" in host and not host.startswith("["):
        host, _, port = host.partition(":")
    user = quote(environ.get("DB_USER", "").strip(), safe="")
    password = quote(environ.get("DB_PASSWORD", ""), safe="")
    auth = f"{user}:{password}@" if user and password else (f"{user}@" if user else "")
    name = quote(environ.get("DB_NAME", "").strip() or "talentbot", safe="")
    return f"postgresql://{auth}{host}:{port or 5432}/{name}"


ENV: dict[str, str] = {f.name: f.metadata["env"] for f in fields(Settings) if "env" in f.metadata}
_SECRET = {f.name for f in fields(Settings) if f.metadata.get("secret")}


def _explain(err: ValidationError, values: dict[str, Any]) -> str:
    """'GATEWAY_PORT='abc': value is not a valid integer; …' — the variable, its value, the reason."""
    problems = []
    for problem in err.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "?"
        var = ENV.get(name, name)
        shown = "(hidden)" if name in _SECRET else repr(values.get(name))
        problems.append(f"{var}={shown}: {problem['msg']}")
    return "bad configuration in the environment: " + "; ".join(problems)
