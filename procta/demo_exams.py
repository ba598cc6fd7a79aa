"""Demo course, question bank, exams and submitted attempts, so every teacher page shows
real data after ``make run``. Attempts go through the same service calls a student's
client makes (join, autosave, submit), at times spread over the past week."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta import demo_media
from procta.attempts import autosave
from procta.attempts import service as attempts
from procta.attempts.models import Attempt
from procta.courses.models import Course
from procta.db import utcnow
from procta.exams.models import Exam, ExamItem
from procta.proctoring import ingest
from procta.proctoring import service as proctoring
from procta.proctoring.analysis import raise_flags
from procta.proctoring.ingest import Signal
from procta.proctoring.models import Recording
from procta.proctoring.schemas import Baseline, CalibrationIn
from procta.proctoring.scoring import DEFAULT_HALF_LIFE_S
from procta.questions.models import Question
from procta.storage.files import Storage
from procta.students.models import Student

COURSE = "Physics 101"


def _choice(
    stem: str, options: list[str], correct: int | list[int], **extra: Any
) -> dict[str, Any]:
    ids = "abcdef"
    opts = [{"id": ids[i], "text": t} for i, t in enumerate(options)]
    multiple = isinstance(correct, list)
    answer = [ids[i] for i in correct] if isinstance(correct, list) else ids[correct]
    kind = "multiple_choice" if multiple else "single_choice"
    return {"type": kind, "stem": stem, "options": opts, "answer": answer, **extra}


QUESTIONS: list[dict[str, Any]] = [
    _choice(
        "What is the SI unit of force?",
        ["Joule", "Newton", "Watt", "Pascal"],
        1,
        tags=["mechanics"],
    ),
    _choice(
        "Which quantity is a vector?",
        ["Mass", "Speed", "Velocity", "Energy"],
        2,
        tags=["mechanics"],
    ),
    _choice(
        "Acceleration due to gravity near Earth's surface is about:",
        ["9.8 m/s²", "98 m/s²", "0.98 m/s²", "1 m/s²"],
        0,
        tags=["mechanics"],
    ),
    _choice(
        "A wave's frequency doubles at constant speed. Its wavelength:",
        ["doubles", "halves", "stays the same", "quadruples"],
        1,
        tags=["waves"],
    ),
    _choice(
        "Sound cannot travel through:", ["water", "steel", "air", "a vacuum"], 3, tags=["waves"]
    ),
    _choice(
        "Which are forms of energy?",
        ["Kinetic", "Potential", "Velocity", "Thermal"],
        [0, 1, 3],
        points=2,
        partial_credit=True,
        tags=["mechanics"],
    ),
    _choice(
        "Which are scalar quantities?",
        ["Distance", "Displacement", "Time", "Temperature"],
        [0, 2, 3],
        points=2,
        partial_credit=True,
        tags=["mechanics"],
    ),
    _choice(
        "Which waves are transverse?",
        ["Light", "Sound in air", "Waves on a string", "Radio"],
        [0, 2, 3],
        points=2,
        partial_credit=True,
        tags=["waves"],
    ),
    _choice(
        "Which units measure energy?",
        ["Joule", "Calorie", "Newton", "Kilowatt-hour"],
        [0, 1, 3],
        points=2,
        tags=["mechanics"],
    ),
    _choice(
        "Which affect a pendulum's period?",
        ["Length", "Mass of the bob", "Gravity", "Colour"],
        [0, 2],
        points=2,
        partial_credit=True,
        tags=["waves"],
    ),
    *(
        {
            "type": "true_false",
            "stem": stem,
            "answer": value,
            "tags": [tag],
            "options": [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}],
        }
        for stem, value, tag in (
            ("An object at rest has no forces acting on it.", False, "mechanics"),
            ("Momentum is conserved in an isolated system.", True, "mechanics"),
            ("Light travels faster in glass than in air.", False, "waves"),
            ("Work is measured in joules.", True, "mechanics"),
            ("Amplitude determines a sound's pitch.", False, "waves"),
        )
    ),
    *(
        {
            "type": "short_answer",
            "stem": stem,
            "tags": [tag],
            "answer": {"accepted": accepted, "match": "case_insensitive"},
        }
        for stem, accepted, tag in (
            ("Name the law: F = m·a.", ["Newton's second law", "second law"], "mechanics"),
            ("What is the unit of frequency?", ["hertz", "Hz"], "waves"),
            ("Energy of motion is called … energy.", ["kinetic"], "mechanics"),
            ("The highest point of a transverse wave is the …", ["crest"], "waves"),
            (
                "Who formulated the law of universal gravitation?",
                ["Newton", "Isaac Newton"],
                "mechanics",
            ),
        )
    ),
    *(
        {
            "type": "numeric",
            "stem": stem,
            "tags": [tag],
            "answer": {"value": value, "tolerance": tol},
        }
        for stem, value, tol, tag in (
            ("A 2 kg mass accelerates at 3 m/s². Force in newtons?", 6, 0, "mechanics"),
            ("Speed (m/s) of a car covering 100 m in 4 s?", 25, 0, "mechanics"),
            ("Wave speed (m/s) at 5 Hz and 2 m wavelength?", 10, 0, "waves"),
            ("Kinetic energy (J) of 1 kg at 4 m/s?", 8, 0.01, "mechanics"),
            ("Period (s) of a 0.5 Hz wave?", 2, 0.01, "waves"),
        )
    ),
    *(
        {"type": "essay", "stem": stem, "answer": None, "points": 5, "tags": [tag]}
        for stem, tag in (
            ("Explain Newton's third law with an everyday example.", "mechanics"),
            ("Describe how a seatbelt reduces injury using momentum.", "mechanics"),
            ("Compare transverse and longitudinal waves.", "waves"),
            ("Why does a ball thrown upward slow down?", "mechanics"),
            ("Explain resonance and give one example.", "waves"),
        )
    ),
]

FIRST_NAMES = [
    "Ava",
    "Ben",
    "Chloe",
    "Dev",
    "Ema",
    "Finn",
    "Gia",
    "Hugo",
    "Isla",
    "Jonah",
    "Kira",
    "Leo",
    "Maya",
    "Nico",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Amir",
    "Bea",
    "Caleb",
    "Dina",
    "Eli",
    "Fatima",
    "Gabe",
    "Hana",
    "Ivan",
]
LAST_NAMES = [
    "Okafor",
    "Nguyen",
    "Schmidt",
    "Patel",
    "Rossi",
    "Kim",
    "Silva",
    "Haddad",
    "Novak",
    "Tanaka",
    "Moreau",
    "Cohen",
    "Ali",
    "Berg",
    "Costa",
]


async def _answer_like(rng: random.Random, public: dict[str, Any], key: Any, ability: float) -> Any:
    right = rng.random() < ability
    kind = public["type"]
    if kind == "essay":
        return "Forces come in pairs: when I push a wall, the wall pushes back on me equally."
    if kind == "true_false":
        return key if right else not key
    if kind == "single_choice":
        ids = [o["id"] for o in public["options"]]
        return key if right else rng.choice([i for i in ids if i != key])
    if kind == "multiple_choice":
        return key if right else key[:1]
    if kind == "short_answer":
        return key["accepted"][0] if right else "not sure"
    return key["value"] if right else key["value"] + 1


PRACTICE = "Practice Quiz"
PRACTICE_CODE = "PRACTICE"
LIVE_SITTERS = 6  # the last students of the roster are writing the practice quiz right now


async def seed_exams(session: AsyncSession, org_id: str, teacher_id: str, storage: Storage) -> str:
    """Seed the course, bank, exams and attempts once; return the id of the practice exam,
    which stays open so a new user can take it as a demo student at once."""
    seeded = await session.execute(
        select(Exam.id).where(Exam.org_id == org_id, Exam.title == PRACTICE)
    )
    if (found := seeded.scalar()) is not None:
        return found
    course = Course(org_id=org_id, name=COURSE, code="PHY101", teacher_id=teacher_id)
    session.add(course)
    bank = [
        Question(org_id=org_id, created_by_id=teacher_id, **{"points": 1.0, **spec})
        for spec in QUESTIONS
    ]
    session.add_all(bank)
    await session.flush()
    students = await _students(session, org_id, teacher_id)
    week_ago = utcnow() - timedelta(days=7)
    midterm = await _exam(
        session,
        org_id,
        course,
        teacher_id,
        "Mechanics Midterm",
        [q for q in bank if "mechanics" in q.tags][:12],
        week_ago,
        45,
    )
    quiz = await _exam(
        session,
        org_id,
        course,
        teacher_id,
        "Waves Quiz",
        [q for q in bank if "waves" in q.tags],
        week_ago + timedelta(days=3),
        20,
    )
    practice = await _exam(
        session,
        org_id,
        course,
        teacher_id,
        PRACTICE,
        [q for q in bank if q.type != "essay"][:6],
        None,
        15,
    )
    practice.access_code = PRACTICE_CODE
    rng = random.Random(2026)
    for exam, takers in ((midterm, students), (quiz, students[:25])):
        for n, student in enumerate(takers):
            start = (exam.window_start or week_ago) + timedelta(minutes=5 + n)
            await _sit(session, exam, student, start, rng)
    await _recorded_exam(session, org_id, course, teacher_id, bank, students[:6], rng, storage)
    now = utcnow()
    for n, student in enumerate(students[-LIVE_SITTERS:]):
        await _sit(session, practice, student, now - timedelta(minutes=2 + n), rng, until=now)
    return practice.id


async def _recorded_exam(
    session: AsyncSession,
    org_id: str,
    course: Course,
    teacher_id: str,
    bank: list[Question],
    takers: list[Student],
    rng: random.Random,
    storage: Storage,
) -> None:
    """A record & review exam sat yesterday: every attempt waits in the review queue, and
    the first two carry webcam and screen recordings of the whole sitting (drawn, see
    demo_media) with an AI alert while the student looks away, so a new user can try the
    review packet."""
    yesterday = utcnow() - timedelta(days=1)
    exam = await _exam(
        session,
        org_id,
        course,
        teacher_id,
        "Lab Safety Check",
        [q for q in bank if q.type != "essay"][:5],
        yesterday - timedelta(hours=2),
        10,
    )
    exam.mode = "record_review"
    exam.window_end = yesterday + timedelta(hours=2)
    exam.summary_sent_at = exam.window_end  # a demo sends no mail about the past
    for n, student in enumerate(takers):
        start = yesterday + timedelta(minutes=n)
        await _sit(session, exam, student, start, rng)
        if n >= 2:
            continue
        attempt = (
            await session.execute(
                select(Attempt).where(Attempt.exam_id == exam.id, Attempt.student_id == student.id)
            )
        ).scalar_one()
        began = attempt.began_at or attempt.started_at
        assert attempt.submitted_at is not None
        seconds = min(480, int((attempt.submitted_at - began).total_seconds()))
        away = (seconds * 0.4, seconds * 0.4 + 12)
        for kind in ("webcam", "screen"):
            data = demo_media.recording(kind, seconds, away)
            key = f"{org_id}/{attempt.id}/recordings/{kind}-demo.webm"
            storage.put(key, data)
            session.add(
                Recording(
                    org_id=org_id,
                    attempt_id=attempt.id,
                    kind=kind,
                    part="demo",
                    content_type="video/webm",
                    storage_key=key,
                    size=len(data),
                    chunks=9,
                    started_at=began,
                )
            )
        at = began + timedelta(seconds=away[0])
        gaze = [
            Signal(
                f"demo-gaze-{k}",
                "gaze_deviation",
                "instant",
                at + timedelta(seconds=k),
                {},
                None,
                "ai",
                0.82,
            )
            for k in range(0, 12, 3)
        ]
        await raise_flags(
            session, attempt.id, gaze, utcnow(), timedelta(seconds=30), DEFAULT_HALF_LIFE_S
        )


async def _students(session: AsyncSession, org_id: str, teacher_id: str) -> list[Student]:
    existing = {
        s.roll_number: s
        for s in (await session.execute(select(Student).where(Student.org_id == org_id))).scalars()
    }
    for n in range(40):
        roll = f"S{1001 + n}"
        if roll not in existing:
            name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}"
            email = name.lower().replace(" ", ".") + "@students.northwind.example"
            existing[roll] = Student(
                org_id=org_id, roll_number=roll, name=name, email=email, teacher_id=teacher_id
            )
            session.add(existing[roll])
    await session.flush()
    return [existing[f"S{1001 + n}"] for n in range(40)]


async def _exam(
    session: AsyncSession,
    org_id: str,
    course: Course,
    teacher_id: str,
    title: str,
    questions: list[Question],
    opens: datetime | None,
    minutes: int,
) -> Exam:
    """A published exam open for two days from ``opens`` (``None``: always open)."""
    exam = Exam(
        org_id=org_id,
        course_id=course.id,
        created_by_id=teacher_id,
        title=title,
        instructions="Work alone. Calculators are allowed. Show your reasoning in essays.",
        status="published",
        duration_minutes=minutes,
        window_start=opens,
        window_end=opens + timedelta(days=2) if opens else None,
        access_code="PHY101",
        mode="auto",
        rules_allowed=["Calculator", "Scratch paper"],
        rules_prohibited=["Phones", "Other people", "Other websites"],
    )
    session.add(exam)
    await session.flush()
    session.add_all(
        ExamItem(org_id=org_id, exam_id=exam.id, position=i, question_id=q.id)
        for i, q in enumerate(questions, start=1)
    )
    await session.flush()
    return exam


async def _sit(
    session: AsyncSession,
    exam: Exam,
    student: Student,
    start: datetime,
    rng: random.Random,
    *,
    until: datetime | None = None,
) -> None:
    """One student's sitting from ``start``: answers, signals, then submitted; or, with
    ``until``, still writing at that moment (the Live Sessions page has someone to show)."""
    attempt, token, _ = await attempts.join(
        session,
        exam.id,
        start,
        roll_number=student.roll_number,
        access_code=exam.access_code,
        invite=None,
        secret="",
    )
    ability = rng.uniform(0.35, 0.95)
    now = start
    for seq, q in enumerate(await attempts.questions_of(session, attempt), start=1):
        step = now + timedelta(seconds=rng.randint(30, 120))
        if until is not None and step > until:
            break
        now = step
        response = await _answer_like(
            rng, q.snapshot["public"], q.snapshot["key"]["answer"], ability
        )
        await autosave.save_answer(
            session,
            attempt.id,
            token,
            q.question_id,
            response=response,
            flagged=False,
            client_seq=seq,
            now=now,
        )
    await _proctor(session, attempt, token, start, until or now, rng)
    attempt.last_heartbeat_at = until - timedelta(seconds=rng.randint(1, 14)) if until else now
    if until is None:
        await attempts.submit(session, attempt, now + timedelta(seconds=20), status="submitted")


DEMO_SIGNALS = (
    ("tab_switch", "start", 40),
    ("fullscreen_exit", "start", 25),
    ("copy_paste", "instant", 0),
    ("right_click", "instant", 0),
    ("blocked_shortcut", "instant", 0),
    ("devtools_open", "instant", 0),
    ("connection_lost", "start", 15),
)


async def _proctor(
    session: AsyncSession,
    attempt: Attempt,
    token: str,
    start: datetime,
    end: datetime,
    rng: random.Random,
) -> None:
    """Consent, calibration and a plausible handful of browser signals, through the same
    services the student's client reaches."""
    await proctoring.give_consent(session, attempt, start)
    status = rng.choices(("ok", "poor", "skipped"), weights=(8, 2, 1))[0]
    reason = "Your face is too dark: add light in front of you." if status == "poor" else ""
    baseline = Baseline(yaw=rng.uniform(-4, 4), pitch=rng.uniform(-6, 2), face_size=0.3)
    body = CalibrationIn(status=status, reason=reason, baseline=baseline)
    await proctoring.save_calibration(session, attempt, body, start)
    events: list[Signal] = []
    span = max(60, int((end - start).total_seconds()))
    for n in range(rng.choice((0, 0, 1, 2, 3, 5, 8))):
        kind, phase, lasts = rng.choice(DEMO_SIGNALS)
        at = start + timedelta(seconds=rng.randint(10, span))
        events.append(Signal(f"demo-{n}", kind, phase, at, {}))
        if phase == "start":
            ended = at + timedelta(seconds=rng.randint(3, lasts))
            events.append(Signal(f"demo-{n}-end", kind, "end", ended, {}))
    if events:
        await ingest.ingest_events(
            session,
            attempt.id,
            token,
            events,
            now=end,
            gap=timedelta(seconds=30),
            half_life_s=DEFAULT_HALF_LIFE_S,
        )
