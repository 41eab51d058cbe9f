"""One file in, one index document out: load -> clean -> metadata -> quotes.

This is the unit of work the indexer fans out over processes, so it takes and returns
plain picklable values and touches nothing but the file it is given.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from .loader import Loaded, SkipFile, _sniff_html, decode, kind_of, load, read_bytes
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


# ------------------------------------------------------------------ many files at once
#: Files per worker below which a pool of cleaning processes costs more than it saves.
CLEAN_POOL_MIN_FILES = 8


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def load_or_reason(path: str) -> tuple[Loaded | None, str | None]:
    """The loaded file, or None and why it cannot be read."""
    try:
        return load(path), None
    except SkipFile as exc:
        return None, str(exc)
    except MemoryError:
        return None, "too large to read in memory"


def clean_path(path: str, boilerplate: frozenset[str] | None = None, explain: bool = False
               ) -> tuple[str, Cleaned | None, str | None]:
    """``(path, cleaned, None)``, or ``(path, None, why it was skipped)``. Never raises:
    one unreadable or pathological file must not cost the user the others."""
    loaded, why = load_or_reason(path)
    if loaded is None:
        return path, None, why
    try:
        return path, clean(loaded, boilerplate=boilerplate, explain=explain), None
    except MemoryError:
        return path, None, "too large to clean in memory"
    except Exception as exc:  # the cleaner is fuzzed never to raise; this is the last guard
        return path, None, f"could not clean: {type(exc).__name__}: {exc}"


def quotes_path(path: str, no_clean: bool = False) -> tuple[str, list[Quote] | None, str | None]:
    """``(path, quotes, None)`` of the cleaned text (of the text as read with ``no_clean``), or
    ``(path, None, why it was skipped)``. Never raises, as :func:`clean_path`."""
    loaded, why = load_or_reason(path)
    if loaded is None:
        return path, None, why
    try:
        if no_clean:
            return path, quotes_of(loaded.text), None
        c = clean(loaded)
        return path, quotes_of(c.text, c.title), None
    except MemoryError:
        return path, None, "too large to analyse in memory"
    except Exception as exc:  # fuzzed never to raise; this is the last guard
        return path, None, f"could not analyse: {type(exc).__name__}: {exc}"


def clean_files(paths: Iterable[str], boilerplate: frozenset[str] | None = None, explain: bool = False,
                workers: int | None = None) -> Iterator[tuple[str, Cleaned | None, str | None]]:
    """:func:`clean_path` of each path, in the order given (see :func:`map_files`)."""
    return map_files(clean_path, paths, workers, boilerplate=boilerplate, explain=explain)


def map_files(task: Callable[..., tuple], paths: Iterable[str], workers: int | None = None, **options
              ) -> Iterator[tuple]:
    """``task(path, **options)`` of each path, in the order given; ``task`` is a module-level
    function that never raises (:func:`clean_path`, :func:`quotes_path`).

    Cleaning is CPU-bound pure Python, so with ``workers`` > 1 (default: the CPUs this
    process may use) and at least :data:`CLEAN_POOL_MIN_FILES` files per worker, the files
    are read and analysed by forked processes, which skip a fresh interpreter's start-up
    (each imports the cleaner on its first file: importing it here first, to share it,
    measured no faster). A pool is only used where ``fork`` is safe: on Linux, from a
    process with no other thread running (the CLI, not the TUI). Anywhere else, and if a worker dies (its files
    are then analysed here), this process does the work itself. The output is the same
    either way: each file is analysed on its own.
    """
    paths = list(paths)
    n = usable_cpus() if workers is None else workers
    n = min(n, len(paths) // CLEAN_POOL_MIN_FILES)
    done = 0
    if n > 1 and _fork_is_safe():
        try:
            for item in _pooled(task, paths, n, options):
                yield item
                done += 1
            return
        except _PoolFailed:
            pass
    for path in paths[done:]:
        yield task(path, **options)


class _PoolFailed(Exception):
    """The pool could not start, or one of its processes died."""


def _fork_is_safe() -> bool:
    import multiprocessing
    import sys
    import threading

    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _pooled(task, paths: list[str], n: int, options: dict):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork")
    try:
        # forked children inherit ``initargs`` as they are: a boilerplate set is not pickled
        pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker,
                                   initargs=(task, options))
        results = pool.map(_task, paths, chunksize=max(1, min(16, len(paths) // (32 * n))))
    except (OSError, ValueError) as exc:
        raise _PoolFailed from exc
    finished = False
    try:
        try:
            yield from results
        except BrokenProcessPool as exc:  # a worker was killed (out of memory, a signal)
            raise _PoolFailed from exc
        finished = True
    finally:
        # on an early stop (Ctrl+C, a closed pipe) the files not started are dropped
        pool.shutdown(wait=finished, cancel_futures=True)


_WORKER: dict = {}


def _init_worker(task, options) -> None:
    import signal

    # Ctrl+C is the main process's to handle; the workers stop when it shuts the pool down
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(task=task, options=options)


def _task(path: str):
    return _WORKER["task"](path, **_WORKER["options"])
