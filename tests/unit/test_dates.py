"""dates: a date is exactly as precise as its source, compared and labelled without inventing
a day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from tradetalks.dates import (
    PartialDate,
    build_date,
    label,
    parse_or_unknown,
    period_label,
)


@pytest.mark.parametrize(("written", "precision", "earliest", "latest"), [
    ("2025-06-10", "day", dt.date(2025, 6, 10), dt.date(2025, 6, 10)),
    ("2025-06", "month", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    (2025, "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ("2025", "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    (dt.date(2025, 6, 10), "day", dt.date(2025, 6, 10), dt.date(2025, 6, 10)),
])
def test_a_date_keeps_its_precision(written: object, precision: str, earliest: dt.date,
                                    latest: dt.date) -> None:
    date = PartialDate.parse(written)
    assert (date.precision, date.earliest, date.latest) == (precision, earliest, latest)
    assert PartialDate.parse(date.iso) == date


@pytest.mark.parametrize(("written", "message", "hint"), [
    ("2025-02-30", "'2025-02-30' is not a calendar date", "February 2025 has 28 days"),
    ("2024-02-30", "'2024-02-30' is not a calendar date", "February 2024 has 29 days"),
    ("2025-13-01", "'2025-13-01' is not a calendar date", "there is no month 13; write YYYY-MM-DD"),
    ("2025-00", "'2025-00' is not a calendar date", "there is no month 0; write YYYY-MM-DD"),
    ("9999-12-31", "'9999-12-31' is outside the years 1900–2100", "check the year for a typo"),
    (1850, "'1850' is outside the years 1900–2100", "check the year for a typo"),
    ("10/06/2025", "'10/06/2025' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
     "e.g. 2025-06-10, or 2025-06 when the source gives only the month"),
    ("2025-6-1", "'2025-6-1' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
     "e.g. 2025-06-10, or 2025-06 when the source gives only the month"),
])
def test_a_bad_date_says_what_is_wrong_and_how_to_fix_it(written: object, message: str,
                                                          hint: str) -> None:
    with pytest.raises(PydanticCustomError) as raised:
        PartialDate.parse(written)
    assert str(raised.value) == message
    assert raised.value.context["hint"] == hint  # type: ignore[index]


def test_true_and_false_are_not_years() -> None:
    with pytest.raises(PydanticCustomError):
        PartialDate.parse(True)


def test_unknown_is_said_not_left_empty() -> None:
    assert parse_or_unknown("unknown") is None
    assert parse_or_unknown("2025-06") == PartialDate(2025, 6)
    with pytest.raises(PydanticCustomError) as raised:
        parse_or_unknown(None)
    assert raised.value.type == "blank"


def test_a_less_precise_date_sorts_first_and_ties_are_stable() -> None:
    dates = [PartialDate(2025, 6, 1), PartialDate(2025, 6), PartialDate(2025),
             PartialDate(2024, 12, 31)]
    assert sorted(dates) == [PartialDate(2024, 12, 31), PartialDate(2025), PartialDate(2025, 6),
                             PartialDate(2025, 6, 1)]


def test_certainly_before_only_when_no_day_overlaps() -> None:
    assert PartialDate(2025, 5).certainly_before(PartialDate(2025, 6, 1))
    assert not PartialDate(2025).certainly_before(PartialDate(2025, 6))
    assert not PartialDate(2025, 6).certainly_before(PartialDate(2025, 6, 30))
    assert PartialDate(2024).certainly_before(PartialDate(2025))


@pytest.mark.parametrize(("start", "end", "text"), [
    (PartialDate(2025, 6, 10), None, "10 June 2025"),
    (PartialDate(2025, 6), None, "June 2025"),
    (PartialDate(2025), None, "2025"),
    (PartialDate(2025, 6, 9), PartialDate(2025, 6, 10), "9–10 June 2025"),
    (PartialDate(2025, 6, 30), PartialDate(2025, 7, 2), "30 June – 2 July 2025"),
    (PartialDate(2024, 12, 30), PartialDate(2025, 1, 2), "30 December 2024 – 2 January 2025"),
    (None, None, "date not known"),
])
def test_labels(start: PartialDate | None, end: PartialDate | None, text: str) -> None:
    assert label(start, end) == text


def test_period_labels() -> None:
    assert period_label(PartialDate(2023), None, open_end=True) == "2023–"
    assert period_label(PartialDate(2023), None, open_end=False) == "from 2023"
    assert period_label(PartialDate(2017), PartialDate(2021), open_end=False) == "2017–2021"
    assert period_label(None, PartialDate(2021, 1), open_end=False) == "until January 2021"
    assert period_label(None, None, open_end=False) == ""


def test_build_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1749513600")  # 2025-06-10T00:00:00Z
    assert build_date() == dt.date(2025, 6, 10)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.date.today()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["year", "month", "day"]))
def test_every_day_a_date_can_mean_lies_within_it(day: dt.date, precision: str) -> None:
    date = {"year": PartialDate(day.year), "month": PartialDate(day.year, day.month),
            "day": PartialDate.of(day)}[precision]
    assert date.earliest <= day <= date.latest
    assert date.covers(day)
    assert PartialDate.parse(date.iso) == date
