"""Pseudonymous WeChat ids: openids are stored and sent to Rasa only as salted SHA-256 hashes.

Why salted and stable: reviewers must see that messages belong to the same person without learning
who it is; the salt (from WECHAT_OPENID_SALT, else generated once into var/openid_salt) keeps the hash
from being reversed by hashing known openids, and being stable keeps a user's history together.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from bot.settings import Settings, SettingsError


def load_salt(configured: str, var_dir: Path) -> str:
    """The configured salt, or the one kept in var/openid_salt (created on first use, mode 0600)."""
    if configured:
        return configured
    path = var_dir / "openid_salt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(salt)
    return salt


def hash_openid(openid: str, salt: str) -> str:
    """`wx-` + sha256(salt + openid): a valid sender id, never the openid itself."""
    return "wx-" + hashlib.sha256(f"{salt}{openid}".encode()).hexdigest()


def require_shared_salt(settings: Settings) -> None:
    """Refuse to start a gateway that shares its store (PostgreSQL: several gateways) with WeChat on
    but without WECHAT_OPENID_SALT: each host would generate its own var/openid_salt, and one WeChat
    user would become a different sender — a different conversation — on every gateway."""
    if settings.shared_store and not settings.wechat_openid_salt:
        raise SettingsError(
            "多个网关共用 PostgreSQL 时必须设置 WECHAT_OPENID_SALT（各网关取同一值），否则同一微信用户在不同网关上"
            "会成为不同的用户。(WECHAT_OPENID_SALT must be set, the same on every gateway, when the store is "
            "PostgreSQL)"
        )
