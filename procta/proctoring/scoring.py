"""The scoring engine (DESIGN.md, "Scores"): pure functions, no database, no clock.

Integrity (0-100, higher is cleaner) is 100 minus the sum over flags of
weight x confidence x decision factor x repetition factor, floored at 0. Risk is
100 - integrity. Live risk is the same sum with undecided flags at full weight, each flag
fading with a half-life from when it ended, mapped through 100*(1 - e^(-S/50)).

Decisions taken here where DESIGN.md is silent:

- Repetition: within one flag type the k-th flag (k = 0, 1, …) counts 0.8^k, ranked by
  contribution, strongest first. Ranking by time would let a weak early flag push a strong
  later one down and so make integrity *rise* when a flag is added; ranked by strength, the
  sum is monotone in every flag (rearrangement inequality), which the property tests check.
- Escalate counts every flag, dismissed ones too, at full weight, confidence 1 and decision
  factor 1: it is the harshest reading of the evidence, so it is never above any other.
- Tiers are taken on the score rounded to a whole number, as shown on screen.
- Live risk ranks repetitions by arrival, so that it can be kept up to date per event in
  O(1) (``LiveRisk``); it is a triage signal, recomputed in full when a flag is decided.
  A flag still going on (a camera that stays off) is held at full weight and fades only
  from when it ends.

Every stored score records ``FORMULA_VERSION``; ``procta backfill`` recomputes the scores
of completed attempts stored under another version.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

FORMULA_VERSION = 1
REPETITION = 0.8
LIVE_SCALE = 50.0
DEFAULT_HALF_LIFE_S = 600.0

Decision = Literal["undecided", "confirmed", "dismissed"]
Verdict = Literal["none", "clear", "escalate"]
Tier = Literal["low", "moderate", "high", "critical"]
Suggestion = Literal["confirm", "dismiss", "review"]

DECISION_FACTOR: dict[str, float] = {"confirmed": 1.0, "undecided": 0.5, "dismissed": 0.0}
LIVE_DECISION_FACTOR: dict[str, float] = {"confirmed": 1.0, "undecided": 1.0, "dismissed": 0.0}
SUGGEST_CONFIRM_AT = 0.9
SUGGEST_DISMISS_AT = 0.3


@dataclass(frozen=True)
class ScoredFlag:
    """What the engine needs of one flag; ``weight`` is the effective one for the attempt
    (exam override applied), ``ended_at`` the end of the episode."""

    type: str
    weight: float
    confidence: float
    decision: Decision = "undecided"
    ended_at: datetime | None = None
    open: bool = False  # still going on: it does not fade yet


def _clamp01(x: float) -> float:
    return min(1.0, max(0.0, x))


def _repeated_sum(contributions: Iterable[tuple[str, float]]) -> float:
    """sum over types of the type's contributions, strongest first, each x 0.8^rank."""
    by_type: dict[str, list[float]] = defaultdict(list)
    for kind, value in contributions:
        by_type[kind].append(value)
    total = 0.0
    for values in by_type.values():
        values.sort(reverse=True)
        total += sum(v * REPETITION**k for k, v in enumerate(values))
    return total


def penalty(flags: Iterable[ScoredFlag], verdict: Verdict = "none") -> float:
    """The sum that integrity subtracts from 100 (unbounded)."""
    if verdict == "clear":
        return 0.0
    if verdict == "escalate":
        return _repeated_sum((f.type, max(0.0, f.weight)) for f in flags)
    return _repeated_sum(
        (f.type, max(0.0, f.weight) * _clamp01(f.confidence) * DECISION_FACTOR[f.decision])
        for f in flags
    )


def integrity(flags: Iterable[ScoredFlag], verdict: Verdict = "none") -> float:
    return max(0.0, 100.0 - penalty(flags, verdict))


def risk(flags: Iterable[ScoredFlag], verdict: Verdict = "none") -> float:
    return 100.0 - integrity(flags, verdict)


def tier(score: float) -> Tier:
    """Low 0-25 * Moderate 26-50 * High 51-75 * Critical 76-100, on the score rounded half
    up (25.5 is moderate), so the review queue's tier filter (a range in SQL) agrees."""
    whole = math.floor(score + 0.5)
    if whole <= 25:
        return "low"
    if whole <= 50:
        return "moderate"
    if whole <= 75:
        return "high"
    return "critical"


def tier_of(score: float | None) -> Tier | None:
    return tier(score) if score is not None else None


def suggestion(confidence: float) -> Suggestion:
    """A hint for the reviewer, never a decision."""
    if confidence >= SUGGEST_CONFIRM_AT:
        return "confirm"
    if confidence <= SUGGEST_DISMISS_AT:
        return "dismiss"
    return "review"


def live_map(total: float) -> float:
    return 100.0 * (1.0 - math.exp(-max(0.0, total) / LIVE_SCALE))


def fade(seconds: float, half_life_s: float) -> float:
    """How much of a contribution is left ``seconds`` after its flag ended."""
    return float(0.5 ** (max(0.0, seconds) / half_life_s))


def live_risk(
    flags: Iterable[ScoredFlag], now: datetime, half_life_s: float = DEFAULT_HALF_LIFE_S
) -> float:
    """Live risk in full (flags in arrival order); ``LiveRisk`` keeps the same figure per
    event without a recount."""
    fading, held = live_sums(flags, now, half_life_s)
    return live_map(fading + held)


def live_sums(
    flags: Iterable[ScoredFlag], now: datetime, half_life_s: float
) -> tuple[float, float]:
    """The sum S behind live risk in two parts: the ended flags, faded from when each
    ended, and the flags still going on, held at full weight until they end."""
    seen: dict[str, int] = defaultdict(int)
    fading = held = 0.0
    for f in flags:
        k = seen[f.type]
        seen[f.type] += 1
        value = max(0.0, f.weight) * _clamp01(f.confidence) * LIVE_DECISION_FACTOR[f.decision]
        value *= REPETITION**k
        if f.open:
            held += value
        else:
            ended = f.ended_at or now
            fading += value * fade((now - ended).total_seconds(), half_life_s)
    return fading, held


@dataclass
class LiveRisk:
    """The live sum kept per attempt: ``total`` as it stood at ``at``. Each event updates it
    in O(1): decay to now, then add the new (or renewed) contribution."""

    total: float = 0.0
    at: datetime | None = None

    def decayed(self, now: datetime, half_life_s: float) -> float:
        if self.at is None:
            return 0.0
        return self.total * fade((now - self.at).total_seconds(), half_life_s)

    def add(
        self,
        now: datetime,
        contribution: float,
        half_life_s: float,
        *,
        renewed_from: datetime | None = None,
    ) -> float:
        """Add a flag's contribution at ``now``. ``renewed_from``: the flag was already
        counted and had been fading since then; its episode goes on, so only the part that
        faded is added back. Returns the live risk score."""
        self.total = self.decayed(now, half_life_s)
        if renewed_from is None:
            self.total += contribution
        else:
            faded = 1.0 - fade((now - renewed_from).total_seconds(), half_life_s)
            self.total += contribution * faded
        self.at = now
        return live_map(self.total)

    def score(self, now: datetime, half_life_s: float, held: float = 0.0) -> float:
        """Live risk now; ``held``: the contributions of flags still going on."""
        return live_map(self.decayed(now, half_life_s) + held)


def live_contribution(weight: float, confidence: float, repeat_index: int) -> float:
    """One new flag's share of the live sum (the k-th of its type in this sitting)."""
    return max(0.0, weight) * _clamp01(confidence) * REPETITION**repeat_index


@dataclass(frozen=True)
class TimedFlag:
    """A flag with its start, to replay live risk over the sitting (the sparkline)."""

    flag: ScoredFlag
    started_at: datetime


def live_series(
    flags: Sequence[TimedFlag],
    start: datetime,
    end: datetime,
    points: int = 40,
    half_life_s: float = DEFAULT_HALF_LIFE_S,
) -> list[tuple[datetime, float]]:
    """Live risk as it stood at ``points`` evenly spaced moments from ``start`` to ``end``:
    each moment sees the flags that had started by then, an episode still open at that
    moment held at full weight, as the live table saw it."""
    points = max(2, points)
    step = max(0.0, (end - start).total_seconds()) / (points - 1)
    ordered = sorted(flags, key=lambda f: f.started_at)
    out = []
    for i in range(points):
        at = start + timedelta(seconds=step * i)
        seen = [
            replace(
                f.flag,
                open=f.flag.open or (f.flag.ended_at is not None and f.flag.ended_at > at),
                ended_at=min(f.flag.ended_at, at) if f.flag.ended_at else at,
            )
            for f in ordered
            if f.started_at <= at
        ]
        out.append((at, round(live_risk(seen, at, half_life_s), 1)))
    return out
