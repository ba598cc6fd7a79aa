"""The roster as CSV: import with a per-row error report, and export.

A file is all or nothing: one bad row and nothing is written, unless the teacher chooses to
import the valid rows only. Rows are numbered as a spreadsheet shows them (the header is 1).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.db import new_id, org_select
from procta.errors import AppError, BadRequest
from procta.students import groups
from procta.students.models import GroupMember, Student, StudentGroup
from procta.students.schemas import GROUP_NAME_MAX, NAME_MAX, ROLL_MAX
from procta.students.schemas import ONE_LINE as ONE_LINE_PATTERN

MAX_BYTES = 2 * 1024 * 1024
REQUIRED = ("roll_number", "name", "email")
COLUMNS = (*REQUIRED, "group")
ALIASES = {"groups": "group", "roll": "roll_number", "roll_no": "roll_number"}
GROUP_SEPARATOR = ";"
# A cell starting with one of these is a formula to a spreadsheet; exports defuse it with a
# leading apostrophe, which imports take off again.
FORMULA_START = ("=", "+", "-", "@")
_email = TypeAdapter(EmailStr)
ONE_LINE = re.compile(ONE_LINE_PATTERN)


@dataclass
class RosterRow:
    row: int
    roll_number: str
    name: str
    email: str | None
    groups: list[str]


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    errors: dict[int, list[str]] = field(default_factory=dict)

    def add_error(self, row: int, message: str) -> None:
        self.errors.setdefault(row, []).append(message)

    def as_dict(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "errors": [{"row": r, "errors": e} for r, e in sorted(self.errors.items())],
        }


# --- reading the file -----------------------------------------------------------------


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise AppError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into parts.",
            code="body_too_large",
            status=413,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise BadRequest(
            "The file is not UTF-8 CSV text. In your spreadsheet, save it as “CSV UTF-8”.",
            code="bad_encoding",
        )
    if not text.strip():
        raise BadRequest("The file is empty.", code="empty_roster")
    return text


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    try:
        for row, values in enumerate(reader, start=1):
            yield row, values
    except csv.Error as exc:
        raise BadRequest(
            f"The file is not valid CSV near row {row + 1}: {exc}.", code="malformed_csv"
        ) from None


def _header(values: list[str]) -> list[str]:
    names = [v.strip().lower().replace(" ", "_") for v in values]
    while names and not names[-1]:  # spreadsheets often end rows with empty cells
        names.pop()
    names = [ALIASES.get(n, n) for n in names]
    expected = "roll_number, name, email and optionally group"
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise BadRequest(
            f"Unknown column(s) in the first row: {', '.join(unknown)}. "
            f"The columns are {expected}.",
            code="bad_header",
        )
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise BadRequest(
            f"The first row must name the columns {expected} (missing: {', '.join(missing)}).",
            code="bad_header",
        )
    if len(set(names)) != len(names):
        raise BadRequest("A column is named twice in the first row.", code="bad_header")
    return names


def _cell(value: str) -> str:
    value = value.strip()
    if value[:1] == "'" and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def _row(row: int, cells: dict[str, str], report: ImportReport) -> RosterRow | None:
    before = len(report.errors.get(row, []))
    roll, name, email = cells["roll_number"], cells["name"], cells["email"]
    for column, value, limit in (("roll_number", roll, ROLL_MAX), ("name", name, NAME_MAX)):
        if not value:
            report.add_error(row, f"{column} is missing")
        elif len(value) > limit:
            report.add_error(row, f"{column} is longer than {limit} characters")
        elif not ONE_LINE.match(value):
            report.add_error(row, f"{column} contains control characters")
    if email:
        try:
            email = _email.validate_python(email).lower()
        except ValidationError:
            report.add_error(row, f"email “{email}” is not a valid email address")
    group_names = [g.strip() for g in cells.get("group", "").split(GROUP_SEPARATOR) if g.strip()]
    if any(len(g) > GROUP_NAME_MAX or not ONE_LINE.match(g) for g in group_names):
        report.add_error(
            row, f"a group name is longer than {GROUP_NAME_MAX} characters or not one line"
        )
    if len(report.errors.get(row, [])) > before:
        return None
    return RosterRow(row, roll, name, email or None, group_names)


def parse(data: bytes, report: ImportReport) -> list[RosterRow]:
    """The file's well-formed rows; everything wrong with a row goes into ``report``."""
    records = _records(_decode(data))
    header = _header(next((values for _, values in records), []))
    rows: list[RosterRow] = []
    first_seen: dict[str, int] = {}
    for row, values in records:
        if not any(v.strip() for v in values):
            continue
        if any(v.strip() for v in values[len(header) :]):
            report.add_error(row, f"has {len(values)} values but the header has {len(header)}")
            continue
        values = values[: len(header)]
        cells = dict(zip(header, (_cell(v) for v in values), strict=False))
        for column in header[len(values) :]:
            cells[column] = ""
        parsed = _row(row, cells, report)
        roll = cells["roll_number"]
        if roll and roll in first_seen:
            report.add_error(row, f"roll number {roll} is also on row {first_seen[roll]}")
            continue
        first_seen.setdefault(roll, row)
        if parsed is not None:
            rows.append(parsed)
    if not rows and not report.errors:
        raise BadRequest("The file has no student rows below the header.", code="empty_roster")
    return rows


# --- writing the rows -----------------------------------------------------------------


class Known(NamedTuple):
    id: str
    name: str
    email: str | None


async def _existing(session: AsyncSession, org_id: str, rolls: list[str]) -> dict[str, Known]:
    """The org's students with these roll numbers, read in one pass over the org's roster
    (a long ``roll_number IN (...)`` list is slow on PostgreSQL without fresh statistics)."""
    wanted = set(rolls)
    stmt = org_select(Student, org_id).with_only_columns(
        Student.roll_number, Student.id, Student.name, Student.email
    )
    return {
        roll: Known(student_id, name, email)
        for roll, student_id, name, email in await session.execute(stmt)
        if roll in wanted
    }


class _Groups:
    """The org's groups by name (case-insensitive), creating the missing ones on demand."""

    def __init__(self, session: AsyncSession, org_id: str, known: dict[str, StudentGroup]) -> None:
        self.session, self.org_id, self.known = session, org_id, known

    def id_of(self, name: str) -> str:
        group = self.known.get(name.lower())
        if group is None:
            group = StudentGroup(id=new_id(), org_id=self.org_id, name=name, description="")
            self.session.add(group)
            self.known[name.lower()] = group
        return group.id


async def import_roster(
    session: AsyncSession,
    org_id: str,
    data: bytes,
    *,
    update_existing: bool,
    valid_only: bool,
    dry_run: bool,
    actor: str,
) -> ImportReport:
    report = ImportReport()
    rows = parse(data, report)
    existing = await _existing(session, org_id, [r.roll_number for r in rows])
    if not update_existing:
        for r in rows:
            if r.roll_number in existing:
                report.add_error(r.row, f"roll number {r.roll_number} already exists")
    good = [r for r in rows if r.row not in report.errors]
    if report.errors and not (valid_only or dry_run):
        bad = len(report.errors)
        raise AppError(
            f"{bad} row{'s' if bad > 1 else ''} of the file {'have' if bad > 1 else 'has'} "
            "errors, so nothing was imported. Fix them, or import the valid rows only.",
            code="roster_invalid",
            status=422,
            details=report.as_dict(),
        )
    if dry_run:
        report.updated = sum(1 for r in good if r.roll_number in existing)
        report.imported = len(good) - report.updated
        return report
    await _apply(session, org_id, good, existing, report)
    record(
        session,
        "students.imported",
        org_id=org_id,
        actor_email=actor,
        imported=report.imported,
        updated=report.updated,
        rows_with_errors=len(report.errors),
    )
    await session.flush()
    return report


async def _apply(
    session: AsyncSession,
    org_id: str,
    rows: list[RosterRow],
    existing: dict[str, Known],
    report: ImportReport,
) -> None:
    """Bulk statements rather than one ORM object per row: a 2 MB file is ~40,000 rows."""
    known = _Groups(session, org_id, await groups.groups_by_name(session, org_id))
    memberships = await groups.member_pairs(session, org_id)
    new_students: list[dict[str, object]] = []
    changed_students: list[dict[str, object]] = []
    new_members: list[dict[str, object]] = []
    for r in rows:
        found = existing.get(r.roll_number)
        student_id = found.id if found else new_id()
        changed = False
        if found is None:
            new_students.append(
                {
                    "id": student_id,
                    "org_id": org_id,
                    "roll_number": r.roll_number,
                    "name": r.name,
                    "email": r.email,
                }
            )
            report.imported += 1
        elif (found.name, found.email) != (r.name, r.email or found.email):
            changed_students.append(
                {"id": student_id, "name": r.name, "email": r.email or found.email}
            )
            changed = True
        for name in r.groups:
            pair = (known.id_of(name), student_id)
            if pair not in memberships:
                memberships.add(pair)
                new_members.append({"org_id": org_id, "group_id": pair[0], "student_id": pair[1]})
                changed = True
        if changed and found is not None:
            report.updated += 1
    await session.flush()  # new groups first: members refer to them
    if new_students:
        await session.execute(insert(Student), new_students)
    if changed_students:
        await session.execute(update(Student), changed_students)
    if new_members:
        await session.execute(insert(GroupMember), new_members)


# --- export ---------------------------------------------------------------------------


def _defuse(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def export_csv(rows: list[tuple[Student, list[str]]]) -> str:
    """``rows``: each student with their group names. Re-importable as it is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for student, group_names in rows:
        cells = [student.roll_number, student.name, student.email or "", "; ".join(group_names)]
        writer.writerow([_defuse(c) for c in cells])
    return out.getvalue()
