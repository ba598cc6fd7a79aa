from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped

QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "short_answer",
    "numeric",
    "essay",
)


class Question(OrgScoped, Base):
    """A bank question. ``options`` is ``[{"id", "text"}]`` for choice types; ``answer``
    depends on the type: an option id, a list of ids, a bool, ``{"accepted": [...],
    "match": "exact"|"case_insensitive"}``, ``{"value", "tolerance"}``, or null for essays.
    Editing bumps ``version``; attempts keep a snapshot of what the student saw."""

    __tablename__ = "questions"

    type: Mapped[str] = mapped_column(String(20))
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    answer: Mapped[Any] = mapped_column(JSON, nullable=True)
    points: Mapped[float] = mapped_column(default=1.0)
    partial_credit: Mapped[bool] = mapped_column(default=False)
    explanation: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
