from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field, StringConstraints

ROLL_MAX, NAME_MAX, GROUP_NAME_MAX = 60, 120, 120

# One line of printable text: no control characters (PostgreSQL refuses NUL outright).
ONE_LINE = r"^[^\x00-\x1f\x7f]+$"
RollNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=ROLL_MAX, pattern=ONE_LINE),
]
StudentName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX, pattern=ONE_LINE),
]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^[^\x00]*$")
]
Email = Annotated[EmailStr, AfterValidator(lambda v: v.lower())]
# ";" separates a student's groups in the roster's group column.
GroupName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=GROUP_NAME_MAX,
        pattern=r"^[^;\x00-\x1f\x7f]+$",
    ),
]
# Row ids and link tokens are URL-safe; anything else (a NUL byte) is refused up front.
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
Id = Annotated[str, Field(max_length=32, pattern=ID_PATTERN)]
StudentIds = Annotated[list[Id], Field(max_length=5000)]
StudentSort = Literal["roll_number", "-roll_number", "name", "-name", "created_at", "-created_at"]


class GroupRef(BaseModel):
    id: str
    name: str


class StudentIn(BaseModel):
    roll_number: RollNumber
    name: StudentName
    email: Email | None = None
    group_ids: Annotated[list[Id], Field(max_length=100)] = []


class StudentUpdateIn(BaseModel):
    """Only the fields sent change; ``email: null`` clears it, ``group_ids`` replaces the
    student's groups."""

    roll_number: RollNumber | None = None
    name: StudentName | None = None
    email: Email | None = None
    group_ids: Annotated[list[Id], Field(max_length=100)] | None = None


class StudentOut(BaseModel):
    id: str
    roll_number: str
    name: str
    email: str | None
    # The teacher whose registration link the student used; None when added by hand.
    teacher_id: str | None
    groups: list[GroupRef]
    created_at: datetime


class StudentCountOut(BaseModel):
    total: int
    mine: int


class GroupIn(BaseModel):
    name: GroupName
    description: Description = ""


class GroupUpdateIn(BaseModel):
    name: GroupName | None = None
    description: Description | None = None


class GroupOut(BaseModel):
    id: str
    name: str
    description: str
    member_count: int
    created_at: datetime


class MembersIn(BaseModel):
    student_ids: StudentIds


class RowError(BaseModel):
    row: int = Field(description="Row of the file as a spreadsheet numbers it; the header is 1")
    errors: list[str]


class ImportOut(BaseModel):
    imported: int
    updated: int
    errors: list[RowError]


class RegistrationLinkOut(BaseModel):
    url: str
    token: str


class RegistrationInfoOut(BaseModel):
    org_name: str
    teacher_name: str


class RegisterIn(BaseModel):
    roll_number: RollNumber
    name: StudentName
    email: Email


class RegisteredStudentOut(BaseModel):
    id: str
    roll_number: str
    name: str
    email: str | None
