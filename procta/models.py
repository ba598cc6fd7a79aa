"""Imports every table so that Alembic and the tests see the whole metadata."""

from procta.attempts.models import Answer, Attempt, AttemptQuestion
from procta.audit.models import AuditLog
from procta.auth.models import AuthSession, PasswordReset, TwoFactorChallenge, User
from procta.courses.models import Course
from procta.exams.models import Accommodation, Exam, ExamGroup, ExamItem, ExamTemplate
from procta.live.models import ProctorAction, RoomCamera
from procta.orgs.models import ApiKey, Invite, Membership, Organization
from procta.proctoring.models import Flag, ProctorEvent, Recording, Snapshot
from procta.questions.models import Question
from procta.review.models import Appeal
from procta.students.models import GroupMember, RegistrationLink, Student, StudentGroup

__all__ = [
    "Accommodation",
    "Answer",
    "ApiKey",
    "Appeal",
    "Attempt",
    "AttemptQuestion",
    "AuditLog",
    "AuthSession",
    "Course",
    "Exam",
    "ExamGroup",
    "ExamItem",
    "ExamTemplate",
    "Flag",
    "GroupMember",
    "Invite",
    "Membership",
    "Organization",
    "PasswordReset",
    "ProctorAction",
    "ProctorEvent",
    "Question",
    "Recording",
    "RegistrationLink",
    "RoomCamera",
    "Snapshot",
    "Student",
    "StudentGroup",
    "TwoFactorChallenge",
    "User",
]
