"""Questions as CSV, for spreadsheets.

The file is UTF-8 (a byte-order mark is fine; exports carry one so Excel reads accents) with
a header row. Columns, by header name in any order; ``match`` and ``tolerance`` may be left
out:

=============== ========================================================================
type            single_choice, multiple_choice, true_false, short_answer, numeric, essay
stem            the question text
options         choice types: the option texts separated by ``|`` (options get the ids
                a, b, c, … in this order); empty for other types
answer          single_choice: the option's letter (``B``); multiple_choice: letters
                separated by ``|`` (``A|C``); true_false: ``true`` or ``false``;
                short_answer: the accepted answers separated by ``|``; numeric: the
                value (``9.81``); essay: empty
points          a number above 0 (empty: 1)
partial_credit  multiple_choice only: ``true`` or ``false`` (empty: false)
explanation     shown with the results (may be empty)
tags            separated by ``|``
match           short_answer only: ``case_insensitive`` (empty: the default) or ``exact``
tolerance       numeric only: the allowed difference, 0 or more (empty: 0)
=============== ========================================================================

A ``|`` or ``\\`` inside an option, an accepted answer or a tag is written ``\\|`` or ``\\\\``.
Options travel by position, so an option id other than a, b, c, … becomes the letter of its
place on import.
"""

from __future__ import annotations

import csv
import io
import string
from collections.abc import Iterable
from typing import Any

from procta.errors import BadRequest
from procta.questions.models import QUESTION_TYPES, Question
from procta.questions.schemas import CHOICE_TYPES, ParsedImport

COLUMNS = (
    "type",
    "stem",
    "options",
    "answer",
    "points",
    "partial_credit",
    "explanation",
    "tags",
    "match",
    "tolerance",
)
REQUIRED = COLUMNS[:8]
MAX_ROWS = 10_000
LETTERS = string.ascii_uppercase
TRUE_WORDS = {"true": True, "t": True, "yes": True, "1": True}
FALSE_WORDS = {"false": False, "f": False, "no": False, "0": False, "": False}


def split_list(cell: str) -> list[str]:
    """``a|b\\|c`` → ``["a", "b|c"]``; blank items are dropped."""
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def join_list(items: Iterable[str]) -> str:
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


# --- export ---------------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _answer_cell(question: Question) -> tuple[str, str, str]:
    """(answer, match, tolerance) cells."""
    key = question.answer
    if question.type in CHOICE_TYPES:
        letters = {o["id"]: LETTERS[i] for i, o in enumerate(question.options)}
        chosen = key if isinstance(key, list) else [key]
        return "|".join(letters[c] for c in chosen), "", ""
    if question.type == "true_false":
        return ("true" if key else "false"), "", ""
    if question.type == "short_answer":
        return join_list(key["accepted"]), key["match"], ""
    if question.type == "numeric":
        return _number(key["value"]), "", _number(key["tolerance"])
    return "", "", ""


def export_csv(questions: list[Question]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for q in questions:
        answer, match, tolerance = _answer_cell(q)
        choice = q.type in CHOICE_TYPES
        writer.writerow(
            [
                q.type,
                q.stem,
                join_list(o["text"] for o in q.options) if choice else "",
                answer,
                _number(q.points),
                "true" if q.partial_credit else "false",
                q.explanation,
                join_list(q.tags),
                match,
                tolerance,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


# --- import ---------------------------------------------------------------------------------


class RowProblem(Exception):
    """A cell that cannot be read; reported against its row."""


def _letter_ids(cell: str, count: int, *, many: bool) -> Any:
    if count == 0:
        raise RowProblem("answer: the question has no options to choose from")
    letters = split_list(cell) if many else [cell.strip()]
    ids = []
    for letter in letters:
        index = LETTERS.find(letter.upper()) if len(letter) == 1 else -1
        if not 0 <= index < count:
            last = LETTERS[min(count, len(LETTERS)) - 1]
            raise RowProblem(f"answer: {letter!r} is not an option letter (A to {last})")
        ids.append(string.ascii_lowercase[index])
    return ids if many else ids[0]


def _float(cell: str, column: str, default: float | None = None) -> float:
    if not cell.strip() and default is not None:
        return default
    try:
        return float(cell.strip())
    except ValueError:
        raise RowProblem(f"{column}: {cell.strip()!r} is not a number") from None


def _bool(cell: str, column: str) -> bool:
    word = cell.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowProblem(f"{column}: write true or false, not {cell.strip()!r}")


def _answer(kind: str, row: dict[str, str], option_count: int) -> Any:
    cell = row["answer"]
    if kind in CHOICE_TYPES:
        return _letter_ids(cell, option_count, many=kind == "multiple_choice")
    if kind == "true_false":
        if not cell.strip():
            raise RowProblem("answer: write true or false")
        return _bool(cell, "answer")
    if kind == "short_answer":
        match = row.get("match", "").strip() or "case_insensitive"
        return {"accepted": split_list(cell), "match": match}
    if kind == "numeric":
        return {
            "value": _float(cell, "answer"),
            "tolerance": _float(row.get("tolerance", ""), "tolerance", default=0.0),
        }
    if cell.strip():
        raise RowProblem("answer: leave it empty for an essay (graded by hand)")
    return None


def _raw_question(row: dict[str, str]) -> dict[str, Any]:
    kind = row["type"].strip().lower()
    if kind not in QUESTION_TYPES:
        raise RowProblem(f"type: {kind!r} is not one of {', '.join(QUESTION_TYPES)}")
    options = split_list(row["options"]) if kind in CHOICE_TYPES else []
    if row["options"].strip() and kind not in (*CHOICE_TYPES, "true_false"):
        raise RowProblem(f"options: a {kind} question has no options")
    return {
        "type": kind,
        "stem": row["stem"],
        "options": [{"text": text} for text in options],  # ids a, b, c, … are generated
        "answer": _answer(kind, row, len(options)),
        "points": _float(row["points"], "points", default=1.0),
        "partial_credit": _bool(row["partial_credit"], "partial_credit"),
        "explanation": row["explanation"],
        "tags": split_list(row["tags"]),
    }


def _header(names: list[str]) -> list[str]:
    header = [name.strip().lower() for name in names]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    if unknown or missing or len(set(header)) != len(header):
        problems = []
        if missing:
            problems.append(f"missing column(s): {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s): {', '.join(unknown)}")
        if len(set(header)) != len(header):
            problems.append("a column appears twice")
        raise BadRequest(
            f"The CSV header is not right ({'; '.join(problems)}). "
            f"Expected the columns {', '.join(COLUMNS)}.",
            code="invalid_csv",
        )
    return header


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequest(
            "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.",
            code="invalid_csv",
        ) from None


def parse_csv(data: bytes) -> ParsedImport:
    """Read every row; a file that is not CSV as documented above is refused as a whole.
    Rows are numbered as a spreadsheet shows them (the header is row 1)."""
    parsed = ParsedImport()
    try:
        reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
        first = next(reader, None)
        if first is None:
            raise BadRequest("The file is empty.", code="invalid_csv")
        header = _header(first)
        for row_number, cells in enumerate(reader, start=2):
            if row_number > MAX_ROWS + 1:
                raise BadRequest(f"At most {MAX_ROWS} questions per file.", code="invalid_csv")
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problem = f"has {len(cells)} cells; the header has {len(header)}"
                parsed.reject(row_number, [problem])
                continue
            try:
                raw = _raw_question(dict(zip(header, cells, strict=True)))
            except RowProblem as problem:
                parsed.reject(row_number, [str(problem)])
                continue
            parsed.add(row_number, raw)
    except csv.Error as exc:
        raise BadRequest(f"The CSV cannot be read: {exc}.", code="invalid_csv") from None
    return parsed
