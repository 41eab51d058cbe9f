"""Ranked AND / OR / AND NOT queries evaluated a posting list at a time, same scores as Whoosh.

Whoosh walks a query's matchers one document at a time in Python: an intersection of
two common words visits and scores every document either word is in. At 100,000 articles
``a AND (b OR c) NOT d`` took 300-800 ms that way. Here each term's posting list is read
whole, block by block, and the query becomes set algebra on document numbers (unions,
intersections and differences run in C); only the documents that match the whole query
are then scored, with Whoosh's own scorer objects (BM25F), each term's score computed
once per distinct (weight, field length) pair. The result is Whoosh's ranking: the same
scores, ties broken by document number as Whoosh's collector does.

Whoosh stays in charge of what this does not speed up: single words and plain ORs (its
block-skipping top-k is faster there), phrases (checking positions document by document
costs the same either way), and anything but terms, AND, OR and AND NOT. :func:`search` then returns ``None`` and the caller asks Whoosh. Reading whole
posting blocks uses the reader internals of the pinned whoosh-reloaded 2.7; on anything
unexpected it also returns ``None``.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from operator import add

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, WeightLengthScorer, WeightScorer, bm25
from whoosh.util.numeric import byte_to_length

#: Give up (and let Whoosh do it) when matching documents times scored terms exceeds this:
#: scoring is then as costly as Whoosh's own walk.
MAX_WORK = 4_000_000


class Unsupported(Exception):
    """A query node or an index layout this evaluator does not handle."""


def worthwhile(q: wq.Query, filtered: bool) -> bool:
    """True when set algebra beats Whoosh's walk: the query intersects or subtracts, or a
    date filter narrows it (Whoosh would still visit every posting of the words)."""
    if filtered:
        return True
    return any(isinstance(n, (wq.And, wq.AndNot)) for n in _nodes(q))


def _nodes(q: wq.Query):
    yield q
    for child in q.children() if hasattr(q, "children") else ():
        yield from _nodes(child)


def _check(q: wq.Query) -> None:
    if isinstance(q, wq.Term):
        return
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return
    if isinstance(q, wq.AndNot):
        _check(q.a)
        _check(q.b)
        return
    if type(q) is wq.And:
        if all(isinstance(sub, wq.Not) for sub in q.subqueries):
            raise Unsupported("only negations")
        for sub in q.subqueries:
            _check(sub.query if isinstance(sub, wq.Not) else sub)
        return
    if type(q) is wq.Or and not q.minmatch and q.scale is None:
        for sub in q.subqueries:
            _check(sub)
        return
    raise Unsupported(type(q).__name__)


def search(searcher, q: wq.Query, limit: int, allow: set[int] | None = None,
           deny: set[int] | None = None) -> list[tuple[int, float]] | None:
    """The top ``limit`` (document number, score) pairs for ``q``, best first, or ``None``
    when Whoosh should answer. ``allow``/``deny`` are the searcher's document numbers a
    filter keeps / removes, as in ``Searcher.search(filter=, mask=)``."""
    try:
        _check(q)
        best: list[tuple[float, int]] = []
        work = 0
        allowed = sorted(allow) if allow is not None else None
        cache = _cache_of(searcher)
        for i, (sub, offset) in enumerate(searcher.leaf_searchers()):
            seg = _Segment(sub, cache, i)
            within = None
            if allowed is not None:  # this segment's share of the filter, in its numbers
                n = sub.reader().doc_count_all()
                within = [d - offset for d in allowed[bisect_left(allowed, offset):bisect_left(allowed, offset + n)]]
                if not within:
                    continue
            docs = seg.docs(q, within)
            if within is not None and docs:
                docs &= set(within)
            if deny and docs:
                docs = _drop(docs, deny, offset)
            deleted = seg.deleted()
            if deleted and docs:
                docs -= deleted
            if not docs:
                continue
            cands = sorted(docs)
            work += len(cands) * seg.leaves(q)
            if work > MAX_WORK:
                return None
            scores = seg.scores(q, cands)
            best = heapq.nsmallest(limit, best + [(-s, offset + d) for s, d in zip(scores, cands)])
        return [(d, -s) for s, d in best]
    except Exception:  # an unsupported node, or reader internals not as expected: Whoosh answers
        return None


#: Decoded posting lists kept per searcher (so per index state), counted in postings: the
#: words of one story come back query after query. 4 million postings are ~32 MB.
CACHE_POSTINGS = 4_000_000


class _PostingCache:
    def __init__(self) -> None:
        self.lists: OrderedDict = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            got = self.lists.get(key)
            if got is not None:
                self.lists.move_to_end(key)
            return got

    def put(self, key, ids, weights) -> tuple:
        got = (array("i", ids), array("f", weights))
        with self.lock:
            if key not in self.lists:
                self.lists[key] = got
                self.size += len(got[0])
                while self.size > CACHE_POSTINGS and len(self.lists) > 1:
                    _, old = self.lists.popitem(last=False)
                    self.size -= len(old[0])
        return got


def _cache_of(searcher) -> _PostingCache:
    cache = getattr(searcher, "_bulk_postings", None)
    if cache is None:
        cache = _PostingCache()
        try:
            searcher._bulk_postings = cache
        except AttributeError:
            pass
    return cache


def whole_list_matcher(terms, info, key: tuple[str, bytes], format_, scorer=None):
    """Whoosh's block reader over a term's whole posting list, read in one call (Whoosh
    reads each block header from the file a few bytes at a time), or None when the term
    info does not give a usable extent (inlined postings, another layout)."""
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded keeps the unpacked tuple
        length = length[0]
    if info.is_inlined() or not isinstance(length, int) or length <= 4:
        return None
    data = BufferFile(terms._postfile.get(offset, length))
    return W3LeafMatcher(data, 0, length, format_, term=key, scorer=scorer)


def _positive(q: wq.And) -> list[wq.Query]:
    return [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]


def _drop(docs: set[int], removed: set[int], offset: int) -> set[int]:
    """``docs`` (segment numbers) without those in ``removed`` (searcher numbers), looping
    over whichever set is smaller."""
    if len(docs) <= len(removed):
        return {d for d in docs if d + offset not in removed}
    return docs - ({d - offset for d in removed} if offset else removed)


class _Segment:
    def __init__(self, subsearcher, cache: _PostingCache, index: int) -> None:
        self.cache = cache
        self.index = index
        self.searcher = subsearcher
        self.reader = subsearcher.reader()
        self.weighting = subsearcher.weighting
        #: unpacked posting blocks (ids, weights) by (term, block offset), for this query
        self._blocks: dict[tuple[tuple[str, bytes], int], tuple] = {}
        self._infos: dict[tuple[str, bytes], object] = {}

    def deleted(self) -> set[int]:
        return self.reader.deleted_docs_set if self.reader.has_deletions() else set()

    def _term(self, q: wq.Term) -> tuple[str, bytes] | None:
        schema = self.reader.schema
        if q.fieldname not in schema:
            return None
        try:
            text = schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return None
        return q.fieldname, text

    def postings(self, key: tuple[str, bytes], within: list[int] | None = None) -> tuple[list, list]:
        """(ids, weights) of a term in this segment, deleted documents included: all of
        them, or (``within``, sorted) at least those of the blocks that can hold one of
        those documents. A block's highest id is in its header, so the blocks in between
        are never unpacked: a rare word AND a common one reads a few blocks of the common
        one, as Whoosh's own skipping does."""
        ids: list[int] = []
        weights: list[float] = []
        ti = self._info(key)
        if ti is None:
            return ids, weights
        if ti.is_inlined():  # a term in one document: its posting lives in the term info
            got = ti.inlined_postings()
            return list(got[0]), list(got[1])
        ckey = (self.index, key)
        cached = self.cache.get(ckey)
        if cached is not None:
            return cached
        if within is not None and len(within) * 8 >= ti.doc_frequency():
            within = None  # most blocks hold a wanted document anyway
        m = self._matcher(key, ti)
        blocks = self._blocks
        pos = m._baseoffset
        lo = 0
        n = len(within) if within is not None else 0
        while m.is_active():
            hi = m._maxid
            if within is None or ((i := bisect_left(within, lo)) < n and within[i] <= hi):
                got = blocks.get((key, pos))
                if got is None:
                    m._read_ids()
                    m._read_weights()
                    got = blocks[(key, pos)] = (m._ids, m._weights)
                ids.extend(got[0])
                weights.extend(got[1])
            lo = hi + 1
            pos = m._nextoffset
            m._next_block()
        if within is None:
            return self.cache.put(ckey, ids, weights)
        return ids, weights

    def docs(self, q: wq.Query, within: list[int] | None = None) -> set[int]:
        """Documents of this segment matching ``q`` (only those in ``within``, if given,
        are sure to be found: the caller intersects)."""
        if isinstance(q, wq.Term):
            key = self._term(q)
            return set(self.postings(key, within)[0]) if key else set()
        if isinstance(q, wq.AndNot):
            pos = self.docs(q.a, within)
            return pos - self.docs(q.b, sorted(pos)) if pos else pos
        if isinstance(q, wq.And):
            out: set[int] | None = None
            for sub in sorted(_positive(q), key=self._size):
                docs = self.docs(sub, within if out is None else sorted(out))
                out = docs if out is None else out & docs
                if not out:
                    return set()
            for sub in q.subqueries:
                if isinstance(sub, wq.Not) and out:
                    out = out - self.docs(sub.query, sorted(out))
            return out or set()
        if isinstance(q, wq.Or):
            out = set()
            for sub in q.subqueries:
                out |= self.docs(sub, within)
            return out
        return set()  # NullQuery

    def _matcher(self, key: tuple[str, bytes], ti):
        m = whole_list_matcher(self.reader._terms, ti, key, self.reader.schema[key[0]].format)
        if m is None:
            raise Unsupported("posting list extent")
        return m

    def _info(self, key: tuple[str, bytes] | None):
        """The term's info in this segment (one lookup per query), or None."""
        if key is None:
            return None
        if key not in self._infos:
            try:
                self._infos[key] = self.reader._terms.term_info(*key)
            except TermNotFound:
                self._infos[key] = None
        return self._infos[key]

    def _size(self, q: wq.Query) -> int:
        """At most how many documents ``q`` matches here (to intersect the smallest first)."""
        if isinstance(q, wq.Term):
            ti = self._info(self._term(q))
            return ti.doc_frequency() if ti is not None else 0
        if isinstance(q, wq.AndNot):
            return self._size(q.a)
        if isinstance(q, wq.And):
            return min((self._size(sub) for sub in _positive(q)), default=0)
        return sum(self._size(sub) for sub in getattr(q, "subqueries", ()))

    def leaves(self, q: wq.Query) -> int:
        """How many term scores a document of ``q`` needs (negated parts are not scored)."""
        if isinstance(q, wq.Term):
            return 1
        if isinstance(q, wq.AndNot):
            return self.leaves(q.a)
        if isinstance(q, wq.And):
            return sum(self.leaves(s) for s in _positive(q))
        return sum(self.leaves(s) for s in getattr(q, "subqueries", ()))

    def scores(self, q: wq.Query, cands: list[int]) -> list[float]:
        """``q``'s score for each of ``cands`` (sorted, all of which match ``q``), as Whoosh
        sums them: a term's BM25F times its boost, an AND its parts, an OR the parts that
        match, AND NOT its positive part, a compound's boost applied to its sum."""
        if isinstance(q, wq.Term):
            out = self._term_scores(q, cands)
        elif isinstance(q, wq.AndNot):
            out = self.scores(q.a, cands)
        elif isinstance(q, (wq.And, wq.Or)):
            out = None
            for sub in q.subqueries:
                if isinstance(sub, wq.Not):
                    # Whoosh matches a NOT inside an AND with a matcher of every other
                    # document, which adds its weight, 1.0, to each score
                    s = [1.0] * len(cands)
                elif isinstance(q, wq.Or) and not isinstance(sub, wq.Term):
                    s = self._masked_scores(sub, cands)
                else:  # a term's score is 0.0 where it does not occur
                    s = self.scores(sub, cands)
                out = s if out is None else list(map(add, out, s))
            out = out if out is not None else [0.0] * len(cands)
        else:
            out = [0.0] * len(cands)
        if q.boost != 1.0 and not isinstance(q, wq.Term):
            out = [x * q.boost for x in out]
        return out

    def _masked_scores(self, q: wq.Query, cands: list[int]) -> list[float]:
        """Scores of a part of an OR: its own score where it matches, 0.0 elsewhere (an AND
        whose words are only partly there adds nothing)."""
        matching = self.docs(q, cands)
        mine = [d for d in cands if d in matching]
        if not mine:
            return [0.0] * len(cands)
        got = dict(zip(mine, self.scores(q, mine)))
        return [got.get(d, 0.0) for d in cands]

    def _term_scores(self, q: wq.Term, cands: list[int]) -> list[float]:
        key = self._term(q)
        if self._info(key) is None:
            return [0.0] * len(cands)
        ids, weights = self.postings(key, cands)
        w_of = dict(zip(ids, weights)).get
        ws = list(map(w_of, cands))
        boost = q.boost
        score = self._scorer(key)
        if score is None:  # an unscored field: Whoosh's score is the posting's weight
            return [(w or 0.0) * boost for w in ws]
        pairs = list(zip(ws, self._lengths(key[0], cands)))
        table: dict = {}
        for pair in set(pairs):
            w, lb = pair
            table[pair] = 0.0 if w is None else score(w, byte_to_length(lb) if lb else 1) * boost
        return list(map(table.__getitem__, pairs))

    def _scorer(self, key: tuple[str, bytes]):
        """``score(weight, length)`` as Whoosh's scorer for the term computes it, or None
        when the field is not scored. BM25F is computed here from the same global
        statistics (Whoosh's scorer object would look the term up once more)."""
        fieldname, text = key
        if not self.reader.schema[fieldname].scorable:
            return None
        w = self.weighting
        if type(w) is BM25F:
            parent = self.searcher.get_parent()
            idf = parent.idf(fieldname, text)
            avgfl = parent.avg_field_length(fieldname) or 1
            b = w._field_B.get(fieldname, w.B)
            k1 = w.K1
            return lambda weight, length: bm25(idf, weight, length, avgfl, b, k1)
        scorer = w.scorer(self.searcher, fieldname, text)
        if isinstance(scorer, WeightScorer):
            return None
        if not isinstance(scorer, WeightLengthScorer):
            raise Unsupported(type(scorer).__name__)
        return scorer._score

    def _lengths(self, fieldname: str, cands: list[int]) -> list[int]:
        """Length bytes of ``fieldname`` for ``cands`` (held in memory by the corpus; read
        per document otherwise)."""
        cache = getattr(getattr(self.reader, "_perdoc", None), "_readers", None)
        col = cache.get(f"_{fieldname}_len") if isinstance(cache, dict) else None
        if isinstance(col, bytes):
            return list(map(col.__getitem__, cands))
        raise Unsupported("field lengths not in memory")
