"""`python -m bot`: serve the gateway with uvicorn on HOST:GATEWAY_PORT (loopback by default)."""

from __future__ import annotations

import sys

import uvicorn

from bot.app import create_app
from bot.observability.logs import configure_logging
from bot.settings import Settings, SettingsError


def main() -> None:
    try:
        settings = Settings.from_env()
    except SettingsError as err:
        sys.exit(f"talentbot: {err}")
    configure_logging(settings)
    # ws="none": no WebSockets are served, and Rasa pins websockets 10.x, which uvicorn's default
    # WebSocket implementation (websockets-sansio) cannot import. log_config=None: keep the logging
    # configure_logging set up; the access line is bot.observability.middleware's (no query string).
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.gateway_port,
        ws="none",
        proxy_headers=False,
        log_config=None,
        access_log=False,
    )


if __name__ == "__main__":
    main()
