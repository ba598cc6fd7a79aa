from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Password = Annotated[str, Field(min_length=1, max_length=256)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6}$")]
Token = Annotated[str, Field(min_length=10, max_length=200)]
Role = Literal["owner", "admin", "teacher"]


class SignupIn(BaseModel):
    org_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
    name: Name
    email: EmailStr
    password: Password


class LoginIn(BaseModel):
    email: EmailStr
    password: Password


class TwoFactorLoginIn(BaseModel):
    challenge_token: Token
    code: Code


class SwitchOrgIn(BaseModel):
    org_id: Annotated[str, Field(min_length=1, max_length=32)]


class ForgotIn(BaseModel):
    email: EmailStr


class ResetIn(BaseModel):
    token: Token
    password: Password


class ChangePasswordIn(BaseModel):
    current_password: Password
    new_password: Password


class CodeIn(BaseModel):
    code: Code


class PasswordIn(BaseModel):
    password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    email: str
    is_superadmin: bool
    two_factor_enabled: bool
    created_at: datetime


class CurrentOrgOut(BaseModel):
    id: str
    name: str
    slug: str
    role: Role


class MembershipOut(BaseModel):
    org_id: str
    org_name: str
    org_slug: str
    role: Role


class MeOut(BaseModel):
    user: UserOut
    current_org: CurrentOrgOut | None
    memberships: list[MembershipOut]


class LoginOut(BaseModel):
    status: Literal["ok", "two_factor_required"]
    me: MeOut | None = None
    challenge_token: str | None = None
    email_hint: str | None = None


class SessionOut(BaseModel):
    id: str
    device: str
    ip: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


class RevokedOut(BaseModel):
    revoked: int


class DetailOut(BaseModel):
    detail: str


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    action: str
    actor_email: str
    ip: str
    details: dict[str, Any]
    created_at: datetime
