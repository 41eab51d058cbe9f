"""Bookmarked quotes and read marks: the user's own data, kept apart from the index.

The index is a cache that can be deleted and rebuilt at any time; this database is not.
It lives in its own SQLite file in WAL mode, every change in a transaction, so a crash or
a kill loses at most the write in flight, and a damaged file is reported, never replaced.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_mention TEXT,
    title TEXT,
    source TEXT,
    date TEXT,
    path TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (path, text)
);
CREATE TABLE IF NOT EXISTS read_state (
    path TEXT PRIMARY KEY,
    read_at TEXT NOT NULL
);
"""


class BookmarksError(Exception):
    """The bookmarks database cannot be used; the message says what to do."""


@dataclass
class Bookmark:
    id: int
    text: str
    speaker: str | None
    title: str | None
    source: str | None
    date: str | None
    path: str
    saved_at: str

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("id")
        return d


class Bookmarks:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.con.executescript(SCHEMA)
            self.con.execute("SELECT count(*) FROM bookmarks").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BookmarksError(
                f"the bookmarks database {self.path} is damaged ({exc}); it was left untouched: "
                "move it aside to start a new one, or repair it with the sqlite3 tool"
            ) from None

    def close(self) -> None:
        self.con.close()

    def add(self, *, text: str, speaker: str | None, path: str, title: str | None = None,
            source: str | None = None, date: str | None = None, speaker_mention: str | None = None) -> bool:
        """Save a quote; returns False when that quote of that article was already saved."""
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        with self._tx():
            cur = self.con.execute(
                "INSERT OR IGNORE INTO bookmarks (text, speaker, speaker_mention, title, source, date, path, saved_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (text, speaker, speaker_mention, title, source, date, path, now),
            )
        return cur.rowcount > 0

    def delete(self, bookmark_id: int) -> None:
        with self._tx():
            self.con.execute("DELETE FROM bookmarks WHERE id=?", (bookmark_id,))

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM bookmarks").fetchone()[0]

    def list(self) -> list[Bookmark]:
        rows = self.con.execute(
            "SELECT id, text, speaker, title, source, date, path, saved_at FROM bookmarks ORDER BY saved_at, id"
        ).fetchall()
        return [Bookmark(*r) for r in rows]

    # read marks --------------------------------------------------------------
    def read_paths(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT path FROM read_state")}

    def set_read(self, path: str, read: bool = True) -> None:
        with self._tx():
            if read:
                self.con.execute("INSERT OR REPLACE INTO read_state VALUES (?, ?)",
                                 (path, datetime.now().astimezone().isoformat(timespec="seconds")))
            else:
                self.con.execute("DELETE FROM read_state WHERE path=?", (path,))

    def _tx(self):
        return _Transaction(self.con)


class _Transaction:
    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, exc_type, exc, tb):
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


# exports ----------------------------------------------------------------------
FORMATS = ("md", "json", "csv")


def export(bookmarks: list[Bookmark], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([b.to_json() for b in bookmarks], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["text", "speaker", "title", "source", "date", "path", "saved_at"])
        for b in bookmarks:
            w.writerow([b.text, b.speaker or "", b.title or "", b.source or "", b.date or "", b.path, b.saved_at])
        return buf.getvalue()
    if fmt == "md":
        return _markdown(bookmarks)
    raise ValueError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")


def _markdown(bookmarks: list[Bookmark]) -> str:
    """A clippings file: each quote as a block quote, then who said it and where it was read."""
    out = ["# Bookmarked quotes", ""]
    if not bookmarks:
        out.append("_No bookmarks yet._")
    for b in bookmarks:
        quote = " ".join(b.text.split())
        out.append(f"> “{quote}”")
        out.append(">")
        cite = [f"— {b.speaker}" if b.speaker else "— unattributed"]
        where = ", ".join(x for x in (f"*{b.title}*" if b.title else None, b.source, b.date) if x)
        if where:
            cite.append(where)
        out.append("> " + ", ".join(cite))
        out.append("")
        out.append(f"Source file: `{b.path}` · saved {b.saved_at}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
