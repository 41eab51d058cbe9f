"""Parse what a user types into a Whoosh query plus date filters, or a clear error.

Whoosh's own parser never complains: an unclosed quote or a misspelt field silently
becomes a different search. A news reader's user deserves to be told, with a pointer to
the spot, so the checks here run first. Date clauses (``date:2022``, ``date:2022-02``,
``date:[2022-01-01 TO 2022-03-31]``, ``date:>2022-02-24``) are parsed with dateutil and
applied as filters, which is also faster than scoring them as query clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta
from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser

from .schema import QUERY_FIELDS

MAX_QUERY_CHARS = 4000
_FIELD_ALIASES = {"quote": "quotes", "quotes": "quotes", "type": "page_type", "speakers": "speaker"}
#: Quotations are part of the body, so searching the quotes field by default only cost time.
DEFAULT_FIELDS = ["title", "body"]


class QueryError(ValueError):
    """A query that cannot be run; ``str(exc)`` is one line fit for stderr or a notification."""


@dataclass
class ParsedQuery:
    text: str
    query: wq.Query
    date_filters: list[tuple[datetime | None, datetime | None]] = field(default_factory=list)
    date_excludes: list[tuple[datetime | None, datetime | None]] = field(default_factory=list)


def _pointer(text: str, pos: int, msg: str) -> QueryError:
    return QueryError(f"{msg} at column {pos + 1}: {text[max(0, pos - 20):pos]}>>{text[pos:pos + 20]}")


def _check_balance(text: str) -> None:
    quote_at = None
    depth_stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == '"':
            quote_at = None if quote_at is not None else i
        elif quote_at is None:
            if ch == "(":
                depth_stack.append(i)
            elif ch == ")":
                if not depth_stack:
                    raise _pointer(text, i, "unmatched ')'")
                depth_stack.pop()
    if quote_at is not None:
        raise _pointer(text, quote_at, 'unclosed quotation mark \'"\'')
    if depth_stack:
        raise _pointer(text, depth_stack[-1], "unclosed '('")


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DEFAULT = datetime(2000, 1, 1)


def parse_date_span(value: str) -> tuple[datetime, datetime]:
    """The first and last instant a date expression covers: ``2022`` is the whole year."""
    v = value.strip().strip('"')
    if not v:
        raise QueryError("date: needs a value, e.g. date:2022-02")
    if _YEAR.match(v):
        start = datetime(int(v), 1, 1)
        return start, start + relativedelta(years=1) - timedelta(microseconds=1)
    m = _MONTH.match(v)
    if m:
        try:
            start = datetime(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            raise QueryError(f"not a date: {value!r}") from None
        return start, start + relativedelta(months=1) - timedelta(microseconds=1)
    try:
        d = dateparser.parse(v, default=_DEFAULT, yearfirst=True)
    except (ValueError, OverflowError):
        raise QueryError(f"not a date: {value!r} (try 2022, 2022-02 or 2022-02-24)") from None
    d = d.replace(tzinfo=None)
    if d.hour or d.minute or d.second:
        return d, d
    try:  # "Feb 2022" names a month, not its first day: parse again with another default day
        d2 = dateparser.parse(v, default=datetime(2000, 1, 28), yearfirst=True)
    except (ValueError, OverflowError):
        d2 = d
    if d2.day != d.day:
        start = d.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return start, start + relativedelta(months=1) - timedelta(microseconds=1)
    start = d.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1) - timedelta(microseconds=1)


_DATE_CLAUSE = re.compile(
    r"(?:(?<=\s)|^)(?P<neg>NOT\s+|-)?date:(?P<val>\[[^\]]*\]|\"[^\"]*\"|\{[^}]*\}|\S*)"
)


def _date_range(val: str) -> tuple[datetime | None, datetime | None]:
    if val.startswith(("[", "{")):
        inner = val[1:-1] if val.endswith(("]", "}")) else val[1:]
        # either end may be left open: [2022-04-01 TO], [TO 2022-03-01]
        parts = re.split(r"(?:^|\s+)(?:to|TO)(?:\s+|$)", inner.strip(), maxsplit=1)
        if len(parts) != 2:
            raise QueryError(f"date range needs 'TO': date:{val} (e.g. date:[2022-01-01 TO 2022-03-31])")
        lo = parse_date_span(parts[0])[0] if parts[0].strip() else None
        hi = parse_date_span(parts[1])[1] if parts[1].strip() else None
        if lo is None and hi is None:
            raise QueryError("date range needs at least one end")
        return lo, hi
    for op in (">=", "<=", ">", "<"):
        if val.startswith(op):
            lo, hi = parse_date_span(val[len(op):])
            if op == ">=":
                return lo, None
            if op == ">":
                return hi + timedelta(microseconds=1), None
            if op == "<=":
                return None, hi
            return None, lo - timedelta(microseconds=1)
    return parse_date_span(val)


_FIELD_REF = re.compile(r"(?<![\w\"])([A-Za-z_]+):")


def _check_fields(text: str) -> str:
    """Check ``field:`` references outside phrases and map friendly aliases to schema names."""
    out = []
    pos = 0
    in_quote = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            in_quote = not in_quote
            i += 1
            continue
        if not in_quote:
            m = _FIELD_REF.match(text, i) if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) else None
            if m:
                name = m.group(1).lower()
                target = _FIELD_ALIASES.get(name, name)
                if name not in QUERY_FIELDS and target not in QUERY_FIELDS and name not in _FIELD_ALIASES:
                    known = ", ".join(sorted(QUERY_FIELDS))
                    raise _pointer(text, i, f"unknown field '{m.group(1)}' (fields: {known})")
                after = text[m.end():m.end() + 1]
                if after in ("", " ", ")", "\t"):
                    raise _pointer(text, m.end(), f"'{m.group(1)}:' needs a value")
                out.append(text[pos:i])
                out.append(target + ":")
                pos = m.end()
                i = m.end()
                continue
        i += 1
    out.append(text[pos:])
    return "".join(out)


def parse_query(text: str, schema) -> ParsedQuery:
    """Parse a user's query. Raises :class:`QueryError` with a one-line message."""
    raw = (text or "").strip()
    if not raw:
        raise QueryError("empty query (use * to list every article)")
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(raw)} characters; the limit is {MAX_QUERY_CHARS})")
    raw = "".join(ch if ch.isprintable() else " " for ch in raw)
    _check_balance(raw)
    filters: list[tuple[datetime | None, datetime | None]] = []
    excludes: list[tuple[datetime | None, datetime | None]] = []

    def take(m: re.Match) -> str:
        val = m.group("val")
        if not val:
            raise _pointer(raw, m.end(), "'date:' needs a value")
        (excludes if m.group("neg") else filters).append(_date_range(val))
        return " "

    rest = _DATE_CLAUSE.sub(take, raw).strip()
    rest = re.sub(r"^(AND|OR)\s+|\s+(AND|OR|NOT)$", "", rest).strip()
    if rest in ("", "*"):
        return ParsedQuery(raw, wq.Every(), filters, excludes)
    rest = _check_fields(rest)
    parser = MultifieldParser(DEFAULT_FIELDS, schema, group=AndGroup)
    try:
        q = parser.parse(rest)
    except Exception as exc:  # Whoosh raises assorted internal errors on odd input
        raise QueryError(f"cannot parse query: {exc}") from None
    if q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        raise QueryError("the query has no searchable words")
    return ParsedQuery(raw, q, filters, excludes)
