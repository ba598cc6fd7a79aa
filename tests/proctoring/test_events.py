"""Browser events through HTTP: episodes, idempotency, exam settings and bad input."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from procta.exams.models import Accommodation
from procta.proctoring.models import Flag, ProctorEvent
from tests.proctoring.helpers import event, proctored, seconds_ago


async def flags_of(p: Any) -> list[dict[str, Any]]:
    r = await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")
    assert r.status_code == 200, r.text
    flags: list[dict[str, Any]] = r.json()["flags"]
    return flags


async def test_repeats_merge_into_one_episode_and_start_end_give_a_duration(
    new_browser: Any, db: Any
) -> None:
    p = await proctored(new_browser, db)
    batch = [
        event("e1", "tab_switch", seconds_ago(100), "start"),
        event("e2", "tab_switch", seconds_ago(90), "end"),
        event("e3", "tab_switch", seconds_ago(80), "start"),  # within the gap: same episode
        event("e4", "tab_switch", seconds_ago(75), "end"),
        event("e5", "copy_paste", seconds_ago(70), details={"action": "paste"}),
        event("e6", "copy_paste", seconds_ago(5), details={"action": "copy"}),  # a new episode
    ]
    r = await p.student.post(f"{p.url}/events", json={"events": batch})
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 6 and r.json()["duplicates"] == 0
    assert r.json()["live_risk"] > 0
    assert sorted((f["type"], f["event_count"]) for f in await flags_of(p)) == [
        ("copy_paste", 1),
        ("copy_paste", 1),
        ("tab_switch", 2),
    ]
    tab = next(f for f in await flags_of(p) if f["type"] == "tab_switch")
    assert 24 <= tab["duration_seconds"] <= 26 and tab["open"] is False
    assert tab["source"] == "browser" and tab["severity"] == "medium"
    pastes = [f for f in await flags_of(p) if f["type"] == "copy_paste"]
    assert len(pastes) == 2
    assert pastes[0]["details"] == {"action": "paste"}


async def test_an_open_episode_grows_across_batches(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    await p.student.post(
        f"{p.url}/events",
        json={"events": [event("a", "fullscreen_exit", seconds_ago(200), "start")]},
    )
    # Long after the merge gap, but the episode never ended: the end closes the same flag.
    await p.student.post(
        f"{p.url}/events", json={"events": [event("b", "fullscreen_exit", seconds_ago(20), "end")]}
    )
    (flag,) = await flags_of(p)
    assert flag["type"] == "fullscreen_exit" and 179 <= flag["duration_seconds"] <= 181


async def test_a_replayed_batch_stores_nothing_twice(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    batch = {"events": [event(f"x{i}", "right_click", seconds_ago(60 - i)) for i in range(5)]}
    first = await p.student.post(f"{p.url}/events", json=batch)
    again = await p.student.post(f"{p.url}/events", json=batch)
    assert first.json()["accepted"] == 5
    assert again.status_code == 200 and again.json()["accepted"] == 0
    assert again.json()["duplicates"] == 5
    stored = await db.execute(select(func.count()).where(ProctorEvent.attempt_id == p.attempt_id))
    assert stored.scalar_one() == 5
    (flag,) = await flags_of(p)
    assert flag["event_count"] == 5
    # A batch with the same id twice counts it once.
    dup = await p.student.post(
        f"{p.url}/events", json={"events": [event("y", "right_click"), event("y", "right_click")]}
    )
    assert dup.json() == {**dup.json(), "accepted": 1, "duplicates": 1}


async def test_switched_off_types_and_accommodations_are_ignored(new_browser: Any, db: Any) -> None:
    p = await proctored(
        new_browser,
        db,
        flag_settings={"tab_switch": {"enabled": False}, "copy_paste": {"weight": 0}},
    )
    student_id = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}")).json()[
        "student_id"
    ]
    db.add(
        Accommodation(
            org_id=p.teacher.org_id,
            exam_id=p.exam_id,
            student_id=student_id,
            disabled_flags=["right_click"],
        )
    )
    await db.flush()
    r = await p.student.post(
        f"{p.url}/events",
        json={
            "events": [
                event("1", "tab_switch"),
                event("2", "right_click"),
                event("3", "copy_paste"),
            ]
        },
    )
    assert r.json()["ignored"] == 2 and r.json()["accepted"] == 1
    assert r.json()["live_risk"] == 0  # weight 0
    assert [f["type"] for f in await flags_of(p)] == ["copy_paste"]


async def test_bad_events_are_refused_whole(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    unknown = await p.student.post(
        f"{p.url}/events", json={"events": [event("ok", "tab_switch"), event("no", "telepathy")]}
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "validation_error" and "tab_switch" in unknown.text
    huge = await p.student.post(
        f"{p.url}/events", json={"events": [event(f"e{i}", "tab_switch") for i in range(10_000)]}
    )
    assert huge.status_code in (413, 422)
    assert huge.json()["error"]["code"] in ("body_too_large", "validation_error")
    assert (
        await db.execute(select(func.count()).where(Flag.attempt_id == p.attempt_id))
    ).scalar_one() == 0
    bad_id = await p.student.post(
        f"{p.url}/events", json={"events": [event("has space", "tab_switch")]}
    )
    assert bad_id.status_code == 422


async def test_events_for_a_submitted_or_someone_elses_attempt(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    other = await proctored(new_browser, db)
    # Another student's token on this attempt: as if it did not exist.
    stolen = await other.student.post(
        f"{p.url}/events", json={"events": [event("s", "tab_switch")]}
    )
    assert stolen.status_code == 404
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200
    late = await p.student.post(f"{p.url}/events", json={"events": [event("l", "tab_switch")]})
    assert late.status_code == 409 and late.json()["error"]["code"] == "attempt_closed"
    no_token = await new_browser().post(
        f"{p.url}/events", json={"events": [event("n", "tab_switch")]}
    )
    assert no_token.status_code == 401


async def test_late_events_form_their_own_episode(new_browser: Any, db: Any) -> None:
    """Events from long before the latest episode (a backlog sent late) do not stretch it
    back in time: they make an episode of their own."""
    p = await proctored(new_browser, db)
    await p.student.post(f"{p.url}/events", json={"events": [event("now", "right_click")]})
    late = [
        event("l1", "right_click", seconds_ago(300)),
        event("l2", "right_click", seconds_ago(290)),
    ]
    await p.student.post(f"{p.url}/events", json={"events": late})
    flags = sorted(await flags_of(p), key=lambda f: f["started_at"])
    assert [f["event_count"] for f in flags] == [2, 1]
    assert 9 <= flags[0]["duration_seconds"] <= 11
    # The next event close to the latest still extends it.
    await p.student.post(f"{p.url}/events", json={"events": [event("next", "right_click")]})
    assert sorted(f["event_count"] for f in await flags_of(p)) == [2, 2]


async def test_naive_times_are_refused_alone(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    naive = {"client_id": "n", "type": "tab_switch", "at": "2026-11-29T10:00:00"}
    r = await p.student.post(f"{p.url}/events", json={"events": [naive]})
    assert r.status_code == 422
    nan = await p.student.post(
        f"{p.url}/events",
        content=b'{"events":[{"client_id":"x","type":"tab_switch",'
        b'"at":"2026-11-29T10:00:00Z","details":{"v":NaN}}]}',
        headers={"Content-Type": "application/json"},
    )
    assert nan.status_code in (400, 422)


async def test_live_risk_holds_while_the_camera_stays_off(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    lost = event("c1", "camera_lost", seconds_ago(540), "start")
    held = (await p.student.post(f"{p.url}/events", json={"events": [lost]})).json()["live_risk"]
    # Nine minutes on, still off: nothing has faded (15 points, undecided, in full).
    assert abs(held - round(100 * (1 - 2.718281828 ** (-15 / 50)), 1)) <= 0.2
    back = event("c2", "camera_lost", seconds_ago(0), "end")
    after = (await p.student.post(f"{p.url}/events", json={"events": [back]})).json()["live_risk"]
    assert abs(after - held) <= 0.2  # it ended just now: it starts to fade from here
    live = (await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/live")).json()
    assert abs(live[0]["live_risk"] - held) <= 0.3
