"""``/api/v1/exams``: exams, their questions, settings, templates, accommodations."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["exams"])
