"""GET /api/health: 200 only when Rasa has a model loaded and the action server answers (DESIGN.md)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from bot.services import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/api/health")
async def health(services: ServicesDep) -> JSONResponse:
    status = await services.rasa.status()
    body = {
        "status": "ok" if status.ready else "unavailable",
        "rasa": status.rasa,
        "actions": status.actions,
        "model": status.model,
    }
    return JSONResponse(body, status_code=200 if status.ready else 503)
