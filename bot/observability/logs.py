"""The gateway's logging: our format on the root logger, uvicorn's lines through it, its access log off.

Why here and not in `create_app`: the tests build many apps in one process and capture logs with
pytest's handlers; only the production app (`bot.app.app` for `uvicorn bot.app:app`, and `python -m
bot`) takes over the process's logging. Without this, uvicorn configures only its own loggers and
every `bot.*` INFO line is dropped.

uvicorn's access log is switched off because it prints the query string, and WeChat's callback puts
the user's openid there (`/wechat?openid=…`); `bot.observability.middleware` writes the access line
instead, with the path only and the request id.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from bot.settings import Settings
from talentbot_rasa import jsonlog

SALT_FILE = "log_salt"


def log_salt(settings: Settings) -> str:
    """TALENTBOT_LOG_SALT, else the salt kept in <var>/log_salt (made once, mode 0600): the same in
    every service `make run` starts (it hands them this value) and across restarts."""
    if settings.log_salt:
        return settings.log_salt
    return _kept_salt(settings.var_dir / SALT_FILE)


def _kept_salt(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(16)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(salt)
    return salt


def configure_logging(settings: Settings) -> None:
    """Root logging in TALENTBOT_LOG_FORMAT at TALENTBOT_LOG_LEVEL, uvicorn's own loggers through it
    (their handlers removed), uvicorn's access log off, httpx's per-request lines off, pseudonyms
    salted."""
    jsonlog.set_salt(log_salt(settings))
    jsonlog.install("gateway", settings.log_level, settings.log_format)
    for name in ("uvicorn", "uvicorn.error"):
        uv = logging.getLogger(name)
        uv.handlers.clear()
        uv.propagate = True
    # httpx logs every request at INFO: one line per call to Rasa says nothing the turn line does not
    logging.getLogger("httpx").setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    access.disabled = True
