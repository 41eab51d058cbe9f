"""Scale benchmark: our indexer and search against plain Whoosh and SQLite FTS5, in one run.

    python bench/scale.py [--n 10000 100000] [--workdir DIR] [--quick] [--md FILE]
    python bench/scale.py --profile 500          # where ingest time goes (cProfile, one process)
    python bench/scale.py --n 100000 --search-only DATA_DIR   # searches only, on an indexed archive

For each size N it builds a synthetic archive with ``bench/corpus.py`` (kept in the work
folder and reused while the parameters match), then measures, each phase in its own
process so its peak memory is its own:

* full ingest, docs/s: ours (``Corpus.update``: cleaning, metadata, quotes, process pool,
  one Whoosh writer); plain Whoosh over the raw files (``path`` ID + ``content``
  TEXT(StemmingAnalyzer), one writer, default settings); SQLite FTS5 over the raw files
  (porter tokenizer, one transaction);
* re-index with nothing changed, and after 1,000 files changed (content edited);
* search latency p50/p95/p99 per query type, each query distinct (word, two words,
  phrase, field, date range, boolean, prefix, speaker), for the three engines where the
  query type applies; ours returns what ``reader search`` prints (dicts with highlights);
  before each engine's searches pending writes are flushed and its index files are read
  once, so every engine starts with its index in the file cache (the "ours, no
  highlights" pass follows on a fresh searcher);
* ``reader search`` as a process (start, open, query, print): median wall time of
  several runs, and whether Textual got imported;
* listing every article (what the TUI's list needs before its first paint);
* index size on disk, and peak RSS while indexing (the whole process tree, sampled)
  and while browsing (the search process).

Targets are the scale issue's (at 2,000 files its stricter acceptance numbers) and are
printed next to the numbers with a pass/MISS mark. Standard library, Whoosh and this
package only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERY_TYPES = ("word", "two words", "phrase", "field", "date range", "boolean", "prefix", "speaker")
PLAIN_TYPES = ("word", "two words", "phrase", "boolean", "prefix")  # what a body-only index can answer
CHANGED = 1000


# ============================================================================ phases (child side)

def _txt_files(folder: str) -> list[str]:
    out = []
    for d, subdirs, files in os.walk(folder):
        subdirs.sort()
        out += [os.path.join(d, f) for f in sorted(files) if f.endswith(".txt")]
    return out


def _rss_self_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_ingest_ours(a: dict) -> dict:
    from index.store import Corpus

    t0 = time.perf_counter()
    c = Corpus(os.path.join(a["data"], "index"))
    rep = c.update([a["corpus"]], workers=a.get("workers"))
    c.close()
    dt = time.perf_counter() - t0
    return {"seconds": dt, "indexed": rep.indexed, "unchanged": rep.unchanged, "removed": rep.removed,
            "skipped": len(rep.skipped), "skip_example": rep.skipped[0] if rep.skipped else None}


def phase_ingest_whoosh(a: dict) -> dict:
    from whoosh import index as windex
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    t0 = time.perf_counter()
    shutil.rmtree(a["dir"], ignore_errors=True)
    os.makedirs(a["dir"])
    schema = Schema(path=ID(stored=True, unique=True), content=TEXT(analyzer=StemmingAnalyzer()))
    ix = windex.create_in(a["dir"], schema)
    w = ix.writer()
    n = 0
    for p in _txt_files(a["corpus"]):
        with open(p, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
        w.add_document(path=p, content=text)
        n += 1
    w.commit()
    ix.close()
    return {"seconds": time.perf_counter() - t0, "indexed": n}


def phase_ingest_fts5(a: dict) -> dict:
    t0 = time.perf_counter()
    if os.path.exists(a["db"]):
        os.remove(a["db"])
    con = sqlite3.connect(a["db"])
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, content, tokenize='porter unicode61')")
    n = 0
    with con:
        for p in _txt_files(a["corpus"]):
            with open(p, "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            con.execute("INSERT INTO docs(path, content) VALUES (?, ?)", (p, text))
            n += 1
    con.close()
    return {"seconds": time.perf_counter() - t0, "indexed": n}


def _timed(fn, queries: dict[str, list[str]], warm: int) -> dict:
    out = {}
    for kind, qs in queries.items():
        for q in qs[:warm]:
            fn(q)
        lat, hits = [], 0
        for q in qs[warm:]:
            t0 = time.perf_counter()
            n = fn(q)
            lat.append((time.perf_counter() - t0) * 1000)
            hits += n
        out[kind] = {"ms": lat, "hits": hits / max(len(lat), 1)}
    return out


def cache_files(path: str) -> float:
    """Flush pending writes, then read every file under ``path`` once, so that each engine's
    searches start with its index in the file cache (as for an archive in daily use),
    whatever ran just before: without this the first engine searched read its index from
    disk while the last one built found its own still cached. Returns the megabytes read."""
    os.sync()
    total = 0
    files = [path] if os.path.isfile(path) else [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    for name in files:
        try:
            with open(name, "rb", buffering=0) as fh:
                while chunk := fh.read(1 << 20):
                    total += len(chunk)
        except OSError:
            pass
    return total / 1e6


def phase_search_ours(a: dict) -> dict:
    t0 = time.perf_counter()
    from index.store import Corpus

    c = Corpus(os.path.join(a["data"], "index"))
    first_q = a["queries"]["word"][0]
    c.search(first_q)
    cold = time.perf_counter() - t0
    t1 = time.perf_counter()
    arts = c.articles()
    listing = time.perf_counter() - t1
    res = _timed(lambda q: len(c.search(q, limit=20)), a["queries"], a["warm"])
    c.close()
    # the same queries without highlight fragments: what ranking and filtering alone cost;
    # on a fresh searcher, so that posting lists decoded by the first pass are not reused
    c = Corpus(os.path.join(a["data"], "index"))
    c.search(first_q)
    bare = _timed(lambda q: len(c.search(q, limit=20, highlights=False)), a["queries"], a["warm"])
    c.close()
    return {"cold_first_search": cold, "list_all": listing, "list_n": len(arts), "types": res,
            "bare": bare}


def phase_search_whoosh(a: dict) -> dict:
    from whoosh import index as windex
    from whoosh.qparser import QueryParser

    ix = windex.open_dir(a["dir"])
    s = ix.searcher()
    parser = QueryParser("content", ix.schema)

    def run(q: str) -> int:
        return len([dict(h) for h in s.search(parser.parse(q), limit=20)])

    res = _timed(run, a["queries"], a["warm"])
    s.close()
    ix.close()
    return {"types": res}


def phase_search_fts5(a: dict) -> dict:
    con = sqlite3.connect(a["db"])

    def run(q: str) -> int:
        return len(con.execute("SELECT path FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20", (q,)).fetchall())

    res = _timed(run, a["queries"], a["warm"])
    con.close()
    return {"types": res}


PHASES = {"ingest_ours": phase_ingest_ours, "ingest_whoosh": phase_ingest_whoosh,
          "ingest_fts5": phase_ingest_fts5, "search_ours": phase_search_ours,
          "search_whoosh": phase_search_whoosh, "search_fts5": phase_search_fts5}


def child_main(name: str, arg_file: str, out_file: str) -> int:
    with open(arg_file, encoding="utf-8") as fh:
        a = json.load(fh)
    res = PHASES[name](a)
    res["rss_self_mb"] = _rss_self_mb()
    with open(out_file, "w", encoding="utf-8") as fh:
        json.dump(res, fh)
    return 0


# ============================================================================ running (parent side)

def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc (0 where /proc is missing)."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                st = fh.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(st[1]), int(st[21])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(pid)
        rss[pid] = pages
    total, stack = 0, [root]
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        p = stack.pop()
        total += rss.get(p, 0) * page_kb
        stack += kids.get(p, [])
    return total


def run_cmd(cmd: list[str], sample: bool = False, env: dict | None = None,
            stdout=subprocess.DEVNULL) -> dict:
    """Run a process; wall time, its own peak RSS (wait4) and, if asked, the sampled peak of its tree."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    peak = 0
    status = None
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if sample:
            peak = max(peak, _tree_rss_kb(p.pid))
        time.sleep(0.1 if sample else 0.002)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    out = p.stdout.read().decode("utf-8", "replace") if stdout == subprocess.PIPE else ""
    return {"wall": wall, "rc": p.returncode, "maxrss_mb": ru.ru_maxrss / 1024, "tree_peak_mb": peak / 1024,
            "stderr": err, "stdout": out}


def run_phase(name: str, args: dict, tmp: str, sample: bool = False) -> dict:
    af, of = os.path.join(tmp, f"{name}.args.json"), os.path.join(tmp, f"{name}.out.json")
    with open(af, "w", encoding="utf-8") as fh:
        json.dump(args, fh)
    if os.path.exists(of):
        os.remove(of)
    r = run_cmd([sys.executable, os.path.abspath(__file__), "--phase", name, af, of], sample=sample)
    if r["rc"] != 0 or not os.path.exists(of):
        raise SystemExit(f"phase {name} failed (exit {r['rc']}):\n{r['stderr'][-3000:]}")
    with open(of, encoding="utf-8") as fh:
        res = json.load(fh)
    res.update(wall=r["wall"], maxrss_mb=r["maxrss_mb"], tree_peak_mb=max(r["tree_peak_mb"], r["maxrss_mb"]))
    return res


def du_mb(path: str) -> float:
    total = 0
    if os.path.isfile(path):
        return os.path.getsize(path) / 1e6
    for d, _s, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total / 1e6


# ============================================================================ queries

def make_queries(manifest: dict, k: int, seed: int = 7) -> dict[str, dict[str, list[str]]]:
    """Distinct queries per type, for ours / plain Whoosh / FTS5 (same words where the type applies)."""
    from whoosh.analysis import STOP_WORDS

    rng = random.Random(seed)

    def ok(w: str) -> bool:
        return w.isalpha() and len(w) > 3 and w not in STOP_WORDS

    vocab = [w for w in manifest["vocab"][100:4000] if ok(w)]
    common = [w for w in manifest["vocab"][30:1500] if ok(w)]
    sample = manifest["sample"]
    speakers = sorted({s.split()[-1] for f in sample for s in f["speakers"]}
                      | {p.split()[-1] for p in manifest["people"][:150]})
    sources = sorted({f["source"] for f in sample})
    titles = [f["title"].split() for f in sample]
    phrases = list(manifest["phrases"])
    for t in titles:
        ws = [w.lower().strip(":,") for w in t]
        for i in range(len(ws) - 1):
            if ok(ws[i]) and ok(ws[i + 1]):
                phrases.append(f"{ws[i]} {ws[i + 1]}")
    ours: dict[str, list[str]] = {t: [] for t in QUERY_TYPES}
    plain: dict[str, list[str]] = {t: [] for t in PLAIN_TYPES}
    fts: dict[str, list[str]] = {t: [] for t in PLAIN_TYPES}
    seen: set[str] = set()

    def add(kind, q, p=None, f=None):
        if q in seen:
            return False
        seen.add(q)
        ours[kind].append(q)
        if kind in plain:
            plain[kind].append(p or q)
            fts[kind].append(f or q)
        return True

    guard = 0
    while any(len(v) < k for v in ours.values()) and guard < 100 * k:
        guard += 1
        if len(ours["word"]) < k:
            add("word", rng.choice(vocab))
        if len(ours["two words"]) < k:
            add("two words", f"{rng.choice(common)} {rng.choice(vocab)}")
        if len(ours["phrase"]) < k and phrases:
            ph = rng.choice(phrases)
            add("phrase", f'"{ph}"')
        if len(ours["field"]) < k:
            if rng.random() < 0.5:
                add("field", f"title:{rng.choice(vocab)}")
            else:
                add("field", f'source:"{rng.choice(sources)}"')
        if len(ours["date range"]) < k:
            y, m = rng.randint(2015, 2024), rng.randint(1, 10)
            rngq = f"date:[{y}-{m:02d}-01 TO {y}-{m + 2:02d}-28]"
            add("date range", rngq if rng.random() < 0.5 else f"{rng.choice(common)} {rngq}")
        if len(ours["boolean"]) < k:
            a, b, c, d = (rng.choice(common) for _ in range(4))
            add("boolean", f"{a} AND ({b} OR {c}) NOT {d}")
        if len(ours["prefix"]) < k:
            w = rng.choice(vocab)
            add("prefix", w[:rng.choice((3, 4, 4, 5))] + "*")
        if len(ours["speaker"]) < k and speakers:
            add("speaker", f"speaker:{rng.choice(speakers)}")
    return {"ours": ours, "whoosh": plain, "fts5": fts}


# ============================================================================ one size

def ensure_corpus(n: int, workdir: str, seed: int, mean_kb: float) -> tuple[str, dict]:
    import corpus as gen

    out = os.path.join(workdir, f"corpus-{n}-s{seed}-kb{mean_kb:g}")
    mpath = os.path.join(out, "MANIFEST.json")
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as fh:
            m = json.load(fh)
        if (m.get("n") == n and m.get("seed") == seed and m.get("version") == gen.GENERATOR_VERSION
                and not os.path.exists(out + ".dirty")):
            return out, m
    shutil.rmtree(out, ignore_errors=True)
    m = gen.generate(n, out, seed=seed, mean_kb=mean_kb)
    return out, m


def change_files(corpus: str, count: int, seed: int) -> dict[str, bytes]:
    """Edit ``count`` files (a new paragraph each); returns their old bytes for restoring."""
    files = _txt_files(corpus)
    rng = random.Random(seed)
    chosen = rng.sample(files, min(count, len(files)))
    old = {}
    for i, p in enumerate(chosen):
        with open(p, "rb") as fh:
            old[p] = fh.read()
        with open(p, "ab") as fh:
            fh.write(f"\n\nCorrection {i}: an earlier version of this article misstated a figure "
                     f"zqcorrection{i}.\n".encode())
    return old


def restore_files(old: dict[str, bytes]) -> None:
    for p, data in old.items():
        with open(p, "wb") as fh:
            fh.write(data)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    i = min(len(v) - 1, max(0, int(round(q / 100 * (len(v) - 1)))))
    return v[i]


def bench_size(n: int, workdir: str, opts) -> dict:
    log = opts.log
    t_all = time.perf_counter()
    corpus, manifest = ensure_corpus(n, workdir, opts.seed, opts.mean_kb)
    mb = manifest["bytes"] / 1e6
    log(f"[n={n}] corpus: {corpus} ({mb:.0f} MB)")
    tmp = tempfile.mkdtemp(prefix=f"scale-{n}-", dir=workdir)
    data, wdir, db = os.path.join(tmp, "data"), os.path.join(tmp, "whoosh"), os.path.join(tmp, "fts5.sqlite")
    r: dict = {"n": n, "mb": mb}
    try:
        log(f"[n={n}] ingest: ours")
        r["ours"] = run_phase("ingest_ours", {"corpus": corpus, "data": data, "workers": opts.workers}, tmp,
                              sample=True)
        log(f"[n={n}] ingest: plain Whoosh")
        r["whoosh"] = run_phase("ingest_whoosh", {"corpus": corpus, "dir": wdir}, tmp, sample=True)
        log(f"[n={n}] ingest: FTS5")
        r["fts5"] = run_phase("ingest_fts5", {"corpus": corpus, "db": db}, tmp, sample=True)
        r["size"] = {"ours": du_mb(os.path.join(data, "index")), "whoosh": du_mb(wdir), "fts5": du_mb(db)}
        log(f"[n={n}] re-index, nothing changed")
        r["unchanged"] = run_phase("ingest_ours", {"corpus": corpus, "data": data, "workers": opts.workers}, tmp)

        qs = make_queries(manifest, opts.queries + opts.warm)
        log(f"[n={n}] search: ours (index read into the file cache first: {cache_files(data):.0f} MB)")
        r["s_ours"] = run_phase("search_ours", {"data": data, "queries": qs["ours"], "warm": opts.warm}, tmp)
        log(f"[n={n}] search: plain Whoosh ({cache_files(wdir):.0f} MB cached)")
        r["s_whoosh"] = run_phase("search_whoosh", {"dir": wdir, "queries": qs["whoosh"], "warm": opts.warm}, tmp)
        log(f"[n={n}] search: FTS5 ({cache_files(db):.0f} MB cached)")
        r["s_fts5"] = run_phase("search_fts5", {"db": db, "queries": qs["fts5"], "warm": opts.warm}, tmp)

        log(f"[n={n}] reader search processes")
        walls, rss = [], []
        env = dict(os.environ)
        words = qs["ours"]["word"]
        for i in range(opts.runs):
            cmd = [sys.executable, "-m", "reader", "search", words[i % len(words)], "--json", "--data-dir", data]
            rr = run_cmd(cmd, env=env)
            if rr["rc"] != 0:
                raise SystemExit(f"reader search failed: {rr['stderr']}")
            walls.append(rr["wall"])
            rss.append(rr["maxrss_mb"])
        imp = run_cmd([sys.executable, "-X", "importtime", "-m", "reader", "search", words[0], "--json",
                       "--data-dir", data], env=env)
        r["cli"] = {"median": statistics.median(walls), "max": max(walls), "rss": max(rss),
                    "textual": bool(re.search(r"\|\s+textual\b", imp["stderr"]))}

        count = min(CHANGED, n // 2)
        log(f"[n={n}] re-index after {count} changed files")
        Path(corpus + ".dirty").touch()
        old = change_files(corpus, count, opts.seed)
        try:
            r["changed"] = run_phase("ingest_ours", {"corpus": corpus, "data": data, "workers": opts.workers},
                                     tmp, sample=True)
        finally:
            restore_files(old)
            os.remove(corpus + ".dirty")
        r["changed"]["count"] = count
    finally:
        if not opts.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    r["total_seconds"] = time.perf_counter() - t_all
    return r


def search_only(n: int, workdir: str, data: str, opts) -> str:
    """Search latency alone, on an archive already indexed by ours into ``data`` (as
    ``reader index`` leaves it), against FTS5 in the same run (its index is built once
    and kept in the work folder) and plain Whoosh when a previous ``--keep`` run left its
    index there. For measuring a search change without an hour of ingest."""
    log = opts.log
    corpus, manifest = ensure_corpus(n, workdir, opts.seed, opts.mean_kb)
    db, wdir = os.path.join(workdir, f"fts5-{n}.sqlite"), os.path.join(workdir, f"whoosh-{n}")
    tmp = tempfile.mkdtemp(prefix=f"search-{n}-", dir=workdir)
    try:
        if not os.path.exists(db):
            log(f"[n={n}] FTS5 index (kept for later runs): {db}")
            run_phase("ingest_fts5", {"corpus": corpus, "db": db + ".part"}, tmp)
            os.replace(db + ".part", db)
        qs = make_queries(manifest, opts.queries + opts.warm)
        log(f"[n={n}] search: ours (index read into the file cache first: {cache_files(data):.0f} MB)")
        ours = run_phase("search_ours", {"data": data, "queries": qs["ours"], "warm": opts.warm}, tmp)
        log(f"[n={n}] search: FTS5 ({cache_files(db):.0f} MB cached)")
        fts = run_phase("search_fts5", {"db": db, "queries": qs["fts5"], "warm": opts.warm}, tmp)
        plain = None
        if os.path.isdir(wdir):
            log(f"[n={n}] search: plain Whoosh ({cache_files(wdir):.0f} MB cached)")
            plain = run_phase("search_whoosh", {"dir": wdir, "queries": qs["whoosh"], "warm": opts.warm}, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def cell(res, kind, key="types"):
        v = (res or {}).get(key, {}).get(kind)
        if not v:
            return "-"
        ms = v["ms"]
        return f"{pct(ms, 50):.1f} / {pct(ms, 95):.1f} / {pct(ms, 99):.1f}"

    lines = [f"search at n={n:,} ({ours['list_n']:,} articles indexed), p50 / p95 / p99 ms over "
             f"{opts.queries} distinct queries per type", "",
             "| query | target p95 | ours | ours, no highlights | FTS5 | plain Whoosh |", "|---|---|---|---|---|---|"]
    for kind in QUERY_TYPES:
        p95 = pct(ours["types"][kind]["ms"], 95)
        lines.append(f"| {kind} | <= 50 ms | {cell(ours, kind)}{_mark(p95 <= 50)} | {cell(ours, kind, 'bare')} | "
                     f"{cell(fts, kind)} | {cell(plain, kind)} |")
    return "\n".join(lines)


# ============================================================================ the table

def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " **MISS**")


def table(results: list[dict]) -> str:
    ns = [r["n"] for r in results]
    rows: list[tuple[str, str, list[str]]] = []

    def row(metric: str, target: str, cells: list[str]):
        rows.append((metric, target, cells))

    def small(r):
        return r["n"] <= 2000

    row("corpus size", "", [f"{r['mb']:.0f} MB ({r['mb'] * 1000 / r['n']:.1f} KB/file)" for r in results])
    dps = {}
    for key, label in (("ours", "ours (clean + quotes)"), ("whoosh", "plain Whoosh"), ("fts5", "SQLite FTS5")):
        cells = []
        for r in results:
            d = r[key]
            rate = d["indexed"] / d["seconds"] if d["seconds"] else 0
            dps[(r["n"], key)] = rate
            extra = f", {d['skipped']} skipped" if d.get("skipped") else ""
            cells.append(f"{rate:.0f} docs/s ({d['seconds']:.1f} s{extra})")
        row(f"full ingest: {label}", "", cells)
    row("ingest ratio ours / plain Whoosh", ">= 2.0x",
        [f"{dps[(r['n'], 'ours')] / dps[(r['n'], 'whoosh')]:.2f}x" +
         _mark(dps[(r['n'], 'ours')] >= 2 * dps[(r['n'], 'whoosh')]) for r in results])
    row("ingest ratio ours / FTS5", "", [f"{dps[(r['n'], 'ours')] / dps[(r['n'], 'fts5')]:.2f}x" for r in results])
    row("re-index, nothing changed", "<= 3 s (2k: <= 1 s)",
        [f"{r['unchanged']['seconds']:.2f} s" + _mark(r["unchanged"]["seconds"] <= (1 if small(r) else 3))
         for r in results])
    row("re-index, N files changed", "<= 10 s for 1,000",
        [f"{r['changed']['seconds']:.2f} s ({r['changed']['count']} files)" +
         _mark(r["changed"]["seconds"] * CHANGED / max(r["changed"]["count"], 1) <= 10) for r in results])
    for kind in QUERY_TYPES:
        for eng, sub, label in (("s_ours", "types", "ours"), ("s_ours", "bare", "ours, no highlights"),
                                ("s_whoosh", "types", "plain Whoosh"), ("s_fts5", "types", "FTS5")):
            if kind not in results[0][eng][sub]:
                continue
            cells = []
            for r in results:
                t = r[eng][sub][kind]
                p50, p95, p99 = (pct(t["ms"], q) for q in (50, 95, 99))
                mark = _mark(p95 <= 50) if sub == "types" and eng == "s_ours" else ""
                cells.append(f"{p50:.1f} / {p95:.1f} / {p99:.1f}{mark}")
            row(f"search {kind}: {label} (p50/p95/p99 ms)", "p95 <= 50 ms" if label == "ours" else "", cells)
    row("open + first search in-process (cold)", "", [f"{r['s_ours']['cold_first_search']:.2f} s" for r in results])
    row("list every article (TUI list load)", "first paint <= 1 s",
        [f"{r['s_ours']['list_all']:.2f} s ({r['s_ours']['list_n']} rows)" +
         _mark(r["s_ours"]["list_all"] <= 1) for r in results])
    row("`reader search` process, median wall", "<= 0.5 s (2k: <= 0.35 s)",
        [f"{r['cli']['median']:.3f} s (max {r['cli']['max']:.2f})" +
         _mark(r["cli"]["median"] <= (0.35 if small(r) else 0.5)) for r in results])
    row("`reader search` imports Textual", "no",
        [("yes" if r["cli"]["textual"] else "no") + _mark(not r["cli"]["textual"]) for r in results])
    row("index size on disk: ours / Whoosh / FTS5", "",
        [f"{r['size']['ours']:.0f} / {r['size']['whoosh']:.0f} / {r['size']['fts5']:.0f} MB" for r in results])
    def peak_ix(r):
        return max(r[k]["tree_peak_mb"] for k in ("ours", "unchanged", "changed"))

    row("peak RSS indexing, ours (process tree: full / unchanged / changed run)", "<= 500 MB",
        [f"{r['ours']['tree_peak_mb']:.0f} / {r['unchanged']['tree_peak_mb']:.0f} / "
         f"{r['changed']['tree_peak_mb']:.0f} MB" + _mark(peak_ix(r) <= 500) for r in results])
    row("peak RSS indexing, plain Whoosh / FTS5", "",
        [f"{r['whoosh']['tree_peak_mb']:.0f} / {r['fts5']['tree_peak_mb']:.0f} MB" for r in results])
    row("peak RSS browsing (search process, list loaded)", "<= 300 MB",
        [f"{r['s_ours']['maxrss_mb']:.0f} MB (`reader search` {r['cli']['rss']:.0f})" +
         _mark(r["s_ours"]["maxrss_mb"] <= 300) for r in results])

    head = ["metric", "target"] + [f"n={n:,}" for n in ns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for metric, target, cells in rows:
        lines.append("| " + " | ".join([metric, target] + cells) + " |")
    return "\n".join(lines)


# ============================================================================ profile

def _stage_times(files: list[str], workdir: str) -> dict[str, float]:
    """Per-stage wall time (no profiler) of ingesting ``files`` in one process, plus plain Whoosh."""
    from whoosh import index as windex
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    from index.loader import Loaded, decode, read_bytes
    from index.pipeline import clean, process_file, quotes_of
    from index.schema import build_schema

    t: dict[str, float] = dict.fromkeys(("process_file", "read+decode", "clean", "quotes", "add_document",
                                         "commit", "plain add_document", "plain commit"), 0.0)
    ixdir = tempfile.mkdtemp(prefix="scale-prof-", dir=workdir)
    ix = windex.create_in(ixdir, build_schema(), indexname="articles")
    w = ix.writer(limitmb=128)
    pc = time.perf_counter
    for p in files:
        st = os.stat(p)
        t0 = pc()
        r = process_file(p, st.st_size, st.st_mtime_ns, None)
        t1 = pc()
        if r.doc is not None:
            w.add_document(**r.doc)
        t2 = pc()
        text, _enc = decode(read_bytes(p))
        t3 = pc()
        c = clean(Loaded(path=p, text=text, kind="text", encoding=""))
        t4 = pc()
        quotes_of(c.text)
        t5 = pc()
        t["process_file"] += t1 - t0
        t["add_document"] += t2 - t1
        t["read+decode"] += t3 - t2
        t["clean"] += t4 - t3
        t["quotes"] += t5 - t4
    t0 = pc()
    w.commit()
    t["commit"] = pc() - t0
    ix.close()
    shutil.rmtree(ixdir, ignore_errors=True)
    os.makedirs(ixdir)
    ix = windex.create_in(ixdir, Schema(path=ID(stored=True, unique=True), content=TEXT(analyzer=StemmingAnalyzer())))
    w = ix.writer()
    for p in files:
        with open(p, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
        t0 = pc()
        w.add_document(path=p, content=text)
        t["plain add_document"] += pc() - t0
    t0 = pc()
    w.commit()
    t["plain commit"] = pc() - t0
    ix.close()
    shutil.rmtree(ixdir, ignore_errors=True)
    return t


def profile(n: int, workdir: str, opts) -> str:
    """Where ingest time goes for ``n`` files in one process (no pool): stage wall times, then cProfile."""
    import cProfile
    import io
    import pstats

    from whoosh import index as windex

    from index.pipeline import process_file
    from index.schema import build_schema

    corpus, _m = ensure_corpus(max(n, 500), workdir, opts.seed, opts.mean_kb)
    files = _txt_files(corpus)[:n]
    st = _stage_times(files, workdir)
    k = len(files)
    ours = st["process_file"] + st["add_document"] + st["commit"]
    plain = st["plain add_document"] + st["plain commit"]
    other = st["process_file"] - st["read+decode"] - st["clean"] - st["quotes"]
    rows = [("read + decode", st["read+decode"]), ("cleaning (clean_text: features, model, metadata)", st["clean"]),
            ("quote extraction", st["quotes"]), ("rest of process_file (hash, document fields, JSON)", other),
            ("Whoosh add_document (analysis of every field, posting buffer)", st["add_document"]),
            ("Whoosh commit (sort postings, write segment)", st["commit"])]
    out = [f"Stage wall times, {k} files ({sum(os.path.getsize(f) for f in files) / k / 1000:.1f} KB each), "
           "one process, no profiler:", "",
           "| stage | ms per file | share |", "|---|---|---|"]
    for name, v in rows:
        out.append(f"| {name} | {1000 * v / k:.1f} | {100 * v / ours:.0f}% |")
    out.append(f"| **ours, total** | **{1000 * ours / k:.1f}** | 100% |")
    out.append(f"| plain Whoosh over the raw file: add_document + commit | {1000 * st['plain add_document'] / k:.1f}"
               f" + {1000 * st['plain commit'] / k:.1f} = {1000 * plain / k:.1f} | |")
    out.append("")

    ixdir = tempfile.mkdtemp(prefix="scale-prof-", dir=workdir)
    ix = windex.create_in(ixdir, build_schema(), indexname="articles")
    prof = cProfile.Profile()
    prof.enable()
    w = ix.writer(limitmb=128)
    for p in files:
        s = os.stat(p)
        r = process_file(p, s.st_size, s.st_mtime_ns, None)
        if r.doc is not None:
            w.add_document(**r.doc)
    w.commit()
    prof.disable()
    shutil.rmtree(ixdir, ignore_errors=True)
    raw = pstats.Stats(prof).stats  # (file, line, func) -> (cc, nc, tt, ct, callers)

    def cum(pred) -> float:
        return max((v[3] for key, v in raw.items() if pred(key)), default=0.0)

    def fn(name, file_part=""):
        return cum(lambda key: key[2] == name and file_part in key[0])

    total = fn("process_file") + fn("add_document") + fn("commit", "whoosh")
    stages = [
        ("cleaning: clean_text", fn("clean_text")),
        ("  of which line features", fn("line_features")),
        ("  of which metadata (title/date/author/source)", fn("extract_metadata")),
        ("quotes: extract_quotes", fn("extract_quotes")),
        ("Whoosh add_document", fn("add_document")),
        ("  of which field.index (analyzer + posting encoding)", fn("index", "whoosh/fields")),
        ("  of which tokenizer", fn("__call__", "analysis/tokenizers")),
        ("  of which porter2 stem (cached)", fn("stem", "porter2")),
        ("  of which posting encoding (formats.encode)", fn("encode", "whoosh/formats")),
        ("Whoosh commit", fn("commit", "whoosh")),
        ("  of which add_postings (sorted pool -> segment)", fn("add_postings", "whoosh/codec")),
    ]
    out += ["cProfile (inflates call-heavy code; shares are indicative):", "",
            "| stage | cumulative s | share |", "|---|---|---|"]
    for name, v in stages:
        out.append(f"| {name} | {v:.2f} | {100 * v / total:.0f}% |" if total else f"| {name} | {v:.2f} | |")
    out.append("")
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
    top = [ln.replace(os.path.dirname(windex.__file__), "whoosh").replace(str(ROOT) + os.sep, "")
           for ln in buf.getvalue().splitlines() if ln.strip()][-16:]
    out += ["Top functions by own time:", "", "```"] + top + ["```"]
    return "\n".join(out)


# ============================================================================ main

def _revision() -> str:
    """The commit measured, and whether the index or reader code differed from it."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "index", "reader"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "revision unknown"
    if not rev:
        return "revision unknown"
    return f"commit {rev}" + (" with local changes to index/ or reader/" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--phase"]:
        return child_main(argv[1], argv[2], argv[3])
    p = argparse.ArgumentParser(description="Scale benchmark: ours vs plain Whoosh vs SQLite FTS5.")
    p.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000], help="archive sizes")
    p.add_argument("--workdir", default=None, help="where corpora and indexes go (default: a temp folder)")
    p.add_argument("--quick", action="store_true", help="one small archive, few queries: a smoke run")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mean-kb", type=float, default=12, help="mean page size of the archive (default 12)")
    p.add_argument("--workers", type=int, default=None, help="indexing processes for ours (default: CPUs)")
    p.add_argument("--queries", type=int, default=60, help="timed queries per type and engine")
    p.add_argument("--warm", type=int, default=5, help="untimed warm-up queries per type")
    p.add_argument("--runs", type=int, default=9, help="`reader search` processes to time")
    p.add_argument("--keep", action="store_true", help="keep the indexes after the run")
    p.add_argument("--md", default=None, help="also write the table (and profile) to this markdown file")
    p.add_argument("--table-from", default=None, metavar="JSON",
                   help="print the table from a previous run's raw numbers (last-results.json)")
    p.add_argument("--search-only", default=None, metavar="DATA_DIR",
                   help="only time searches, on the archive of --n already indexed into DATA_DIR "
                        "(`reader --data-dir DATA_DIR index ARCHIVE`), against FTS5 in the same run")
    p.add_argument("--profile", type=int, default=None, metavar="FILES",
                   help="profile ingest of this many files in one process instead of benchmarking")
    opts = p.parse_args(argv)
    # measure as installed: compiled modules cached (.pyc), as pip leaves them
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # every process measures the code next to this file, whatever else is installed
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    if opts.quick:
        opts.n, opts.queries, opts.warm, opts.runs = [500], 15, 3, 3
    workdir = opts.workdir or os.path.join(tempfile.gettempdir(), "reader-scale")
    os.makedirs(workdir, exist_ok=True)

    def log(msg: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)

    opts.log = log
    if opts.table_from:
        with open(opts.table_from, encoding="utf-8") as fh:
            print(table(json.load(fh)))
        return 0
    if opts.search_only:
        print(search_only(opts.n[0], workdir, os.path.abspath(opts.search_only), opts))
        return 0
    if opts.profile:
        text = profile(opts.profile, workdir, opts)
        print(text)
        return 0
    results = [bench_size(n, workdir, opts) for n in opts.n]
    cmd = "python bench/scale.py " + " ".join(a for a in argv if a != "--md" and not a.endswith(".md"))
    header = (f"`{cmd.strip()}` on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
              f"{time.strftime('%Y-%m-%d')}, {_revision()}; latencies over {opts.queries} distinct queries per type")
    text = header + "\n\n" + table(results)
    print(text)
    if opts.md:
        with open(opts.md, "w", encoding="utf-8") as fh:
            fh.write("## Scale\n\n" + text + "\n")
    raw = os.path.join(workdir, "last-results.json")
    with open(raw, "w", encoding="utf-8") as fh:
        json.dump(results, fh)
    log(f"raw numbers: {raw}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
