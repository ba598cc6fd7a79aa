"""``/api/v1/questions``: the question bank."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/questions", tags=["questions"])
