"""Knobs of staff authentication: session lifetime, cookie security, the login rate limit.

They come from the app's `Settings` (bot.settings: TALENTBOT_SESSION_HOURS, TALENTBOT_COOKIE_SECURE,
TALENTBOT_LOGIN_MAX_FAILURES, TALENTBOT_LOGIN_WINDOW_MINUTES). Tests may put an `AuthConfig` on
`app.state.auth_config` to override them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from bot.settings import Settings


def app_settings(app: object) -> Settings:
    """The app's Settings: `app.state.settings` (tests) or `app.state.services.settings` (bot.app),
    else the environment's."""
    state = getattr(app, "state", None)
    settings = getattr(state, "settings", None) or getattr(getattr(state, "services", None), "settings", None)
    return settings if isinstance(settings, Settings) else Settings.from_env()


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
    def from_settings(cls, settings: Settings) -> AuthConfig:
        return cls(
            session_hours=settings.session_hours,
            cookie_secure=settings.cookie_secure,
            max_failures=settings.login_max_failures,
            failure_window_minutes=settings.login_window_minutes,
        )


def auth_config(request: Request) -> AuthConfig:
    """The app's AuthConfig if one was set on app.state, else one from the app's Settings."""
    config = getattr(request.app.state, "auth_config", None)
    return config if isinstance(config, AuthConfig) else AuthConfig.from_settings(app_settings(request.app))


def cookie_secure(request: Request, config: AuthConfig) -> bool:
    if config.cookie_secure == "always":
        return True
    if config.cookie_secure == "never":
        return False
    return request.url.scheme == "https"
