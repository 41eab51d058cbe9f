"""The reader's panes, and the pure functions that turn index records into what they show.

Everything that turns article data into display text lives here as plain functions that
run happily in a worker thread (:func:`build_view`), so the UI thread only swaps finished
prompts into widgets. Article text is untrusted: it becomes ``rich.text.Text`` (never
markup) after :func:`sanitize_with_map` has removed escape sequences and control
characters, and the map keeps index offsets (hits, quotes) pointing at the right words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

# Terminal escape sequences (CSI, OSC, two-byte ESC) and the characters that must never
# reach a terminal: C0/C1 controls (tab and newline excepted) and bidi overrides.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_DROP = set(chr(c) for c in range(32) if c not in (9, 10)) | set(chr(c) for c in range(0x7F, 0xA0))
_DROP |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_NEEDS_WORK = re.compile("[" + re.escape("".join(sorted(_DROP))) + "]")

# Explicit colours, not ANSI names: they must read the same under every theme and palette.
HIT_STYLE = "bold #000000 on #ffd75f"
CURRENT_HIT_STYLE = "bold #ffffff on #d7005f"
QUOTE_STYLE = "italic"


def sanitize_with_map(text: str) -> tuple[str, list[int] | None]:
    """``text`` without escapes and controls, plus where each kept character came from.

    The map is None when nothing had to go (the common case), so offsets need no
    translation and a clean 2 MB article costs one regex scan.
    """
    if not _NEEDS_WORK.search(text):
        return text, None
    out: list[str] = []
    origin: list[int] = []
    pos = 0

    def keep(a: int, b: int) -> None:
        for i in range(a, b):
            ch = text[i]
            if ch not in _DROP:
                out.append(ch)
                origin.append(i)

    for m in _ESCAPES.finditer(text):
        keep(pos, m.start())
        pos = m.end()
    keep(pos, len(text))
    return "".join(out), origin


def safe(text: str | None) -> str:
    """One line of untrusted text, safe to show anywhere (titles, speakers, sources)."""
    if not text:
        return ""
    return " ".join(sanitize_with_map(text)[0].split())


def _map_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Original offsets to sanitized ones (the nearest kept characters)."""
    if origin is None:
        return start, end
    return bisect.bisect_left(origin, start), bisect.bisect_left(origin, end)


# ---------------------------------------------------------------------------- article list
DATE_WIDTH = 10
SOURCE_MAX = 18


def short_date(date: str | None) -> str:
    return (date or "")[:10]


def article_row(article: dict, width: int, source_width: int, unread: bool) -> Text:
    """One list line, exactly ``width`` cells: title (bold while unread), source, date.

    The date column is fixed so dates line up; the source (cut to ``source_width``) sits
    just before it, and the title takes every other cell, so a row without a source
    shows more of its title.
    """
    title = safe(article.get("title")) or "(untitled)"
    source = safe(article.get("source"))
    date = short_date(article.get("date"))
    if source_width and len(source) > source_width:
        source = source[: source_width - 1] + "…"
    elif not source_width:
        source = ""
    right = (len(source) + 1 if source else 0) + DATE_WIDTH + 1
    title_width = max(8, width - right - 1)
    if len(title) > title_width:
        title = title[: title_width - 1] + "…"
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    row.append(title.ljust(title_width), style="bold" if unread else "")
    row.append(" ")
    if source:
        row.append(source, style="dim")
        row.append(" ")
    row.append(date.rjust(DATE_WIDTH) + " ", style="dim")
    return row


class ArticleList(ScrollView, can_focus=True):
    """Every article (or every hit) in one widget that renders only the rows on screen.

    A list of 100,000 articles must appear at once and scroll smoothly, so this is a
    line-API ScrollView: setting the articles is O(1) work for the UI thread, and each
    frame builds just the visible rows (title padded to fill, then source and date) for
    the current width, so resizing needs no rebuild. ``articles`` sits next to the
    cursor, so the highlighted index maps straight to its record.
    """

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"article-list--cursor"}
    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        & > .article-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .article-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Highlighted(Message):
        """The cursor moved to ``index``."""

        def __init__(self, article_list: ArticleList, index: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.index = index

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Selected(Highlighted):
        """Enter (or a click on the cursor row) chose the article at ``index``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.articles: list[dict] = []
        self.read: set[str] = set()
        self._source_width = 0
        self._rows: LRUCache = LRUCache(400)

    # ---------------------------------------------------------------- data
    def set_articles(self, articles: list[dict], read: set[str], select_path: str | None = None) -> None:
        """Show ``articles`` in order, keeping the cursor on ``select_path`` when it is listed."""
        self.articles = list(articles)
        self.read = read
        longest = max((len(safe(a.get("source"))) for a in self.articles[:500]), default=0)
        self._source_width = 0 if not longest else max(6, min(SOURCE_MAX, longest))
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.articles))
        self.scroll_to(y=0, animate=False, immediate=True)
        index = None
        if self.articles:
            index = 0
            if select_path is not None:
                index = next((i for i, a in enumerate(self.articles) if a["path"] == select_path), 0)
        self.highlighted = index
        self.refresh()

    @property
    def option_count(self) -> int:
        return len(self.articles)

    def row_text(self, index: int, width: int | None = None) -> Text:
        """The row of article ``index`` as styled text (bold while unread)."""
        a = self.articles[index]
        width = width or max(20, self.scrollable_content_region.width)
        return article_row(a, width, self._source_width, a["path"] not in self.read)

    def refresh_row(self, path: str) -> None:
        """Redraw after a read mark changed (only visible rows are drawn, so this is cheap)."""
        self.refresh()

    @property
    def current(self) -> dict | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.articles)):
            return None
        return self.articles[self.highlighted]

    def clip_text(self) -> str | None:
        a = self.current
        return safe(a.get("title")) if a else None

    # ---------------------------------------------------------------- rendering
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.articles) or width <= 0:
            return Strip.blank(width, base)
        a = self.articles[index]
        cursor = self.get_component_rich_style("article-list--cursor") if index == self.highlighted else None
        # a cursor move repaints the whole list: rows that did not change come from the cache
        key = (a["path"], a.get("title"), a.get("date"), a.get("source"), a["path"] not in self.read,
               width, self._source_width, base, cursor, scroll_x)
        strip = self._rows.get(key)
        if strip is None:
            segments = list(self.row_text(index, width).render(self.app.console))
            strip = Strip(segments).adjust_cell_length(width, base)
            strip = Strip(Segment.apply_style(strip, base))
            if cursor is not None:
                strip = Strip(Segment.apply_style(strip, post_style=cursor))
            strip = strip.crop_extend(scroll_x, scroll_x + width, base)
            self._rows.set(key, strip)
        return strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.articles))
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------- cursor
    def watch_highlighted(self, index: int | None) -> None:
        self.refresh()
        if index is None:
            return
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, index))

    def _scroll_to_cursor(self) -> None:
        index = self.highlighted
        if index is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if self.articles:
            self.highlighted = max(0, min(len(self.articles) - 1, index))

    def action_cursor_down(self) -> None:
        self._move_to((self.highlighted if self.highlighted is not None else -1) + 1)

    def action_cursor_up(self) -> None:
        self._move_to((self.highlighted or 0) - 1)

    def action_page_down(self) -> None:
        self._move_to((self.highlighted or 0) + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move_to((self.highlighted or 0) - max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.articles) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.articles):
            if index == self.highlighted:
                self.action_select()
            else:
                self.highlighted = index


# ---------------------------------------------------------------------------- article view
@dataclass
class ArticleView:
    """An article ready to show: sanitized text, paragraphs, hits and quotes in its offsets."""

    path: str
    title: str
    author: str | None
    date: str | None
    source: str | None
    text: str
    paragraphs: list[tuple[int, int]]
    hits: list[tuple[int, int]] = field(default_factory=list)
    title_hits: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)  # key first; start/end in ``text``
    record: dict = field(default_factory=dict)

    def paragraph_of(self, offset: int) -> int:
        starts = [s for s, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def order_quotes(quotes: list[dict]) -> list[dict]:
    """Key quotes first, each group in reading order."""
    return sorted(quotes, key=lambda q: (not q.get("key"), q.get("start") or 0))


def build_view(doc: dict, words: set[str] | None = None, prefixes: list[str] | None = None,
               highlight=None) -> ArticleView:
    """Everything the text and quotes panes need, computed off the UI thread."""
    text, origin = sanitize_with_map(doc.get("text") or "")
    title = safe(doc.get("title")) or "(untitled)"
    quotes = []
    for q in order_quotes(doc.get("quotes") or []):
        s, e = _map_span(origin, int(q.get("start") or 0), int(q.get("end") or 0))
        quotes.append({**q, "start": s, "end": e, "text": safe(q.get("text")),
                       "speaker": safe(q.get("speaker")) or None})
    paragraphs = _paragraphs(text)
    if paragraphs and _repeats_title(text[paragraphs[0][0]:paragraphs[0][1]], title):
        paragraphs = paragraphs[1:]  # the header shows it already
    body_start = paragraphs[0][0] if paragraphs else len(text)
    hits: list[tuple[int, int]] = []
    title_hits: list[tuple[int, int]] = []
    if highlight and (words or prefixes):
        hits = [h for h in highlight(text, words or set(), prefixes or []) if h[0] >= body_start]
        title_hits = highlight(title, words or set(), prefixes or [])
    return ArticleView(path=doc["path"], title=title, author=safe(doc.get("author")) or None,
                       date=doc.get("date"), source=safe(doc.get("source")) or None, text=text,
                       paragraphs=paragraphs, hits=hits, title_hits=title_hits,
                       quotes=quotes, record=doc)


def _repeats_title(paragraph: str, title: str) -> bool:
    """A first line that is the title again (perhaps with "| Site name" after it)."""
    p, t = " ".join(paragraph.split()).casefold(), " ".join(title.split()).casefold()
    return bool(t) and p.startswith(t) and len(p) - len(t) <= 60


def header_text(view: ArticleView) -> Text:
    """Title (with any hits marked), then a byline: author · date · source."""
    t = Text(view.title, style="bold")
    for s, e in view.title_hits:
        t.stylize(HIT_STYLE, s, e)
    byline = " · ".join(x for x in (f"By {view.author}" if view.author else None,
                                     view.date or "undated", view.source) if x)
    t.append("\n" + byline, style="dim")
    return t


def paragraph_text(view: ArticleView, index: int, current_hit: tuple[int, int] | None = None) -> Text:
    """One paragraph with quotes in italics and search hits marked (the current one apart)."""
    a, b = view.paragraphs[index]
    # a blank line after each paragraph, as on a page: walls of text are hard to read
    t = Text(view.text[a:b] + ("\n" if index < len(view.paragraphs) - 1 else ""), end="")
    for q in view.quotes:
        if q["end"] > a and q["start"] < b:
            t.stylize(QUOTE_STYLE, max(0, q["start"] - a), min(b, q["end"]) - a)
    lo = bisect.bisect_left(view.hits, (a, a))
    for s, e in view.hits[lo:]:
        if s >= b:
            break
        style = CURRENT_HIT_STYLE if (s, e) == current_hit else HIT_STYLE
        t.stylize(style, s - a, min(e, b) - a)
    return t


class ArticleText(OptionList):
    """The cleaned text, one option per paragraph.

    Paragraphs as options give the pane a cursor for free (``y`` copies the passage under
    it), wrap to any width, and let ``n``/``N`` move straight to the paragraph of a hit.

    Wrapping is the costly part (a 1.5 MB page is thousands of paragraphs), so an article
    is added in chunks: the first screenfuls at once, the rest on short timers between
    which the UI keeps handling keys. Anything that needs a later paragraph (a hit, a
    quote, ``G``) loads up to it first.

    The first chunk is one screenful: the option list wraps every option it is given to
    size its scrollbar, and wrapping paragraphs the user cannot see yet was a third of the
    time from Enter to the article on screen.
    """

    FIRST_CHUNK = 40
    #: paragraphs wrapped per step after the first screenful: small enough that a key
    #: pressed meanwhile waits a few milliseconds at most
    CHUNK = 50
    #: seconds from an article on screen to its next chunk, and between chunks
    LATER = 0.1
    BETWEEN = 0.01

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: ArticleView | None = None
        self.hit_index: int | None = None
        self.loaded = 0
        self._generation = 0

    def show(self, view: ArticleView, jump_to_first_hit: bool = False) -> None:
        self.view = view
        self.hit_index = None
        self._generation += 1
        self.loaded = self._screenful(view)
        self.set_options([paragraph_text(view, i) for i in range(self.loaded)])
        if view.paragraphs:
            self.highlighted = 0
        if jump_to_first_hit and view.hits:
            self.goto_hit(0)
        if self.loaded < len(view.paragraphs):
            # the rest once the first screenful is on screen: a timer, not right after the
            # next refresh, where wrapping the next chunk would hold up the paint and the
            # keys that follow it
            generation = self._generation
            self.set_timer(self.LATER, lambda: self._load_more(generation))

    @property
    def complete(self) -> bool:
        """Every paragraph of the article shown is in the list (the rest load on timers)."""
        return self.view is None or self.loaded >= len(self.view.paragraphs)

    def _screenful(self, view: ArticleView, start: int = 0) -> int:
        """How many paragraphs from ``start`` fill the pane (at most :data:`FIRST_CHUNK`):
        each takes its length over the width in lines, plus the blank line after it.
        Wrapping paragraphs below the fold before the article is on screen only delays it."""
        width = max(20, self.scrollable_content_region.width - 2)
        height = self.scrollable_content_region.height or self.app.size.height
        lines = 0
        for i, (a, b) in enumerate(view.paragraphs[start:start + self.FIRST_CHUNK]):
            lines += (b - a) // width + 2
            if lines > height:
                return i + 1
        return min(self.FIRST_CHUNK, len(view.paragraphs) - start)

    def _load_more(self, generation: int) -> None:
        if generation != self._generation or self.view is None:
            return  # another article replaced this one
        self.ensure_loaded(self.loaded + self.CHUNK - 1)
        if self.loaded < len(self.view.paragraphs):
            self.set_timer(self.BETWEEN, lambda: self._load_more(generation))

    def ensure_loaded(self, index: int) -> None:
        """Add paragraphs up to ``index`` (inclusive) if they are not in the list yet."""
        view = self.view
        if view is None:
            return
        end = min(index + 1, len(view.paragraphs))
        if end > self.loaded:
            current = view.hits[self.hit_index] if self.hit_index is not None and view.hits else None
            self.add_options([paragraph_text(view, i, current) for i in range(self.loaded, end)])
            self.loaded = end

    def show_message(self, message: str) -> None:
        self.view = None
        self.hit_index = None
        self._generation += 1
        self.loaded = 0
        self.set_options([Text(message, style="dim italic")])

    def action_last(self) -> None:
        if self.view is not None:
            self.ensure_loaded(len(self.view.paragraphs) - 1)
        super().action_last()

    def action_page_down(self) -> None:
        if self.view is not None and self.highlighted is not None:
            self.ensure_loaded(self.highlighted + self.CHUNK)
        super().action_page_down()

    def goto_hit(self, index: int) -> tuple[int, int] | None:
        """Make hit ``index`` (wrapping) the current one; returns (position, count)."""
        view = self.view
        if view is None or not view.hits:
            return None
        index %= len(view.hits)
        old = self.hit_index
        self.hit_index = index
        current = view.hits[index]
        touched = {view.paragraph_of(current[0])}
        if old is not None and old < len(view.hits):
            touched.add(view.paragraph_of(view.hits[old][0]))
        # a screenful past the hit, so that it can be scrolled to the top of the pane
        self.ensure_loaded(max(touched) + self._screenful(view, max(touched)))
        for p in touched:
            self.replace_option_prompt_at_index(p, paragraph_text(view, p, current))
        self.highlighted = view.paragraph_of(current[0])
        self.reveal(current[0])
        return index + 1, len(view.hits)

    def reveal(self, offset: int) -> None:
        """Scroll so the line holding text ``offset`` sits in the upper third of the pane.

        A hit deep inside a long paragraph would stay off-screen if only the paragraph
        were scrolled into view, so the wrapped line of the offset is worked out.
        """
        view, index = self.view, self.highlighted
        if view is None or index is None or not self.is_mounted:
            return
        self._update_lines()
        first = self._index_to_line.get(index)
        if first is None:
            return
        a, _b = view.paragraphs[index]
        width = max(10, self.scrollable_content_region.width)
        within = 0
        seen = 0
        for i, line in enumerate(self.get_option_at_index(index).prompt.wrap(self.app.console, width)):
            seen += len(line.plain) + 1  # the space a wrap swallows
            if offset - a < seen:
                within = i
                break
        target = first + within
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= target <= self.scroll_y + (height * 2) // 3):
            self.scroll_to(y=max(0, target - height // 3), animate=False, immediate=True)

    def step_hit(self, delta: int) -> tuple[int, int] | None:
        if self.view is None or not self.view.hits:
            return None
        if self.hit_index is None:
            return self.goto_hit(0 if delta > 0 else -1)
        return self.goto_hit(self.hit_index + delta)

    def goto_offset(self, offset: int) -> None:
        if self.view is not None and self.view.paragraphs:
            index = self.view.paragraph_of(offset)
            self.ensure_loaded(index + self._screenful(self.view, index))
            self.highlighted = index
            self.reveal(offset)

    def clip_text(self) -> str | None:
        if self.view is None or self.highlighted is None or not self.view.paragraphs:
            return None
        a, b = self.view.paragraphs[self.highlighted]
        return self.view.text[a:b].strip()


# ---------------------------------------------------------------------------- quotes
def quote_prompt(q: dict) -> Text:
    """Speaker in bold (a star for key quotes), the quote below it."""
    t = Text(end="")
    if q.get("key"):
        t.append("★ ", style="bold yellow")
    if q.get("speaker"):
        t.append(q["speaker"], style="bold")
    else:
        t.append("(unattributed)", style="dim italic")
    t.append("\n“" + (q.get("text") or "") + "”")
    return t


def quote_clip(q: dict) -> str:
    who = q.get("speaker")
    return f"“{q.get('text') or ''}”" + (f" — {who}" if who else "")


class QuoteList(OptionList):
    """The open article's quotes, key ones first: ``b`` saves the one under the cursor."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quotes: list[dict] = []

    def set_quotes(self, quotes: list[dict]) -> None:
        self.quotes = list(quotes)
        if not quotes:
            self.set_options([Option(Text("No quotes in this article.", style="dim italic"), disabled=True)])
            return
        options: list = []
        for q in quotes:
            options += [quote_prompt(q), None]
        self.set_options(options[:-1])
        self.highlighted = 0

    @property
    def current(self) -> dict | None:
        if not self.quotes or self.highlighted is None or self.highlighted >= len(self.quotes):
            return None
        return self.quotes[self.highlighted]

    def clip_text(self) -> str | None:
        q = self.current
        return quote_clip(q) if q else None


# ---------------------------------------------------------------------------- key hints
class KeyHints(Static):
    """The bottom line of key hints, drawn once per screen with the keys in force.

    Textual's Footer rebuilds its widgets on every focus change, which made each Tab
    cost a third of a second; these hints never change while a screen is up, so a
    single line of text does the job.
    """

    KEY_STYLE = "bold #ffa62b"

    def __init__(self, bindings: list, **kwargs) -> None:
        super().__init__("", **kwargs)
        shown = [b for b in bindings if getattr(b, "show", False)]
        # the palette hint goes last: on a narrow terminal it is the one to lose
        self.bindings = sorted(shown, key=lambda b: b.action == "command_palette")

    def on_mount(self) -> None:
        self.refresh_hints()

    def refresh_hints(self) -> None:
        keys_display = getattr(self.app, "keys_display", None)
        t = Text(no_wrap=True, overflow="ellipsis", end="")
        for b in self.bindings:
            keys = keys_display(b) if keys_display else b.key
            t.append(f" {keys}", style=self.KEY_STYLE)
            t.append(f" {b.description} ")
        self.update(t)
