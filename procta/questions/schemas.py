"""Questions in and out, and the per-type rules every question must pass, whichever way it
arrives (the JSON API, a CSV row or a QTI item).

Pydantic checks the shape of each field (422 ``validation_error``); ``checked`` then applies
the rules that tie the fields together (422 ``invalid_question``) and normalises: option
ids are generated where missing (a, b, c, … skipping ids in use), true/false options are
fixed, a multiple-choice key follows the option order, tags are lower-cased and de-duplicated,
and ``partial_credit`` is kept only for multiple choice.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from procta.errors import AppError

QuestionType = Literal[
    "single_choice", "multiple_choice", "true_false", "short_answer", "numeric", "essay"
]
CHOICE_TYPES = ("single_choice", "multiple_choice")
MatchMode = Literal["exact", "case_insensitive"]
TRUE_FALSE_OPTIONS = [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
MAX_OPTIONS = 20
MAX_ACCEPTED = 50
OPTION_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,31}$"
FORBIDDEN_IN_TAGS = '|,"'


def _clean_text(value: Any) -> Any:
    """One newline convention (XML and CSV would otherwise change \\r\\n on a round trip)."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def _no_control_characters(value: str) -> str:
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise ValueError("must not contain control characters")
    return value


def _clean_tag(value: Any) -> Any:
    return " ".join(value.split()).lower() if isinstance(value, str) else value


def _tag_characters(value: str) -> str:
    if any(c in FORBIDDEN_IN_TAGS for c in value):
        raise ValueError("a tag must not contain |, a comma or a double quote")
    return value


Tag = Annotated[
    str,
    BeforeValidator(_clean_tag),
    StringConstraints(min_length=1, max_length=40),
    AfterValidator(_tag_characters),
    AfterValidator(_no_control_characters),
]
Stem = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(min_length=1, max_length=20_000),
    AfterValidator(_no_control_characters),
]
OptionText = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(min_length=1, max_length=2_000),
    AfterValidator(_no_control_characters),
]
Explanation = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(max_length=20_000),
    AfterValidator(_no_control_characters),
]
Points = Annotated[float, Field(gt=0, le=1_000, allow_inf_nan=False)]


class OptionIn(BaseModel):
    id: Annotated[str, StringConstraints(pattern=OPTION_ID_PATTERN)] | None = None
    text: OptionText


class Option(BaseModel):
    id: str
    text: str


class ShortAnswerKey(BaseModel):
    accepted: list[str]
    match: MatchMode


class NumericKey(BaseModel):
    value: float
    tolerance: float


AnswerKey = str | list[str] | bool | ShortAnswerKey | NumericKey | None


class QuestionIn(BaseModel):
    """``answer`` by type: single_choice an option id; multiple_choice a list of option ids;
    true_false a bool; short_answer ``{"accepted": [...], "match": "exact" |
    "case_insensitive"}`` (a string or a list of strings is taken as ``accepted``, match
    defaults to case_insensitive); numeric ``{"value", "tolerance"}`` (a bare number means
    tolerance 0); essay null."""

    type: QuestionType
    stem: Stem
    options: Annotated[list[OptionIn], Field(max_length=MAX_OPTIONS)] = []
    answer: Any = None
    points: Points = 1.0
    partial_credit: bool = False
    explanation: Explanation = ""
    tags: Annotated[list[Tag], Field(max_length=20)] = []


class QuestionPatch(BaseModel):
    """Only the fields sent change; the result must pass the same rules as a new question."""

    type: QuestionType | None = None
    stem: Stem | None = None
    options: Annotated[list[OptionIn], Field(max_length=MAX_OPTIONS)] | None = None
    answer: Any = None
    points: Points | None = None
    partial_credit: bool | None = None
    explanation: Explanation | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None


class QuestionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    type: QuestionType
    stem: str
    options: list[Option]
    answer: AnswerKey
    points: float
    partial_credit: bool
    explanation: str
    tags: list[str]
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime | None


class TagCount(BaseModel):
    tag: str
    count: int


class ImportRowError(BaseModel):
    """``row``: the spreadsheet row (the header is row 1) or the item's position in a QTI
    package; ``file``: the item's file inside a QTI package."""

    row: int
    file: str | None = None
    errors: list[str]


class ImportOut(BaseModel):
    imported: int
    question_ids: list[str]
    errors: list[ImportRowError]


# --- the per-type rules -------------------------------------------------------------------


class InvalidQuestion(AppError):
    status = 422
    code = "invalid_question"


class _Problems:
    def __init__(self) -> None:
        self.found: list[dict[str, str]] = []

    def add(self, where: str, message: str) -> None:
        self.found.append({"field": where, "message": message})


def problems_from(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
        for e in exc.errors()
    ]


def _fail(problems: list[dict[str, str]]) -> InvalidQuestion:
    first = problems[0]
    return InvalidQuestion(f"{first['field']}: {first['message']}", details=problems)


def _with_ids(options: list[OptionIn]) -> list[dict[str, str]]:
    used = {o.id for o in options if o.id}
    free = iter(c for c in string.ascii_lowercase if c not in used)
    return [{"id": o.id or next(free), "text": o.text} for o in options]


def _choice_key(q: QuestionIn, ids: list[str], p: _Problems) -> Any:
    shown = ", ".join(ids)
    if q.type == "single_choice":
        if not isinstance(q.answer, str) or q.answer not in ids:
            p.add("answer", f"must be the id of one option ({shown})")
        return q.answer
    if not isinstance(q.answer, list) or not all(isinstance(a, str) for a in q.answer):
        p.add("answer", f"must be a list of option ids ({shown})")
        return q.answer
    if not q.answer:
        p.add("answer", "must name at least one correct option")
    elif len(set(q.answer)) != len(q.answer):
        p.add("answer", "names an option twice")
    elif not set(q.answer) <= set(ids):
        p.add("answer", f"names an option the question does not have ({shown})")
    return [i for i in ids if i in q.answer]


def _check_options(q: QuestionIn, p: _Problems) -> list[dict[str, str]]:
    if q.type == "true_false":
        return TRUE_FALSE_OPTIONS
    if q.type not in CHOICE_TYPES:
        if q.options:
            p.add("options", f"a {q.type} question has no options")
        return []
    options = _with_ids(q.options)
    if len(options) < 2:
        p.add("options", f"a {q.type} question needs at least 2 options")
    if len({o["id"] for o in options}) != len(options):
        p.add("options", "two options have the same id")
    if len({o["text"] for o in options}) != len(options):
        p.add("options", "two options have the same text")
    return options


def _short_answer_key(answer: Any, p: _Problems) -> Any:
    if isinstance(answer, str | list):
        answer = {"accepted": answer if isinstance(answer, list) else [answer]}
    if not isinstance(answer, dict) or set(answer) - {"accepted", "match"}:
        p.add("answer", 'must be {"accepted": [...], "match": "exact" or "case_insensitive"}')
        return answer
    accepted = answer.get("accepted")
    match = answer.get("match", "case_insensitive")
    if not isinstance(accepted, list) or not all(isinstance(a, str) for a in accepted):
        p.add("answer.accepted", "must be a list of accepted answers")
        return answer
    cleaned = list(dict.fromkeys(a.strip() for a in accepted if a.strip()))
    if not cleaned:
        p.add("answer.accepted", "needs at least one accepted answer")
    if len(cleaned) > MAX_ACCEPTED or any(len(a) > 1_000 for a in cleaned):
        p.add("answer.accepted", f"at most {MAX_ACCEPTED} answers of up to 1000 characters")
    if match not in ("exact", "case_insensitive"):
        p.add("answer.match", 'must be "exact" or "case_insensitive"')
    return {"accepted": cleaned, "match": match}


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numeric_key(answer: Any, p: _Problems) -> Any:
    if _finite(answer):
        answer = {"value": answer}
    if not isinstance(answer, dict) or set(answer) - {"value", "tolerance"}:
        p.add("answer", 'must be {"value": number, "tolerance": number}')
        return answer
    value, tolerance = answer.get("value"), answer.get("tolerance", 0)
    if not _finite(value):
        p.add("answer.value", "must be a number")
    if not _finite(tolerance) or tolerance < 0:
        p.add("answer.tolerance", "must be a number, 0 or more")
        return answer
    return {"value": value, "tolerance": tolerance}


def _answer_key(q: QuestionIn, option_ids: list[str], p: _Problems) -> Any:
    if q.type in CHOICE_TYPES:
        return _choice_key(q, option_ids, p)
    if q.type == "true_false":
        if not isinstance(q.answer, bool):
            p.add("answer", "must be true or false")
        return q.answer
    if q.type == "short_answer":
        return _short_answer_key(q.answer, p)
    if q.type == "numeric":
        return _numeric_key(q.answer, p)
    if q.answer is not None:
        p.add("answer", "an essay has no answer key (it is graded by hand): send null")
    return None


def checked(raw: QuestionIn | Mapping[str, Any]) -> dict[str, Any]:
    """The question's stored fields, normalised; InvalidQuestion lists every problem."""
    if isinstance(raw, QuestionIn):
        q = raw
    else:
        try:
            q = QuestionIn.model_validate(raw)
        except ValidationError as exc:
            raise _fail(problems_from(exc)) from None
    p = _Problems()
    options = _check_options(q, p)
    answer = _answer_key(q, [o["id"] for o in options], p)
    if p.found:
        raise _fail(p.found)
    return {
        "type": q.type,
        "stem": q.stem,
        "options": options,
        "answer": answer,
        "points": q.points,
        "partial_credit": q.partial_credit and q.type == "multiple_choice",
        "explanation": q.explanation,
        "tags": list(dict.fromkeys(q.tags)),
    }


@dataclass
class ParsedImport:
    """What a CSV or QTI file holds: questions that passed every rule (stored fields) and the
    rows that did not, each with its reasons."""

    questions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ImportRowError] = field(default_factory=list)

    def reject(self, row: int, errors: list[str], file: str | None = None) -> None:
        self.errors.append(ImportRowError(row=row, file=file, errors=errors))

    def add(self, row: int, raw: Mapping[str, Any], file: str | None = None) -> None:
        try:
            self.questions.append(checked(raw))
        except InvalidQuestion as exc:
            self.reject(row, [f"{p['field']}: {p['message']}" for p in exc.details], file)
