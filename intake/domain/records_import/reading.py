"""Reading the file: text, the header, and one dictionary per line, with every problem found on the way."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from flask import has_request_context
from flask_babel import gettext

COLUMNS: tuple[str, ...] = (
    "reference",
    "kind",
    "procedure",
    "received_on",
    "method",
    "submitted_by",
    "advocate",
    "team",
    "categories",
    "outcome",
    "stage",
    "stage1_responded_on",
    "stage2_requested_on",
    "stage2_responded_on",
    "stage3_requested_on",
    "stage3_responded_on",
    "lgo",
    "compensation_pence",
    "compensation_detail",
    # Optional since issue 17: the Ombudsman's referral in full, and up to five payments (the first is
    # compensation_pence with its detail and day).
    "lgo_referred_on",
    "lgo_reference",
    "lgo_decided_on",
    "lgo_remedy",
    "compensation_paid_on",
    *(f"payment{n}_{part}" for n in range(2, 6) for part in ("pence", "paid_on", "detail")),
)
# Without these a row means nothing; every other column may be left out (all "not known").
REQUIRED_COLUMNS: tuple[str, ...] = ("reference", "kind", "received_on")

RawRow = dict[str, str]


def _(msgid: str, **values: Any) -> str:
    """Translated on a staff page; plain English from the command line, where there is no visitor's language."""
    if has_request_context():
        return gettext(msgid, **values)
    return msgid % values if values else msgid


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the file. ``line`` 1 is the header; ``column`` is None for whole-row problems."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return _(
                "Line %(line)s, column %(column)s: %(message)s",
                line=self.line,
                column=self.column,
                message=self.message,
            )
        return _("Line %(line)s: %(message)s", line=self.line, message=self.message)


def read_csv(data: bytes | str) -> tuple[list[str], list[tuple[int, RawRow]], list[Problem]]:
    """Decode and split the file. Returns the header, (line, row) pairs and file-level problems."""
    text, problem = _decoded(data)
    if problem is not None:
        return [], [], [problem]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [], [Problem(1, None, _("The file is empty. The first line must name the columns."))]
    except csv.Error as exc:
        return [], [], [Problem(1, None, _("The header line cannot be read: %(error)s", error=str(exc)))]
    names = [h.strip().lower() for h in header]
    problems = _header_problems(names)
    rows = _rows(reader, names, problems)
    return names, rows, problems


def _decoded(data: bytes | str) -> tuple[str, Problem | None]:
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(line, None, _('This is not UTF-8 text. Save the file as "CSV UTF-8" and try again.'))


def _header_problems(names: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                Problem(1, name, _("Unknown column. The columns are: %(columns)s", columns=", ".join(COLUMNS)))
            )
        elif name in seen:
            problems.append(Problem(1, name, _("This column appears more than once.")))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            problems.append(
                Problem(
                    1,
                    name,
                    _("This column is missing. Every file needs: %(columns)s", columns=", ".join(REQUIRED_COLUMNS)),
                )
            )
    return problems


def _rows(reader: Any, names: list[str], problems: list[Problem]) -> list[tuple[int, RawRow]]:
    rows: list[tuple[int, RawRow]] = []
    start = reader.line_num + 1
    try:
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue  # blank lines are ignored (spreadsheets often add them at the end)
            if len(values) > len(names):
                problems.append(Problem(line, None, _("This line has more values than there are columns.")))
                continue
            rows.append((line, {n: (values[i].strip() if i < len(values) else "") for i, n in enumerate(names) if n}))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, None, _("This line cannot be read: %(error)s", error=str(exc))))
    return rows
