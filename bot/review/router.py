"""The review feature's one APIRouter (bot.app imports and mounts it): pages, forms, exports,
JSON API and assets. Every route requires a logged-in staff member — tests/review enumerate
`router.routes` to prove it."""

from __future__ import annotations

from fastapi import APIRouter

from bot.review.views import annotations, api, assets, conversations, exports, insights

router = APIRouter()
for module in (conversations, annotations, insights, exports, api, assets):
    router.include_router(module.router)
