"""Dates at their real precision: the one type every date field of the model uses.

Sits under the model (load -> validate -> **model** -> ...): a source gives a day, a month or only
a year, and editors write exactly that (`2025-06-10`, `2025-06`, `2025`). A `PartialDate` keeps
what was written and nothing more, so no page, feed or download can show a day nobody gave.
Everything that compares, sorts, labels or serialises a date goes through this module: the
earliest and latest day a partial date can mean (`earliest`, `latest`), whether it certainly
falls before another (`certainly_before`), its reader label (`label`), its machine form (`iso`,
also the `<time datetime>` value) and its precision.

Unknown is not a date: fields where a source may not say (a publication date) allow `None`,
written `unknown` in the data, and `label(None)` reads "date not known".
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

Precision = Literal["year", "month", "day"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: Years a fact about the talks can plausibly carry; outside them a date is a typo (9999-12-31),
#: and the calendar and feed writers could not represent it anyway.
MIN_YEAR, MAX_YEAR = 1900, 2100
UNKNOWN = "unknown"
PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_RANK = {"year": 0, "month": 1, "day": 2}


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A year, a month of a year, or a day: `PartialDate(2025)`, `PartialDate(2025, 6)`,
    `PartialDate(2025, 6, 10)`. Ordered by the earliest day it can mean, a less precise date
    first ('2025' sorts before '2025-01-01', as a year's undated events open its list)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "year" if self.month is None else "month" if self.day is None else "day"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    @property
    def iso(self) -> str:
        """'2025', '2025-06' or '2025-06-10': ISO 8601 at its precision, as editors write it."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.earliest, _RANK[self.precision])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __str__(self) -> str:
        return self.iso

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls within the period this date names."""
        return self.earliest <= day <= self.latest

    def certainly_before(self, other: PartialDate) -> bool:
        """True only when every day this date can mean comes before every day `other` can:
        '2025-05' is certainly before '2025-06-01', '2025' is not certainly before '2025-06'."""
        return self.latest < other.earliest

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """An editor's value -> a date, or a `PydanticCustomError` an editor can act on (its
        context carries a `hint` naming the fix: 'February 2025 has 28 days')."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls.of(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year: YAML reads `2025` as a number
        if not isinstance(value, str) or not _FORM.fullmatch(value):
            raise PydanticCustomError(
                "invalid-date", "'{value}' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
                {"value": str(value)[:40], "hint": "e.g. 2025-06-10, or 2025-06 when the source "
                                                   "gives only the month"})
        year_text, month_text, day_text = _FORM.fullmatch(value).groups()  # type: ignore[union-attr]
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PydanticCustomError(
                "date-out-of-range", "'{value}' is outside the years {min}–{max}",
                {"value": value, "min": MIN_YEAR, "max": MAX_YEAR,
                 "hint": "check the year for a typo"})
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError(
                "invalid-date", "'{value}' is not a calendar date",
                {"value": value, "hint": f"there is no month {month}; write YYYY-MM-DD"})
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PydanticCustomError(
                    "invalid-date", "'{value}' is not a calendar date",
                    {"value": value, "hint": f"{MONTHS[month - 1]} {year} has {last} days"})
        return cls(year, month, day)

    # --- pydantic integration: validated from editor values, serialised as `iso` ---------------

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda d: d.iso, when_used="json-unless-none"))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return json_schema()


def json_schema() -> dict[str, Any]:
    """A date as editors may write it: `2025-06-10`, `2025-06`, or a bare year `2025`."""
    return {"anyOf": [{"type": "string", "pattern": PATTERN},
                      {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}]}


def parse_or_unknown(value: Any) -> PartialDate | None:
    """A date, or None for the word `unknown` (a source that does not say). An empty value is
    not 'unknown': editors must say so."""
    if value == UNKNOWN:
        return None
    if value is None:
        raise PydanticCustomError("blank", "is empty",
                                  {"hint": "give the date, or write 'unknown'"})
    return PartialDate.parse(value)


def label(date: PartialDate | None, end: PartialDate | None = None) -> str:
    """A date for readers at its real precision: '10 June 2025', 'June 2025', '2025',
    '9–10 June 2025', 'date not known'."""
    if date is None:
        return "date not known"
    if date.month is None:
        return str(date.year) if end is None or end == date else f"{date.year}–{end.year}"
    month = f"{MONTHS[date.month - 1]} {date.year}"
    if date.day is None:
        return month if end is None or end == date else f"{month} – {label(end)}"
    if end is None or end == date or end.day is None or end.month is None:
        return f"{date.day} {month}"
    if (end.year, end.month) == (date.year, date.month):
        return f"{date.day}–{end.day} {month}"
    if end.year == date.year:
        return f"{date.day} {MONTHS[date.month - 1]} – {label(end)}"
    return f"{date.day} {month} – {label(end)}"


def period_label(start: PartialDate | None, end: PartialDate | None, *, open_end: bool) -> str:
    """A tenure for readers: '2023–', '2017–2021', 'from March 2018', 'until 2021'.
    `open_end`: the period is still running (a role still held)."""
    if start and end:
        if start.precision == end.precision == "year":
            return f"{start.year}–{end.year}"
        return f"{label(start)} – {label(end)}"
    if start:
        if start.precision == "year" and open_end:
            return f"{start.year}–"
        return f"from {label(start)}"
    if end:
        return f"until {label(end)}"
    return ""


def build_date() -> dt.date:
    """The day the site is built: from `SOURCE_DATE_EPOCH` in a reproducible build, else today.
    Relative phrases ('in 12 days') are computed from it and always shown with their date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days
