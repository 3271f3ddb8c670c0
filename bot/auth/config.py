"""Knobs of staff authentication, read from the environment (the gateway's own are in bot.settings).

Tests and the app factory may put an `AuthConfig` on `app.state.auth_config` to override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from fastapi import Request

from bot.settings import env_float


@dataclass(frozen=True)
class AuthConfig:
    """Session lifetime, cookie security and the login rate limit."""

    session_hours: float = 8.0
    # "auto": Secure when the request came over https (uvicorn --proxy-headers makes that true behind
    # a TLS proxy); "always"/"never" force it.
    cookie_secure: str = "auto"
    max_failures: int = 5
    failure_window_minutes: float = 15.0

    @classmethod
    def from_env(cls) -> AuthConfig:
        secure = os.environ.get("TALENTBOT_COOKIE_SECURE", "auto").strip().lower()
        secure = {"1": "always", "true": "always", "0": "never", "false": "never"}.get(secure, secure)
        return cls(
            session_hours=env_float("TALENTBOT_SESSION_HOURS", 8.0),
            cookie_secure=secure if secure in ("auto", "always", "never") else "auto",
            max_failures=int(env_float("TALENTBOT_LOGIN_MAX_FAILURES", 5)),
            failure_window_minutes=env_float("TALENTBOT_LOGIN_WINDOW_MINUTES", 15.0),
        )


def auth_config(request: Request) -> AuthConfig:
    """The app's AuthConfig if one was set on app.state, else one from the environment."""
    config = getattr(request.app.state, "auth_config", None)
    return config if isinstance(config, AuthConfig) else AuthConfig.from_env()


def cookie_secure(request: Request, config: AuthConfig) -> bool:
    if config.cookie_secure == "always":
        return True
    if config.cookie_secure == "never":
        return False
    return request.url.scheme == "https"
