"""Imports every table so that Alembic and the tests see the whole metadata."""

from procta.audit.models import AuditLog
from procta.auth.models import AuthSession, PasswordReset, TwoFactorChallenge, User
from procta.orgs.models import ApiKey, Invite, Membership, Organization
from procta.students.models import Student

__all__ = [
    "ApiKey",
    "AuditLog",
    "AuthSession",
    "Invite",
    "Membership",
    "Organization",
    "PasswordReset",
    "Student",
    "TwoFactorChallenge",
    "User",
]
