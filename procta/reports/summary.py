"""The narrative of an attempt and of an exam, written from the data by rules: the same
data always gives the same words. Neutral on purpose: a flag is something to look at, never
an accusation, and only a reviewer's decision is stated as a decision."""

from __future__ import annotations

from collections import Counter

from procta.reports.facts import AttemptFacts, ExamFacts, FlagFact

STATUS_WORDS = {
    "submitted": "submitted",
    "auto_submitted": "was submitted automatically when time ran out",
    "terminated": "was ended by a proctor",
    "failed": "failed",
    "in_progress": "is still writing",
    "paused": "is paused",
}


def duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _clock(facts: AttemptFacts, flag: FlagFact) -> str:
    began = facts.attempt.began_at or facts.attempt.started_at
    return duration((flag.started_at - began).total_seconds()) + " in"


def attempt_summary(facts: AttemptFacts) -> str:
    a, s = facts.attempt, facts.student
    status = STATUS_WORDS.get(a.status, a.status)
    parts = [f"{s.name} ({s.roll_number}) {status} “{facts.exam.title}”"]
    if a.status in ("submitted", "auto_submitted", "terminated"):
        parts[0] += f" after {duration(facts.minutes * 60)}"
    parts[0] += "."
    if a.status == "terminated" and a.end_reason:
        parts.append(f"The proctor's reason: “{a.end_reason}”.")
    if a.integrity is not None:
        parts.append(f"Integrity {a.integrity:.0f}/100 (risk {facts.tier}).")
    counted = [f for f in facts.flags if f.decision != "dismissed"]
    if not facts.flags:
        parts.append("Nothing was flagged during the sitting.")
    else:
        by_label = Counter(f.label for f in facts.flags)
        listed = ", ".join(
            f"{label} ({n})" if n > 1 else label for label, n in by_label.most_common()
        )
        verb = "was" if len(facts.flags) == 1 else "were"
        parts.append(f"{plural(len(facts.flags), 'flag')} {verb} raised: {listed}.")
        decided = Counter(f.decision for f in facts.flags if f.source != "proctor")
        if decided["confirmed"] or decided["dismissed"]:
            parts.append(
                f"Of the AI and browser flags, the reviewer confirmed {decided['confirmed']} "
                f"and dismissed {decided['dismissed']}; {decided['undecided']} left undecided."
            )
        parts.extend(_stands_out(facts, counted))
    if a.cal_status == "poor":
        parts.append(f"Calibration was poor ({a.cal_reason or 'no reason given'}).")
    elif not a.cal_status:
        parts.append("The student did not calibrate.")
    if a.review_status:
        verdict = "Approved" if a.review_status == "approved" else "Declined"
        by = f" by {facts.reviewer}" if facts.reviewer else ""
        note = f": “{a.review_comment}”" if a.review_comment else ""
        parts.append(f"Review: {verdict}{by}{note}.")
    else:
        parts.append("Not reviewed yet.")
    if facts.appeal is not None:
        parts.append(
            "The student appealed"
            + (" (open)." if facts.appeal.status == "open" else f"; {facts.appeal.status}.")
        )
    return " ".join(parts)


def _stands_out(facts: AttemptFacts, counted: list[FlagFact]) -> list[str]:
    """What a reviewer should look at first: the longest episode, a high-severity flag
    the AI is sure of, a cluster in time."""
    notes = []
    if not counted:
        return ["Every flag was dismissed."]
    warned = sum(1 for f in counted if f.source == "proctor")
    if warned:
        notes.append(f"Proctors added {plural(warned, 'warning')}.")
    longest = max(counted, key=lambda f: f.seconds)
    if longest.seconds >= 30:
        notes.append(
            f"The longest episode was {longest.label.lower()} for "
            f"{duration(longest.seconds)}, {_clock(facts, longest)}."
        )
    sure = [
        f for f in counted if f.severity == "high" and f.confidence >= 0.9 and f.source != "proctor"
    ]
    if sure:
        labels = sorted({f.label.lower() for f in sure})
        notes.append(f"High-severity, high-confidence: {', '.join(labels)}.")
    times = sorted(f.started_at for f in counted)
    if len(times) >= 4:
        window = 300.0
        best = max(
            sum(1 for t in times[i:] if (t - start).total_seconds() <= window)
            for i, start in enumerate(times)
        )
        if best >= 4 and best >= len(times) * 0.6:
            notes.append(f"{best} of the flags fell within five minutes of each other.")
    return notes


def exam_summary(facts: ExamFacts) -> str:
    exam = facts.exam
    done = facts.finished
    failed = sum(1 for r in facts.rows if r.status == "failed")
    parts = [
        f"“{exam.title}”: {plural(len(facts.rows), 'attempt')}, {len(done)} finished"
        + (f", {failed} failed." if failed else ".")
    ]
    if not done:
        parts.append("Nobody has finished yet.")
        return " ".join(parts)
    integrities = [r.integrity for r in done if r.integrity is not None]
    if integrities:
        parts.append(f"Average integrity {sum(integrities) / len(integrities):.0f}/100.")
    tiers = Counter(r.tier for r in done if r.tier)
    parts.append(
        "Risk: "
        + ", ".join(f"{tiers[t]} {t}" for t in ("low", "moderate", "high", "critical"))
        + "."
    )
    if facts.flag_counts:
        top = ", ".join(
            f"{label} ({plural(n, 'flag')} in {plural(facts.flagged_attempts[label], 'attempt')})"
            for label, n in facts.flag_counts.most_common(3)
        )
        parts.append(f"Most frequent: {top}.")
    else:
        parts.append("No flag stands.")
    reviews = Counter(r.review_status or "pending" for r in done)
    parts.append(
        f"Review: {reviews['approved']} approved, {reviews['declined']} declined, "
        f"{reviews['pending']} waiting."
    )
    if facts.open_appeals:
        parts.append(f"{plural(facts.open_appeals, 'appeal')} open.")
    critical = [r for r in done if r.tier == "critical"]
    if critical:
        shown = ", ".join(f"{r.name} ({r.roll_number}, risk {r.risk:.0f})" for r in critical[:5])
        more = f" and {len(critical) - 5} more" if len(critical) > 5 else ""
        parts.append(f"Look first at: {shown}{more}.")
    return " ".join(parts)
