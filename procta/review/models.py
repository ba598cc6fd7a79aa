"""A student's appeal against the review of their attempt: one per attempt, resolved by a
teacher (upheld or rejected) with a comment the student reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped

APPEAL_STATUSES = ("open", "upheld", "rejected")


class Appeal(OrgScoped, Base):
    __tablename__ = "appeals"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), unique=True
    )
    comment: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None]
