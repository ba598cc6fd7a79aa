"""Teacher side of attempts: results, failed sessions, grading, student history."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["attempts"])
