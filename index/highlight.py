"""Find query words in article text quickly, for search snippets and the reader's highlights.

Whoosh's highlighter re-analyses each hit's whole stored text and needs character offsets
stored in the postings, which made a page of twenty hits cost more than the search itself.
Here a regular expression built from the query's stems finds candidate words (C speed), and
only those candidates are stemmed to confirm a match, so a snippet costs a fraction of a
millisecond and the index need not store offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from whoosh.lang.porter2 import stem


def _fold(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in w if not unicodedata.combining(ch))


class Matcher:
    """Matches words whose stem is one of ``words`` or that start with one of ``prefixes``."""

    def __init__(self, words: Iterable[str], prefixes: Iterable[str] = ()):
        self.words = {w for w in words if w}
        self.prefixes = [p for p in prefixes if p]
        self._seen: dict[str, bool] = {}
        heads = set()
        for w in self.words:
            # a stem is nearly always a prefix of its word, except for the y -> i of "happy" -> "happi"
            # and a shortened final letter ("dying" -> "die"): match on a shorter head, confirm by stemming
            heads.add(re.escape(w[: max(2, len(w) - 2)]) if len(w) > 3 else re.escape(w))
        heads.update(re.escape(p) for p in self.prefixes)
        self.regex = (re.compile(r"\b(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")\w*", re.I)
                      if heads else None)

    def __bool__(self) -> bool:
        return self.regex is not None

    def is_match(self, word: str) -> bool:
        # the same words come back in every hit of a search: stem each spelling once
        hit = self._seen.get(word)
        if hit is None:
            w = _fold(word)
            hit = any(w.startswith(p) for p in self.prefixes) or stem(w) in self.words or w in self.words
            if len(self._seen) < 50_000:
                self._seen[word] = hit
        return hit

    def _iter_spans(self, text: str):
        if self.regex is None:
            return
        for m in self.regex.finditer(text):
            if self.is_match(m.group(0)):
                yield m.start(), m.end()

    def spans(self, text: str, limit: int | None = None) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for span in self._iter_spans(text):
            out.append(span)
            if limit is not None and len(out) >= limit:
                break
        return out

    def snippets(self, text: str, top: int = 2, context: int = 60) -> list[str]:
        """Up to ``top`` fragments around matches, matched words in ``**``, each on one line.

        Matches are read only as far as the last fragment: a common word in a long article
        no longer costs a stem check for every one of its occurrences."""
        spans: list[tuple[int, int]] = []
        frags: list[tuple[int, int]] = []
        for s, e in self._iter_spans(text):
            if frags and s < frags[-1][1] + context:
                spans.append((s, e))  # shown in the previous fragment, or too close to it
                continue
            if len(frags) >= top:
                break
            spans.append((s, e))
            frags.append((max(0, s - context), min(len(text), e + context)))
        out = []
        for a, b in frags:
            # widen to whole words
            while a > 0 and text[a - 1].isalnum():
                a -= 1
            while b < len(text) and text[b].isalnum():
                b += 1
            inner = [(s, e) for s, e in spans if s >= a and e <= b]
            pieces, pos = [], a
            for s, e in inner:
                pieces.append(text[pos:s])
                pieces.append("**" + text[s:e] + "**")
                pos = e
            pieces.append(text[pos:b])
            out.append(" ".join("".join(pieces).split()))
        return out
