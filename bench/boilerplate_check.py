"""Boilerplate kept and text lost, on pages whose must-keep and must-drop strings people wrote.

trafilatura's source distribution (1.0.0) ships its real-world regression tests: some ninety
saved pages, mostly German, some English, French and Chinese (news sites, blogs, shops, a
party's and a ministry's pages), each with strings its extraction must contain (the article's
sentences) and strings it must not (navigation, "Ähnliche Beiträge", share bars, legal
notices, newsletter boxes). They were written by hand, page by page, which makes them a check
on boilerplate in languages the dev set has little of. They are trafilatura's own tests, so
it passes nearly all of them by construction; some of its must-keep strings are readers'
comments, which our cleaner drops on purpose (the dev set's gold has no comments).

    pip download --no-deps --no-binary :all: trafilatura==1.0.0 && tar xzf trafilatura-1.0.0.tar.gz
    python bench/boilerplate_check.py trafilatura-1.0.0/tests

Each page is read as HTML (our HTML path) and as a text dump made from it with the project's
rough innerText (``index.loader.html_to_text``). ``-v`` lists every string we get wrong.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _optional import trafilatura_or_none  # noqa: E402

_PAGE = re.compile(r"\s*result = load_mock_page\('([^']+)'")
_CLAUSE = re.compile(r"""(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s+(not\s+)?in\s+result\b""")


def expectations(tests: Path) -> tuple[dict[str, str], list[tuple[str, str, bool]]]:
    """The saved page of each address, and (address, string, must it be there) for every
    clause of ``test_extract`` (commented-out clauses are left out)."""
    src = (tests / "realworld_tests.py").read_text(encoding="utf-8")
    pages = ast.literal_eval(re.search(r"MOCK_PAGES = (\{.*?\n\})", src, re.S).group(1))
    cases, url = [], None
    for line in src[src.index("def test_extract"):].splitlines():
        m = _PAGE.match(line)
        if m:
            url = m.group(1)
        elif url and line.lstrip().startswith("assert "):
            for a, b, neg in _CLAUSE.findall(line.split("#")[0]):
                cases.append((url, (a or b).replace("\\'", "'"), not neg))
    return pages, cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tests", type=Path, help="trafilatura's tests folder (holds realworld_tests.py and cache/)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every string we get wrong")
    args = ap.parse_args(argv)
    from index.clean import clean_text
    from index.html import clean_html
    from index.loader import decode, html_to_text

    pages, cases = expectations(args.tests)
    if not cases:
        print(f"no test clauses in {args.tests / 'realworld_tests.py'}", file=sys.stderr)
        return 2
    trafilatura = trafilatura_or_none()
    methods = ["HTML", "dump"] + (["trafilatura"] if trafilatura is not None else [])
    texts: dict[str, dict[str, str]] = {}
    score = {m: [0, 0, 0, 0] for m in methods}  # kept, must keep, dropped, must drop
    wrong = []
    for url, s, keep in cases:
        name = pages.get(url)
        if not name or not (args.tests / "cache" / name).exists():
            continue
        if name not in texts:
            raw = (args.tests / "cache" / name).read_bytes()
            page = decode(gzip.decompress(raw) if name.endswith(".gz") else raw)[0]
            texts[name] = {"HTML": clean_html(page).text, "dump": clean_text(html_to_text(page)).text}
            if trafilatura is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    texts[name]["trafilatura"] = trafilatura.extract(page) or ""
        for m in methods:
            found = " ".join(s.split()) in " ".join(texts[name][m].split())
            row = score[m]
            row[0 if keep else 2] += found == keep
            row[1 if keep else 3] += 1
            if found != keep and m != "trafilatura":
                wrong.append(f"{name} {m}: {'lost' if keep else 'kept'} {s!r}")
    print(f"{len(texts)} pages, {len(cases)} strings\n")
    print("| method | article text kept | boilerplate dropped |\n|---|---|---|")
    for m in methods:
        a, b, c, d = score[m]
        print(f"| {'ours, ' if m != 'trafilatura' else ''}{m}{' (its own tests)' if m == 'trafilatura' else ''}"
              f" | {a / b:.2f} ({a}/{b}) | {c / d:.2f} ({c}/{d}) |")
    if args.verbose:
        print("\n" + "\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
