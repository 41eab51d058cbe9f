"""The query language: fields, phrases, booleans, dates, and clear errors for bad syntax."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.query import QueryError, parse_date_span, parse_query
from index.schema import build_schema

SCHEMA = build_schema()


def q(text):
    return parse_query(text, SCHEMA)


def test_words_are_stemmed_with_porter2():
    assert "run" in str(q("running").query) and "runn" not in str(q("running").query)


def test_phrase_and_fields():
    assert 'body:"peac talk"' in str(q('"peace talks"').query)
    assert str(q("speaker:Peskov").query) == "speaker:peskov"
    assert "title:" in str(q("title:nato").query)


def test_aliases_map_to_schema_fields():
    assert "quotes:" in str(q("quote:ceasefire").query)
    assert "page_type:" in str(q("type:listing").query)


@pytest.mark.parametrize("text,lo,hi", [
    ("date:2022", datetime(2022, 1, 1), datetime(2022, 12, 31, 23, 59, 59, 999999)),
    ("date:2022-02", datetime(2022, 2, 1), datetime(2022, 2, 28, 23, 59, 59, 999999)),
    ("date:2022-02-24", datetime(2022, 2, 24), datetime(2022, 2, 24, 23, 59, 59, 999999)),
])
def test_date_granularity(text, lo, hi):
    pq = q(text)
    assert pq.date_filters == [(lo, hi)]


def test_date_range_and_comparisons():
    assert q("date:[2022-01-01 TO 2022-03-31]").date_filters[0][0] == datetime(2022, 1, 1)
    assert q("date:>2022-02-24").date_filters[0] == (datetime(2022, 2, 25), None)
    assert q("date:<2022").date_filters[0][1] < datetime(2022, 1, 1)
    assert q("peace -date:2022").date_excludes


def test_month_names_via_dateutil():
    lo, hi = parse_date_span("Feb 2022")
    assert lo == datetime(2022, 2, 1) and hi.month == 2


def test_star_matches_everything():
    assert q("*").query.__class__.__name__ == "Every"


@pytest.mark.parametrize("bad,needle", [
    ("(peace", r"unclosed '\('"),
    ("peace)", r"unmatched '\)'"),
    ('"peace talks', "unclosed quotation"),
    ("title:", "needs a value"),
    ("colour:red", "unknown field"),
    ("date:notadate", "not a date"),
    ("", "empty query"),
    ("x" * 5000, "too long"),
])
def test_bad_queries_say_what_is_wrong(bad, needle):
    with pytest.raises(QueryError, match=needle):
        q(bad)


def test_non_latin_scripts_search():
    assert "меркель" in str(q("Меркель").query)
    assert str(q("和平").query)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_query_error(text):
    try:
        pq = q(text)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    assert pq.query is not None
