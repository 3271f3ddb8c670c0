"""GET / (chat page), /widget.js, static assets, and the optional-router registry."""

from __future__ import annotations

import re
import sys
import types

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from bot.app import create_app, include_optional_routers
from bot.policy_facts import hotline
from bot.services import BOT_DIR

HTML_SINKS = re.compile(r"\.(inner|outer)HTML\s*[+]?=|insertAdjacentHTML|document\.write")


def test_chat_page_is_chinese_with_cited_hotline_and_strict_csp(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    html = resp.text
    assert '<html lang="zh-CN">' in html
    assert 'name="viewport"' in html and "width=device-width" in html
    official = hotline()
    assert official.value in html
    assert f"{official.doc} {official.clause}" in html and "<details" in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert "转人工" in html
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors *" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "no external assets"


def test_title_parameter_is_escaped(client: TestClient) -> None:
    resp = client.get("/", params={"title": "<script>x</script>", "embed": 1})
    assert resp.status_code == 200
    assert "<script>x</script>" not in resp.text and "&lt;script&gt;" in resp.text
    assert 'id="close"' in resp.text  # embed mode shows a close button for the iframe
    assert client.get("/", params={"title": "长" * 31}).status_code == 422


def test_static_assets_are_local_and_never_use_inner_html(client: TestClient) -> None:
    for name in ("chat.js", "chat.css"):
        resp = client.get(f"/static/{name}")
        assert resp.status_code == 200
        assert not HTML_SINKS.search(resp.text)
        assert "http://" not in resp.text and "https://" not in resp.text


def test_widget_embed_script(client: TestClient) -> None:
    resp = client.get("/widget.js")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/javascript")
    assert "data-title" in resp.text and "iframe" in resp.text and not HTML_SINKS.search(resp.text)


def test_embed_snippet_is_documented() -> None:
    readme = (BOT_DIR / "README.md").read_text(encoding="utf-8")
    assert '<script src="https://' in readme and 'widget.js" data-title=' in readme


def test_optional_routers_are_mounted_only_when_present(app: FastAPI) -> None:
    feature = types.ModuleType("talentbot_test_feature")
    router = APIRouter()

    @router.get("/feature-probe")
    def probe() -> dict[str, str]:
        return {"ok": "yes"}

    feature.router = router  # type: ignore[attr-defined]
    sys.modules["talentbot_test_feature"] = feature
    try:
        mounted = include_optional_routers(app, ("talentbot_test_feature", "talentbot_missing_feature"))
    finally:
        del sys.modules["talentbot_test_feature"]
    assert mounted == ["talentbot_test_feature"]
    with TestClient(app) as c:
        assert c.get("/feature-probe").json() == {"ok": "yes"}


def test_app_builds_with_the_default_registry_whatever_state_others_modules_are_in(
    settings,
    fake_rasa,
    store,  # type: ignore[no-untyped-def]
) -> None:
    import httpx

    from bot.rasa_client import RasaClient

    rasa = RasaClient(
        settings.rasa_url, settings.action_url, transport=httpx.MockTransport(fake_rasa.handler)
    )
    app = create_app(settings, rasa_client=rasa, store=store)  # mounts bot.auth/review/assist if importable
    assert set(app.state.optional_routers) <= {"bot.review", "bot.assist", "bot.auth"}
    with TestClient(app) as c:
        assert c.get("/").status_code == 200
        assert c.post("/api/chat", json={"sender": "u1", "message": "你好"}).status_code == 200
