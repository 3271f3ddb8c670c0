"""Logging hooks for Rasa and the action server: our JSON lines, and the turn's request id on them.

Why hooks at start-up rather than Rasa's `--logging-config-file`: Rasa and rasa_sdk install
coloredlogs on the root logger *after* reading that file, and a config file cannot set the request
id while a turn is worked on. So the launchers (`talentbot_rasa.launcher` for Rasa,
`talentbot_rasa.action_launcher` for the action server) call `install_rasa` / `install_actions`
before handing the command line to Rasa:

- `jsonlog.install` puts one handler in our format on the root logger, and `coloredlogs.install`
  (which both Rasa and rasa_sdk call to set up their console) is replaced by a function that only
  sets the level, so that handler stays the only one; jieba's own stderr handler is removed;
- Rasa: the turn channel (`talentbot_rasa.turn_channel`) sets the request id from the turn's
  metadata while Rasa handles the message (its own log lines in that time carry it);
- action server: `ActionExecutor.run` is wrapped to set the request id from the tracker's
  `latest_message.metadata` while an action runs and to write one line per action call (name,
  pseudonymous sender, duration, outcome).

TALENTBOT_LOG_FORMAT=text keeps one readable line per record instead of JSON (same fields). Nothing
here imports the gateway (`bot`) or the actions.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from talentbot_rasa import jsonlog

logger = logging.getLogger("talentbot_rasa.actions")

ActionRun = Callable[[Any, dict[str, Any]], Awaitable[dict[str, Any] | None]]


def _level(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    found = logging.getLevelName(str(value).upper())
    return found if isinstance(found, int) else None


def _keep_our_handler() -> None:
    """Make `coloredlogs.install(level=…)` set the root level only (our handler stays)."""
    try:
        import coloredlogs  # type: ignore[import-untyped]
    except ImportError:  # Rasa without coloredlogs: nothing will replace our handler
        return

    def install(level: Any = None, **_: Any) -> bool:
        chosen = _level(level)
        if chosen is not None:
            logging.getLogger().setLevel(chosen)
        return True

    coloredlogs.install = install


def _quiet_jieba() -> None:
    """jieba (the NLU tokenizer, the actions' search) gives its logger a stderr handler of its own at
    import and prints its dictionary loading at DEBUG there: import it now and route it to ours."""
    try:
        import jieba  # noqa: F401
    except ImportError:
        return
    jieba_log = logging.getLogger("jieba")
    jieba_log.handlers.clear()
    jieba_log.setLevel(logging.WARNING)
    jieba_log.propagate = True


def _own_level() -> None:
    """Our own lines ("turn handled", "action ran") at INFO whatever Rasa later does to the root level;
    TALENTBOT_LOG_LEVEL still chooses. (Why `make run` logged only the first turn after start was not
    the level but Rasa's RepeatedLogFilter on our handler: see `talentbot_rasa.launcher`.)"""
    logging.getLogger("talentbot_rasa").setLevel(
        _level(os.environ.get("TALENTBOT_LOG_LEVEL")) or logging.INFO
    )


def install_rasa() -> None:
    """Our log format in the Rasa server process (before `rasa run` configures anything)."""
    jsonlog.install("rasa")
    _keep_our_handler()
    _quiet_jieba()
    _own_level()


def install_actions() -> None:
    """Our log format in the action server, and the request id on every action call."""
    jsonlog.install("actions")
    _keep_our_handler()
    _quiet_jieba()
    _own_level()
    from rasa_sdk.executor import ActionExecutor

    if not getattr(ActionExecutor.run, "_talentbot", False):
        ActionExecutor.run = observed_run(ActionExecutor.run)


def turn_request_id(action_call: dict[str, Any]) -> str | None:
    """The request id the gateway put in the turn's metadata, as the action server receives it."""
    value: Any = action_call
    for key in ("tracker", "latest_message", "metadata", jsonlog.METADATA_KEY):
        value = value.get(key) if isinstance(value, dict) else None
    return jsonlog.clean_request_id(value)


def observed_run(run: ActionRun) -> ActionRun:
    """`ActionExecutor.run` with the turn's request id set while it runs and one log line per call."""

    async def wrapper(self: Any, action_call: dict[str, Any]) -> dict[str, Any] | None:
        token = jsonlog.REQUEST_ID.set(turn_request_id(action_call))
        action = action_call.get("next_action")
        tracker = action_call.get("tracker") or {}
        sender = tracker.get("sender_id") if isinstance(tracker, dict) else None
        fields: dict[str, Any] = {"action": action, "sender": jsonlog.pseudonym(sender)}
        started = time.perf_counter()
        try:
            result = await run(self, action_call)
        except Exception as exc:
            fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
            if type(exc).__name__ == "ActionExecutionRejection":  # a form refusing a slot: expected
                logger.info("action rejected", extra={**fields, "outcome": "rejected"})
            else:
                logger.exception("action failed", extra={**fields, "outcome": "error"})
            raise
        else:
            fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
            events = len((result or {}).get("events") or [])
            responses = len((result or {}).get("responses") or [])
            logger.info(
                "action ran", extra={**fields, "outcome": "ok", "events": events, "responses": responses}
            )
            return result
        finally:
            jsonlog.REQUEST_ID.reset(token)

    wrapper._talentbot = True  # type: ignore[attr-defined]
    return wrapper
