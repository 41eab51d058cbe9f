"""The ``reader`` command line: the TUI by default, plus scriptable subcommands.

Contract (other tools and the tests rely on it): exit 0 on success (a search with no hits
and an index run that skipped some files included), 2 for a usage error or a bad query,
1 for anything else, each with one line on stderr and no traceback unless ``--debug``.
Only the TUI imports Textual: ``reader search`` must start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__

COMMANDS = ("index", "search", "clean", "quotes", "bookmarks")


class UsageError(Exception):
    """Bad command-line usage or a bad query: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line, not argparse's usage block
        raise UsageError(message)


def _extract_globals(argv: list[str]) -> tuple[list[str], str | None, bool]:
    """Pull ``--data-dir`` and ``--debug`` from anywhere on the line (before or after the subcommand)."""
    rest, data_dir, debug = [], None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest.extend(argv[i:])
            break
        if a == "--data-dir":
            if i + 1 >= len(argv):
                raise UsageError("--data-dir needs a folder")
            data_dir = argv[i + 1]
            i += 2
            continue
        if a.startswith("--data-dir="):
            data_dir = a.split("=", 1)[1]
        elif a == "--debug":
            debug = True
        else:
            rest.append(a)
        i += 1
    return rest, data_dir, debug


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="where the index and bookmarks live (default: $READER_DATA_DIR or the "
                                      "platform's user data folder)")
    p.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="A keyboard-driven terminal news reader: ranked search, reader-mode "
                "cleanup and key quotes. With no command, opens the reader on FOLDERs (default: the bundled seeds).")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    _common(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("index", help="index (or update the index of) folders of articles")
    s.add_argument("folders", nargs="+", metavar="FOLDER")
    s.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")
    s.add_argument("--json", action="store_true", help="print the report as one JSON object")
    s.add_argument("--workers", type=int, default=None, help="processes for cleaning (default: CPU count)")
    _common(s)

    s = sub.add_parser("search", help="ranked full-text search of the index")
    s.add_argument("query", nargs="+", metavar="QUERY")
    s.add_argument("--limit", type=int, default=20, help="most hits to show (default 20; 0 for all)")
    s.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    s.add_argument("--json", action="store_true", help="one JSON object per hit per line")
    _common(s)

    s = sub.add_parser("clean", help="print the cleaned text and metadata of files")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true", help="one JSON object per file per line")
    s.add_argument("--explain", action="store_true", help="show every line with its decision and the reason")
    s.add_argument("--corpus", action="store_true",
                   help="learn boilerplate repeated across the given files and use it as a signal")
    s.add_argument("--workers", type=int, default=None,
                   help="processes for cleaning many files (default: CPU count; 1 cleans them in this process)")
    _common(s)

    s = sub.add_parser("quotes", help="print the quotes of files with their speakers")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true", help="one JSON object per file per line")
    s.add_argument("--no-clean", action="store_true", help="analyse the file's text exactly as read")
    s.add_argument("--workers", type=int, default=None,
                   help="processes for many files (default: CPU count; 1 analyses them in this process)")
    _common(s)

    s = sub.add_parser("bookmarks", help="list or export bookmarked quotes")
    s.add_argument("action", choices=("list", "export"))
    s.add_argument("--format", choices=("md", "json", "csv"), default=None,
                   help="export format (default: md for export, a table for list)")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _common(s)
    return p


def build_tui_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reader", description="Open the reader on FOLDERs (default: the bundled seeds).")
    p.add_argument("folders", nargs="*", metavar="FOLDER")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index before opening")
    _common(p)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        rest, data_dir, debug = _extract_globals(argv)
        if rest and rest[0] in ("-h", "--help", "--version") or (rest and rest[0] in COMMANDS):
            args = build_parser().parse_args(rest)
        else:
            args = build_tui_parser().parse_args(rest)
            args.command = None
        args.data_dir = data_dir
        args.debug = debug
        return _dispatch(args)
    except UsageError as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:
        if debug:
            raise
        from .errors import describe

        print(f"reader: error: {describe(exc)}", file=sys.stderr)
        return 1


#: Commands that read the files they are given and keep no state: they never resolve the
#: data directory (nor import platformdirs to find it, a few milliseconds of every short run).
_STATELESS = ("clean", "quotes")


def _dispatch(args) -> int:
    from .paths import data_dir

    ddir = None if args.command in _STATELESS else data_dir(args.data_dir)
    if args.command is None:
        return _cmd_tui(args, ddir)
    return {"index": _cmd_index, "search": _cmd_search, "clean": _cmd_clean, "quotes": _cmd_quotes,
            "bookmarks": _cmd_bookmarks}[args.command](args, ddir)


def _json_line(obj) -> str:
    """One JSON object on one line, whatever the text holds: non-ASCII is escaped so that
    U+2028, U+0085 and friends cannot split the line for consumers that read line by line."""
    return json.dumps(obj, ensure_ascii=True)


# ---------------------------------------------------------------------------- commands
def _corpus(ddir: Path):
    from index.store import Corpus

    from .paths import index_dir

    return Corpus(index_dir(ddir))


def _cmd_index(args, ddir: Path) -> int:
    for f in args.folders:
        if not os.path.exists(f):
            raise UsageError(f"no such file or folder: {f}")
    corpus = _corpus(ddir)
    tty = sys.stderr.isatty()
    progress = _Progress() if tty else None
    report = corpus.update(
        args.folders, rebuild=args.rebuild, progress=progress, workers=args.workers,
        on_wait=lambda: print("reader: another index run is in progress; waiting for it to finish…",
                              file=sys.stderr, flush=True),
    )
    if progress:
        progress.done()
    if report.rebuilt_reason:
        print(f"reader: rebuilt the index ({report.rebuilt_reason})", file=sys.stderr)
    from .safe import terminal_safe

    if args.json:
        print(_json_line(report.to_json()))
    else:
        for path, reason in report.skipped:
            print(f"skipped {terminal_safe(path, keep_newlines=False)}: {reason}", file=sys.stderr)
        print(report.summary(), file=sys.stderr)
    return 130 if report.interrupted else 0


class _Progress:
    """One self-rewriting progress line on stderr: count, rate, ETA."""

    def __init__(self):
        import time

        self.t0 = time.monotonic()
        self.last = 0.0
        self.time = time.monotonic

    def __call__(self, done: int, total: int, path: str) -> None:
        now = self.time()
        if now - self.last < 0.1 and done < total:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-6)
        eta = (total - done) / rate if rate else 0
        sys.stderr.write(f"\rindexing {done}/{total}  {rate:.0f} files/s  ETA {eta:.0f}s   ")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _cmd_search(args, ddir: Path) -> int:
    from index.query import QueryError
    from index.store import CorpusError

    from .safe import terminal_safe

    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    query = " ".join(args.query)
    corpus = _corpus(ddir)
    try:
        hits = corpus.search(query, limit=args.limit or None, sort=args.sort)
    except QueryError as exc:
        raise UsageError(f"bad query: {exc}") from None
    except CorpusError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 1
    out = sys.stdout
    for h in hits:
        if args.json:
            out.write(_json_line({k: h[k] for k in ("path", "title", "date", "source", "score", "highlights")})
                      + "\n")
        else:
            cols = [h["date"] or "----------", h["source"] or "-", h["title"] or "", h["path"]]
            out.write("  ".join(terminal_safe(str(c), keep_newlines=False) for c in cols) + "\n")
    if not args.json and sys.stderr.isatty():
        print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}", file=sys.stderr)
    return 0


def _cmd_clean(args, ddir: None) -> int:
    from index.pipeline import clean_files

    from .safe import terminal_safe

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    boiler = None
    if args.corpus:
        from index.clean import learn_boilerplate
        from index.loader import html_to_text
        from index.pipeline import load_or_reason

        # the files are read here to learn from, and again where they are cleaned
        loaded = (load_or_reason(f)[0] for f in args.files)
        boiler = learn_boilerplate((html_to_text(ld.text) if ld.kind == "html" else ld.text)
                                   for ld in loaded if ld is not None)
    status = 0
    for f, c, err in clean_files(args.files, boilerplate=boiler, explain=args.explain, workers=args.workers):
        if c is None:
            print(f"reader: skipped {terminal_safe(f, False)}: {err}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            d = c.to_json(f)
            if args.explain:
                d["lines"] = [{"line": x.line, "keep": x.keep, "reason": x.reason} for x in c.lines]
            print(_json_line(d))
            continue
        if args.explain:
            print(f"== {terminal_safe(f, False)}")
            for x in c.lines:
                mark = "+" if x.keep else "-"
                print(f"{mark} [{x.reason}] {terminal_safe(x.line, keep_newlines=False)}")
            continue
        if len(args.files) > 1:
            print(f"== {terminal_safe(f, False)}")
        meta = [("Title", c.title), ("Date", c.date), ("Author", c.author), ("Source", c.source)]
        for k, v in meta:
            if v:
                print(f"{k}: {terminal_safe(v, keep_newlines=False)}")
        if c.page_type and c.page_type != "article":
            print(f"Type: {c.page_type}")
        print()
        print(terminal_safe(c.text))
        print()
    return status


def _cmd_quotes(args, ddir: None) -> int:
    from index.pipeline import map_files, quotes_path

    from .safe import terminal_safe

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    status = 0
    for f, qs, err in map_files(quotes_path, args.files, args.workers, no_clean=args.no_clean):
        if qs is None:
            print(f"reader: skipped {terminal_safe(f, False)}: {err}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            print(_json_line({"path": f, "quotes": [q.to_json() for q in qs]}))
            continue
        print(f"== {terminal_safe(f, False)}")
        for q in sorted(qs, key=lambda q: (not q.key, -q.score, q.start)):
            star = "*" if q.key else " "
            who = q.speaker or "(unattributed)"
            print(f"{star} {terminal_safe(who, False)}: “{terminal_safe(q.text, False)}”")
    return status


def _cmd_bookmarks(args, ddir: Path) -> int:
    from .bookmarks import Bookmarks, BookmarksError, export
    from .paths import bookmarks_path

    try:
        bm = Bookmarks(bookmarks_path(ddir))
    except BookmarksError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 1
    items = bm.list()
    bm.close()
    if args.action == "list" and args.format is None:
        from .safe import terminal_safe

        text = "".join(
            f"{b.saved_at}  {terminal_safe(b.speaker or '(unattributed)', False)}: "
            f"“{terminal_safe(b.text, False)}” — {terminal_safe(b.title or '', False)} "
            f"({terminal_safe(b.source or '-', False)}, {b.date or 'undated'}) {b.path}\n"
            for b in items
        )
    else:
        text = export(items, args.format or "md")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(items)} bookmark{'s' if len(items) != 1 else ''} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_tui(args, ddir: Path) -> int:
    from .paths import seeds_dir

    folders = args.folders or [str(seeds_dir())]
    for f in folders:
        if not os.path.exists(f):
            raise UsageError(f"no such file or folder: {f}")
    from .app import run

    return run(folders=folders, data_dir=ddir, rebuild=args.rebuild)
