"""One file in, one index document out: load -> clean -> metadata -> quotes.

This is the unit of work the indexer fans out over processes, so it takes and returns
plain picklable values and touches nothing but the file it is given.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from .loader import Loaded, SkipFile, _sniff_html, decode, kind_of, read_bytes
from .model import Cleaned, Quote

#: Cleaning and quote extraction look at this much text at most; search always sees all of it.
MAX_ANALYSED_CHARS = 2_000_000
#: The same for an HTML page's markup: a 10 MB page of 160,000 short paragraphs, about the
#: worst at this size, peaks near 430 MB while parsed and scored (one-off measurement).
MAX_ANALYSED_HTML = 10_000_000


def clean(loaded: Loaded, boilerplate: frozenset[str] | None = None, explain: bool = False) -> Cleaned:
    """Reader-mode text and metadata for a loaded file, by its kind."""
    text = loaded.text
    if loaded.kind == "html":
        from .html import clean_html
        from .loader import html_to_text

        if len(text) > MAX_ANALYSED_HTML:
            # parsed in full, a page of hundreds of megabytes would take gigabytes of tree:
            # its head is cleaned, the rest kept searchable as plain text
            c = clean_html(text[:MAX_ANALYSED_HTML], explain=explain, boilerplate=boilerplate)
            c.text = c.text + "\n\n" + _plain(html_to_text(text[MAX_ANALYSED_HTML:]))
            return c
        return clean_html(text, explain=explain, boilerplate=boilerplate)
    from .clean import clean_text

    if len(text) > MAX_ANALYSED_CHARS:
        c = clean_text(text[:MAX_ANALYSED_CHARS], boilerplate=boilerplate, explain=explain)
        # the cleaner saw only the head of a huge file; keep the rest searchable as is
        c.text = c.text + "\n\n" + _plain(text[MAX_ANALYSED_CHARS:])
        return c
    return clean_text(text, boilerplate=boilerplate, explain=explain)


def quotes_of(text: str, title: str | None = None) -> list[Quote]:
    """Quotes of the analysed text. A cleaned text may open with its headline; quotation marks
    there belong to the headline (often a teaser of a quote given in full below), not to a
    statement anyone made in the article, so they are left out."""
    from .quotes import extract_quotes

    qs = extract_quotes(text[:MAX_ANALYSED_CHARS])
    head_end = _headline_end(text, title)
    return [q for q in qs if q.start >= head_end] if head_end else qs


def _headline_end(text: str, title: str | None) -> int:
    if not title:
        return 0
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0]
    norm_first, norm_title = " ".join(first.split()).casefold(), " ".join(title.split()).casefold()
    # the line may carry the section or site after the headline ("Headline | World news")
    if not norm_title or not norm_first.startswith(norm_title):
        return 0
    return len(text) - len(stripped) + len(first)


def _plain(text: str) -> str:
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


@dataclass
class Processed:
    path: str
    size: int
    mtime_ns: int
    sha1: str
    doc: dict | None  # fields for Whoosh, or None when skipped
    skip_reason: str | None = None


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


def build_document(path: str, text: str, kind: str, mtime_ns: int,
                   boilerplate: frozenset[str] | None = None) -> dict:
    """The Whoosh fields for one article."""
    loaded = Loaded(path=path, text=text, kind=kind, encoding="")
    c = clean(loaded, boilerplate)
    qs = quotes_of(c.text, c.title)
    date = parse_iso(c.date)
    speakers = sorted({q.speaker for q in qs if q.speaker})
    title = c.title or _fallback_title(c.text, path)
    return {
        "path": path,
        "title": title,
        "body": c.text,
        "author": c.author or "",
        "source": c.source or "",
        "date": date,
        "sortdate": sort_key(date, mtime_ns),
        "quotes": "\n".join(q.text for q in qs),
        "speaker": "\n".join(q.speaker for q in qs if q.speaker),
        "speaker_name": ",".join(s.replace(",", " ") for s in speakers),
        "page_type": c.page_type or "article",
        "quotes_json": json.dumps([q.to_json() for q in qs], ensure_ascii=False),
        "mtime": mtime_ns,
    }


def sort_key(date: datetime | None, mtime_ns: int) -> int:
    """Newest-first order: dated articles by their date (as YYYYMMDDhhmmss), then undated ones
    by file time. An undated file is not news from today just because it was copied today."""
    if date is not None:
        return int(date.strftime("%Y%m%d%H%M%S"))
    return int(mtime_ns // 1_000_000_000)


def _fallback_title(text: str, path: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:120]
    import os

    return os.path.basename(path)


def process_file(path: str, size: int, mtime_ns: int, known_sha1: str | None,
                 boilerplate: frozenset[str] | None = None) -> Processed:
    """Read, hash and (if the content changed) analyse one file. Never raises."""
    try:
        data = read_bytes(path)
        sha1 = content_hash(data)
        if known_sha1 == sha1:
            return Processed(path, size, mtime_ns, sha1, None, None)
        kind = kind_of(path) or "text"
        if not data.strip():
            raise SkipFile("empty file")
        text, _enc = decode(data)
        if not text.strip(" \t\r\n\x00\ufeff"):
            raise SkipFile("empty file")
        if kind == "text" and _sniff_html(text):
            kind = "html"
        doc = build_document(path, text, kind, mtime_ns, boilerplate)
        return Processed(path, size, mtime_ns, sha1, doc)
    except SkipFile as exc:
        return Processed(path, size, mtime_ns, "", None, str(exc))
    except MemoryError:
        return Processed(path, size, mtime_ns, "", None, "too large to analyse in memory")
    except Exception as exc:  # one bad file must never stop an index run
        return Processed(path, size, mtime_ns, "", None, f"could not analyse: {type(exc).__name__}: {exc}")
