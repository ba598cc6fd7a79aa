from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped


class Student(OrgScoped, Base):
    """A test-taker of an org; the roll number is unique within the org."""

    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("org_id", "roll_number"),)

    roll_number: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
