"""The reader's terminal UI: article list, cleaned text and key quotes, driven by keys.

Design rules, each for a reason:

* Nothing slow runs on the UI thread. Indexing, searching and opening an article run in
  thread workers that only compute and then ``post_message`` a typed result; the UI
  thread applies results to widgets (typed messages up, attributes down). A worker that
  fails reaches :meth:`ReaderApp.on_worker_state_changed`, the one place that turns
  errors into notifications, so a bad query or a broken file is never a crash.
* A key pressed while a search (or the article open that follows it) is still running
  is held and replayed once the result is on screen, so ``/ x Enter j b`` acts on the
  hits, never on the list that was there before.
* Article text is untrusted: it is sanitized and shown as ``rich.text.Text``, and every
  notification that can contain it is sent with ``markup=False``.
* Every binding has an id, so a user keymap file can move it (see :mod:`reader.keymap`),
  and the help screen and command palette read the keys actually in force.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape as escape_markup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from index.query import QueryError
from index.store import Corpus, CorpusError, highlight_spans

from .bookmarks import Bookmarks, BookmarksError, export
from .errors import describe
from .keymap import load_keymap
from .palette import ReaderCommands
from .paths import bookmarks_path, index_dir
from .widgets import (
    ArticleList,
    ArticleText,
    ArticleView,
    KeyHints,
    QuoteList,
    build_view,
    header_text,
    quote_clip,
    safe,
)

#: The most hits a search lists; ranked, so the useful ones are at the top anyway.
SEARCH_LIMIT = 1000
#: Articles listed at once on start-up, before the rest of a large archive is loaded.
FIRST_PAGE = 200

# Bindings that make sense only on the main screen (the others also work in the views).
MAIN_ONLY = {"search", "open", "next_hit", "prev_hit", "bookmark", "speakers", "toggle_read", "clear_search"}

MAIN_BINDINGS = [
    Binding("slash", "search", "Search", id="search",
            tooltip="Type a query; Enter runs it and opens the top hit, Esc clears it"),
    Binding("enter", "open", "Open", id="open", show=False,
            tooltip="Open the highlighted article (in the quotes pane: show the quote in the text)"),
    Binding("j", "cursor_down", "Down", id="down", show=False, tooltip="Move down (arrows work too)"),
    Binding("k", "cursor_up", "Up", id="up", show=False, tooltip="Move up (arrows work too)"),
    Binding("g", "cursor_top", "Top", id="top", show=False, tooltip="Jump to the first line"),
    Binding("G", "cursor_bottom", "Bottom", id="bottom", show=False, tooltip="Jump to the last line"),
    Binding("tab", "next_pane", "Next pane", id="next_pane", show=False,
            tooltip="Cycle list → text → quotes"),
    Binding("shift+tab", "previous_pane", "Previous pane", id="previous_pane", show=False,
            tooltip="Cycle the panes backwards"),
    Binding("n", "next_hit", "Next hit", id="next_hit", tooltip="Jump to the next search hit in the text"),
    Binding("N", "prev_hit", "Prev hit", id="prev_hit", show=False,
            tooltip="Jump to the previous search hit in the text"),
    Binding("b", "bookmark", "Bookmark", id="bookmark",
            tooltip="Save the quote under the cursor (elsewhere: the article's first key quote)"),
    Binding("B", "bookmarks", "Bookmarks", id="bookmarks", tooltip="Show saved quotes (d deletes, e exports)"),
    Binding("s", "speakers", "Speakers", id="speakers",
            tooltip="Who is quoted in this article and across the archive"),
    Binding("u", "toggle_read", "Read/unread", id="toggle_read", show=False,
            tooltip="Mark the article read or unread"),
    Binding("y", "copy", "Copy", id="copy", show=False,
            tooltip="Copy the quote or passage under the cursor to the clipboard"),
    Binding("escape", "clear_search", "Clear search", id="clear_search", show=False,
            tooltip="Clear the search and list every article again"),
    Binding("question_mark", "help", "Help", id="help", tooltip="List every key"),
    Binding("ctrl+p", "command_palette", "Commands", id="palette",
            tooltip="Find any action by name"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit at once"),
]


#: Shown under the keys in the help screen: what a journalist types most.
QUERY_HELP = [
    ("peace talks", "articles with both words (any form: talk, talks, talking)"),
    ('"peace talks"', "the exact phrase"),
    ("Putin OR Zelensky, NOT Peskov", "either word; leave a word out"),
    ("title:ceasefire  author:Smith  source:bbc", "search one field"),
    ('speaker:Zelensky  speaker:"Oksana Markarova"', "articles where that person is quoted"),
    ("date:2022  date:2022-02  date:>2022-02-24", "a year, a month, after a day"),
    ("date:[2022-01-01 TO 2022-03-31]", "a date range"),
    ("negotiat*", "any word starting with negotiat"),
]

#: The app-wide keys worth a hint on the other screens.
VIEW_HINTS = [b for b in MAIN_BINDINGS if b.id in ("bookmarks", "help", "palette", "quit")]


def _freeze_heap() -> None:
    """Exempt what is alive now (above all the article list: a million small objects at
    100,000 articles) from garbage collection. Python's full collections walk every live
    object; with the list in the heap one took 100-300 ms, and it fell in the middle of a
    keypress every few opens. The list is replaced, not mutated, so nothing frozen is
    expected to become cyclic garbage.

    What stays in the collected heap is mostly Textual's render caches (tens of thousands
    of strips and their caches); a full collection walks them in 25-40 ms. Python runs one
    after every 10 collections of the middle generation, about every fifth keypress here,
    so the oldest generation is collected ten times less often (:data:`FULL_COLLECTION_EVERY`).
    Garbage is still freed as soon as nothing refers to it; only cycles wait longer."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


#: Collections of the middle generation between two full collections (Python's default: 10).
FULL_COLLECTION_EVERY = 100


# ---------------------------------------------------------------------------- messages


class IndexProgress(Message):
    """``done`` of ``total`` files analysed (throttled to ten a second by the worker)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class IndexWaiting(Message):
    """Another index run holds the lock; this one waits its turn."""


class ArchiveLoaded(Message):
    """The article list as the last index run left it, shown while this run checks the folders:
    first the newest screenfuls (``complete`` False), then all of it."""

    def __init__(self, articles: list[dict], complete: bool) -> None:
        super().__init__()
        self.articles, self.complete = articles, complete


class IndexFinished(Message):
    """The index is up to date; ``articles`` is every article, newest first."""

    def __init__(self, report, articles: list[dict]) -> None:
        super().__init__()
        self.report, self.articles = report, articles


class SearchFinished(Message):
    """Hits of search number ``seq``; an older number means a newer search replaced it."""

    def __init__(self, seq: int, query: str, hits: list[dict], words: set[str], prefixes: list[str]) -> None:
        super().__init__()
        self.seq, self.query, self.hits, self.words, self.prefixes = seq, query, hits, words, prefixes


class ArticleLoaded(Message):
    """Open request ``seq`` is ready to show (``view`` None: the article left the index)."""

    def __init__(self, seq: int, view: ArticleView | None, path: str, mark_read: bool,
                 jump_to_hit: bool) -> None:
        super().__init__()
        self.seq, self.view, self.path, self.mark_read, self.jump_to_hit = seq, view, path, mark_read, jump_to_hit


class SpeakersLoaded(Message):
    """Everyone quoted across the archive, with article counts."""

    def __init__(self, speakers: list[tuple[str, int]]) -> None:
        super().__init__()
        self.speakers = speakers


# ---------------------------------------------------------------------------- widgets
class SearchInput(Input):
    """The query line: Esc clears the search rather than leaving a stale filter behind."""

    BINDINGS = [Binding("escape", "app.clear_search", "Clear search", id="search_cancel", show=False)]


class StatusBar(Static):
    """Counts and the current query: what the list is showing, at a glance."""


# ---------------------------------------------------------------------------- views
class BookmarkList(OptionList):
    """Saved quotes, oldest first, each with who said it and where it was read."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list = []

    def set_items(self, items: list, keep: int | None = None) -> None:
        self.items = list(items)
        if not items:
            self.set_options([Text("No bookmarks yet: press b on a quote to save it.", style="dim italic")])
            return
        options: list = []
        for b in items:
            t = Text(end="")
            t.append(safe(b.speaker) or "(unattributed)", style="bold" if b.speaker else "dim italic")
            t.append("\n“" + safe(b.text) + "”")
            where = " · ".join(x for x in (safe(b.title), safe(b.source), b.date or "undated") if x)
            t.append("\n" + where, style="dim")
            t.append(f"\nsaved {b.saved_at}", style="dim italic")
            options += [t, None]
        self.set_options(options[:-1])
        self.highlighted = min(keep or 0, len(items) - 1)

    @property
    def current(self):
        if not self.items or self.highlighted is None or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def clip_text(self) -> str | None:
        b = self.current
        return quote_clip({"text": b.text, "speaker": b.speaker}) if b else None


class BookmarksScreen(Screen):
    """Saved quotes: read them, delete with ``d``, export a Markdown clippings file with ``e``."""

    BINDINGS = [
        Binding("d", "delete", "Delete", id="bookmark_delete", tooltip="Delete the bookmark under the cursor"),
        Binding("e", "export", "Export", id="bookmark_export",
                tooltip="Write every bookmark to a Markdown file in the data folder"),
        Binding("escape", "close", "Back", id="close_view", tooltip="Back to the articles"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Bookmarks", id="view-title", classes="view-title")
        yield BookmarkList(id="bookmark-list")
        yield Static("", id="bookmark-status", classes="view-status")
        yield KeyHints([*self.BINDINGS, *VIEW_HINTS], id="hints")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(BookmarkList).focus()

    def reload(self, keep: int | None = None) -> None:
        store: Bookmarks | None = self.app.bookmarks
        items = store.list() if store else []
        self.query_one(BookmarkList).set_items(items, keep)
        self.query_one("#view-title", Static).update(
            Text(f"Bookmarks ({len(items)})  ·  d delete  ·  e export  ·  Esc back", style="bold"))

    def action_delete(self) -> None:
        lst = self.query_one(BookmarkList)
        b = lst.current
        if b is None or self.app.bookmarks is None:
            self.notify("Nothing to delete.", markup=False)
            return
        self.app.bookmarks.delete(b.id)
        self.app.bookmarks_changed()
        self.reload(keep=lst.highlighted)
        self.notify(f"Deleted: {quote_clip({'text': safe(b.text)[:80], 'speaker': safe(b.speaker)})}",
                    markup=False)

    def action_export(self) -> None:
        store = self.app.bookmarks
        items = store.list() if store else []
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(self.app.data_dir) / f"bookmarks-{stamp}.md"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(export(items, "md"), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Export failed: {describe(exc)}", severity="error", markup=False)
            return
        self.last_export = path
        self.query_one("#bookmark-status", Static).update(Text(f"Exported to {path}"))
        self.notify(f"Exported {len(items)} bookmark{'s' if len(items) != 1 else ''} to {path}", markup=False)

    def action_close(self) -> None:
        self.app.pop_screen()

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        lst = self.query_one(BookmarkList)
        b = lst.current
        if b is not None:
            self.app.pop_screen()
            self.app.open_path(b.path)


class SpeakersScreen(Screen):
    """Who is quoted: in the open article (quote counts) and across the archive (article counts).

    Enter on a name searches ``speaker:"Name"``, which lists every article quoting them.
    """

    BINDINGS = [Binding("escape", "close", "Back", id="close_view", tooltip="Back to the articles")]

    def __init__(self, view: ArticleView | None) -> None:
        super().__init__()
        self.view = view
        self.local: list[str] = []
        self.archive: list[str] = []

    def compose(self) -> ComposeResult:
        title = (f"Quoted in “{self.view.title}” (count: quotes)" if self.view else "No article open")
        with Horizontal(id="speaker-panes"):
            with Vertical(classes="pane"):
                yield Static(Text(title, style="bold"), classes="view-title")
                yield OptionList(id="speakers-article")
            with Vertical(classes="pane"):
                yield Static(Text("Across the archive (count: articles quoting them)", style="bold"),
                             classes="view-title")
                yield OptionList(id="speakers-archive")
        yield KeyHints([*self.BINDINGS, *VIEW_HINTS], id="hints")

    def on_mount(self) -> None:
        lst = self.query_one("#speakers-article", OptionList)
        counts = Counter(q.get("speaker") for q in (self.view.quotes if self.view else []) if q.get("speaker"))
        self.local = [name for name, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0].lower()))]
        if self.local:
            lst.set_options([self._row(n, counts[n]) for n in self.local])
            lst.highlighted = 0
        else:
            lst.set_options([Text("No attributed quotes in this article.", style="dim italic")])
        self.query_one("#speakers-archive", OptionList).set_options([Text("Loading…", style="dim italic")])
        lst.focus()
        self.load_archive()

    @staticmethod
    def _row(name: str, n: int) -> Text:
        t = Text(f"{n:>4}  ", style="dim", end="")
        t.append(name, style="bold")
        return t

    @work(thread=True, exclusive=True, exit_on_error=False, group="speakers", name="speakers")
    def load_archive(self) -> None:
        app = self.app
        speakers = app.corpus.speakers()
        self.post_message(SpeakersLoaded(speakers))

    def on_speakers_loaded(self, message: SpeakersLoaded) -> None:
        lst = self.query_one("#speakers-archive", OptionList)
        self.archive = [safe(n) for n, _ in message.speakers]
        if self.archive:
            lst.set_options([self._row(safe(n), c) for n, c in message.speakers])
            lst.highlighted = 0
        else:
            lst.set_options([Text("Nobody is quoted yet.", style="dim italic")])

    @on(OptionList.OptionSelected)
    def _search_speaker(self, event: OptionList.OptionSelected) -> None:
        names = self.local if event.option_list.id == "speakers-article" else self.archive
        if 0 <= event.option_index < len(names):
            name = names[event.option_index].replace('"', "")
            self.app.pop_screen()
            self.app.start_search(self.app.corpus.speaker_query(name))

    def action_close(self) -> None:
        self.app.pop_screen()


class HelpScreen(Screen):
    """Every key in force (after the user's keymap), what it does, and the keymap file."""

    BINDINGS = [Binding("escape", "close", "Back", id="close_view", tooltip="Back to the articles")]

    def compose(self) -> ComposeResult:
        app: ReaderApp = self.app  # type: ignore[assignment]
        table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 2))
        table.add_column("Keys", no_wrap=True, style="bold")
        table.add_column("Action", no_wrap=True)
        table.add_column("What it does")
        sections = [("Everywhere", MAIN_BINDINGS), ("Bookmarks view", BookmarksScreen.BINDINGS),
                    ("Speakers view", SpeakersScreen.BINDINGS)]
        self.rows: list[tuple[str, str, str]] = []
        for title, bindings in sections:
            table.add_row(Text(title, style="bold underline"), "", "")
            for b in bindings:
                row = (app.keys_display(b), b.description, b.tooltip)
                self.rows.append(row)
                table.add_row(*(Text(x) for x in row))
            table.add_row("", "", "")
        queries = Table(box=None, show_header=False, expand=True, padding=(0, 2))
        queries.add_column("Example", style="bold", no_wrap=True)
        queries.add_column("Finds")
        for example, meaning in QUERY_HELP:
            queries.add_row(Text(example), Text(meaning))
        keymap = Text(f"{app.keymap_path}\n", style="bold")
        keymap.append('One line per binding, id = "keys" (comma-separated), e.g. search = "ctrl+f,slash".\n')
        keymap.append("Binding ids: " + ", ".join(sorted(app.binding_ids())), style="dim")
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys  ·  Esc or ? to go back", style="bold"), classes="view-title")
            yield Static(table, id="help-table", classes="help-section")
            yield Static(Text("Query syntax", style="bold"), classes="view-title")
            yield Static(queries, classes="help-section")
            yield Static(Text("Keymap file", style="bold"), classes="view-title")
            yield Static(keymap, classes="help-section")
        yield KeyHints([*self.BINDINGS, *VIEW_HINTS], id="hints")

    def action_close(self) -> None:
        self.app.pop_screen()


# ---------------------------------------------------------------------------- the app
class ReaderApp(App[int]):
    """Three panes over one corpus: list, text, quotes; state in the data directory."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "reader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = MAIN_BINDINGS

    def __init__(self, folders: list[str], data_dir: Path, rebuild: bool = False,
                 keymap_path: Path | None = None) -> None:
        super().__init__()
        self.folders = [str(f) for f in folders]
        self.data_dir = Path(data_dir)
        self.rebuild = rebuild
        self.corpus = Corpus(index_dir(self.data_dir))
        self.bookmarks: Bookmarks | None = None
        self.keymap_path = keymap_path
        self.all_articles: list[dict] = []
        self._archive_complete = False  # the early list (before the first index run) is whole
        self._first_shown = threading.Event()  # set once an article is on screen
        self.read: set[str] = set()
        self.query_text = ""
        self.terms: tuple[set[str], list[str]] = (set(), [])
        self.indexing = True
        self.index_failed = False
        self.index_status = "indexing…"
        self.open_path_current: str | None = None
        self._search_seq = 0
        self._open_seq = 0
        self._search_worker: Worker | None = None
        self._open_worker: Worker | None = None
        self._awaiting = False
        self._held: list[events.Key] = []
        self._last_progress = 0.0
        self._bookmark_count: int | None = None
        self._unread: int | None = None
        self._all_paths: set[str] = set()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="Search: words, \"phrases\", AND/OR/NOT, title: speaker: date:2022…",
                          id="search", compact=True)
        with Horizontal(id="panes"):
            with Vertical(id="list-pane", classes="pane"):
                yield ProgressBar(id="progress", show_eta=False)
                yield ArticleList(id="articles")
            with Vertical(id="text-pane", classes="pane"):
                yield Static(Text("Indexing…", style="dim italic"), id="article-header")
                yield ArticleText(id="text")
            with Vertical(id="quotes-pane", classes="pane"):
                yield QuoteList(id="quotes")
        yield StatusBar(id="status")
        yield KeyHints(MAIN_BINDINGS, id="hints")

    def on_mount(self) -> None:
        self.query_one("#search", SearchInput).display = False
        self.query_one("#list-pane").border_title = "Articles"
        self.query_one("#text-pane").border_title = "Text"
        self.query_one("#quotes-pane").border_title = "Quotes"
        self.query_one("#quotes", QuoteList).set_quotes([])
        self.query_one("#text", ArticleText).show_message("Indexing the archive…")
        if self.keymap_path is None:
            from .keymap import default_keymap_path

            self.keymap_path = default_keymap_path()
        keymap, warnings = load_keymap(self.keymap_path, known_ids=self.binding_ids())
        if keymap:
            self.set_keymap(keymap)
            self.query_one("#hints", KeyHints).refresh_hints()
        for w in warnings:
            self.notify(w, severity="warning", markup=False)
        try:
            self.bookmarks = Bookmarks(bookmarks_path(self.data_dir))
            self.read = self.bookmarks.read_paths()
        except BookmarksError as exc:
            self.notify(str(exc), severity="error", timeout=20, markup=False)
        self.query_one("#articles", ArticleList).focus()
        self.update_status()
        self.index_folders()

    @staticmethod
    def binding_ids() -> set[str]:
        out = set()
        for group in (MAIN_BINDINGS, BookmarksScreen.BINDINGS, SpeakersScreen.BINDINGS, SearchInput.BINDINGS):
            out.update(b.id for b in group if isinstance(b, Binding) and b.id)
        return out

    def keys_display(self, binding: Binding) -> str:
        """The keys a binding has now (the keymap's, else the default), as the footer shows them."""
        keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
        return ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in keys.split(",") if k.strip())

    def palette_entries(self, screen: Screen):
        """(name, help, action) for the command palette; main-screen actions only on the main screen."""
        on_main = screen is self.screen_stack[0]
        for b in MAIN_BINDINGS:
            if b.id == "palette" or (b.action in MAIN_ONLY and not on_main):
                continue
            yield b.description, escape_markup(f"{b.tooltip} · key: {self.keys_display(b)}"), b.action
        if isinstance(screen, BookmarksScreen):
            for b in BookmarksScreen.BINDINGS:
                yield (b.description, escape_markup(f"{b.tooltip} · key: {self.keys_display(b)}"),
                       f"screen.{b.action}")

    _PANE_CLASSES = {"articles": "-focus-list", "text": "-focus-text", "quotes": "-focus-quotes"}

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tell the CSS which pane has focus: on narrow terminals it gets the room.

        The class goes on ``#panes`` (not the screen), so only the panes are restyled.
        """
        cls = self._PANE_CLASSES.get(event.widget.id or "")
        if cls is None or not self.screen_stack:  # no screen: the app is shutting down
            return
        panes = self.screen_stack[0].query_one("#panes")
        if not panes.has_class(cls):
            panes.remove_class(*self._PANE_CLASSES.values())
            panes.add_class(cls)

    def get_system_commands(self, screen: Screen):
        """Textual's own palette entries, minus the ones the reader lists itself (Quit)."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    # ------------------------------------------------------------------ key holding
    async def on_event(self, event: events.Event) -> None:
        if (isinstance(event, events.Key) and not event.is_forwarded and self._awaiting
                and not self._is_quit_key(event.key)):
            self._held.append(event)
            return
        await super().on_event(event)

    def _is_quit_key(self, key: str) -> bool:
        try:
            active = self.screen.active_bindings.get(key)
        except Exception:
            return False
        return active is not None and active.binding.action in ("quit", "app.quit")

    def _settle(self, replay: bool = True) -> None:
        """The awaited result is on screen: hand the held keys on, in order."""
        self._awaiting = False
        held, self._held = self._held, []
        if replay:
            for k in held:
                self.post_message(events.Key(k.key, k.character))

    # ------------------------------------------------------------------ status
    @property
    def bookmark_count(self) -> int:
        if self._bookmark_count is None and self.bookmarks is not None:
            try:
                self._bookmark_count = self.bookmarks.count()
            except Exception:
                return 0
        return self._bookmark_count or 0

    def bookmarks_changed(self) -> None:
        self._bookmark_count = None
        self.update_status()

    def update_status(self) -> None:
        lst = self.query_one("#articles", ArticleList)
        total = len(self.all_articles)
        if self._unread is None:  # counted once per article set, then kept up to date by set_read
            self._unread = sum(1 for a in self.all_articles if a["path"] not in self.read)
        unread = self._unread
        parts = []
        if self.indexing or self.index_failed:
            parts.append(self.index_status)
        else:
            parts.append(f"{total} article{'s' if total != 1 else ''} · {unread} unread")
        if self.query_text:
            n = len(lst.articles)
            parts.append(f"search: {self.query_text}  ({n} hit{'s' if n != 1 else ''})")
        if self.bookmarks is not None:
            nb = self.bookmark_count
            parts.append(f"{nb} bookmark{'s' if nb != 1 else ''}")
        self.query_one("#status", StatusBar).update(Text("  │  ".join(parts)))
        _retitle(self.query_one("#list-pane"),
                 f"Results ({len(lst.articles)})" if self.query_text else f"Articles ({total})")

    # ------------------------------------------------------------------ indexing
    @work(thread=True, exclusive=True, exit_on_error=False, group="index", name="index")
    def index_folders(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, path: str) -> None:
            now = time.monotonic()
            if done == total or now - self._last_progress > 0.1:
                self._last_progress = now
                self.post_message(IndexProgress(done, total))

        if not self.rebuild:
            # a large archive lists at once: checking its folders for changes takes longer
            try:
                # the newest few first: on a large archive the whole list takes a moment
                early = self.corpus.articles(limit=FIRST_PAGE)
                if early and not worker.is_cancelled:
                    self.post_message(ArchiveLoaded(early, complete=len(early) < FIRST_PAGE))
                    # loading the rest of a large archive's list, then walking its folders,
                    # compete with the first paint for the interpreter: paint first
                    self._first_shown.wait(timeout=2.0)
                    if len(early) == FIRST_PAGE and not worker.is_cancelled:
                        self.post_message(ArchiveLoaded(self.corpus.articles(), complete=True))
            except CorpusError:
                pass  # no index yet, or one that must be rebuilt: wait for the run
        report = self.corpus.update(self.folders, rebuild=self.rebuild, progress=progress,
                                    on_wait=lambda: self.post_message(IndexWaiting()),
                                    should_stop=lambda: worker.is_cancelled)
        articles = self.corpus.articles()
        if not worker.is_cancelled:
            self.post_message(IndexFinished(report, articles))
            self.corpus.prepare_search()  # the first phrase or prefix then does not wait for imports

    def on_index_progress(self, message: IndexProgress) -> None:
        for bar in self.query("#progress").results(ProgressBar):
            bar.update(total=message.total, progress=message.done)
        self.index_status = f"indexing {message.done}/{message.total}…"
        self.update_status()

    def on_index_waiting(self, message: IndexWaiting) -> None:
        self.index_status = "waiting for another index run to finish…"
        self.update_status()

    def on_archive_loaded(self, message: ArchiveLoaded) -> None:
        if not self.indexing or self._archive_complete:
            return
        first = not self.all_articles
        self._archive_complete = message.complete
        self.all_articles = message.articles
        self._all_paths = {a["path"] for a in self.all_articles}
        self._unread = None
        if message.complete:
            _freeze_heap()
        if self.query_text:
            return
        lst = self.query_one("#articles", ArticleList)
        lst.set_articles(self.all_articles, self.read, select_path=(lst.current or {}).get("path"))
        self.update_status()
        if first:
            self.open_path(self.all_articles[0]["path"])

    def on_index_finished(self, message: IndexFinished) -> None:
        report = message.report
        self.indexing = False
        self.query("#progress").remove()
        shown = self.open_path_current if self.all_articles else None
        self.all_articles = message.articles
        self._all_paths = {a["path"] for a in self.all_articles}
        self._unread = None
        _freeze_heap()
        if report.rebuilt_reason:
            self.notify(f"Rebuilt the index ({report.rebuilt_reason})", markup=False)
        if report.skipped:
            first = report.skipped[0]
            more = f" and {len(report.skipped) - 1} more" if len(report.skipped) > 1 else ""
            self.notify(f"Skipped {safe(Path(first[0]).name)}: {first[1]}{more}", severity="warning",
                        markup=False)
        if self.query_text:
            self.start_search(self.query_text)
            return
        lst = self.query_one("#articles", ArticleList)
        if shown and shown in self._all_paths:
            # the list was up early: keep the reader where they are, refresh what they see
            lst.set_articles(self.all_articles, self.read, select_path=(lst.current or {}).get("path") or shown)
            self.update_status()
            self.open_path(shown, mark_read=False)
            return
        lst.set_articles(self.all_articles, self.read)
        self.update_status()
        if self.all_articles:
            self.open_path(self.all_articles[0]["path"])
        else:
            self.query_one("#text", ArticleText).show_message(
                "No articles found in " + ", ".join(safe(f) for f in self.folders))
            self.query_one("#article-header", Static).update(Text("Nothing to read yet", style="bold"))

    # ------------------------------------------------------------------ search
    def start_search(self, query: str) -> None:
        """Run ``query`` in a worker; keys pressed meanwhile wait for its hits."""
        query = query.strip()
        inp = self.query_one("#search", SearchInput)
        if not query:
            self.action_clear_search()
            return
        inp.value = query
        inp.display = True
        self.query_text = query
        self._search_seq += 1
        self._awaiting = True
        self.query_one("#articles", ArticleList).focus()
        self._search_worker = self.run_search(query, self._search_seq)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", name="search")
    def run_search(self, query: str, seq: int) -> None:
        hits = self.corpus.search(query, limit=SEARCH_LIMIT)
        words, prefixes = self.corpus.query_terms(query)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(seq, query, hits, words, prefixes))

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.seq != self._search_seq:
            return
        self.terms = (message.words, message.prefixes)
        lst = self.query_one("#articles", ArticleList)
        lst.set_articles(message.hits, self.read)
        self.update_status()
        if message.hits:
            self.open_path(message.hits[0]["path"], jump_to_hit=True)
        else:
            self.notify(f"No articles match {message.query}", markup=False)
            self._settle()

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        self.start_search(event.value)

    # ------------------------------------------------------------------ opening
    def open_path(self, path: str, jump_to_hit: bool = False, mark_read: bool = True) -> None:
        """Load an article in a worker; keys wait until it is shown."""
        self._open_seq += 1
        self._awaiting = True
        words, prefixes = self.terms if self.query_text else (set(), [])
        self._open_worker = self.load_article(path, words, prefixes, self._open_seq, mark_read, jump_to_hit)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open", name="open")
    def load_article(self, path: str, words: set[str], prefixes: list[str], seq: int, mark_read: bool,
                     jump_to_hit: bool) -> None:
        doc = self.corpus.get(path)
        view = build_view(doc, words, prefixes, highlight_spans) if doc else None
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleLoaded(seq, view, path, mark_read, jump_to_hit))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.seq != self._open_seq:
            return
        text = self.query_one("#text", ArticleText)
        header = self.query_one("#article-header", Static)
        view = message.view
        if view is None:
            self.notify("That article is no longer in the index.", severity="warning", markup=False)
            self._settle()
            return
        self.open_path_current = view.path
        self._first_shown.set()
        header.update(header_text(view))
        text.show(view, jump_to_first_hit=message.jump_to_hit)
        quotes = self.query_one("#quotes", QuoteList)
        quotes.set_quotes(view.quotes)
        _retitle(self.query_one("#quotes-pane"), f"Quotes ({len(view.quotes)})")
        _retitle(self.query_one("#text-pane"), "Text" + (
            f" · {len(view.hits)} hit{'s' if len(view.hits) != 1 else ''}" if view.hits else ""))
        if message.mark_read and view.path not in self.read:
            self.set_read(view.path, True)
        self._settle()

    def set_read(self, path: str, read: bool) -> None:
        if self.bookmarks is not None:
            try:
                self.bookmarks.set_read(path, read)
            except Exception as exc:
                self.notify(f"Could not save the read mark: {describe(exc)}", severity="error", markup=False)
                return
        changed = (path in self.read) != read
        if changed and self._unread is not None and path in self._all_paths:
            self._unread += -1 if read else 1
        (self.read.add if read else self.read.discard)(path)
        self.query_one("#articles", ArticleList).refresh_row(path)
        self.update_status()

    # ------------------------------------------------------------------ errors
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become notifications."""
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        err = worker.error
        if worker is self._search_worker:
            self._settle(replay=False)
            if isinstance(err, QueryError):
                self.notify(f"Bad query: {err}", severity="error", timeout=8, markup=False)
            else:
                self.notify(f"Search failed: {describe(err)}", severity="error", markup=False)
            inp = self.query_one("#search", SearchInput)
            inp.display = True
            inp.focus()
        elif worker is self._open_worker:
            self._settle()
            self.notify(f"Could not open the article: {describe(err)}", severity="error", markup=False)
        elif worker.name == "index":
            self.indexing = False
            self.index_failed = True
            self.index_status = "indexing failed"
            self.query("#progress").remove()
            msg = str(err) if isinstance(err, CorpusError) else describe(err)
            self.notify(f"Indexing failed: {msg}", severity="error", timeout=20, markup=False)
            self.query_one("#text", ArticleText).show_message(f"Indexing failed: {msg}")
            self.update_status()
        else:
            self.notify(f"{worker.name} failed: {describe(err)}", severity="error", markup=False)

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_ONLY and self.screen is not self.screen_stack[0]:
            return False
        if action == "clear_search":
            return bool(self.query_text or self.query_one("#search", SearchInput).display)
        return True

    def action_search(self) -> None:
        inp = self.query_one("#search", SearchInput)
        inp.display = True
        inp.value = self.query_text
        inp.focus()

    def action_clear_search(self) -> None:
        inp = self.query_one("#search", SearchInput)
        inp.value = ""
        inp.display = False
        had_query = bool(self.query_text)
        self.query_text = ""
        self.terms = (set(), [])
        self._search_seq += 1
        if self._awaiting:
            self._settle(replay=False)
        lst = self.query_one("#articles", ArticleList)
        lst.focus()
        if had_query:
            lst.set_articles(self.all_articles, self.read, select_path=self.open_path_current)
            self.update_status()
            if self.open_path_current:
                self.open_path(self.open_path_current, mark_read=False)

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, QuoteList):
            self._show_quote_in_text()
            return
        a = self.query_one("#articles", ArticleList).current
        if a is not None:
            self.open_path(a["path"])

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        a = self.query_one("#articles", ArticleList).current
        if a is not None:
            self.open_path(a["path"])

    @on(OptionList.OptionSelected, "#quotes")
    def _quote_selected(self, event: OptionList.OptionSelected) -> None:
        self._show_quote_in_text()

    @on(OptionList.OptionHighlighted, "#quotes")
    def _quote_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Browsing quotes keeps the text on the quote's paragraph: the context is the point."""
        if self.focused is event.option_list:
            self._show_quote_in_text()

    def _show_quote_in_text(self) -> None:
        q = self.query_one("#quotes", QuoteList).current
        if q is not None:
            self.query_one("#text", ArticleText).goto_offset(q["start"])

    _SCROLL_FALLBACK = {"cursor_down": "scroll_down", "cursor_up": "scroll_up", "first": "scroll_home",
                        "last": "scroll_end"}

    def _move(self, name: str) -> None:
        """j/k/g/G act on whatever has focus: a list's cursor, else a scrolling view (help)."""
        focused = self.focused
        method = getattr(focused, f"action_{name}", None) or getattr(
            focused, f"action_{self._SCROLL_FALLBACK[name]}", None)
        if method is not None:
            method()

    def action_cursor_down(self) -> None:
        self._move("cursor_down")

    def action_cursor_up(self) -> None:
        self._move("cursor_up")

    def action_cursor_top(self) -> None:
        self._move("first")

    def action_cursor_bottom(self) -> None:
        self._move("last")

    def action_next_pane(self) -> None:
        self.screen.focus_next()

    def action_previous_pane(self) -> None:
        self.screen.focus_previous()

    def _hit(self, delta: int) -> None:
        result = self.query_one("#text", ArticleText).step_hit(delta)
        if result is None:
            self.notify("No search hits in this article." if self.open_path_current else "No article open.",
                        markup=False)
            return
        pos, count = result
        self.query_one("#text-pane").border_title = f"Text · hit {pos}/{count}"

    def action_next_hit(self) -> None:
        self._hit(+1)

    def action_prev_hit(self) -> None:
        self._hit(-1)

    def action_bookmark(self) -> None:
        view = self.query_one("#text", ArticleText).view
        if view is None:
            self.notify("No article open.", markup=False)
            return
        quotes_pane = self.query_one("#quotes", QuoteList)
        q = quotes_pane.current if self.focused is quotes_pane else None
        if q is None:
            q = view.quotes[0] if view.quotes else None
        if q is None:
            self.notify(f"“{view.title}” has no quote to bookmark.", markup=False)
            return
        if self.bookmarks is None:
            self.notify("Bookmarks are unavailable (see the earlier error).", severity="error", markup=False)
            return
        try:
            added = self.bookmarks.add(text=q["text"], speaker=q.get("speaker"), path=view.path,
                                       title=view.title, source=view.source, date=view.date,
                                       speaker_mention=q.get("speaker_mention"))
        except Exception as exc:
            self.notify(f"Could not save the bookmark: {describe(exc)}", severity="error", markup=False)
            return
        what = quote_clip({"text": _short(q["text"]), "speaker": q.get("speaker")})
        self.notify(("Bookmarked " if added else "Already bookmarked: ") + what, markup=False)
        self.bookmarks_changed()

    def action_bookmarks(self) -> None:
        if isinstance(self.screen, BookmarksScreen):
            self.pop_screen()
            return
        self._pop_views()
        self.push_screen(BookmarksScreen())

    def action_speakers(self) -> None:
        self.push_screen(SpeakersScreen(self.query_one("#text", ArticleText).view))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self._pop_views()
        self.push_screen(HelpScreen())

    def _pop_views(self) -> None:
        while len(self.screen_stack) > 1 and isinstance(self.screen, (BookmarksScreen, SpeakersScreen,
                                                                       HelpScreen)):
            self.pop_screen()

    def action_toggle_read(self) -> None:
        lst = self.query_one("#articles", ArticleList)
        if self.focused is lst and lst.current is not None:
            path = lst.current["path"]
        else:
            path = self.open_path_current
        if path is None:
            return
        now_read = path not in self.read
        self.set_read(path, now_read)
        self.notify("Marked read." if now_read else "Marked unread.", markup=False)

    def action_copy(self) -> None:
        get = getattr(self.focused, "clip_text", None)
        text = get() if get else None
        if not text:
            self.notify("Nothing to copy here.", markup=False)
            return
        self.copy_to_clipboard(text)
        self.notify(f"Copied: {_short(text)}", markup=False)

    async def action_quit(self) -> None:
        self.workers.cancel_all()
        self.exit(0)

    def on_unmount(self) -> None:
        if self.bookmarks is not None:
            self.bookmarks.close()


def _retitle(pane, title: str) -> None:
    """Set a pane's border title only when it changes: Textual repaints the whole pane on
    every assignment, a few milliseconds of each article opened."""
    if pane.border_title != title:
        pane.border_title = title


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while ``sys.stderr`` is still the real one.

    The indexer analyses large batches in a process pool, whose resource tracker is
    spawned with ``sys.stderr``'s file descriptor. Once Textual has swapped stderr for
    its capture object (``fileno() == -1``) that spawn fails with "bad value(s) in
    fds_to_keep", so a first run on a big folder would fail inside the app.
    """
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:  # no tracker means no pool: the indexer then fails per batch, not here
        pass


def create_app(folders: list[str], data_dir: Path, rebuild: bool = False,
               keymap_path: Path | None = None) -> ReaderApp:
    """The app, unstarted: ``run`` and the tests both build it here."""
    _start_resource_tracker()
    return ReaderApp(folders=folders, data_dir=data_dir, rebuild=rebuild, keymap_path=keymap_path)


def run(folders: list[str], data_dir: Path, rebuild: bool = False) -> int:
    """Run the TUI; returns the process exit code."""
    app = create_app(folders, data_dir, rebuild=rebuild)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
