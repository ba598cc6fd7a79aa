"""``/api/v1/courses``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/courses", tags=["courses"])
