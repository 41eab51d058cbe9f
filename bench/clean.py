"""Benchmark reader mode on a dev set of pages with gold article text.

Runs, on the same pages in one process: our text-dump cleaner (``index.clean.clean_text``),
our HTML path (``index.html.clean_html``) and plain trafilatura on the raw HTML (installed
with ``pip install -e ".[bench]"``; its row is skipped without it), and prints
a table of bag-of-words F1 (articles / all pages), title/date/author accuracy on article
pages and pages per second. The metric functions are those of the shared scorer
(``score_clean.py`` next to the dataset, imported when present), reimplemented here
otherwise, so the numbers agree with what the scorer prints through the CLI.

    python bench/clean.py [DATASET] [--only text|html|trafilatura] [--limit N] [--worst N]
    python bench/clean.py --md bench/CLEAN.md      # also write the README section
    python bench/clean.py --cli                    # through the CLI, with and without worker processes
    python bench/clean.py --ceiling                # how much gold metadata the text dumps hold at all
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATASET = ROOT / ".." / "shared" / "eval" / "clean" / "wcxb-dev"
TOK = re.compile(r"\w+")


def _bow_prf(pred: str, gold: str) -> tuple[float, float, float]:
    p = Counter(t.lower() for t in TOK.findall(pred or ""))
    g = Counter(t.lower() for t in TOK.findall(gold or ""))
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 1.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    ov = sum((p & g).values())
    P, R = ov / sum(p.values()), ov / sum(g.values())
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def _norm(s) -> str:
    return " ".join(TOK.findall(str(s or "").lower()))


def _title_ok(pred, gold) -> bool:
    a, b = _norm(pred), _norm(gold)
    return bool(a) and (a == b or (len(a) > 20 and (a in b or b in a)))


def _date_ok(pred, gold) -> bool:
    return bool(pred) and str(pred)[:10] == str(gold)[:10]


def _author_ok(pred, gold) -> bool:
    a, b = _norm(pred), _norm(gold)
    return bool(a) and (a == b or a in b or b in a)


def load_metric(dataset: Path):
    """The shared scorer's functions when available (same numbers by construction)."""
    for cand in (dataset.parent.parent / "score_clean.py", dataset.parent / "score_clean.py"):
        if cand.exists():
            spec = importlib.util.spec_from_file_location("score_clean", cand)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod.bow_prf, mod.title_ok, mod.date_ok, mod.author_ok
    return _bow_prf, _title_ok, _date_ok, _author_ok


def load_pages(dataset: Path, limit: int | None = None) -> list[dict]:
    pages = []
    for jf in sorted(dataset.glob("*.json")):
        g = json.loads(jf.read_text(encoding="utf-8"))
        g["_id"] = jf.stem
        pages.append(g)
    return pages[:limit] if limit else pages


def run_method(name: str, pages: list[dict], dataset: Path, metric) -> dict | None:
    bow_prf, title_ok, date_ok, author_ok = metric
    if name == "text":
        from index.clean import clean_text
        from index.loader import decode

        # decoded as the CLI decodes a file (encoding detection, mojibake repair)
        inputs = [decode((dataset / f"{p['_id']}.txt").read_bytes())[0] for p in pages]

        def fn(x):
            c = clean_text(x)
            return c.text, c.title, c.date, c.author, c.page_type
    else:
        from index.loader import decode

        inputs = [decode(gzip.open(dataset / f"{p['_id']}.html.gz", "rb").read())[0] for p in pages]
        if name == "html":
            from index.html import clean_html

            def fn(x):
                c = clean_html(x)
                return c.text, c.title, c.date, c.author, c.page_type
        else:
            try:
                import trafilatura
            except ImportError:
                print("trafilatura is not installed (pip install -e '.[bench]'): its row is skipped",
                      file=sys.stderr)
                return None

            def fn(x):
                d = trafilatura.bare_extraction(x, with_metadata=True)
                if d is None:
                    return "", None, None, None, None
                if not isinstance(d, dict):
                    d = d.as_dict()
                return d.get("text") or "", d.get("title"), d.get("date"), d.get("author"), None
    t0 = time.perf_counter()
    outs = []
    for x in inputs:
        try:
            outs.append(fn(x))
        except Exception as e:  # a benchmark reports failures, it does not stop on them
            outs.append(("", None, None, None, None))
            print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
    secs = time.perf_counter() - t0
    rows = []
    for p, (text, title, date, author, page_type) in zip(pages, outs):
        P, R, F = bow_prf(text or "", p.get("main_content") or "")
        rows.append({
            "id": p["_id"], "type": p.get("page_type"), "P": P, "R": R, "F": F,
            "title": title_ok(title, p["title"]) if p.get("title") else None,
            "date": date_ok(date, p["date"]) if p.get("date") else None,
            "author": author_ok(author, p["author"]) if p.get("author") else None,
            "pred": (title, date, author), "page_type": page_type,
        })
    art = [r for r in rows if r["type"] == "article"]

    def acc(key, rs):
        v = [r[key] for r in rs if r[key] is not None]
        return sum(v) / len(v) if v else float("nan")

    # page type: articles called articles, and the other pages (listings, shops, forums...)
    # called something else; None when the method has no page type
    typed = [r for r in rows if r["page_type"]]
    articles = [r["page_type"] == "article" for r in typed if r["type"] == "article"]
    others = [r["page_type"] != "article" for r in typed if r["type"] != "article"]
    page_types = (statistics.mean(articles), statistics.mean(others)) if articles and others else None
    return {
        "name": name,
        "rows": rows,
        "page_types": page_types,
        "f1_art": statistics.mean(r["F"] for r in art) if art else float("nan"),
        "f1_all": statistics.mean(r["F"] for r in rows),
        "title": acc("title", art), "date": acc("date", art), "author": acc("author", art),
        "pps": len(rows) / secs if secs else float("inf"),
        "by_type": {t: statistics.mean(r["F"] for r in rows if r["type"] == t)
                    for t in sorted({r["type"] for r in rows})},
    }


def run_cli(pages: list[dict], dataset: Path, kind: str, workers: int | None, batch: int = 100
            ) -> tuple[float, list[str]]:
    """Seconds and output lines of ``python -m reader clean --json`` run as the shared scorer
    runs it: one process per ``batch`` files, one after the other, start-up included."""
    import subprocess

    ext = ".txt" if kind == "text" else ".html.gz"
    paths = [str(dataset / f"{p['_id']}{ext}") for p in pages]
    cmd = [sys.executable, "-m", "reader", "clean", "--json"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    out: list[str] = []
    t0 = time.perf_counter()
    for i in range(0, len(paths), batch):
        res = subprocess.run(cmd + paths[i:i + batch], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent.parent)
        out.extend(res.stdout.splitlines())
    return time.perf_counter() - t0, out


def _span(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}" if len(values) > 1 else f"{values[0]:.0f}"


def cli_table(pages: list[dict], dataset: Path, kinds: list[str], rounds: int = 2) -> str:
    """Pages per second through the CLI, in this process's CPUs' worth of worker processes
    (the default) and in one (``--workers 1``), timed in alternation: the machine's load
    changes by the minute, their ratio much less."""
    from index.pipeline import usable_cpus

    rows = ["| input | `--workers 1` pages/s | default (" + str(usable_cpus()) + " CPUs) pages/s | ratio |",
            "|---|---|---|---|"]
    for kind in kinds:
        one, many = [], []
        for _ in range(rounds):
            t1, o1 = run_cli(pages, dataset, kind, 1)
            tn, on = run_cli(pages, dataset, kind, None)
            if o1 != on:
                raise SystemExit(f"{kind}: the output with worker processes differs from the output without")
            one.append(len(pages) / t1)
            many.append(len(pages) / tn)
        rows.append(f"| {LABELS[kind]} | {_span(one)} | {_span(many)} | "
                    f"{statistics.mean(m / o for m, o in zip(many, one)):.2f} |")
    return "\n".join(rows)


LABELS = {"text": "ours, text dump", "html": "ours, raw HTML", "trafilatura": "trafilatura, raw HTML"}


def ceiling_table(pages: list[dict], dataset: Path, metric, rows: list[dict] | None = None) -> str:
    """How much of the gold metadata of the article pages their text dumps hold at all: a
    line that passes the scorer's title test (or the title inside the text), a date our
    date parser reads in the text that passes the date test, the gold author's words in the
    text. A dump is a page's innerText: it has no ``<title>``, ``<meta>`` or JSON-LD, so what
    it lacks no text cleaner can find. ``rows``: the text cleaner's rows, for its accuracy
    where the dump has the value."""
    from index.loader import decode
    from index.metadata import parse_dates

    _, title_ok, date_ok, _ = metric
    ours = {r["id"]: r for r in rows or ()}
    stats = {k: [0, 0, 0, 0] for k in ("title", "date", "author")}  # gold, in dump, ours right, both
    site_authors = 0
    for p in pages:
        if p.get("page_type") != "article":
            continue
        text = decode((dataset / f"{p['_id']}.txt").read_bytes())[0]
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        flat = _norm(text)
        for k, st in stats.items():
            g = p.get(k)
            if not g:
                continue
            st[0] += 1
            if k == "title":
                has = any(title_ok(x, g) for x in lines) or _norm(g) in flat
            elif k == "date":
                has = any(date_ok(d, g) for x in lines for _, d in parse_dates(x[:300]))
            else:
                has = _norm(g) in flat
            right = bool(ours.get(p["_id"], {}).get(k))
            st[1] += has
            st[2] += right
            st[3] += has and right
        host = re.sub(r"^https?://(?:www\.)?([^/:]+).*", r"\1", p.get("url") or "").split(".")
        if p.get("author") and _norm(p["author"]).replace(" ", "") in {x.lower() for x in host[:-1]}:
            site_authors += 1
    out = ["| field | article pages with a gold value | the value is in the dump | ours right | "
           "ours right where the dump has it |", "|---|---|---|---|---|"]
    for k, (n, has, right, both) in stats.items():
        out.append(f"| {k} | {n} | {has} ({has / n:.2f}) | {right} ({right / n:.2f}) | "
                   f"{both} of {has} ({both / max(1, has):.2f}) |")
    out.append(f"\n{site_authors} gold authors are the site's own name (its domain).")
    return "\n".join(out)


def table(results: list[dict]) -> str:
    out = ["| method | F1 articles | F1 all pages | title / date / author (articles) | pages/s |",
           "|---|---|---|---|---|"]
    for r in results:
        out.append(f"| {LABELS[r['name']]} | {r['f1_art']:.3f} | {r['f1_all']:.3f} | "
                   f"{r['title']:.2f} / {r['date']:.2f} / {r['author']:.2f} | {r['pps']:.0f} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    ap.add_argument("--only", choices=["text", "html", "trafilatura"], action="append")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--md", type=Path, help="write the table into this markdown file's table block")
    ap.add_argument("--ceiling", action="store_true",
                    help="how much of the gold metadata the text dumps hold at all, and our accuracy there")
    ap.add_argument("--cli", action="store_true",
                    help="time the CLI instead, as the shared scorer runs it (one process per 100 files), "
                         "with and without worker processes")
    a = ap.parse_args()
    if not a.dataset.exists():
        print(f"dataset not found: {a.dataset}", file=sys.stderr)
        return 2
    metric = load_metric(a.dataset)
    pages = load_pages(a.dataset, a.limit)
    if a.cli:
        kinds = [k for k in (a.only or ["text", "html"]) if k != "trafilatura"]
        print(f"{len(pages)} pages from {a.dataset.name}, through `python -m reader clean --json`\n")
        print(cli_table(pages, a.dataset, kinds))
        return 0
    if a.ceiling:
        r = run_method("text", pages, a.dataset, metric)
        print(f"{len(pages)} pages from {a.dataset.name}: metadata in the text dumps of the article pages\n")
        print(ceiling_table(pages, a.dataset, metric, r["rows"]))
        return 0
    results = [r for m in (a.only or ["text", "html", "trafilatura"])
               if (r := run_method(m, pages, a.dataset, metric)) is not None]
    print(f"{len(pages)} pages from {a.dataset.name}\n")
    print(table(results))
    for r in results:
        print(f"\n{LABELS[r['name']]}: F1 by page type: "
              + ", ".join(f"{k} {v:.3f}" for k, v in r["by_type"].items()))
        if r["page_types"]:
            print(f"{LABELS[r['name']]}: page type: articles called articles {r['page_types'][0]:.3f}, "
                  f"other pages recognised {r['page_types'][1]:.3f}")
        if a.worst:
            print("worst article pages (id, P, R, F1, predicted title/date/author):")
            arts = sorted((x for x in r["rows"] if x["type"] == "article"), key=lambda x: x["F"])
            for x in arts[: a.worst]:
                print(f"  {x['id']}  {x['P']:.3f} {x['R']:.3f} {x['F']:.3f}  {x['pred']}")
    if a.md:
        text = a.md.read_text(encoding="utf-8") if a.md.exists() else ""
        start, end = "<!-- bench-table -->", "<!-- /bench-table -->"
        block = f"{start}\n{table(results)}\n{end}"
        if start in text and end in text:
            text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
        else:
            text += "\n" + block + "\n"
        a.md.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
