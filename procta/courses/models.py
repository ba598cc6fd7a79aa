from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped


class Course(OrgScoped, Base):
    __tablename__ = "courses"

    name: Mapped[str] = mapped_column(String(160))
    code: Mapped[str] = mapped_column(String(40), default="")
    teacher_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    archived: Mapped[bool] = mapped_column(default=False)
