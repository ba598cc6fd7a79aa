"""``/api/v1/students`` and ``/api/v1/groups``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["students"])
