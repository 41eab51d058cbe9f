"""The Whoosh schema, and the version number that tells an old index to rebuild itself.

Bump :data:`SCHEMA_VERSION` whenever a field, an analyzer, or what the pipeline puts
into a field changes: the index is a cache, and an index written by another version is
thrown away and rebuilt rather than half-understood.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from .analysis import StemmedPositions, TextAnalyzer

SCHEMA_VERSION = 5  # 4: page_type from the page-type classifier; 5: saved HTML pages cleaned on their DOM (trees)


def text_analyzer():
    """English stemming with the correct Porter2 stemmer (Whoosh's default turns running into runn),
    plus accent folding so ``Zelenskyy`` spelt with or without diacritics matches. One fused
    function with the same tokens as that Whoosh chain, at a third of its cost (see
    :mod:`index.analysis`)."""
    return TextAnalyzer()


def name_analyzer():
    """Names are matched word by word, case- and accent-insensitive, never stemmed
    (``speaker:Peskov`` must not match ``Pesk``)."""
    return RegexTokenizer(r"\w+(?:[-'’]\w+)*") | LowercaseFilter() | CharsetFilter(accent_map)


def _fast_positions(field: TEXT) -> TEXT:
    """Index ``field`` through :class:`~index.analysis.StemmedPositions` (same postings)."""
    field.format = StemmedPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    ana = text_analyzer()
    names = name_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        title=_fast_positions(TEXT(stored=True, analyzer=ana, field_boost=2.5)),
        body=_fast_positions(TEXT(stored=True, analyzer=ana, phrase=True)),
        author=TEXT(stored=True, analyzer=names),
        source=TEXT(stored=True, analyzer=names),
        # the article's own local date and time, naive (Whoosh ignores time zones)
        date=DATETIME(stored=True, sortable=True),
        # date when known, else the file's modification time: what "newest first" sorts on
        sortdate=NUMERIC(stored=True, sortable=True, bits=64),
        quotes=_fast_positions(TEXT(analyzer=ana, phrase=True)),
        speaker=TEXT(analyzer=names, phrase=True),
        # full resolved names, one term each, for the archive-wide speakers view with counts
        speaker_name=KEYWORD(commas=True, scorable=False),
        page_type=ID(stored=True),
        quotes_json=STORED(),
        mtime=STORED(),
    )


#: Fields a user may name in a query, and what they mean (shown in errors and help).
QUERY_FIELDS = {
    "title": "headline words",
    "body": "article text",
    "author": "byline names",
    "source": "site name or domain",
    "speaker": "who is quoted",
    "quote": "words inside quotations",
    "date": "publication date: 2022, 2022-02, [2022-01-01 TO 2022-03-31], >2022-02-24",
    "type": "page type: article, listing",
}
