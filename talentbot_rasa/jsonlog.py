"""One log format for the three services: a JSON object per line carrying the turn's request id.

Why here, stdlib only: the gateway (`bot.observability`), Rasa (`talentbot_rasa.launcher`) and the
action server (`talentbot_rasa.action_launcher`) must write the same fields so one `grep <request
id>` over var/log/ follows a turn through all three; this package is the one all three processes
import (it imports nothing of Rasa, the gateway or the actions).

- `REQUEST_ID`: the turn's id in a context variable. The gateway sets it per HTTP request; it travels
  to Rasa in the turn's metadata (`request_id`) and to the action server in the tracker's
  `latest_message.metadata`; each process sets it while it works on that turn, so every log line
  written meanwhile — Rasa's and the actions' own included — carries it.
- `pseudonym`: a sender id as it may appear in a log line (salted SHA-256, 12 hex digits). Web
  senders are ids chosen by the client, which may be a phone number; WeChat's are already hashed.
  The salt (TALENTBOT_LOG_SALT, which `make run` hands all three services) keeps the hash from being
  reversed by hashing guesses and makes one sender's pseudonym the same in every service.
- `install`: root logging through one handler with `JsonFormatter` (or a plain line with
  TALENTBOT_LOG_FORMAT=text), Python warnings included.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sys
import time
import uuid
from typing import Any, TextIO

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("talentbot_request_id", default=None)
METADATA_KEY = "request_id"  # the key in a Rasa message's metadata
HEADER = "X-Request-ID"
FORMAT_ENV, SALT_ENV = "TALENTBOT_LOG_FORMAT", "TALENTBOT_LOG_SALT"
_REQUEST_ID_SHAPE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# LogRecord's own attributes: anything else on a record came from `extra=` and goes into the JSON.
# (uvicorn adds `color_message`, the message with terminal colour codes.)
_RECORD_FIELDS = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "color_message",
}

_salt = os.environ.get(SALT_ENV, "").strip() or secrets.token_hex(16)


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: Any) -> str | None:
    """`value` if it is a plausible request id (letters, digits, `._:-`, at most 64), else None:
    ids arrive from clients and other processes and end up in log lines, so nothing else passes."""
    return value if isinstance(value, str) and _REQUEST_ID_SHAPE.fullmatch(value) else None


def current_request_id() -> str | None:
    return REQUEST_ID.get()


def set_salt(salt: str) -> None:
    """Use `salt` for pseudonyms from now on (the gateway's comes from its Settings)."""
    global _salt
    if salt:
        _salt = salt


def pseudonym(sender: str | None) -> str | None:
    """How a sender id appears in logs: `s-` + 12 hex digits of HMAC-SHA256(salt, sender)."""
    if sender is None:
        return None
    return "s-" + hmac.new(_salt.encode(), sender.encode(), hashlib.sha256).hexdigest()[:12]


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "service", "logger", "request_id", "message", ...extra, "exc"?}` on one line."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or REQUEST_ID.get(),
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line with the same request id: `time level service logger [rid] message k=v …`."""

    def __init__(self, service: str) -> None:
        super().__init__("%(asctime)s %(levelname)-7s " + service + " %(name)s [%(rid)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.rid = getattr(record, "request_id", None) or REQUEST_ID.get() or "-"
        line = super().format(record)
        extra = [f"{k}={v}" for k, v in record.__dict__.items() if k not in _RECORD_FIELDS | {"rid"}]
        return f"{line} {' '.join(extra)}" if extra else line


def formatter(service: str, fmt: str | None = None) -> logging.Formatter:
    """The formatter TALENTBOT_LOG_FORMAT (or `fmt`) names: json unless it says text."""
    chosen = (fmt or os.environ.get(FORMAT_ENV) or "json").strip().lower()
    return TextFormatter(service) if chosen == "text" else JsonFormatter(service)


def install(
    service: str, level: int | str = logging.INFO, fmt: str | None = None, stream: TextIO | None = None
) -> logging.Handler:
    """Send the root logger (and Python warnings) through one handler in our format, at `level`.

    Handlers already on the root logger are removed: each service's log file gets one format."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(formatter(service, fmt))
    handler._talentbot = True  # type: ignore[attr-defined]  # marks ours for `is_installed`
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return handler


def is_installed() -> bool:
    return any(getattr(h, "_talentbot", False) for h in logging.getLogger().handlers)
