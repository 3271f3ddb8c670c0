"""Observability inside Rasa and the action server, and the gateway's logging under a real uvicorn.

- the turn channel puts the gateway's request id into the metadata Rasa stores with the message and
  logs the turn under it;
- the action server (rasa_sdk's ActionExecutor, wrapped by talentbot_rasa.observe) logs each action
  call — and whatever the action logs — under the request id it finds in
  `tracker.latest_message["metadata"]`;
- the launchers' logging set-up survives Rasa's and rasa_sdk's coloredlogs call (subprocess: it
  takes over the root logger);
- `uvicorn bot.app:app` writes JSON lines, the gateway's INFO lines included, and no openid.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection

from bot.settings import REPO_ROOT
from bot.supervisor import free_port
from talentbot_rasa import jsonlog
from talentbot_rasa.observe import observed_run, turn_request_id
from talentbot_rasa.turn_channel import TurnChannel
from tests.gateway.test_turn_channel import FakeRasa

REQUEST_ID = "3f1c2a9b7d6e4f5a8b9c0d1e2f3a4b5c"


class JsonCapture(logging.Handler):
    """Every record formatted at emit time (when the request id is set), parsed back."""

    def __init__(self, service: str) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(jsonlog.JsonFormatter(service))
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def rasa_logs() -> Iterator[JsonCapture]:
    root, capture = logging.getLogger(), JsonCapture("rasa")
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.INFO)
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


# ---- the turn channel --------------------------------------------------------------------------------
def post_turn(fake: FakeRasa, text: str, sender: str, headers: dict[str, str]) -> dict[str, Any]:
    """POST to the channel's /webhook; the metadata of the UserMessage Rasa was handed (its processor
    stores it on the user event, which the action server gets as `tracker.latest_message`)."""
    handed: dict[str, Any] = {}

    async def on_new_message(message: UserMessage) -> None:
        handed.update(message.metadata or {})
        await fake.on_new_message(message)

    channel = TurnChannel(handoff_actions=["action_handoff"], handoff_slot="handoff")
    routes = channel.blueprint(on_new_message)._future_routes
    handler = next(r.handler for r in routes if r.uri == "/webhook")
    request = SimpleNamespace(
        json={"sender": sender, "message": text, "metadata": {"channel": "web"}},
        headers=headers,
        app=SimpleNamespace(ctx=SimpleNamespace(agent=fake.agent)),
    )
    asyncio.run(handler(request))
    return handed


def test_the_turn_channel_stores_the_request_id_with_the_message_and_logs_under_it(
    rasa_logs: JsonCapture,
) -> None:
    fake = FakeRasa()
    fake.turn("金卡有什么用", "ask_gold_card", [("action_answer_gold_card", [{"text": "金卡……"}], [])])
    handed = post_turn(fake, "金卡有什么用", "web-rasa-secret", {jsonlog.HEADER: REQUEST_ID})
    assert handed == {"channel": "web", "request_id": REQUEST_ID}
    [turn] = [line for line in rasa_logs.lines if line["message"] == "turn handled"]
    assert turn["request_id"] == REQUEST_ID and turn["service"] == "rasa"
    assert turn["intent"] == "ask_gold_card" and turn["actions"] == ["action_answer_gold_card"]
    assert turn["sender"] == jsonlog.pseudonym("web-rasa-secret")
    assert "web-rasa-secret" not in json.dumps(rasa_logs.lines, ensure_ascii=False)
    assert jsonlog.current_request_id() is None  # reset after the turn


def test_a_turn_without_a_usable_request_id_gets_one(rasa_logs: JsonCapture) -> None:
    fake = FakeRasa()
    fake.turn("你好", "greet", [("utter_greet", [{"text": "您好"}], [])])
    made = post_turn(fake, "你好", "web-2", {jsonlog.HEADER: "bad id\nforged log line"})["request_id"]
    assert made != "bad id\nforged log line" and jsonlog.clean_request_id(made) == made
    assert [line["request_id"] for line in rasa_logs.lines if line["message"] == "turn handled"] == [made]


# ---- the action server ---------------------------------------------------------------------------------
class ActionProbe(Action):
    """Logs a line of its own and answers; `fail` makes it raise."""

    fail: BaseException | None = None

    def name(self) -> str:
        return "action_probe"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[Any]:
        logging.getLogger("actions.probe").info("probing the policy core")
        if self.fail is not None:
            raise self.fail
        dispatcher.utter_message(text="好的")
        return []


def action_call(request_id: str | None, sender: str = "web-action-secret") -> dict[str, Any]:
    """The JSON Rasa posts to the action server, as far as rasa_sdk reads it."""
    metadata = {"channel": "web", **({"request_id": request_id} if request_id else {})}
    return {
        "next_action": "action_probe",
        "sender_id": sender,
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": "金卡", "intent": {"name": "ask_gold_card"}, "metadata": metadata},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
    }


def run_action(call: dict[str, Any], fail: BaseException | None = None) -> dict[str, Any] | None:
    executor = ActionExecutor()
    probe = ActionProbe()
    probe.fail = fail
    executor.register_action(probe)
    return asyncio.run(observed_run(ActionExecutor.run)(executor, call))


def test_an_action_call_is_logged_under_the_turns_request_id(rasa_logs: JsonCapture) -> None:
    result = run_action(action_call(REQUEST_ID))
    assert result is not None and result["responses"][0]["text"] == "好的"
    own = next(line for line in rasa_logs.lines if line["message"] == "probing the policy core")
    ran = next(line for line in rasa_logs.lines if line["message"] == "action ran")
    assert own["request_id"] == ran["request_id"] == REQUEST_ID
    assert (ran["action"], ran["outcome"], ran["responses"]) == ("action_probe", "ok", 1)
    assert ran["sender"] == jsonlog.pseudonym("web-action-secret")
    assert "web-action-secret" not in json.dumps(rasa_logs.lines, ensure_ascii=False)
    assert jsonlog.current_request_id() is None


def test_a_failing_action_is_logged_with_its_traceback_and_still_raises(rasa_logs: JsonCapture) -> None:
    with pytest.raises(ZeroDivisionError):
        run_action(action_call(REQUEST_ID), fail=ZeroDivisionError("boom"))
    failed = next(line for line in rasa_logs.lines if line["message"] == "action failed")
    assert failed["request_id"] == REQUEST_ID and failed["level"] == "ERROR" and "boom" in failed["exc"]
    with pytest.raises(ActionExecutionRejection):
        run_action(action_call(None), fail=ActionExecutionRejection("action_probe"))
    rejected = next(line for line in rasa_logs.lines if line["message"] == "action rejected")
    assert rejected["request_id"] is None and rejected["level"] == "INFO"


def test_only_a_plausible_request_id_is_taken_from_the_tracker() -> None:
    assert turn_request_id(action_call(REQUEST_ID)) == REQUEST_ID
    assert turn_request_id(action_call(None)) is None
    assert turn_request_id(action_call("x" * 65)) is None
    assert turn_request_id({"tracker": {"latest_message": None}}) is None


# ---- the launchers' and uvicorn's logging, in their own processes ------------------------------------
def run_python(code: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_the_launchers_json_handler_survives_rasas_coloredlogs_call() -> None:
    lines = run_python(
        "import logging, coloredlogs\n"
        "from talentbot_rasa import observe, jsonlog\n"
        "observe.install_actions()\n"
        "coloredlogs.install(level='INFO', fmt='%(message)s')  # what rasa_sdk's main does next\n"
        "assert len(logging.getLogger().handlers) == 1 and jsonlog.is_installed()\n"
        "assert not logging.getLogger('jieba').handlers  # jieba's own stderr handler is gone\n"
        "token = jsonlog.REQUEST_ID.set('rid-1')\n"
        "logging.getLogger('rasa_sdk.endpoint').info('up', extra={'port': 5055})\n",
        {"TALENTBOT_LOG_FORMAT": ""},
    )
    [line] = [line for line in lines if line["message"] == "up"]
    assert (line["service"], line["request_id"], line["port"], line["level"]) == (
        "actions",
        "rid-1",
        5055,
        "INFO",
    )


def test_uvicorn_serves_the_gateway_with_json_lines_and_no_openid(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "TALENTBOT_VAR_DIR": str(tmp_path),
        "TALENTBOT_DB": str(tmp_path / "talentbot.db"),
        "RASA_PORT": str(free_port()),  # nothing listens: turns get the hotline reply
        "ACTION_PORT": str(free_port()),
        "WECHAT_TOKEN": "",
        "TALENTBOT_LOG_FORMAT": "json",
        "TALENTBOT_LOG_SALT": "test-salt",
    }
    cmd = [sys.executable, "-m", "uvicorn", "bot.app:app", "--port", str(port), "--ws", "none"]
    log_path = tmp_path / "gateway.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/metrics", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
        body = json.dumps({"sender": "web-uvicorn-secret", "message": "你好"}).encode()
        chat = urllib.request.Request(
            f"{base}/api/chat", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(chat, timeout=30) as resp:
            request_id = resp.headers["X-Request-ID"]
        with pytest.raises(urllib.error.HTTPError):  # WeChat is not configured: 404, but logged
            urllib.request.urlopen(f"{base}/wechat?openid=oSECRETopenid123&signature=abc", timeout=5)
        metrics = urllib.request.urlopen(f"{base}/metrics", timeout=5).read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert 'talentbot_fallbacks_total{channel="api",source="gateway"} 1.0' in metrics
    text = log_path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]  # every line is JSON
    mine = {line["message"]: line for line in lines if line["request_id"] == request_id}
    assert mine["turn answered"]["logger"] == "bot.dialogue"  # INFO lines of bot.* are kept
    salted = hmac.new(b"test-salt", b"web-uvicorn-secret", hashlib.sha256).hexdigest()[:12]
    assert mine["turn answered"]["sender"] == f"s-{salted}"  # TALENTBOT_LOG_SALT, as make run hands it
    assert "Rasa unavailable" in " ".join(mine)
    assert mine["POST /api/chat 200"]["service"] == "gateway"
    assert any(line["path"] == "/wechat" for line in lines if line["logger"] == "bot.access")
    assert not any(line["logger"] == "uvicorn.access" for line in lines)
    assert "oSECRETopenid123" not in text and "web-uvicorn-secret" not in text
    assert any(line["logger"].startswith("uvicorn") for line in lines)  # uvicorn's own lines, in JSON
