from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, Field, StringConstraints

from procta.auth.schemas import Role

Slug = Annotated[
    str,
    BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v),
    StringConstraints(
        min_length=2,
        max_length=60,
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    ),
]


class OrgOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    slug: str
    plan: str
    status: str
    trial_ends_at: datetime | None
    created_at: datetime
    retention_days: int = Field(description="Days recordings, audio clips and ID photos are kept")
    screenshot_retention_days: int = Field(description="Days webcam/screen snapshots are kept")


class OrgUpdateIn(BaseModel):
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
        | None
    ) = None
    slug: Slug | None = None
    retention_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    screenshot_retention_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class MemberOut(BaseModel):
    user_id: str
    name: str
    email: str
    role: Role
    joined_at: datetime


class RoleIn(BaseModel):
    role: Role


class InviteIn(BaseModel):
    email: EmailStr
    role: Role = "teacher"


class InviteOut(BaseModel):
    id: str
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime
    invited_by: str | None


class InvitePublicOut(BaseModel):
    org_name: str
    email: str
    role: Role
    invited_by: str | None
    user_exists: bool


class AcceptInviteIn(BaseModel):
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
        | None
    ) = None
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)] | None = None


class ApiKeyIn(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreatedOut(ApiKeyOut):
    key: str
