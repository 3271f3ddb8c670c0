"""One APIRouter per feature: chat (JSON API), health, pages (widget), wechat."""
