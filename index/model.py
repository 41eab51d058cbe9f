"""Plain data records passed between the stages of the index pipeline.

They are deliberately dumb (dataclasses, no behaviour beyond conversion to JSON-ready
dicts) so that the CLI, the indexer and the TUI can all consume them without knowing
how they were produced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class LineDecision:
    """One line (block) of the input with the cleaner's verdict, for ``reader clean --explain``."""

    line: str
    keep: bool
    reason: str


@dataclass
class Cleaned:
    """The reader-mode view of one page.

    ``date`` is an ISO 8601 string of the article's own local date (``2022-02-28``) or
    date and time (``2022-02-28T14:05:00``), naive, or None when the page does not say:
    a missing date is better than an invented one.
    """

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    page_type: str = "article"
    url: str | None = None
    lines: list[LineDecision] = field(default_factory=list)
    #: How much prose was kept (``article``, ``listing`` of teasers, or ``other``: little
    #: prose), whatever ``page_type`` the page was recognised as: the keep policies follow it.
    shape: str = "article"
    #: Index of the line the author was read from, among the page's non-empty stripped
    #: lines (``index.clean.classify``), or None: lets the HTML path check that line's markup.
    author_line: int | None = None

    def to_json(self, path: str) -> dict:
        return {
            "path": path,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "source": self.source,
            "page_type": self.page_type,
            "text": self.text,
        }


@dataclass
class Quote:
    """A quotation: ``text == analysed_text[start:end]`` (quotation marks excluded).

    ``speaker`` is the resolved full name (or organisation, or role phrase when the
    person is never named); ``speaker_mention`` the words the article used at the
    attribution ("he", "the minister", "Peskov").
    """

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    key: bool = False
    score: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)
