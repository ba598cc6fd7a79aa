from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

CourseName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=160, pattern=r"^[^\x00-\x1f\x7f]+$"
    ),
]
CourseCode = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")
]
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
UserId = Annotated[str, Field(max_length=32, pattern=ID_PATTERN)]


class CourseIn(BaseModel):
    name: CourseName
    code: CourseCode = ""
    # Omitted: the calling teacher.
    teacher_id: UserId | None = None


class CourseUpdateIn(BaseModel):
    name: CourseName | None = None
    code: CourseCode | None = None
    teacher_id: UserId | None = None
    archived: bool | None = None


class CourseOut(BaseModel):
    id: str
    name: str
    code: str
    teacher_id: str | None
    teacher_name: str | None
    archived: bool
    created_at: datetime
