"""Property tests for the scoring engine (DESIGN.md, "Scores")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from procta.exams.flags import FLAG_TYPES
from procta.proctoring import scoring
from procta.proctoring.scoring import ScoredFlag

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
DECISIONS = ("undecided", "confirmed", "dismissed")

flags_st = st.builds(
    ScoredFlag,
    type=st.sampled_from(sorted(FLAG_TYPES)[:6]),
    weight=st.floats(0, 60),
    confidence=st.floats(0, 1),
    decision=st.sampled_from(DECISIONS),
    ended_at=st.integers(0, 7200).map(lambda s: NOW - timedelta(seconds=s)),
)
flag_lists = st.lists(flags_st, max_size=25)
verdicts = st.sampled_from(("none", "clear", "escalate"))


def with_decision(flag: ScoredFlag, decision: str) -> ScoredFlag:
    return ScoredFlag(flag.type, flag.weight, flag.confidence, decision, flag.ended_at)  # type: ignore[arg-type]


@given(flag_lists, verdicts)
def test_scores_stay_within_0_and_100(flags: list[ScoredFlag], verdict: str) -> None:
    integrity = scoring.integrity(flags, verdict)  # type: ignore[arg-type]
    assert 0 <= integrity <= 100
    assert 0 <= scoring.risk(flags, verdict) <= 100  # type: ignore[arg-type]
    assert 0 <= scoring.live_risk(flags, NOW) <= 100


@given(flag_lists, flags_st)
def test_adding_a_flag_never_raises_integrity(flags: list[ScoredFlag], extra: ScoredFlag) -> None:
    assert scoring.integrity([*flags, extra]) <= scoring.integrity(flags) + 1e-9
    assert scoring.integrity([extra, *flags]) <= scoring.integrity(flags) + 1e-9


@given(flag_lists, st.data())
def test_confirming_never_raises_and_dismissing_never_lowers(
    flags: list[ScoredFlag], data: st.DataObject
) -> None:
    if not flags:
        return
    i = data.draw(st.integers(0, len(flags) - 1))
    before = scoring.integrity(flags)
    confirmed = [*flags[:i], with_decision(flags[i], "confirmed"), *flags[i + 1 :]]
    dismissed = [*flags[:i], with_decision(flags[i], "dismissed"), *flags[i + 1 :]]
    assert scoring.integrity(confirmed) <= before + 1e-9
    assert scoring.integrity(dismissed) >= before - 1e-9


@given(flag_lists)
def test_clear_is_100_and_escalate_is_the_floor(flags: list[ScoredFlag]) -> None:
    assert scoring.integrity(flags, "clear") == 100
    escalated = scoring.integrity(flags, "escalate")
    for decision in DECISIONS:
        same = [with_decision(f, decision) for f in flags]
        assert escalated <= scoring.integrity(same) + 1e-9
    assert escalated <= scoring.integrity(flags) + 1e-9


def test_the_formula_on_a_worked_example() -> None:
    flags = [
        ScoredFlag("tab_switch", 10, 1.0, "confirmed"),
        ScoredFlag("tab_switch", 10, 1.0, "confirmed"),
        ScoredFlag("multiple_faces", 30, 0.8, "undecided"),
        ScoredFlag("phone_detected", 30, 1.0, "dismissed"),
    ]
    # 10 + 10*0.8 + 30*0.8*0.5 + 0 = 30
    assert scoring.integrity(flags) == 70
    assert scoring.risk(flags) == 30
    assert scoring.integrity(flags, "escalate") == 100 - (10 + 8 + 30 + 30)
    assert scoring.integrity([ScoredFlag("phone_detected", 60, 1, "confirmed")] * 3) == 0


def test_tier_boundaries() -> None:
    assert [scoring.tier(x) for x in (0, 25, 26, 50, 51, 75, 76, 100)] == [
        "low",
        "low",
        "moderate",
        "moderate",
        "high",
        "high",
        "critical",
        "critical",
    ]
    assert scoring.tier(25.4) == "low"
    assert scoring.tier(25.6) == "moderate"
    # Half rounds up at every boundary, as the review queue's tier filter does in SQL.
    assert [scoring.tier(x) for x in (25.5, 50.5, 75.5)] == ["moderate", "high", "critical"]


def test_suggestion_boundaries() -> None:
    assert scoring.suggestion(0.9) == "confirm"
    assert scoring.suggestion(0.89) == "review"
    assert scoring.suggestion(0.31) == "review"
    assert scoring.suggestion(0.3) == "dismiss"


@given(st.lists(st.tuples(st.sampled_from(("a", "b")), st.integers(0, 600)), max_size=20))
def test_incremental_live_risk_matches_the_full_recount(events: list[tuple[str, int]]) -> None:
    """Separate flags added one by one in time order equal the full recount."""
    half_life = 600.0
    live = scoring.LiveRisk()
    counts: dict[str, int] = {}
    flags: list[ScoredFlag] = []
    t = NOW
    for kind, step in events:
        t = t + timedelta(seconds=step)
        k = counts.get(kind, 0)
        counts[kind] = k + 1
        live.add(t, scoring.live_contribution(10, 1.0, k), half_life)
        flags.append(ScoredFlag(kind, 10, 1.0, "undecided", t))
    end = t + timedelta(seconds=90)
    full = scoring.live_risk(flags, end, half_life)
    assert abs(live.score(end, half_life) - full) < 1e-6


def test_live_risk_fades_with_the_half_life() -> None:
    flags = [ScoredFlag("phone_detected", 30, 1.0, "undecided", NOW)]
    now_score = scoring.live_risk(flags, NOW)
    later = scoring.live_risk(flags, NOW + timedelta(minutes=10))
    assert abs(now_score - 100 * (1 - 2.718281828 ** (-30 / 50))) < 1e-3
    assert abs(later - 100 * (1 - 2.718281828 ** (-15 / 50))) < 1e-3
    assert scoring.live_risk(flags, NOW + timedelta(hours=5)) < 1


def test_the_event_schema_knows_every_flag_type() -> None:
    from typing import get_args

    from procta.proctoring.schemas import FlagTypeName

    assert set(get_args(FlagTypeName)) == set(FLAG_TYPES)


def test_a_flag_still_going_on_does_not_fade() -> None:
    started = NOW - timedelta(minutes=30)
    going_on = ScoredFlag("camera_lost", 15, 1.0, "undecided", started, open=True)
    ended = ScoredFlag("camera_lost", 15, 1.0, "undecided", started)
    assert abs(scoring.live_risk([going_on], NOW) - scoring.live_map(15)) < 1e-9
    assert scoring.live_risk([ended], NOW) < scoring.live_map(15) / 5


timed_st = st.builds(
    lambda flag, lasted: scoring.TimedFlag(
        flag, (flag.ended_at or NOW) - timedelta(seconds=lasted)
    ),
    flags_st,
    st.integers(0, 600),
)


@given(st.lists(timed_st, max_size=15))
def test_the_live_risk_history_starts_empty_and_ends_at_the_live_risk_now(
    timed: list[scoring.TimedFlag],
) -> None:
    start = NOW - timedelta(hours=3)
    series = scoring.live_series(timed, start, NOW, points=12)
    assert [at for at, _ in series][::11] == [start, NOW] and len(series) == 12
    assert series[0][1] == 0
    ordered = sorted(timed, key=lambda f: f.started_at)
    assert series[-1][1] == round(scoring.live_risk([f.flag for f in ordered], NOW), 1)
    assert all(0 <= risk <= 100 for _, risk in series)


def test_the_live_risk_history_holds_an_open_episode_and_fades_it_once_ended() -> None:
    gaze = ScoredFlag("gaze_deviation", 10, 1.0, ended_at=NOW - timedelta(minutes=30))
    timed = [scoring.TimedFlag(gaze, NOW - timedelta(minutes=40))]
    series = dict(scoring.live_series(timed, NOW - timedelta(minutes=60), NOW, points=7))
    held = [series[NOW - timedelta(minutes=m)] for m in (40, 30)]
    assert held[0] == held[1] > 0  # going on: full weight
    assert series[NOW] < held[1]  # ended 30 minutes ago: faded since
    assert series[NOW - timedelta(minutes=50)] == 0  # before it began
