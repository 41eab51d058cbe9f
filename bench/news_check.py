"""A second look at reader mode, on news pages of sites the dev set does not have.

newspaper4k's source distribution ships the HTML of about twenty news pages (CNN, TIME,
WIRED, Fox 13, cleveland.com, Yonhap, Xinhua, China Daily, BBC Chinese, Nikkei, AFPBB,
Prachatai, a Spanish, a Latvian and an Arabic daily, ...) with the text and metadata
newspaper4k extracts from them. That is no hand-made gold: its text is one extractor's
output and its author lists are sometimes the writers of the related stories. It is still
a check on sites, layouts and languages the dev set lacks, and every rule it led to was
measured on the dev set as well (``bench/clean.py``).

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 && tar xzf newspaper4k-0.9.6.tar.gz
    python bench/news_check.py newspaper4k-0.9.6/tests/data

For each page: our HTML path's text F1 against newspaper4k's text (word tokens; Chinese,
Japanese and Thai counted character by character, since they are written without spaces),
our text-dump cleaner's on a dump made from the page with the project's rough innerText
(``index.loader.html_to_text``; a browser's dump differs in detail),
trafilatura's beside it when it is installed (``pip install -e ".[bench]"``: how far two
other extractors agree sets the scale), and our title, date and author next to
newspaper4k's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _optional import trafilatura_or_none  # noqa: E402

_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff]")
_TOKEN = re.compile(r"\w+")


def _tokens(s: str) -> Counter:
    out: Counter = Counter()
    for w in _TOKEN.findall(s.lower()):
        if _UNSPACED.search(w):
            out.update(w)
        else:
            out[w] += 1
    return out


def _f1(pred: str, gold: str) -> float:
    p, g = _tokens(pred), _tokens(gold)
    if not p or not g:
        return float(not p and not g)
    ov = sum((p & g).values())
    return 2 * ov / (sum(p.values()) + sum(g.values()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="newspaper4k's tests/data folder")
    args = ap.parse_args(argv)
    from index.clean import clean_text
    from index.html import clean_html
    from index.loader import decode, html_to_text

    pages = sorted((args.data / "html").glob("*.html"))
    if not pages:
        print(f"no pages in {args.data / 'html'}", file=sys.stderr)
        return 2
    trafilatura = trafilatura_or_none()
    f1s, df1s, tf1s = [], [], []
    print("| page | F1 | dump | trafilatura | type | title (ours / theirs) | date | author (ours / theirs) |\n"
          "|---|---|---|---|---|---|---|---|")
    for p in pages:
        txt = args.data / "txt" / (p.stem + ".txt")
        meta_file = args.data / "metadata" / (p.stem + ".json")
        if not txt.exists():
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        html = decode(p.read_bytes())[0]
        ref = txt.read_text(encoding="utf-8")
        c = clean_html(html)
        f1 = _f1(c.text, ref)
        f1s.append(f1)
        df1s.append(_f1(clean_text(html_to_text(html)).text, ref))
        tf = "-"
        if trafilatura is not None:
            tf1s.append(_f1(trafilatura.extract(html) or "", ref))
            tf = f"{tf1s[-1]:.2f}"
        theirs_date = str(meta.get("publish_date") or "")[:10] or "-"
        authors = meta.get("authors") or []
        print(f"| {p.stem} | {f1:.2f} | {df1s[-1]:.2f} | {tf} | {c.page_type} | {c.title or '-'} / {meta.get('title') or '-'} | "
              f"{(c.date or '-')[:10]} / {theirs_date} | {c.author or '-'} / {', '.join(authors) or '-'} |")
    if f1s:
        print(f"\n{len(f1s)} pages, mean text F1 against newspaper4k's text: ours {sum(f1s) / len(f1s):.3f}, "
              f"ours from the dump {sum(df1s) / len(df1s):.3f}"
              + (f", trafilatura {sum(tf1s) / len(tf1s):.3f}" if tf1s else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
