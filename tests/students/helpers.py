"""Small HTTP helpers shared by the student and group tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog

STUDENTS = "/api/v1/students"
GROUPS = "/api/v1/groups"


async def add_student(
    browser: Any, roll: str, name: str, email: str | None = None, **extra: Any
) -> dict[str, Any]:
    body = {"roll_number": roll, "name": name, "email": email, **extra}
    response = await browser.post(STUDENTS, json=body)
    assert response.status_code == 201, response.text
    student: dict[str, Any] = response.json()
    return student


async def add_group(browser: Any, name: str, description: str = "") -> dict[str, Any]:
    response = await browser.post(GROUPS, json={"name": name, "description": description})
    assert response.status_code == 201, response.text
    group: dict[str, Any] = response.json()
    return group


def error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()["error"]
    assert body["code"] == code
    assert body["message"]
    return body


async def audit_actions(db: Any, org_id: str | None) -> list[str]:
    stmt = select(AuditLog.action).where(AuditLog.org_id == org_id).order_by(AuditLog.created_at)
    return list((await db.execute(stmt)).scalars())
