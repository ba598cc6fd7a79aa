from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from procta.auth.models import User
from procta.db import utcnow
from procta.students.models import Student
from tests.factories import Account, invite_and_join, sign_up

ADMIN_ORGS = "/api/v1/admin/orgs"


async def make_superadmin(db: Any, account: Account) -> None:
    user = (await db.execute(select(User).where(User.id == account.user_id))).scalar_one()
    user.is_superadmin = True
    await db.flush()


async def add_students(db: Any, org_id: str | None, count: int) -> None:
    for n in range(count):
        db.add(Student(org_id=org_id, roll_number=f"R{n:03d}", name=f"Student {n}"))
    await db.flush()


async def test_superadmin_sees_every_org_with_counts(
    new_browser: Any, outbox: Any, db: Any
) -> None:
    big = await sign_up(new_browser(), org_name="Big School")
    await invite_and_join(big, new_browser(), outbox)
    await invite_and_join(big, new_browser(), outbox, role="admin")
    small = await sign_up(new_browser(), org_name="Small School")
    await add_students(db, big.org_id, 3)
    await add_students(db, small.org_id, 1)
    platform = await sign_up(new_browser(), org_name="Procta Staff")
    await make_superadmin(db, platform)

    response = await platform.browser.get(ADMIN_ORGS)
    assert response.status_code == 200, response.text
    rows = {o["id"]: o for o in response.json()}
    assert set(rows) == {big.org_id, small.org_id, platform.org_id}

    assert rows[big.org_id]["name"] == "Big School"
    assert rows[big.org_id]["slug"] == "big-school"
    assert (rows[big.org_id]["teachers"], rows[big.org_id]["students"]) == (3, 3)
    assert (rows[small.org_id]["teachers"], rows[small.org_id]["students"]) == (1, 1)
    assert (rows[platform.org_id]["teachers"], rows[platform.org_id]["students"]) == (1, 0)
    for row in rows.values():
        assert row["plan"] == "trial"
        assert row["status"] == "trialing"
        created = datetime.fromisoformat(row["created_at"])
        assert abs(created - utcnow()) < timedelta(minutes=5)
    # newest first
    stamps = [datetime.fromisoformat(o["created_at"]) for o in response.json()]
    assert stamps == sorted(stamps, reverse=True)


async def test_counts_follow_members_leaving(new_browser: Any, outbox: Any, db: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    await make_superadmin(db, owner)
    before = (await owner.browser.get(ADMIN_ORGS)).json()
    assert [o["teachers"] for o in before] == [2]
    removed = await owner.browser.delete(f"/api/v1/orgs/current/members/{teacher.user_id}")
    assert removed.status_code == 204
    after = (await owner.browser.get(ADMIN_ORGS)).json()
    assert [o["teachers"] for o in after] == [1]


async def test_only_superadmins_may_list_orgs(new_browser: Any, outbox: Any, db: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    for account in (owner, teacher):
        response = await account.browser.get(ADMIN_ORGS)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    anonymous = await new_browser().get(ADMIN_ORGS)
    assert anonymous.status_code == 401

    # an org API key is not a platform administrator either, even an admin's
    created = await owner.browser.post("/api/v1/orgs/current/api-keys", json={"name": "k"})
    await make_superadmin(db, owner)
    keyed = await new_browser().get(
        ADMIN_ORGS, headers={"Authorization": f"Bearer {created.json()['key']}"}
    )
    assert keyed.status_code == 403
    assert keyed.json()["error"]["code"] == "user_required"
    assert (await owner.browser.get(ADMIN_ORGS)).status_code == 200
