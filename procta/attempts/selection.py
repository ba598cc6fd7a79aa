"""Which questions a student gets, in which order, with which option layout.

Everything is derived from a seed fixed by (exam, student), so the view is deterministic;
it is frozen into ``AttemptQuestion`` snapshots at start, so a resume (or a later edit of
the bank) shows exactly what the student saw first. Pure functions: no database.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

CHOICE_TYPES = ("single_choice", "multiple_choice")


def attempt_seed(exam_id: str, student_id: str) -> int:
    digest = hashlib.sha256(f"{exam_id}:{student_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF  # fits a 32-bit INTEGER column


@dataclass(frozen=True)
class BankQuestion:
    id: str
    type: str
    stem: str
    options: list[dict[str, Any]]
    answer: Any
    points: float
    partial_credit: bool
    tags: list[str]
    version: int


@dataclass(frozen=True)
class Slot:
    """A fixed question, or ``count`` questions drawn from those carrying all ``tags``."""

    question_id: str | None
    tags: tuple[str, ...] = ()
    count: int = 0


def choose(
    slots: list[Slot], bank: dict[str, BankQuestion], seed: int, *, shuffle_questions: bool
) -> list[BankQuestion]:
    """Fixed questions first claim their place; pools draw from what is left, without
    repeats, so one student never sees a question twice."""
    rng = random.Random(seed)
    fixed = {s.question_id for s in slots if s.question_id}
    used: set[str] = set()
    chosen: list[BankQuestion] = []
    for slot in slots:
        if slot.question_id:
            if slot.question_id in bank and slot.question_id not in used:
                chosen.append(bank[slot.question_id])
                used.add(slot.question_id)
            continue
        candidates = sorted(
            q.id
            for q in bank.values()
            if q.id not in used and q.id not in fixed and set(slot.tags) <= set(q.tags)
        )
        for qid in rng.sample(candidates, min(slot.count, len(candidates))):
            chosen.append(bank[qid])
            used.add(qid)
    if shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def snapshot(question: BankQuestion, seed: int, *, shuffle_options: bool) -> dict[str, Any]:
    """What the student sees (``public``) and what grading needs (``key``)."""
    options = list(question.options)
    if shuffle_options and question.type in CHOICE_TYPES:
        random.Random(f"{seed}:{question.id}").shuffle(options)
    return {
        "public": {
            "type": question.type,
            "stem": question.stem,
            "options": options,
            "points": question.points,
        },
        "key": {
            "answer": question.answer,
            "partial_credit": question.partial_credit,
            "version": question.version,
        },
    }
