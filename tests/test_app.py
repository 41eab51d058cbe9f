"""Pilot tests of the TUI: every key of the spec, on a private copy of the seeds.

The seeds are copied and indexed once per session (mtimes fixed, so "newest" is stable);
each test gets its own copy of that data directory, so bookmarks and read marks never
leak between tests, and the app's own start-up index run finds everything unchanged.
"""

from __future__ import annotations

import asyncio
import functools
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from index.store import Corpus
from reader.app import BookmarksScreen, HelpScreen, ReaderApp, SpeakersScreen, create_app
from reader.keymap import parse_keymap
from reader.paths import bookmarks_path, index_dir
from reader.widgets import (
    CURRENT_HIT_STYLE,
    HIT_STYLE,
    ArticleList,
    ArticleText,
    QuoteList,
    sanitize_with_map,
)


def aio(fn):
    """Run an async test on a fresh event loop (no async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (160, 45)


def _seed_name(n: int) -> str:
    return next(p.name for p in SEEDS.iterdir() if p.name.startswith(f"{n:03d}_"))


def copy_seeds(dst: Path) -> Path:
    shutil.copytree(SEEDS, dst)
    for i, p in enumerate(sorted(dst.iterdir())):
        os.utime(p, (1_600_000_000 + i * 3600, 1_600_000_000 + i * 3600))
    return dst


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> tuple[Path, Path]:
    """(seeds folder, data dir with the seeds indexed): built once, copied per test."""
    base = tmp_path_factory.mktemp("tui")
    seeds = copy_seeds(base / "seeds")
    data = base / "data"
    corpus = Corpus(index_dir(data))
    report = corpus.update([str(seeds)])
    corpus.close()
    assert report.indexed == 5, report.skipped
    return seeds, data


@pytest.fixture
def env(tmp_path, prebuilt, monkeypatch):
    """A fresh data dir (pre-indexed) and config dir for one test."""
    seeds, data = prebuilt
    mine = tmp_path / "data"
    shutil.copytree(data, mine)
    cfg = tmp_path / "config"
    monkeypatch.setenv("READER_CONFIG_DIR", str(cfg))
    return seeds, mine, cfg


def make_app(folders, data, keymap: Path | None = None) -> ReaderApp:
    app = create_app([str(f) for f in folders], data, keymap_path=keymap)
    app.notes = []
    real = app.notify

    def notify(message, **kw):
        app.notes.append(str(message))
        return real(message, **kw)

    app.notify = notify
    return app


async def settle(pilot) -> None:
    """Until no worker runs and no result is awaited (indexing, search, open)."""
    app = pilot.app
    for _ in range(200):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):  # replaced by a newer one, or reported by the app
            pass
        await pilot.pause()
        if not app._awaiting and not app.indexing and not any(w.is_running for w in app.workers):
            await pilot.pause()
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app never settled")


def articles(app) -> ArticleList:
    return app.query_one("#articles", ArticleList)


def text_pane(app) -> ArticleText:
    return app.query_one("#text", ArticleText)


def quotes(app) -> QuoteList:
    return app.query_one("#quotes", QuoteList)


def titles(app) -> list[str]:
    return [a["title"] for a in articles(app).articles]


def names(app) -> list[str]:
    return [Path(a["path"]).name for a in articles(app).articles]


def saved(data: Path) -> list[tuple]:
    con = sqlite3.connect(bookmarks_path(data))
    try:
        return con.execute("SELECT text, speaker, path, title FROM bookmarks ORDER BY id").fetchall()
    finally:
        con.close()


def read_marks(data: Path) -> set[str]:
    con = sqlite3.connect(bookmarks_path(data))
    try:
        return {r[0] for r in con.execute("SELECT path FROM read_state")}
    finally:
        con.close()


async def search(pilot, query: str) -> None:
    await pilot.press("slash")
    pilot.app.query_one("#search").value = query
    await pilot.press("enter")
    await settle(pilot)


# ---------------------------------------------------------------------------- start-up
@aio
async def test_startup_indexes_and_opens_newest(tmp_path, monkeypatch):
    """A fresh data dir: the app indexes in a worker, lists the 5 seeds, opens the newest."""
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "cfg"))
    seeds = copy_seeds(tmp_path / "seeds")
    data = tmp_path / "data"
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lst = articles(app)
        assert lst.option_count == 5
        assert sorted(names(app)) == sorted(p.name for p in SEEDS.iterdir())
        newest = lst.articles[0]
        assert lst.highlighted == 0
        assert app.open_path_current == newest["path"]
        assert text_pane(app).view.path == newest["path"]
        assert app.focused is lst
        assert newest["path"] in read_marks(data)
        assert (index_dir(data) / "manifest.sqlite").exists()
        status = str(app.query_one("#status").render())
        assert "5 articles" in status and "4 unread" in status
        assert not app.query("#progress")  # the progress bar is gone once indexing is done
        # wide terminal: three columns side by side
        assert app.screen.has_class("-wide")
        lp, t, q = (app.query_one(f"#{p}").region for p in ("list-pane", "text-pane", "quotes-pane"))
        assert lp.right <= t.x and t.right <= q.x
        assert lp.y == t.y == q.y


@aio
async def test_unread_titles_bold_and_u_toggles(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lst = articles(app)

        def bold(i: int) -> bool:
            return any("bold" in str(s.style) for s in lst.row_text(i).spans)

        assert not bold(0)  # opened, so read
        assert bold(1)
        await pilot.press("u")  # list focused: toggles the highlighted (open) article
        assert bold(0)
        assert lst.articles[0]["path"] not in read_marks(data)
        assert "5 unread" in str(app.query_one("#status").render())
        await pilot.press("u")
        assert not bold(0)
        assert lst.articles[0]["path"] in read_marks(data)


# ---------------------------------------------------------------------------- moving
@aio
async def test_j_k_arrows_g_G_move_and_enter_opens(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lst = articles(app)
        await pilot.press("j")
        assert lst.highlighted == 1
        await pilot.press("down")
        assert lst.highlighted == 2
        await pilot.press("k")
        assert lst.highlighted == 1
        await pilot.press("up")
        assert lst.highlighted == 0
        await pilot.press("G")
        assert lst.highlighted == 4
        await pilot.press("g")
        assert lst.highlighted == 0
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert app.open_path_current == lst.articles[2]["path"]
        assert lst.articles[2]["path"] in read_marks(data)
        # the mouse: a click moves the cursor, a click on the cursor row opens it
        await pilot.click("#articles", offset=(3, 3))
        assert lst.highlighted == 3
        await pilot.click("#articles", offset=(3, 3))
        await settle(pilot)
        assert app.open_path_current == lst.articles[3]["path"]


@aio
async def test_tab_and_shift_tab_cycle_panes(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is articles(app)
        await pilot.press("tab")
        assert app.focused is text_pane(app)
        await pilot.press("tab")
        assert app.focused is quotes(app)
        await pilot.press("tab")
        assert app.focused is articles(app)
        await pilot.press("shift+tab")
        assert app.focused is quotes(app)
        await pilot.press("shift+tab")
        assert app.focused is text_pane(app)


@aio
async def test_enter_in_quotes_pane_shows_quote_in_text(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = text_pane(app).view
        assert len(view.quotes) >= 2
        await pilot.press("tab", "tab", "j")  # moving in the quotes pane follows in the text
        q = quotes(app).current
        a, b = view.paragraphs[text_pane(app).highlighted]
        assert a <= q["start"] < b
        await pilot.press("shift+tab", "g")
        assert text_pane(app).highlighted == 0
        await pilot.press("tab", "enter")  # and Enter shows it again
        a, b = view.paragraphs[text_pane(app).highlighted]
        assert a <= q["start"] < b


# ---------------------------------------------------------------------------- search
@aio
async def test_search_markarova_lists_only_001_and_highlights(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")
        await pilot.press(*"Markarova", "enter")
        await settle(pilot)
        assert names(app) == [_seed_name(1)]
        assert app.focused is articles(app)
        assert Path(app.open_path_current).name == _seed_name(1)
        view = text_pane(app).view
        assert view.hits and all(view.text[s:e] == "Markarova" for s, e in view.hits)
        # the paragraph with the hit carries the hit style exactly on the word
        p = view.paragraph_of(view.hits[0][0])
        prompt = text_pane(app).get_option_at_index(p).prompt
        styled = [prompt.plain[s.start:s.end] for s in prompt.spans if str(s.style) in (HIT_STYLE, CURRENT_HIT_STYLE)]
        assert "Markarova" in styled
        assert "Markarova" in str(app.query_one("#status").render())


@aio
async def test_bad_query_notifies_without_crash(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, '"unclosed phrase')
        assert any(n.startswith("Bad query") for n in app.notes), app.notes
        assert app.focused is app.query_one("#search")
        assert articles(app).option_count == 5
        assert not app._awaiting
        # the app still works afterwards; a query without hits says so
        await search(pilot, "Markarova")
        assert names(app) == [_seed_name(1)]
        await search(pilot, "xylophonequux")
        assert articles(app).option_count == 0
        assert any("No articles match" in n for n in app.notes)


@aio
async def test_escape_clears_search_and_restores_list(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Markarova")
        assert articles(app).option_count == 1
        await pilot.press("escape")  # from the list
        await settle(pilot)
        assert articles(app).option_count == 5
        assert app.query_text == ""
        assert not app.query_one("#search").display
        assert text_pane(app).view.hits == []
        # and Esc inside the input does the same
        await search(pilot, "Peskov")
        assert articles(app).option_count == 3
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert articles(app).option_count == 5


@aio
async def test_n_and_N_step_through_hits(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no search yet
        assert any("No search hits" in n for n in app.notes)
        await search(pilot, "peace")
        tp = text_pane(app)
        hits = tp.view.hits
        assert len(hits) >= 3
        assert tp.hit_index == 0  # opened on the first hit
        await pilot.press("n")
        assert tp.hit_index == 1
        assert tp.highlighted == tp.view.paragraph_of(hits[1][0])
        prompt = tp.get_option_at_index(tp.highlighted).prompt
        current = [s for s in prompt.spans if str(s.style) == CURRENT_HIT_STYLE]
        assert len(current) == 1
        await pilot.press("n")
        assert tp.hit_index == 2
        await pilot.press("N", "N")
        assert tp.hit_index == 0
        await pilot.press("N")  # wraps to the last
        assert tp.hit_index == len(hits) - 1


@aio
async def test_keys_wait_for_a_running_search(env):
    """``/ Markarova Enter b`` at once: b waits and bookmarks seed 001's quote, not the old article's."""
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        old = app.open_path_current
        real = app.corpus.search

        def slow(*a, **kw):
            time.sleep(0.4)
            return real(*a, **kw)

        app.corpus.search = slow
        await pilot.press("slash", *"Markarova", "enter", "b")
        await settle(pilot)
        rows = saved(data)
        assert len(rows) == 1
        assert Path(rows[0][2]).name == _seed_name(1)
        assert rows[0][2] != old


# ---------------------------------------------------------------------------- bookmarks
@aio
async def test_b_bookmarks_first_key_quote_into_sqlite(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Markarova")
        view = text_pane(app).view
        first = view.quotes[0]
        if any(q.get("key") for q in view.quotes):
            assert first.get("key")
        await pilot.press("b")
        rows = saved(data)
        assert rows == [(first["text"], first["speaker"], view.path, view.title)]
        assert any(n.startswith("Bookmarked") and first["text"][:20] in n for n in app.notes), app.notes
        await pilot.press("b")  # twice: still one
        assert len(saved(data)) == 1
        assert any(n.startswith("Already bookmarked") for n in app.notes)


@aio
async def test_b_in_quotes_pane_saves_quote_under_cursor(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = text_pane(app).view
        await pilot.press("tab", "tab", "j", "b")
        assert saved(data)[0][0] == view.quotes[1]["text"]
        assert saved(data)[0][1] == view.quotes[1]["speaker"]


@aio
async def test_b_on_article_without_quotes_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "cfg"))
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "note.txt").write_text("A plain note\n\nNothing anyone said here, only facts about the weather.\n")
    data = tmp_path / "data"
    app = make_app([folder], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert articles(app).option_count == 1
        await pilot.press("b")
        assert any("has no quote" in n for n in app.notes), app.notes
        assert saved(data) == []


@aio
async def test_B_view_lists_deletes_and_exports(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = text_pane(app).view
        await pilot.press("tab", "tab", "b", "j", "b", "shift+tab", "shift+tab")
        assert len(saved(data)) == 2
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        lst = app.screen.query_one("#bookmark-list")
        assert len(lst.items) == 2
        await pilot.press("e")
        exports = list(data.glob("bookmarks-*.md"))
        assert len(exports) == 1
        md = exports[0].read_text()
        assert view.quotes[0]["text"][:30] in md and view.quotes[1]["text"][:30] in md
        assert any(str(exports[0]) in n for n in app.notes)
        await pilot.press("d")
        assert len(saved(data)) == 1
        assert len(lst.items) == 1
        await pilot.press("escape")
        assert not isinstance(app.screen, BookmarksScreen)
        assert "1 bookmark" in str(app.query_one("#status").render())


@aio
async def test_enter_in_bookmarks_view_opens_the_article(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Markarova")
        target = app.open_path_current
        await pilot.press("b", "escape")
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert app.open_path_current != target
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.open_path_current == target


# ---------------------------------------------------------------------------- views
@aio
async def test_s_speakers_view_and_search_by_speaker(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Markarova")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SpeakersScreen)
        local = app.screen.local
        assert "Oksana Markarova" in local
        archive = app.screen.archive
        assert "Oksana Markarova" in archive and len(archive) >= len(local)
        # Enter on her name searches speaker:"Oksana Markarova"
        idx = local.index("Oksana Markarova")
        for _ in range(idx):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SpeakersScreen)
        assert app.query_text == 'speaker:"Oksana Markarova"'
        assert _seed_name(1) in names(app)


@aio
async def test_help_lists_every_binding(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {desc: keys for keys, desc, _ in app.screen.rows}
        assert rows["Search"] == "/" and rows["Quit"] == "q" and rows["Bookmarks"] == "B"
        for words in ("Bookmark", "Speakers", "Next hit", "Prev hit", "Delete", "Export", "Copy", "Read/unread"):
            assert words in rows
        body = app.screen.query_one("#help-body")
        await pilot.press("G")  # j/k/g/G scroll the help
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


@aio
async def test_command_palette_lists_and_runs_actions(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = {name for name, _, _ in app.palette_entries(app.screen)}
        assert {"Search", "Bookmark", "Bookmarks", "Speakers", "Help", "Quit", "Copy"} <= entries
        assert "Quit" not in [c.title for c in app.get_system_commands(app.screen)]  # listed once
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "Bookmarks"
        commands = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches in the background
            await pilot.pause(0.05)
            if commands.option_count and "Bookmarks" in str(commands.get_option_at_index(0).prompt):
                break
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, BookmarksScreen)


@aio
async def test_y_copies_quote_and_passage(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = text_pane(app).view
        await pilot.press("tab", "j", "y")
        a, b = view.paragraphs[1]
        assert app.clipboard == view.text[a:b].strip()
        await pilot.press("tab", "y")
        assert view.quotes[0]["text"] in app.clipboard
        assert app.clipboard.startswith("“")


@aio
async def test_q_quits_at_once(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


@aio
async def test_q_quits_during_a_slow_search(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        real = app.corpus.search
        app.corpus.search = lambda *a, **kw: (time.sleep(0.5), real(*a, **kw))[1]
        await pilot.press("slash", "x", "enter", "q")
        await pilot.pause()
        assert app._exit


# ---------------------------------------------------------------------------- layout and safety
@aio
async def test_80x24_layout_stacks_panes(env):
    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        panes = [app.query_one(f"#{p}") for p in ("list-pane", "text-pane", "quotes-pane")]
        for p in panes:
            r = p.region
            assert r.width == 80 and r.height >= 3 and r.bottom <= 24
        # stacked top to bottom, not side by side
        assert panes[0].region.bottom <= panes[1].region.y < panes[1].region.bottom <= panes[2].region.y
        # one row per article: titles are cut to fit the width, never wrapped
        lst = articles(app)
        width = lst.scrollable_content_region.width
        for i, a in enumerate(lst.articles):
            line = lst.render_line(i).text
            assert len(line) == width
            assert line.startswith(a["title"][:20])
            assert line.rstrip().endswith(a["date"] or line.rstrip()[-1])
        # the focused pane gets the room
        before = app.query_one("#quotes-pane").region.height
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert app.query_one("#quotes-pane").region.height > before
        # widening the terminal brings the three columns back, rows re-laid for the width
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert len(lst.render_line(0).text) == lst.scrollable_content_region.width < 80


MARKUP = (
    "[bold]Not bold[/bold] headline about the [link=x]harbour[/link] council vote\n\n"
    "The council met on Tuesday evening to debate the harbour plan, and the body text carries a stray [/] "
    "closing tag and [red]colour[/red] words that a careless reader would turn into styles.\n\n"
    "Members argued for three hours about the budget, the \x1b[31mred\x1b[0m ink in the accounts and a "
    "terminal title \x1b]0;pwned\x07 change hidden in the scraped page, before voting late at night.\n\n"
    "“[italic]We will build it[/] within two years,” said Jane Doe, the council spokeswoman, after the vote "
    "was counted and the members went home.\n"
)


@aio
async def test_markup_and_escapes_in_text_are_shown_literally(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "cfg"))
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "markup.txt").write_text(MARKUP, encoding="utf-8")
    data = tmp_path / "data"
    app = make_app([folder], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert articles(app).option_count == 1
        view = text_pane(app).view
        assert view is not None
        shown = "\n".join(text_pane(app).get_option_at_index(i).prompt.plain
                          for i in range(text_pane(app).option_count))
        assert "[/]" in shown and "[red]colour[/red]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "red ink" in shown and "0;pwned" not in shown
        header = app.query_one("#article-header").render()
        assert "\x1b" not in str(header)
        assert "[bold]" in (view.title + shown)
        # moving around, copying and bookmarking the hostile text does not crash either
        await pilot.press("tab", "j", "y", "tab", "b", "B")
        await pilot.pause()
        await pilot.press("escape")
        await search(pilot, "colour")
        assert articles(app).option_count == 1


@aio
async def test_index_failure_is_a_notification(env, monkeypatch):
    seeds, data, _ = env

    def broken(self, *a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Corpus, "update", broken)
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(n.startswith("Indexing failed") for n in app.notes), app.notes
        assert "indexing failed" in str(app.query_one("#status").render())
        await pilot.press("j", "b", "n", "s")  # keys still work, nothing crashes
        await pilot.pause()


@aio
async def test_damaged_bookmarks_database_is_reported_not_fatal(env):
    seeds, data, _ = env
    bookmarks_path(data).write_bytes(b"this is not a database" * 100)
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("damaged" in n for n in app.notes), app.notes
        assert articles(app).option_count == 5  # reading still works
        await pilot.press("b")
        assert any("Bookmarks are unavailable" in n for n in app.notes)
    assert bookmarks_path(data).read_bytes().startswith(b"this is not a database")  # left untouched


@aio
async def test_long_article_loads_in_chunks_and_hits_reach_the_end(env):
    from index.store import highlight_spans
    from reader.widgets import build_view

    seeds, data, _ = env
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paras = [f"Paragraph {i} of a very long page about the harbour budget." for i in range(1000)]
        paras[-1] += " The last mention of zeppelins."
        view = build_view({"path": "/long.txt", "title": "Long", "text": "\n\n".join(paras), "quotes": []},
                          {"zeppelin"}, [], highlight_spans)
        tp = text_pane(app)
        tp.show(view)
        # the first screenful only (two or three lines a paragraph, with the blank line
        # after it), the UI stays free
        assert 2 * tp.loaded <= tp.scrollable_content_region.height < 4 * tp.loaded
        assert tp.loaded <= tp.FIRST_CHUNK
        await pilot.press("n")  # the only hit is in the last paragraph: loaded on demand
        assert tp.highlighted == 999 and tp.loaded == 1000
        assert "zeppelins" in tp.get_option_at_index(999).prompt.plain
        tp.show(view)
        for _ in range(100):
            await pilot.pause(0.02)
            if tp.loaded == 1000:
                break
        assert tp.option_count == 1000  # the rest arrived in the background


# ---------------------------------------------------------------------------- keymap
@aio
async def test_user_keymap_rebinds_keys(env):
    seeds, data, cfg = env
    cfg.mkdir()
    km = cfg / "keymap.toml"
    km.write_text('search = "f"\nbookmark_delete = "x"\n[keymap]\nbookmarks = ["ctrl+b"]\n', encoding="utf-8")
    app = make_app([seeds], data)  # default path: READER_CONFIG_DIR/keymap.toml
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused is not app.query_one("#search")
        await pilot.press("f")
        assert app.focused is app.query_one("#search")
        await pilot.press("escape", "ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("x")  # the view's own bindings follow the keymap too
        assert "Nothing to delete." in app.notes
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("f", "Search") in [(k, d) for k, d, _ in app.screen.rows]
        search_binding = next(b for b in app.BINDINGS if b.id == "search")
        assert app.keys_display(search_binding) == "f"


@aio
async def test_broken_keymap_warns_and_keeps_defaults(env):
    seeds, data, cfg = env
    cfg.mkdir()
    (cfg / "keymap.toml").write_text('search = \nnonsense = "x"\n', encoding="utf-8")
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(n.startswith("keymap ignored") for n in app.notes), app.notes
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")


def test_parse_keymap_forms_and_warnings():
    km, warnings = parse_keymap('search = "ctrl+f, slash"\nbogus = "x"\n[keymap]\nquit = ["q", "ctrl+q"]\n',
                                known_ids={"search", "quit"})
    assert km == {"search": "ctrl+f,slash", "quit": "q,ctrl+q"}
    assert any("bogus" in w for w in warnings)
    km, warnings = parse_keymap("search = 3\n", known_ids={"search"})
    assert km == {} and warnings


def test_every_binding_has_an_id_and_tooltip():
    from reader.app import MAIN_BINDINGS

    ids = [b.id for b in MAIN_BINDINGS]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(b.tooltip for b in MAIN_BINDINGS)
    assert {"search", "open", "down", "up", "top", "bottom", "next_pane", "previous_pane", "next_hit",
            "prev_hit", "bookmark", "bookmarks", "speakers", "toggle_read", "copy", "help", "quit"} <= set(ids)


def test_sanitize_keeps_offsets():
    raw = "ab\x1b[31mcd\x1b[0mef\u202eg"
    clean, origin = sanitize_with_map(raw)
    assert clean == "abcdefg"
    assert [raw[i] for i in origin] == list(clean)
    assert sanitize_with_map("plain") == ("plain", None)


def test_build_view_maps_offsets_and_skips_a_repeated_title():
    from index.store import highlight_spans
    from reader.widgets import build_view, paragraph_text

    body = "Harbour vote passes | The Daily\n\nThe \x1b[1mcouncil\x1b[0m voted. “We build,” said Jane Doe.\n"
    start = body.index("We build")
    doc = {"path": "/x.txt", "title": "Harbour vote passes", "text": body,
           "quotes": [{"text": "We build,", "start": start, "end": start + 9, "speaker": "Jane Doe", "key": True}]}
    view = build_view(doc, {"council"}, [], highlight_spans)
    assert len(view.paragraphs) == 1  # the title line is not repeated under the header
    q = view.quotes[0]
    assert view.text[q["start"]:q["end"]] == "We build,"  # offsets survive the escape removal
    assert [view.text[a:b] for a, b in view.hits] == ["council"]
    styled = paragraph_text(view, 0)
    assert "\x1b" not in styled.plain
    assert any(str(sp.style) == HIT_STYLE and styled.plain[sp.start:sp.end] == "council" for sp in styled.spans)


@aio
async def test_existing_archive_lists_newest_page_first_then_all(env, monkeypatch):
    import reader.app as app_module

    seeds, data, _ = env
    monkeypatch.setattr(app_module, "FIRST_PAGE", 2)
    seen: list[int] = []
    real = app_module.ReaderApp.on_archive_loaded

    def spy(self, message):
        seen.append(len(message.articles))
        real(self, message)

    monkeypatch.setattr(app_module.ReaderApp, "on_archive_loaded", spy)
    app = make_app([seeds], data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == [2, 5]  # the newest two at once, then the whole list, before the folder check
        lst = articles(app)
        assert lst.option_count == 5
        assert app.open_path_current == lst.articles[0]["path"]
