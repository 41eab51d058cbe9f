"""The on-disk corpus: a Whoosh index plus a manifest, both a rebuildable cache.

Layout under the data directory's ``index/`` folder:

* ``whoosh/``: the Whoosh index (one writer at a time, many readers);
* ``manifest.sqlite``: path, size, mtime and content hash of every indexed file, so an
  unchanged file is never read again and a touched-but-identical one is never re-analysed;
  plus the schema version the index was written with.
* ``index.lock``: held (``flock``) for the whole of an index run, so two runs on one data
  directory queue up instead of fighting over Whoosh's lock. The kernel drops it when a
  process dies, so a killed run never leaves a stale lock behind.

Whoosh commits first, the manifest after: a crash between the two makes the next run
re-read a few files, never lose one.
"""

from __future__ import annotations

import copy
import fcntl
import functools
import json
import os
import shutil
import signal
import sqlite3
import struct
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import index as windex
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Every
from whoosh.searching import Searcher

from . import bulk
from .highlight import Matcher
from .pipeline import process_file, usable_cpus
from .query import ParsedQuery, QueryError, parse_query
from .schema import SCHEMA_VERSION, build_schema
from .segfiles import ENTRY_HEAD
from .segwrite import FastSegmentWriter as _SegmentWriter
from .walk import Found, Skipped, walk

INDEX_NAME = "articles"
#: Below this many files to analyse, a process pool costs more to start than it saves.
POOL_THRESHOLD = 48
#: Search snippets are made for this many top hits (the rest are beyond any screen).
HIGHLIGHT_HITS = 100
#: Adopt finished segments (one commit) once they hold this many documents, so an
#: interrupted run keeps its progress.
COMMIT_EVERY = 2000
#: Recent searches whose results are kept (for the current index generation only), when
#: they have at most this many hits.
RESULTS_CACHED = 32
RESULTS_CACHED_HITS = 1000


class CorpusError(Exception):
    """A problem with the index the user should hear about in one line."""


class IndexBusy(CorpusError):
    """Another index run holds the lock."""


@dataclass
class IndexReport:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rebuilt_reason: str | None = None
    interrupted: bool = False

    def summary(self) -> str:
        s = (f"indexed {self.indexed}, unchanged {self.unchanged}, removed {self.removed}, "
             f"skipped {len(self.skipped)}")
        if self.interrupted:
            s += " (interrupted: run again to finish)"
        return s

    def to_json(self) -> dict:
        return {"indexed": self.indexed, "unchanged": self.unchanged, "removed": self.removed,
                "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
                "rebuilt": self.rebuilt_reason, "interrupted": self.interrupted}


ProgressFn = Callable[[int, int, str], None]


def _locked(method):
    """Run a reading method under the corpus lock (the searcher is shared between threads)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class _InterruptFlag:
    """While an index run is going, Ctrl+C asks it to stop between two documents (and commit
    what is done) instead of raising in the middle of a Whoosh write. A second Ctrl+C raises.
    Only the main thread can take SIGINT; elsewhere (the TUI's worker) the caller's
    ``should_stop`` is the only way to stop."""

    def __init__(self, should_stop: Callable[[], bool] | None):
        self.should_stop = should_stop
        self.hit = False
        self._previous = None

    def __call__(self) -> bool:
        return self.hit or bool(self.should_stop and self.should_stop())

    def _on_sigint(self, signum, frame):
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        return False


class Corpus:
    """Open (creating or rebuilding as needed) the corpus under ``index_dir``."""

    def __init__(self, index_dir: str | os.PathLike):
        self.dir = os.fspath(index_dir)
        self.whoosh_dir = os.path.join(self.dir, "whoosh")
        self.manifest_path = os.path.join(self.dir, "manifest.sqlite")
        self.lock_path = os.path.join(self.dir, "index.lock")
        self.schema = build_schema()
        self._ix = None
        self._searcher: Searcher | None = None
        self._results: OrderedDict = OrderedDict()
        self._searcher_serial = 0  # changes whenever a new searcher (index state) is opened
        self._dates: tuple[int, _DateColumns] | None = None  # (searcher serial, its date columns)
        # reads may come from several threads (the TUI searches while it indexes); the shared
        # searcher is swapped and used under this lock, writes never take it for long
        self._lock = threading.RLock()
        os.makedirs(self.dir, exist_ok=True)

    # ------------------------------------------------------------------ opening
    def _storage(self) -> FileStorage:
        """Whoosh storage without memory maps: whoosh-reloaded copies each mapped sub-file into
        memory anyway, so mapping made every open read the whole index into RAM."""
        return FileStorage(self.whoosh_dir, supports_mmap=False)

    def _manifest(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.manifest_path, timeout=30)
        con.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER,"
                    " mtime_ns INTEGER, sha1 TEXT)")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        # the article list's entries: reading them from Whoosh loads every stored body
        con.execute("CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, title TEXT, date TEXT,"
                    " source TEXT, page_type TEXT, sortdate REAL)")
        con.execute("CREATE INDEX IF NOT EXISTS articles_by_date ON articles (sortdate DESC, path)")
        # blocks a folder's pages repeat, as learnt at its file count then (see _learn_boilerplate)
        con.execute("CREATE TABLE IF NOT EXISTS boilerplate (folder TEXT PRIMARY KEY, files INTEGER,"
                    " blocks TEXT)")
        return con

    def _check(self, deep: bool = True) -> str | None:
        """Why the existing cache cannot be used, or None when it can.

        The deep check (index runs) reads every segment's terms so that a truncated file is
        found and rebuilt; opening for a search only checks the version, to start fast.
        """
        try:
            exists = windex.exists_in(self.whoosh_dir, indexname=INDEX_NAME)
        except Exception as exc:  # a garbled table of contents
            return f"index unreadable ({type(exc).__name__})"
        if not exists:
            return "no index yet" if not os.path.exists(self.manifest_path) else "index missing"
        try:
            con = self._manifest()
            try:
                row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                sig = con.execute("SELECT value FROM meta WHERE key='checked_toc'").fetchone()
                con.execute("SELECT count(*) FROM files").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            return f"manifest unreadable ({exc})"
        if not row or row[0] != str(SCHEMA_VERSION):
            return f"index written by schema version {row[0] if row else '?'}, this is {SCHEMA_VERSION}"
        if not deep or (sig and sig[0] == self._toc_signature()):
            # unchanged since the last run verified it: skip reading every segment again
            return None
        try:
            ix = self._storage().open_index(INDEX_NAME)
            with ix.searcher() as s:
                # read every path term and one stored document, so a truncated segment
                # shows up now rather than in the middle of a search
                for _ in s.reader().field_terms("path"):
                    pass
                if s.doc_count():
                    next(s.all_stored_fields(), None)
            ix.close()
        except Exception as exc:
            return f"index unreadable ({type(exc).__name__})"
        return None

    def _toc_signature(self) -> str | None:
        """Names, sizes and mtimes of the index files: any commit or damage changes it."""
        try:
            entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                             for e in os.scandir(self.whoosh_dir) if not e.name.endswith("LOCK"))
        except OSError:
            return None
        return repr(entries)

    def _remember_checked(self) -> None:
        sig = self._toc_signature()
        if sig:
            con = self._manifest()
            try:
                with con:
                    con.execute("INSERT OR REPLACE INTO meta VALUES ('checked_toc', ?)", (sig,))
            finally:
                con.close()

    def _create(self) -> None:
        shutil.rmtree(self.whoosh_dir, ignore_errors=True)
        try:
            os.remove(self.manifest_path)
        except FileNotFoundError:
            pass
        os.makedirs(self.whoosh_dir, exist_ok=True)
        self._storage().create().create_index(self.schema, indexname=INDEX_NAME).close()
        con = self._manifest()
        with con:
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        con.close()

    def ensure(self, rebuild: bool = False) -> str | None:
        """Make sure a usable index exists; returns why it was (re)built, or None. Needs the lock."""
        reason = "rebuild requested" if rebuild else self._check()
        if reason:
            with self._lock:
                self.close()
                self._create()
            return reason
        return None

    def open_for_reading(self) -> None:
        """Open the index for searching; a missing or unusable one reads as empty."""
        if self._ix is not None:
            return
        reason = self._check(deep=False)
        if reason:
            if reason == "no index yet":
                raise CorpusError("no index yet: run 'reader index FOLDER' first")
            raise CorpusError(f"the index needs rebuilding: {reason}; run 'reader index FOLDER --rebuild'")
        try:
            self._ix = self._storage().open_index(INDEX_NAME)
        except Exception as exc:
            raise CorpusError(f"the index is damaged ({type(exc).__name__}); run 'reader index FOLDER' "
                              "to rebuild it") from None

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._ix is not None:
                self._ix.close()
                self._ix = None

    # ------------------------------------------------------------------ locking
    def acquire_lock(self, wait: bool = True, on_wait: Callable[[], None] | None = None):
        """Take the index-run lock. With ``wait`` it blocks (calling ``on_wait`` once first)."""
        fh = open(self.lock_path, "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                fh.close()
                raise IndexBusy("another index run is in progress on this data directory") from None
            if on_wait:
                on_wait()
            fcntl.flock(fh, fcntl.LOCK_EX)
        return fh

    # ------------------------------------------------------------------ indexing
    def update(self, folders: Iterable[str], rebuild: bool = False, progress: ProgressFn | None = None,
               workers: int | None = None, on_wait: Callable[[], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> IndexReport:
        """Bring the index in line with ``folders``: add new and changed files, drop deleted ones."""
        report = IndexReport()
        stop = _InterruptFlag(should_stop)
        lock = self.acquire_lock(wait=True, on_wait=on_wait)
        try:
            with stop:
                reason = self.ensure(rebuild)
                if reason and reason not in ("no index yet", "rebuild requested"):
                    report.rebuilt_reason = reason
                self._update_locked(list(folders), report, progress, workers, stop)
                self._remember_checked()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
        self._refresh()
        return report

    def _update_locked(self, folders, report, progress, workers, should_stop) -> None:
        con = self._manifest()
        try:
            self._update_with(con, folders, report, progress, workers, should_stop)
        finally:
            con.close()

    def _update_with(self, con, folders, report, progress, workers, should_stop) -> None:
        known = {p: (s, m, h) for p, s, m, h in con.execute("SELECT path, size, mtime_ns, sha1 FROM files")}
        todo: list[Found] = []
        seen: set[str] = set()
        by_folder: dict[str, list[str]] = {}
        roots = [os.path.abspath(f) for f in folders]
        for item in walk(folders):
            if should_stop and should_stop():
                report.interrupted = True
                return
            if isinstance(item, Skipped):
                report.skipped.append((item.path, item.reason))
                continue
            path = os.path.abspath(item.path)
            seen.add(path)
            by_folder.setdefault(os.path.dirname(path), []).append(path)
            k = known.get(path)
            if k and k[0] == item.size and k[1] == item.mtime_ns:
                report.unchanged += 1
            else:
                todo.append(Found(path, item.size, item.mtime_ns))
        gone = [p for p in known if p not in seen and _under(p, roots)]
        ix = self._storage().open_index(INDEX_NAME)
        try:
            if gone:
                w = ix.writer(timeout=60)
                for p in gone:
                    w.delete_by_term("path", p)
                w.commit()
                with con:
                    con.executemany("DELETE FROM files WHERE path=?", [(p,) for p in gone])
                    con.executemany("DELETE FROM articles WHERE path=?", [(p,) for p in gone])
                report.removed = len(gone)
            boilerplate = _learn_boilerplate(todo, by_folder, con) if todo else {}
            # segments left half-written by a run that was killed are never adopted
            shutil.rmtree(os.path.join(self.whoosh_dir, INCOMING), ignore_errors=True)
            self._index_files(ix, con, todo, known, report, progress, workers, should_stop, boilerplate)
        finally:
            shutil.rmtree(os.path.join(self.whoosh_dir, INCOMING), ignore_errors=True)
            ix.close()

    def _index_files(self, ix, con, todo, known, report, progress, workers, should_stop, boilerplate) -> None:
        """Analyse ``todo`` and add it to the index in segments written next to the index.

        Segments are written where the files are analysed (pool workers, or this process
        for small runs), so reading, cleaning, quotes *and* Whoosh's analysis and posting
        writing all run in parallel. This process only adopts finished segments: one commit
        per :data:`COMMIT_EVERY` documents deletes the old versions of changed files and adds
        the new segments, so searchers see a changed file's old or new version, never both.
        """
        total = len(todo)
        if not total:
            return
        pending: list[Done] = []
        segments: list = []
        done = 0

        # where the indexed versions of the files to analyse again sit, looked up while
        # the workers analyse (each lookup reads every segment's term table)
        finder = _OldVersions(ix, [f.path for f in todo if f.path in known])
        finder.start()

        def flush():
            nonlocal pending, segments
            if not pending and not segments:
                return
            writer = _SegmentWriter(ix, timeout=60)
            try:
                old = finder.result()
                by_id = {seg.segment_id(): seg for seg in writer.segments}
                for d in pending:
                    if d.path in known and (d.indexed or d.skip_reason):
                        spots = old.get(d.path, ()) if old is not None else None
                        if spots is None or any(segid not in by_id for segid, _ in spots):
                            writer.delete_by_term("path", d.path)  # the segments changed since
                        else:
                            for segid, docnum in spots:
                                by_id[segid].delete_document(docnum)
                _commit_with_segments(writer, [_adopt(self.whoosh_dir, seg) for seg in segments])
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            with con:
                con.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?)",
                                [(d.path, d.size, d.mtime_ns, d.sha1) for d in pending if d.sha1])
                con.executemany("DELETE FROM files WHERE path=?",
                                [(d.path,) for d in pending if not d.sha1])
                con.executemany("INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?)",
                                [d.entry for d in pending if d.entry])
                con.executemany("DELETE FROM articles WHERE path=?",
                                [(d.path,) for d in pending if d.skip_reason])
            pending, segments = [], []

        def tick(path: str) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total, path)

        args = [(f.path, f.size, f.mtime_ns, (known.get(f.path) or (None, None, None))[2],
                 boilerplate.get(os.path.dirname(f.path))) for f in todo]
        try:
            for segment, results in _write_segments(self.whoosh_dir, args, workers, should_stop, tick):
                if segment is not None:
                    segments.append(segment)
                for d in results:
                    if d.indexed:
                        report.indexed += 1
                    elif d.skip_reason:
                        report.skipped.append((d.path, d.skip_reason))
                    else:
                        report.unchanged += 1
                pending.extend(results)
                if sum(s.doc_count_all() for s in segments) >= COMMIT_EVERY:
                    flush()
        except BrokenProcessPool:
            # a worker was killed: keep every segment that was finished before it
            report.interrupted = True
            flush()
            raise
        flush()
        if should_stop and should_stop() and done < total:
            report.interrupted = True

    # ------------------------------------------------------------------ reading
    @_locked
    def _refresh(self) -> None:
        if self._searcher is not None:
            self.searcher()

    @_locked
    def searcher(self) -> Searcher:
        """The shared searcher, reopened when another writer has committed since.

        Whoosh's own ``Searcher.refresh`` reuses segment readers and can keep serving
        documents deleted in the meantime, so a new generation gets a fresh searcher.
        """
        self.open_for_reading()
        s = self._searcher
        if s is not None:
            try:
                if self._ix.latest_generation() == s.reader().generation():
                    return s
            except Exception:
                pass
            s.close()
        self._searcher = self._ix.searcher()
        _lengths_in_memory(self._searcher.reader())
        _posting_lists_read_whole(self._searcher.reader())
        self._searcher_serial += 1
        self._results.clear()
        return self._searcher

    @_locked
    def count(self) -> int:
        return self.searcher().doc_count()

    def parse(self, text: str) -> ParsedQuery:
        return parse_query(text, self.schema)

    @_locked
    def search(self, text: str, limit: int | None = 20, sort: str = "relevance",
               highlights: bool = True) -> list[dict]:
        """Ranked hits as plain dicts (built inside the searcher: Whoosh hits die with it).

        The last few results are kept per index generation: the TUI asks again for the same
        query when the user comes back to it (clearing a filter, undoing a keystroke)."""
        pq = self.parse(text)
        try:
            s = self.searcher()
            key = (self._searcher_serial, text, limit, sort, highlights)
            hit = self._results.get(key)
            if hit is None:
                hit = self._search(s, pq, limit, sort, highlights)
                if len(hit) > RESULTS_CACHED_HITS:
                    return hit
                self._results[key] = hit
                while len(self._results) > RESULTS_CACHED:
                    self._results.popitem(last=False)
            else:
                self._results.move_to_end(key)
            return copy.deepcopy(hit)
        except (CorpusError, QueryError):
            raise
        except Exception as exc:  # a segment damaged after the index was opened
            raise CorpusError(f"the index is damaged ({type(exc).__name__}); run 'reader index FOLDER' "
                              "to rebuild it") from None

    def _search(self, s: Searcher, pq: ParsedQuery, limit: int | None, sort: str,
                highlights: bool) -> list[dict]:
        infos: dict = {}
        pq = ParsedQuery(pq.text, _cap_expansions(pq.query, s.reader(), infos), pq.date_filters, pq.date_excludes)
        allow = deny = None
        if pq.date_filters or pq.date_excludes:
            dates = self._date_columns(s)
            if pq.date_filters:
                allow = dates.within(pq.date_filters)
                if not allow:
                    return []
            if pq.date_excludes:
                deny = dates.outside(pq.date_excludes)
        if isinstance(pq.query, Every):
            return self._newest(s, allow, deny, limit)
        by_date = sort == "date"
        ranked = None
        if limit is not None and not by_date and bulk.worthwhile(pq.query, allow is not None):
            ranked = bulk.search(s, pq.query, limit, allow, deny, infos)
        if ranked is not None:
            hits = [(s.stored_fields(docnum), score) for docnum, score in ranked]
        else:
            kwargs = {"limit": limit, "filter": allow, "mask": deny or None}
            if by_date:
                kwargs.update(sortedby="sortdate", reverse=True)
            # a date-sorted hit carries its sort key, not a relevance score
            hits = [(hit.fields(), None if by_date else hit.score) for hit in s.search(pq.query, **kwargs)]
        matcher = Matcher(*_terms_of(pq)) if highlights else None
        out = []
        for i, (fields, score) in enumerate(hits):
            d = _summary_fields(fields)
            d.pop("sortdate", None)
            d["score"] = None if score is None else round(float(score), 4)
            hl: list[str] = []
            if matcher and i < HIGHLIGHT_HITS:
                hl = matcher.snippets(fields.get("body") or "") or matcher.snippets(fields.get("title") or "", 1)
            d["highlights"] = hl
            out.append(d)
        return out

    def _date_columns(self, s: Searcher) -> _DateColumns:
        serial = self._searcher_serial
        cached = self._dates
        if cached is None or cached[0] != serial:
            cached = (serial, _DateColumns(s.reader(), self.schema["date"]))
            self._dates = cached
        return cached[1]

    def _newest(self, s: Searcher, allow: set[int] | None, deny: set[int] | None,
                limit: int | None) -> list[dict]:
        """Articles without a word to rank by, newest first: walked in sort-date order from
        the columns and stopped at ``limit``, where Whoosh would visit every document."""
        r = s.reader()
        out = []
        for docnum in self._date_columns(s).newest_first():
            if (allow is not None and docnum not in allow) or (deny and docnum in deny) or r.is_deleted(docnum):
                continue
            d = _summary_fields(s.stored_fields(docnum))
            d.pop("sortdate", None)
            d["score"] = None
            d["highlights"] = []
            out.append(d)
            if limit is not None and len(out) >= limit:
                break
        return out

    @staticmethod
    def prepare_search() -> None:
        """Import what ranking a phrase or a prefix needs (numpy, ~0.1 s) ahead of the first
        such search: a long-running reader calls this in the background once it has painted."""
        bulk.preload()

    def articles(self, limit: int | None = None) -> list[dict]:
        """Every article's list entry (or the ``limit`` newest), newest first: what
        ``search("*")`` lists, in the same shape, from the manifest's side table: 100,000
        entries in half a second, where Whoosh would load every stored article body."""
        self.open_for_reading()
        try:
            con = self._manifest()
            try:
                rows = con.execute("SELECT path, title, date, source, page_type FROM articles"
                                   " ORDER BY sortdate DESC, path LIMIT ?", (-1 if limit is None else limit,)
                                   ).fetchall()
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise CorpusError(f"the index is damaged ({exc}); run 'reader index FOLDER' to rebuild it") from None
        return [{"path": p, "title": t or os.path.basename(p), "date": d, "source": src,
                 "page_type": pt or "article", "score": None, "highlights": []}
                for p, t, d, src, pt in rows]

    @_locked
    def get(self, path: str) -> dict | None:
        """Everything stored for one article, quotes decoded."""
        s = self.searcher()
        doc = s.document(path=path)
        if doc is None:
            return None
        d = _summary_fields(doc)
        d["text"] = doc.get("body", "")
        d["author"] = doc.get("author") or None
        try:
            d["quotes"] = json.loads(doc.get("quotes_json") or "[]")
        except ValueError:
            d["quotes"] = []
        return d

    @_locked
    def speakers(self) -> list[tuple[str, int]]:
        """Everyone quoted across the archive, with the number of articles quoting them.

        Articles from different outlets spell one person differently (Dmitry / Dimitri
        Peskov, Volodymyr / Vladimir Zelensky); names with the same surname and a similar
        first name are counted as one person, under the spelling most articles use.
        """
        r = self.searcher().reader()
        docs: dict[str, set[int]] = {}
        for term in r.field_terms("speaker_name"):
            name = term.decode("utf-8") if isinstance(term, bytes) else term
            docs[name] = set(r.postings("speaker_name", term).all_ids())
        groups = _group_name_variants(docs)
        out = []
        self._speaker_variants = {}
        for members in groups:
            ids = set().union(*(docs[m] for m in members))
            best = max(members, key=lambda m: (len(docs[m]), len(m)))
            self._speaker_variants[best] = sorted(members)
            out.append((best, len(ids)))
        out.sort(key=lambda x: (-x[1], x[0].lower()))
        return out

    def speaker_query(self, name: str) -> str:
        """The query for articles quoting ``name``, spelling variants included."""
        variants = getattr(self, "_speaker_variants", {}).get(name) or [name]
        return " OR ".join('speaker:"' + v.replace('"', " ") + '"' for v in variants)

    def query_terms(self, text: str) -> tuple[set[str], list[str]]:
        """Analysed words and prefixes a query looks for in article text (for highlighting in the reader)."""
        try:
            return _terms_of(self.parse(text))
        except Exception:
            return set(), []


#: A prefix or wildcard expands to at most this many words, the most frequent ones: ``a*`` over a
#: large archive would otherwise expand to tens of thousands of terms and take seconds.
MAX_EXPANSIONS = 64


def _lengths_in_memory(reader) -> None:
    """Hold each segment's per-document field lengths in memory, one byte a document.

    BM25 needs the length of every matching document's field. Whoosh reads it from the
    length column with a seek and a read per document (the index is opened without memory
    maps, which whoosh-reloaded would copy whole into RAM anyway): at 100,000 articles a
    common word meant tens of thousands of small reads per search. The columns are a byte
    per document, so all of them for 100,000 articles take a few hundred kilobytes. This
    uses the reader internals of the pinned whoosh-reloaded 2.7; on anything else it
    leaves Whoosh's own reads in place.
    """
    for leaf in getattr(reader, "readers", None) or [reader]:
        perdoc = getattr(leaf, "_perdoc", None)
        cache = getattr(perdoc, "_readers", None)
        if not isinstance(cache, dict):
            continue
        try:
            doccount = perdoc.doc_count_all()
            for name, fld in leaf.schema.items():
                if not fld.scorable:
                    continue
                col = perdoc._cached_reader(f"_{name}_len", LENGTHS_COLUMN)
                if col is None or isinstance(col, bytes) or getattr(col, "_fixedlen", None) != 1:
                    continue
                data = col._dbfile.get(col._basepos, col._count) if col._count else b""
                if len(data) == col._count <= doccount:
                    cache[f"_{name}_len"] = data + bytes(doccount - len(data))
        except Exception:  # an unexpected layout: Whoosh's reads still work
            continue


def _posting_lists_read_whole(reader) -> None:
    """Have each segment read a term's posting list in one call.

    Whoosh reads a posting block's header from the file a few bytes at a time (a pickle
    loaded from the file: a score of seeks and reads a block). Reading the term's whole
    list into memory first and letting Whoosh's own block reader parse it there gives the
    same matcher a third faster on common words, at the price of reading blocks it may
    skip (a memory copy). Reader internals of the pinned whoosh-reloaded 2.7, guarded like
    :func:`_lengths_in_memory`."""
    from whoosh.codec.whoosh3 import W3TermsReader

    for leaf in getattr(reader, "readers", None) or [reader]:
        terms = getattr(leaf, "_terms", None)
        if type(terms) is not W3TermsReader or "matcher" in vars(terms):
            continue
        whoosh_matcher = terms.matcher

        def matcher(fieldname, tbytes, format_, scorer=None, terms=terms, whoosh_matcher=whoosh_matcher):
            m = bulk.whole_list_matcher(terms, terms.term_info(fieldname, tbytes), (fieldname, tbytes),
                                        format_, scorer)
            return m if m is not None else whoosh_matcher(fieldname, tbytes, format_, scorer)

        terms.matcher = matcher


#: What a sortable numeric column holds for a document without the field.
_NO_VALUE = 2 ** 64 - 1


class _DateColumns:
    """Every document's date and sort date, read once per index state from Whoosh's columns.

    Whoosh turns a date range into an OR over many numeric terms, looked up one by one in
    the term dictionary, and lists everything by visiting every document: a date filter
    cost 150-200 ms at 100,000 articles. Kept sorted here, a range is two bisections.
    Document numbers are the searcher's; deleted documents may remain in the lists (Whoosh's
    matchers skip them, :meth:`Corpus._newest` checks).
    """

    def __init__(self, reader, date_field) -> None:
        self._to_value = date_field.to_column_value
        dates = _column_values(reader, "date")
        order = sorted(range(len(dates)), key=dates.__getitem__)
        values = [dates[i] for i in order]
        known = bisect_left(values, _NO_VALUE)  # documents without a date sort last
        self._by_date, self._values = order[:known], values[:known]
        self._reader = reader
        self._newest: list[int] | None = None

    def _span(self, lo: datetime | None, hi: datetime | None) -> set[int]:
        a = 0 if lo is None else bisect_left(self._values, self._to_value(lo))
        b = len(self._values) if hi is None else bisect_right(self._values, self._to_value(hi))
        return set(self._by_date[a:b])

    def within(self, spans) -> set[int]:
        """Documents dated inside every one of ``spans`` ((lo, hi) pairs, either end open)."""
        out: set[int] | None = None
        for lo, hi in spans:
            docs = self._span(lo, hi)
            out = docs if out is None else out & docs
        return out or set()

    def outside(self, spans) -> set[int]:
        """Documents dated inside any of ``spans``: the ones a ``NOT date:`` clause removes."""
        out: set[int] = set()
        for lo, hi in spans:
            out |= self._span(lo, hi)
        return out

    def newest_first(self) -> list[int]:
        """All document numbers by sort date (the date, else the file's time), newest first."""
        if self._newest is None:
            keys = [-1 if k == _NO_VALUE else k for k in _column_values(self._reader, "sortdate")]
            # a stable sort: equal dates stay in document order
            self._newest = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
        return self._newest


def _column_values(reader, fieldname: str) -> list[int]:
    """A numeric column's raw values for every document of ``reader``, in document order.

    Whoosh reads a column value by value (a seek, a read and an unpack each: 0.2 s for
    100,000 dates); each segment's column is one array of fixed-size big-endian numbers,
    read here in one call per segment. Uses the column reader internals of the pinned
    whoosh-reloaded 2.7; Whoosh's own reads otherwise."""
    col = reader.column_reader(fieldname, translate=False)
    try:
        out: list[int] = []
        for sub in getattr(col, "_readers", None) or [col]:
            values = array(sub._typecode)
            if values.itemsize != sub._fixedlen:
                raise ValueError("unexpected column layout")
            if sub._count:
                values.frombytes(sub._dbfile.get(sub._basepos, sub._count * sub._fixedlen))
            if sys.byteorder == "little":
                values.byteswap()
            out.extend(values.tolist())
            out.extend([sub._default] * (sub._doccount - sub._count))
        if len(out) != reader.doc_count_all():
            raise ValueError("column length")
        return out
    except Exception:
        return list(col)


def _cap_expansions(q, reader, infos: dict | None = None):
    """Replace prefix and wildcard nodes with an OR of their most frequent expansions.
    ``infos``, if given, receives what the expansion pass read, so that ranking need not
    look it up again: term infos as ``{segment index: {(field, term bytes): TermInfo}}``
    and document frequencies as ``{"df": {(field, term bytes): n}}``."""

    def fix(node):
        if isinstance(node, (wq.Prefix, wq.Wildcard)):
            stem = str(node.text).split("*")[0].split("?")[0]
            if isinstance(node, wq.Prefix) and len(stem) < 2:
                raise QueryError(f"prefix too short: {node.text}* (use at least two letters before *)")
            found = _expansions(node, reader)
            words = sorted(found.items(), key=lambda x: (-x[1][0], x[0]))[:MAX_EXPANSIONS]
            if infos is not None:
                for t, (df, raw) in words:
                    if raw:  # counted in every segment: the whole index's document frequency
                        infos.setdefault("df", {})[(node.fieldname, t)] = df
                    for i, vbytes in raw:
                        infos.setdefault(i, {})[(node.fieldname, t)] = W3TermInfo.from_bytes(vbytes)
            terms = [wq.Term(node.fieldname, t.decode("utf-8") if isinstance(t, bytes) else t, boost=node.boost)
                     for t, _ in words]
            if len(terms) == 1:  # one word: ranked as a word is (from the side files), as Whoosh ranks it
                return terms[0]
            return wq.Or(terms) if terms else wq.NullQuery
        return node

    return q.accept(fix)


#: First read of a prefix's run of the term file (doubled at each further read).
PREFIX_READ = 16384
_DOC_FREQ = struct.Struct("!I")  # a term info's document frequency, after its flags and weight:
_DOC_FREQ_AT = struct.calcsize("!Bf")  # the head of ``W3TermInfo._struct`` ("!BfIBBfII")


def _prefix_entries(leaf, fieldname: str, prefix: bytes):
    """``(term bytes, term info bytes)`` of a segment's terms that start with ``prefix``,
    in order, read from the term file in a few large reads. Whoosh's own walk reads each
    entry's lengths, key and value in three calls: ~25 µs a term, 40 ms for a prefix of a
    few thousand words over 20 segments."""
    terms = leaf._terms
    tindex = terms._tindex
    head = terms._keycoder(fieldname, prefix)
    cut = len(head) - len(prefix)
    pos = tindex.closest_key_pos(head)
    if pos is None:
        return
    end = tindex.endofdata
    dbfile = tindex.dbfile
    want = PREFIX_READ
    while pos < end:
        buf = dbfile.get(pos, min(want, end - pos))
        at, n = 0, len(buf)
        while at + 8 <= n:
            klen, vlen = ENTRY_HEAD.unpack_from(buf, at)
            stop = at + 8 + klen + vlen
            if stop > n:
                break
            key = buf[at + 8:at + 8 + klen]
            if not key.startswith(head):
                return
            yield key[cut:], buf[at + 8 + klen:stop]
            at = stop
        if at == 0:
            if n >= end - pos:
                return  # an entry running past the end of the data: nothing more to read
            want *= 4  # one entry longer than the read
        else:
            pos += at
            want = min(want * 2, 1 << 20)


def _expansions(node, reader) -> dict:
    """A prefix's or wildcard's words as ``{term: (document frequency, [(segment index,
    term info bytes)])}``. A prefix reads the term infos in one ordered pass per segment;
    looking each expansion up again in every segment (``doc_frequency``) cost 50-70 ms for
    a prefix of 500 words."""
    if isinstance(node, wq.Prefix):
        try:
            prefix = reader.schema[node.fieldname].to_bytes(node.text)
            out: dict = {}
            for i, (leaf, _) in enumerate(reader.leaf_readers()):
                for term, vbytes in _prefix_entries(leaf, node.fieldname, prefix):
                    df = _DOC_FREQ.unpack_from(vbytes, _DOC_FREQ_AT)[0]
                    got = out.get(term)
                    if got is None:
                        out[term] = (df, [(i, vbytes)])
                    else:
                        got[1].append((i, vbytes))
                        out[term] = (got[0] + df, got[1])
            return out
        except (AttributeError, KeyError, TypeError, ValueError, struct.error):
            pass
    return {term: (reader.doc_frequency(node.fieldname, term), []) for term in node._btexts(reader)}


def _terms_of(pq: ParsedQuery) -> tuple[set[str], list[str]]:
    words: set[str] = set()
    prefixes: list[str] = []
    for q in pq.query.leaves() if hasattr(pq.query, "leaves") else []:
        if getattr(q, "fieldname", None) not in ("body", "title", "quotes"):
            continue
        if q.__class__.__name__ in ("Prefix", "Wildcard"):
            prefixes.append(str(q.text).split("*")[0].split("?")[0].lower())
        elif hasattr(q, "words"):
            words.update(q.words)
        elif hasattr(q, "text"):
            words.add(q.text)
    return words, [p for p in prefixes if p]


def highlight_spans(text: str, words: set[str], prefixes: list[str]) -> list[tuple[int, int]]:
    """Character spans in ``text`` whose analysed form matches the query's words or prefixes."""
    return Matcher(words, prefixes).spans(text)


def _fold_name(name: str) -> list[str]:
    import unicodedata

    n = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in n if not unicodedata.combining(ch)).replace("-", " ").split()


def _group_name_variants(names) -> list[list[str]]:
    """Group person names that differ only in the spelling of the first name."""
    from difflib import SequenceMatcher

    by_surname: dict[str, list[str]] = {}
    singles: list[list[str]] = []
    for name in names:
        parts = _fold_name(name)
        if len(parts) >= 2 and name[:1].isupper():
            by_surname.setdefault(parts[-1], []).append(name)
        else:
            singles.append([name])  # roles ("a spokeswoman") and one-word names stay as they are
    groups = singles
    for members in by_surname.values():
        clusters: list[list[str]] = []
        for name in sorted(members):
            first = _fold_name(name)[0]
            for c in clusters:
                other = _fold_name(c[0])[0]
                if first[0] == other[0] and SequenceMatcher(None, first, other).ratio() >= 0.5:
                    c.append(name)
                    break
            else:
                clusters.append([name])
        groups.extend(clusters)
    return groups


def _summary_fields(doc) -> dict:
    date = doc.get("date")
    return {
        "path": doc.get("path"),
        "title": doc.get("title") or os.path.basename(doc.get("path") or ""),
        "date": _iso(date),
        "source": doc.get("source") or None,
        "page_type": doc.get("page_type") or "article",
        "sortdate": doc.get("sortdate"),
    }


def _iso(d: datetime | None) -> str | None:
    if d is None:
        return None
    if d.hour or d.minute or d.second:
        return d.isoformat(timespec="seconds")
    return d.date().isoformat()


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


#: Files read per folder to learn the blocks a site repeats on every page.
BOILERPLATE_SAMPLE = 40


def _learn_boilerplate(todo: list[Found], by_folder: dict[str, list[str]],
                       con: sqlite3.Connection | None = None) -> dict[str, frozenset[str]]:
    """Per folder (a site's pages are usually saved together), the short blocks that recur
    across its files: navigation, footers, sign-up lines. The cleaner takes them as one more
    signal. Only folders with files to analyse are sampled, the files to analyse first.

    What a folder taught is kept in the manifest and reused until the folder has grown by
    half, so a daily run that adds a few pages to many sites does not re-read 40 of each."""
    from .clean import learn_boilerplate
    from .loader import SkipFile, decode, html_to_text, kind_of, read_bytes

    wanted: dict[str, list[str]] = {}
    for f in todo:
        wanted.setdefault(os.path.dirname(f.path), []).append(f.path)
    out: dict[str, frozenset[str]] = {}
    fresh: list[tuple[str, int, str]] = []
    for folder, paths in wanted.items():
        files = len(by_folder.get(folder, []))
        row = con.execute("SELECT files, blocks FROM boilerplate WHERE folder=?", (folder,)).fetchone() \
            if con is not None else None
        if row and files <= 1.5 * row[0]:
            blocks = frozenset(json.loads(row[1]))
            if blocks:
                out[folder] = blocks
            continue
        sample = list(dict.fromkeys(paths + by_folder.get(folder, [])))
        sample = [p for p in sample if kind_of(p) in ("text", "html")][:BOILERPLATE_SAMPLE]
        if len(sample) < 3:
            continue
        texts = []
        for p in sample:
            try:
                t = decode(read_bytes(p)[:200_000])[0]
            except (SkipFile, OSError, ValueError):
                continue
            # a saved page's blocks, read the quick way: its menus and footers are lines
            # the HTML path's blocks repeat word for word
            texts.append(html_to_text(t) if kind_of(p) == "html" else t)
        learned = learn_boilerplate(texts)
        if learned:
            out[folder] = learned
        fresh.append((folder, files, json.dumps(sorted(learned or ()))))
    if con is not None and fresh:
        with con:  # one transaction: a commit per folder would cost a disk sync each
            con.executemany("INSERT OR REPLACE INTO boilerplate VALUES (?,?,?)", fresh)
    return out


class _OldVersions(threading.Thread):
    """Finds where the indexed versions of some files sit (segment, document number), in a
    thread, so an index run looks them up while its workers analyse the new versions.

    Deleting by path at commit time looks the path up in every segment's term table:
    ~1 s for 1,000 changed files at 100,000 articles, spent while both workers wait.
    The index lock is held for the whole run, so only the run's own commits change the
    segments; a commit uses a result only for segments that are still there.
    """

    def __init__(self, ix, paths: list[str]) -> None:
        super().__init__(name="old-versions", daemon=True)
        self._ix, self._paths = ix, paths
        self._found: dict[str, list[tuple[str, int]]] | None = None

    def run(self) -> None:
        if not self._paths:
            self._found = {}
            return
        try:
            found: dict[str, list[tuple[str, int]]] = {}
            reader = self._ix.reader()
            try:
                for leaf, _offset in reader.leaf_readers():
                    segid = leaf.segment().segment_id()
                    for path in self._paths:
                        if ("path", path) in leaf:
                            spots = found.setdefault(path, [])
                            spots.extend((segid, n) for n in leaf.postings("path", path).all_ids())
            finally:
                reader.close()
            self._found = found
        except Exception:  # the commit falls back to deleting by path
            self._found = None

    def result(self) -> dict[str, list[tuple[str, int]]] | None:
        """Path -> [(segment id, document number)] of the live versions (a path looked up
        and not found has none); None when the lookup failed."""
        self.join()
        return self._found


@dataclass
class Done:
    """What became of one file in an index run (the document itself went into a segment)."""
    path: str
    size: int
    mtime_ns: int
    sha1: str
    skip_reason: str | None
    #: the article list's row (path, title, date, source, page_type, sortdate) when indexed
    entry: tuple | None = None

    @property
    def indexed(self) -> bool:
        return self.entry is not None


#: Files analysed into one segment by one task. A run is cut into two chunks per worker
#: (progress is still reported per file) of at most this many. Searching slows with every
#: segment, and a merge costs ~5.5 ms a document (under half of analysing it), so a large
#: run writes large segments up front instead of merging later. A segment's postings
#: outgrow the buffer after ~1,000 files; the spilled runs cost a few ``marshal`` calls.
SEGMENT_FILES = 5000
#: Memory for one segment writer's posting buffer, in MB; past it, sorted runs go to disk.
SEGMENT_MB = 96
#: Segments below this many documents (left by incremental runs) are merged once there are
#: more than :data:`MAX_SMALL_SEGMENTS` of them, which keeps the segment count (and search
#: time) in check at a bounded cost: at most ~9,000 documents, ~1 minute, now and then.
SMALL_SEGMENT = 1000
MAX_SMALL_SEGMENTS = 8
#: Where segments are written before they are adopted (one folder per writing process, so
#: Whoosh's clean-up of unreferenced files in the index folder never sees a half-written one).
INCOMING = "incoming"


def _chunks(args: list, workers: int) -> list[list]:
    size = max(16, min(SEGMENT_FILES, -(-len(args) // (2 * workers)))) if workers > 1 else 500
    return [args[i:i + size] for i in range(0, len(args), size)]


def _write_segments(whoosh_dir: str, args: list, workers: int | None,
                    should_stop: Callable[[], bool] | None, tick: Callable[[str], None]):
    """Yield ``(segment or None, [Done])`` per chunk of files, analysed and written by a
    process pool when there are enough files to pay for one, else in this process.

    A pool that cannot start (as inside a TUI that has taken over stderr, or where
    process creation is restricted) falls back to this process.
    """
    n = workers if workers is not None else usable_cpus()
    if n > 1 and len(args) >= POOL_THRESHOLD:
        pooled = _pooled_segments(whoosh_dir, args, n, should_stop, tick)
        try:
            first = next(pooled)
        except StopIteration:
            return
        if first is not _NO_POOL:
            yield first
            yield from pooled
            return
    for chunk in _chunks(args, 1):
        if should_stop and should_stop():
            return
        yield _write_segment(whoosh_dir, chunk, should_stop, tick)


_NO_POOL = object()


def _pooled_segments(whoosh_dir, args, n, should_stop, tick):
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, wait

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    try:
        stop = ctx.Event()
        ticks = ctx.SimpleQueue()
        pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_segment_worker,
                                   initargs=(whoosh_dir, stop, ticks))
        futures = {pool.submit(_segment_task, chunk) for chunk in _chunks(args, n)}
    except (OSError, ValueError):
        yield _NO_POOL
        return
    clean_exit = False
    try:
        while futures:
            finished, futures = wait(futures, timeout=0.1, return_when=FIRST_COMPLETED)
            while not ticks.empty():
                tick(ticks.get())
            for fut in finished:
                yield fut.result()
            if should_stop and should_stop() and not stop.is_set():
                # workers close their segments after the document in hand; unstarted
                # chunks are dropped
                stop.set()
                for fut in futures:
                    fut.cancel()
                futures = {f for f in futures if not f.cancelled()}
        while not ticks.empty():
            tick(ticks.get())
        clean_exit = True
    finally:
        if not clean_exit:
            stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict = {}


def _init_segment_worker(whoosh_dir, stop, ticks) -> None:
    _quiet_child()
    _WORKER.update(dir=whoosh_dir, stop=stop, ticks=ticks)


def _segment_task(chunk):
    w = _WORKER
    return _write_segment(w["dir"], chunk, w["stop"].is_set, w["ticks"].put)


def _incoming_index(whoosh_dir: str):
    """This process's private index folder for new segments (same schema as the corpus)."""
    path = os.path.join(whoosh_dir, INCOMING, str(os.getpid()))
    storage = FileStorage(path, supports_mmap=False)
    if not windex.exists_in(path, indexname=INDEX_NAME):
        os.makedirs(path, exist_ok=True)
        return storage.create().create_index(build_schema(), indexname=INDEX_NAME)
    return storage.open_index(INDEX_NAME)


def _write_segment(whoosh_dir: str, chunk: list, should_stop, tick) -> tuple:
    """Analyse a chunk of files into one new Whoosh segment (not yet part of the index).

    Uses Whoosh's sub-writer protocol (``SegmentWriter(_lk=False)`` and
    ``_finalize_segment``, as its own multiprocessing writer does): pinned whoosh-reloaded.
    """
    writer = None
    results: list[Done] = []
    try:
        for a in chunk:
            if should_stop and should_stop():
                break
            r = process_file(*a)
            entry = None
            if r.doc is not None:
                if writer is None:
                    writer = _SegmentWriter(_incoming_index(whoosh_dir), _lk=False, limitmb=SEGMENT_MB)
                writer.add_document(**r.doc)
                e = _summary_fields(r.doc)
                entry = (e["path"], e["title"], e["date"], e["source"], e["page_type"], e["sortdate"])
            results.append(Done(r.path, r.size, r.mtime_ns, r.sha1, r.skip_reason, entry))
            tick(r.path)
        segment = writer._finalize_segment() if writer is not None else None
    except BaseException:
        if writer is not None:
            try:
                writer.cancel()
            except Exception:
                pass
        raise
    if writer is not None:
        writer._finish()
    return segment, results


def _adopt(whoosh_dir: str, segment):
    """Move a finished segment's files from its incoming folder into the index folder."""
    names = [n for n in _segment_files(segment)]
    for src_dir in _incoming_dirs(whoosh_dir):
        if all(os.path.exists(os.path.join(src_dir, n)) for n in names):
            for n in names:
                os.replace(os.path.join(src_dir, n), os.path.join(whoosh_dir, n))
            return segment
    raise CorpusError("a new index segment went missing before it was added; run the index again")


def _segment_files(segment) -> list[str]:
    if segment.is_compound():
        return [segment.make_filename(segment.COMPOUND_EXT)]
    raise CorpusError("unexpected non-compound segment")


def _incoming_dirs(whoosh_dir: str) -> list[str]:
    root = os.path.join(whoosh_dir, INCOMING)
    try:
        return [e.path for e in os.scandir(root) if e.is_dir()]
    except FileNotFoundError:
        return []


def _merge_small(writer, segments: list) -> list:
    """Merge policy: merge the small segments once there are too many of them; leave
    large ones alone (see :data:`SEGMENT_FILES` for why)."""
    from whoosh.reading import SegmentReader

    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) <= MAX_SMALL_SEGMENTS:
        return segments
    # read from the files, not memory maps: the merge streams every small segment at
    # once (each posting list is read in one call), and whoosh-reloaded copies a mapped
    # segment into memory whole, ~90 MB per 1,000 documents held until the merge ends
    for seg in small:
        writer.merge_reader(SegmentReader(writer.storage, writer.schema, seg))
    return [s for s in segments if s.doc_count_all() >= SMALL_SEGMENT]


def _commit_with_segments(writer, segments: list) -> None:
    """``SegmentWriter.commit`` with ready-made segments added to the new table of contents
    (they count for the merge policy from the next commit on)."""
    writer._check_state()
    final = writer._merge_segments(_merge_small, False, True)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final + segments)
    writer._finish()


def _quiet_child() -> None:
    """Pool workers write nothing to the terminal (a warning there would scribble over the TUI)
    and leave Ctrl+C to the main process, which stops the run between two documents."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 2)
        os.close(fd)
    except OSError:
        pass
