"""A local stand-in of the WeChat API (http.server on 127.0.0.1, a free port), recording every call.

It speaks the two endpoints the slow path uses, with WeChat's wire formats:
- `GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…` → `{"access_token", "expires_in"}`,
  or errcode 40013 (invalid appid) / 40125 (invalid appsecret) / 40002 (invalid grant_type);
- `POST /cgi-bin/message/custom/send?access_token=…` with `{"touser", "msgtype": "text", "text":
  {"content"}}` → `{"errcode": 0, "errmsg": "ok"}`, or 40001 for a token it never issued.

Tests script failures: `send_errors` holds errcodes answered to the next send attempts (one each, in
order, before the token is even checked), `token_errors` the same for token fetches, `send_status`
an HTTP status for every send. Tokens are issued as TOKEN-1, TOKEN-2, … so a test can tell which
token each send carried.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ERRMSG = {
    40001: "invalid credential, access_token is invalid or not latest rid: 0000-0001",
    40002: "invalid grant_type rid: 0000-0002",
    40013: "invalid appid rid: 0000-0013",
    40125: "invalid appsecret rid: 0000-0125",
    42001: "access_token expired rid: 0000-2001",
    45015: "response out of time limit or subscription is canceled rid: 0000-5015",
    48001: "api unauthorized rid: 0000-8001",
}


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any] | None
    answer: dict[str, Any]


@dataclass
class WeChatApiStandIn:
    appid: str
    secret: str
    send_errors: list[int] = field(default_factory=list)
    token_errors: list[int] = field(default_factory=list)
    send_status: int = 200
    issued: list[str] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    base_url: str = ""
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self) -> WeChatApiStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                standin._serve(self, "GET")

            def do_POST(self) -> None:
                standin._serve(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host}:{port}/"
        threading.Thread(target=self._server.serve_forever, name="wechat-standin", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ---- what the tests read -----------------------------------------------------------------
    def token_calls(self) -> list[Call]:
        return [c for c in self.calls if c.path == "/cgi-bin/token"]

    def send_calls(self) -> list[Call]:
        return [c for c in self.calls if c.path == "/cgi-bin/message/custom/send"]

    def delivered(self) -> list[tuple[str, str]]:
        """(openid, text) of every send the stand-in accepted."""
        return [
            (c.body["touser"], c.body["text"]["content"])
            for c in self.send_calls()
            if c.answer.get("errcode") == 0 and c.body is not None
        ]

    # ---- serving -----------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        body = json.loads(raw.decode("utf-8")) if raw else None
        with self._lock:
            status, answer = self._answer(method, url.path, query, body)
            self.calls.append(Call(method, url.path, query, body, answer))
        payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; encoding=utf-8")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _answer(
        self, method: str, path: str, query: dict[str, str], body: dict[str, Any] | None
    ) -> tuple[int, dict[str, Any]]:
        if method == "GET" and path == "/cgi-bin/token":
            if self.token_errors:
                return 200, _error(self.token_errors.pop(0))
            if query.get("grant_type") != "client_credential":
                return 200, _error(40002)
            if query.get("appid") != self.appid:
                return 200, _error(40013)
            if query.get("secret") != self.secret:
                return 200, _error(40125)
            self.issued.append(f"TOKEN-{len(self.issued) + 1}")
            return 200, {"access_token": self.issued[-1], "expires_in": 7200}
        if method == "POST" and path == "/cgi-bin/message/custom/send":
            if self.send_status != 200:
                return self.send_status, {"error": "unavailable"}
            if self.send_errors:
                return 200, _error(self.send_errors.pop(0))
            if query.get("access_token") not in self.issued:
                return 200, _error(40001)
            ok = body is not None and body.get("msgtype") == "text" and body.get("touser")
            return 200, {"errcode": 0, "errmsg": "ok"} if ok else _error(44002)
        return 404, {"errcode": 404, "errmsg": "not found"}


def _error(code: int) -> dict[str, Any]:
    return {"errcode": code, "errmsg": ERRMSG.get(code, f"error {code}")}
