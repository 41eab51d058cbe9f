"""Headline, date and byline on news sites, against expectations people wrote by hand.

Postlight's Mercury Parser (npm ``@postlight/mercury-parser``) ships, in its 1.1.1 package,
the saved pages of about ninety news and magazine sites (the New York Times, the Washington
Post, Reuters, CNN, the Guardian, Bloomberg, Politico, NPR, the Los Angeles Times, NJ.com,
Radio-Canada, ...) and, in each site's test, the headline, author and publication time its
maintainers expect. Those expectations were written by people, site by site, which makes
them a check on the metadata of news pages that the dev set (mostly blogs, shops and guides)
has few of. The dev set stays what the models are fitted on; this only reads.

    npm pack @postlight/mercury-parser@1.1.1 && tar xzf postlight-mercury-parser-1.1.1.tgz
    python bench/news_meta.py package

Each page is read twice: as HTML (our HTML path) and as a text dump made from it with the
project's rough innerText (``index.loader.html_to_text``; a browser's dump differs in detail).
The saved pages write ``<meta value=...>`` where the live pages wrote ``content=``; that is
put back before reading. A date is right when it is the expected day or one day either side:
the expectation is in UTC, our date is the page's own local date. Headlines and authors are
compared as the dev set's scorer compares them. ``-v`` lists every miss. trafilatura's
metadata is shown beside ours when it is installed (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _optional import trafilatura_or_none  # noqa: E402

_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|`((?:[^`\\]|\\.)*)`")
_TOKEN = re.compile(r"\w+")
_META_VALUE = re.compile(r"<meta\b[^>]*>", re.I)


def _js_string(src: str) -> str | None:
    """The value of a JavaScript expression made of string literals joined by ``+``."""
    src = src.strip()
    if src.startswith(("null", "undefined")):
        return None
    parts = ["".join(m) for m in _LITERAL.findall(src)]
    if not parts:
        return None
    return "".join(parts).replace("\\'", "'").replace('\\"', '"').replace("\\n", "\n")


def expectations(package: Path) -> list[dict]:
    """One dict per test case: the fixture's path and the expected title, author, date."""
    out = []
    for test in sorted((package / "src" / "extractors" / "custom").glob("*/index.test.js")):
        js = test.read_text(encoding="utf-8")
        for case in re.split(r"(?=beforeAll\()", js)[1:]:
            m = re.search(r"readFileSync\(\s*['\"]\.?/?(fixtures/[^'\"]+)['\"]", case)
            if not m or not (package / m.group(1)).exists():
                continue
            exp = {"fixture": m.group(1)}
            for key in ("title", "author", "date_published"):
                k = re.escape(key)
                v = re.search(rf"const \{{ {k} \}} = await result;.*?assert\.equal\(\s*{k},\s*(.*?)\);", case, re.S)
                if v:
                    exp[key] = _js_string(v.group(1))
            out.append(exp)
    return out


def _norm(s: object) -> str:
    return " ".join(_TOKEN.findall(str(s or "").lower()))


def title_ok(pred: str | None, gold: str) -> bool:
    a, b = _norm(pred), _norm(gold)
    return bool(a) and (a == b or (len(a) > 20 and (a in b or b in a)))


def author_ok(pred: str | None, gold: str) -> bool:
    a, b = _norm(pred), _norm(gold)
    return bool(a) and (a == b or a in b or b in a)


def date_ok(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    day = dt.date.fromisoformat(gold[:10])
    return str(pred)[:10] in {str(day + dt.timedelta(days=k)) for k in (-1, 0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package", type=Path, help="the unpacked npm package (its folder holds fixtures/ and src/)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    from index.clean import clean_text
    from index.html import clean_html
    from index.loader import decode, html_to_text

    cases = expectations(args.package)
    if not cases:
        print(f"no test cases with fixtures under {args.package}", file=sys.stderr)
        return 2
    trafilatura = trafilatura_or_none()
    methods = ["HTML", "dump"] + (["trafilatura"] if trafilatura is not None else [])
    right = {m: {"title": [0, 0], "date": [0, 0], "author": [0, 0]} for m in methods}
    misses = []
    for exp in cases:
        page = decode((args.package / exp["fixture"]).read_bytes())[0]
        page = _META_VALUE.sub(lambda m: re.sub(r"\svalue=", " content=", m.group(0)), page)
        got = {"HTML": clean_html(page), "dump": clean_text(html_to_text(page))}
        for name in methods:
            if name == "trafilatura":
                with warnings.catch_warnings():  # dateutil on the zones htmldate tries
                    warnings.simplefilter("ignore")
                    md = trafilatura.extract_metadata(page)
                title, date, author = (md.title, md.date, md.author) if md else (None, None, None)
            else:
                title, date, author = got[name].title, got[name].date, got[name].author
            for key, pred, ok in (("title", title, title_ok), ("date", date, date_ok), ("author", author, author_ok)):
                gold = exp.get("date_published" if key == "date" else key)
                if not gold:
                    continue
                right[name][key][1] += 1
                if ok(pred, gold):
                    right[name][key][0] += 1
                elif name != "trafilatura":
                    misses.append(f"{exp['fixture']} {name} {key}: {pred!r} / expected {gold!r}")
    print(f"{len(cases)} pages of {len({c['fixture'].split('/')[1] for c in cases})} sites\n")
    print("| method | title | date | author |\n|---|---|---|---|")
    for name in methods:
        cells = " | ".join(f"{a / b:.2f} ({a}/{b})" for a, b in (right[name][k] for k in ("title", "date", "author")))
        print(f"| {'ours, ' if name != 'trafilatura' else ''}{name}{' (raw HTML)' if name == 'trafilatura' else ''}"
              f" | {cells} |")
    if args.verbose:
        print("\n" + "\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
