"""SVG snapshots of the main screen, a search and the bookmarks view.

Everything that could vary between runs is pinned: the seed copies' mtimes (they order
undated articles), the bookmarks' saved-at times, the terminal size, the cursor blink,
and notifications are cleared before the picture is taken. Regenerate with
``pytest tests/test_snapshots.py --snapshot-update`` after a deliberate UI change (or a
change in what the cleaner or the quote extractor produce for the seeds).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled, WorkerFailed

from reader.app import create_app
from reader.bookmarks import Bookmarks
from reader.paths import bookmarks_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WIDE = (120, 36)
NARROW = (80, 24)


@pytest.fixture
def seeds_and_data(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for i, p in enumerate(sorted(seeds.iterdir())):
        os.utime(p, (1_600_000_000 + i * 3600, 1_600_000_000 + i * 3600))
    return seeds, tmp_path / "data"


async def _settle(pilot) -> None:
    app = pilot.app
    for _ in range(300):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):  # replaced by a newer one, or reported by the app
            pass
        await pilot.pause()
        if not app._awaiting and not app.indexing and not any(w.is_running for w in app.workers) \
                and app.query_one("#text").complete:  # a long article's later paragraphs too
            break
        await asyncio.sleep(0.01)
    app.query_one("#search").cursor_blink = False
    app.clear_notifications()
    await pilot.pause()


def test_main_screen(snap_compare, seeds_and_data):
    seeds, data = seeds_and_data
    app = create_app([str(seeds)], data)
    assert snap_compare(app, terminal_size=WIDE, run_before=_settle)


def test_main_screen_80x24(snap_compare, seeds_and_data):
    seeds, data = seeds_and_data
    app = create_app([str(seeds)], data)
    assert snap_compare(app, terminal_size=NARROW, run_before=_settle)


def test_search(snap_compare, seeds_and_data):
    seeds, data = seeds_and_data
    app = create_app([str(seeds)], data)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("slash")
        app.query_one("#search").value = "Markarova"
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


def test_bookmarks_view(snap_compare, seeds_and_data):
    seeds, data = seeds_and_data
    store = Bookmarks(bookmarks_path(data))
    store.add(text="We are ready for peace talks.", speaker="Oksana Markarova", path=str(seeds / "001.txt"),
              title="Russia and Ukraine Begin Peace Talks", source="example.org", date="2022-02-28")
    store.add(text="There is nothing about Ukraine without Ukraine.", speaker=None, path=str(seeds / "004.txt"),
              title="Peace talks over the war", source=None, date=None)
    store.close()
    con = sqlite3.connect(bookmarks_path(data))
    with con:
        con.execute("UPDATE bookmarks SET saved_at = '2024-01-02T03:04:05+00:00'")
    con.close()
    app = create_app([str(seeds)], data)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("B")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)
