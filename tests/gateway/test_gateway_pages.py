"""GET / (chat page), /widget.js, static assets, and the routers every gateway mounts."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from bot.app import STAFF_ROUTERS, create_app
from bot.policy_facts import hotline
from bot.services import BOT_DIR
from bot.settings import REPO_ROOT

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


def test_a_staff_router_that_does_not_import_stops_the_start() -> None:
    """No gateway without its staff pages: bot.app imports every router, so the error surfaces at start."""
    script = textwrap.dedent("""
        import importlib.abc, sys

        class Broken(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name == "bot.assist.router":
                    raise ImportError("bot.assist.router is broken (test)")
                return None

        sys.meta_path.insert(0, Broken())
        import bot.app
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "ImportError: bot.assist.router is broken (test)" in done.stderr


def test_an_unknown_staff_router_is_an_error(settings, store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="bot.reveiw"):
        create_app(settings, store=store, optional_routers=("bot.reveiw",))


def test_app_mounts_every_staff_router_by_default(
    settings,
    fake_rasa,
    store,  # type: ignore[no-untyped-def]
) -> None:
    import httpx

    from bot.rasa_client import RasaClient

    rasa = RasaClient(
        settings.rasa_url, settings.action_url, transport=httpx.MockTransport(fake_rasa.handler)
    )
    app = create_app(settings, rasa_client=rasa, store=store)  # every staff router by default
    assert app.state.optional_routers == list(STAFF_ROUTERS) == ["bot.auth", "bot.review", "bot.assist"]
    with TestClient(app) as c:
        assert c.get("/").status_code == 200
        for page in ("/login", "/review", "/assist"):  # mounted: a form, or a redirect to it
            assert c.get(page, follow_redirects=False).status_code in (200, 303), page
        assert c.post("/api/chat", json={"sender": "u1", "message": "你好"}).status_code == 200
