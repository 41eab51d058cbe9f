"""The text analyzer of the title, body and quotes fields, fused into one function.

It produces exactly the tokens of Whoosh's ``StemmingAnalyzer(stemfn=porter2.stem,
minsize=1) | CharsetFilter(accent_map)`` (tokenizer, lowercase, stop words, stemming,
accent folding), with the same positions, character offsets and stop-word handling in
every mode. Why not the chain itself: analysis is the largest single cost of an index
run, and the chain spends most of it passing one ``Token`` through five generators and
a stem cache that counts every use. Here each distinct word is lowered, stemmed and
folded once per process and looked up in a dict after that. The dicts belong to the
process, not to one analyzer: every index writer unpickles its own schema (a new analyzer),
and a pool worker that writes two segments should not stem the same words twice.
"""

from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS, Token
from whoosh.analysis.analyzers import Analyzer
from whoosh.formats import Positions
from whoosh.lang.porter2 import stem
from whoosh.support.charset import accent_map

#: Distinct words remembered per process; the cache is emptied when it grows past this
#: (an archive's vocabulary follows Zipf: the common words come straight back).
CACHE_WORDS = 200_000
#: Whoosh's default word pattern (``whoosh.analysis.tokenizers.default_pattern``), its group
#: made non-capturing so that ``findall`` returns whole words.
WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*", re.UNICODE)
#: Stemmed and accent-folded forms of lowercased words, and folded unstemmed forms.
_STEMMED: dict[str, str] = {}
_FOLDED: dict[str, str] = {}


class TextAnalyzer(Analyzer):
    """Whoosh analyzer: word tokens, lowercased, stop words removed, Porter2-stemmed,
    accents folded. Picklable (the schema is stored in the index) without the cache."""

    is_morph = True

    def __init__(self):
        self.stoplist = frozenset(STOP_WORDS)
        self._fresh()

    def _fresh(self) -> None:
        self._stemmed = _STEMMED
        self._folded = _FOLDED

    def __getstate__(self):
        return {"stoplist": self.stoplist}

    def __setstate__(self, state):
        self.stoplist = state["stoplist"]
        self._fresh()

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__ and self.stoplist == other.stoplist

    def __hash__(self):
        return hash(self.__class__)

    def _final(self, word: str, no_morph: bool) -> str:
        """A lowercased word's indexed form: stemmed (unless ``no_morph``), accents folded."""
        cache = self._folded if no_morph else self._stemmed
        out = cache.get(word)
        if out is None:
            if len(cache) >= CACHE_WORDS:
                cache.clear()
            out = (word if no_morph else stem(word)).translate(accent_map)
            cache[word] = out
        return out

    def term_positions(self, value: str, start_pos: int = 0) -> dict[str, list[int]]:
        """Each indexed term of ``value`` with its positions: what ``__call__`` yields with
        ``positions=True``, grouped by term, without a ``Token`` per word."""
        stoplist = self.stoplist
        cached = self._stemmed.get
        final = self._final
        out: dict[str, list[int]] = {}
        pos = None
        for i, word in enumerate(WORD.findall(value)):
            word = word.lower()
            if word in stoplist:
                continue
            pos = start_pos + i if pos is None else pos + 1
            term = cached(word)
            if term is None:
                term = final(word, False)
            lst = out.get(term)
            if lst is None:
                out[term] = [pos]
            else:
                lst.append(pos)
        return out

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", no_morph=False, **kwargs):
        assert isinstance(value, str), f"{value!r} is not a string"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stoplist = self.stoplist
        final = self._final
        if not tokenize:
            matches = [(0, value, 0, len(value))]
        elif chars:
            matches = ((i, m.group(0), m.start(), m.end()) for i, m in enumerate(WORD.finditer(value)))
        else:  # the index path: no offsets needed, so no match objects either
            matches = ((i, w, 0, 0) for i, w in enumerate(WORD.findall(value)))
        pos = None
        for i, original, start, end in matches:
            word = original.lower()
            t.boost = 1.0
            if keeporiginal:
                t.original = original
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            if not word or word in stoplist:
                if removestops:
                    continue
                # a stop word kept for the query parser: its own position, not stemmed
                t.stopped = True
                if positions:
                    t.pos = start_pos + i
                t.text = word.translate(accent_map)
                yield t
                continue
            t.stopped = False
            if positions:
                # stop words leave no gap: positions run on from the first kept word
                pos = start_pos + i if pos is None else pos + 1
                t.pos = pos
            t.text = final(word, no_morph)
            yield t


class StemmedPositions(Positions):
    """Whoosh's ``Positions`` posting format (same bytes on disk, same reading), whose
    indexing side asks :class:`TextAnalyzer` for each term's positions in one pass instead
    of one ``Token`` per word: the per-word work of indexing, halved."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, TextAnalyzer) or kwargs.get("tokenize", True) is False:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        fb = self.field_boost
        encode = self.encode
        single = _SINGLE
        for term, poslist in analyzer.term_positions(value, kwargs.get("start_pos", 0)).items():
            n = len(poslist)
            if n == 1:  # most terms of a page occur once: their encodings are shared
                pos = poslist[0]
                data = single.get(pos)
                if data is None:
                    data = single[pos] = encode(poslist)
                yield term, 1, fb, data
            else:
                yield term, n, n * fb, encode(poslist)


#: Encoded one-position postings by position (a few thousand small byte strings at most).
_SINGLE: dict[int, bytes] = {}
