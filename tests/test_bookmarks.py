"""Bookmarks are user data: deduplicated, transactional, exportable, never silently replaced."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.bookmarks import Bookmarks, BookmarksError, export


@pytest.fixture
def bm(tmp_path):
    b = Bookmarks(tmp_path / "bookmarks.sqlite")
    yield b
    b.close()


def add(bm, text="We are not prepared to surrender.", **kw):
    base = dict(speaker="Oksana Markarova", path="/n/001.txt", title="Peace talks", source="Liberty Nation",
                date="2022-02-28")
    base.update(kw)
    return bm.add(text=text, **base)


def test_add_list_and_dedupe(bm):
    assert add(bm) is True
    assert add(bm) is False
    assert len(bm.list()) == 1 and bm.count() == 1
    b = bm.list()[0]
    assert b.speaker == "Oksana Markarova" and b.saved_at


def test_delete(bm):
    add(bm)
    add(bm, text="Another quote.")
    bm.delete(bm.list()[0].id)
    assert [b.text for b in bm.list()] == ["Another quote."]


def test_wal_mode(bm):
    assert bm.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_read_marks(bm):
    bm.set_read("/a.txt")
    assert bm.read_paths() == {"/a.txt"}
    bm.set_read("/a.txt", False)
    assert bm.read_paths() == set()


def test_export_formats(bm):
    add(bm)
    items = bm.list()
    data = json.loads(export(items, "json"))
    assert set(data[0]) == {"text", "speaker", "title", "source", "date", "path", "saved_at"}
    rows = list(csv.reader(io.StringIO(export(items, "csv"))))
    assert rows[0][0] == "text" and rows[1][1] == "Oksana Markarova"
    md = export(items, "md")
    assert "> “We are not prepared to surrender.”" in md and "— Oksana Markarova" in md and "*Peace talks*" in md


def test_damaged_database_is_reported_not_replaced(tmp_path):
    p = tmp_path / "bookmarks.sqlite"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BookmarksError, match="damaged"):
        Bookmarks(p)
    assert p.read_bytes().startswith(b"this is not a database")
