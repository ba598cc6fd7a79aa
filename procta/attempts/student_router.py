"""``/api/v1/exam-sessions``: the exam as the student's client sees it."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])
