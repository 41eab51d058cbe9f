"""Ranked AND / OR / AND NOT queries evaluated a posting list at a time, same scores as Whoosh.

Whoosh walks a query's matchers one document at a time in Python: an intersection of
two common words visits and scores every document either word is in. At 100,000 articles
``a AND (b OR c) NOT d`` took 300-800 ms that way. Here each term's posting list is read
whole, block by block, and the query becomes set algebra on document numbers (unions,
intersections and differences run in C); only the documents that match the whole query
are then scored, with Whoosh's own scorer objects (BM25F), each term's score computed
once per distinct (weight, field length) pair. The result is Whoosh's ranking: the same
scores, ties broken by document number as Whoosh's collector does.

Phrases: in a segment whose side file holds positions (:mod:`index.sidepost`), a
phrase's documents are found exactly over whole numpy arrays of its words' positions,
and a phrase searched in the title and the body is scored over arrays too, to pick the
few documents whose exact scores are then added up as Whoosh does. Without those
positions, a phrase is the intersection of its words, whose candidates must then pass a
check of positions. Whoosh scores a phrase as the sum of its words' scores, so the AND
of the words gives each candidate an upper bound of its score: candidates are checked
best bound first, and the check stops once no bound left can beat the ``limit``-th score
found. A phrase that is common finds its top in the first few dozen candidates; one
whose words are often in the same article but seldom side by side still checks most of
them, in growing batches.

A wide OR (a prefix's expansions, ``stre*`` -> 64 words in two fields) is scored a word
at a time over each word's own postings, best possible word first; before a long posting
list, if the documents found so far already fill the top beyond what the words left could
add, the long lists are only looked up for the documents still in the running.

A single word (a term, or the OR of its title and body terms) is scored posting by
posting from the segments' side files of document numbers and weights
(:mod:`index.sidepost`), which hold no positions; long lists read from Whoosh's blocks
would cost more than Whoosh's block-skipping walk, so without side files Whoosh ranks it.

Whoosh stays in charge of what this does not speed up: single words in an index without
side files and ORs of a few words (its block-skipping top-k is faster there), phrases
with slop, and anything but terms, phrases, AND, OR and AND NOT. :func:`search`
then returns ``None`` and the caller asks Whoosh. Reading whole posting blocks uses the
reader internals of the pinned whoosh-reloaded 2.7; on anything unexpected it also
returns ``None``.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from itertools import accumulate, compress, repeat
from math import log
from operator import add, itemgetter, not_

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, WeightingModel, WeightLengthScorer, WeightScorer, bm25
from whoosh.util.numeric import byte_to_length, length_to_byte

from .segfiles import term_table
from .sidepost import SIDE_FROM, decode_positions, open_side, standard_positions

#: Give up (and let Whoosh do it) when matching documents times scored terms exceeds this:
#: scoring is then as costly as Whoosh's own walk.
MAX_WORK = 4_000_000


class Unsupported(Exception):
    """A query node or an index layout this evaluator does not handle."""


def worthwhile(q: wq.Query, filtered: bool) -> bool:
    """True when set algebra beats Whoosh's walk: the query intersects or subtracts, or a
    date filter narrows it (Whoosh would still visit every posting of the words), or it
    is a single word (scored from its side-file arrays; see :func:`search`)."""
    if filtered or _words_only(q) is not None:  # a word: only where its lists are in side files
        return True
    return any(isinstance(n, (wq.And, wq.AndNot, wq.Phrase)) or _wide(n) for n in _nodes(q))


#: A word in more documents of a segment than this is a long posting list: before one, a
#: wide OR checks whether the documents found so far already fill the top.
PRUNE_FROM = 1000
#: An OR of more words than this (a prefix's expansions) is scored a word at a time here:
#: Whoosh's walk merges that many posting lists one document at a time.
WIDE_OR = 4


def _wide(q: wq.Query) -> bool:
    """An OR (of ORs) of more than :data:`WIDE_OR` words and nothing else."""
    n = _or_words(q)
    return n is not None and n > WIDE_OR


def _prunable(q: wq.Query) -> bool:
    """A wide OR whose ORs carry no boost: its score is a plain sum of its words' scores."""
    return _wide(q) and all(n.boost == 1.0 for n in _nodes(q) if isinstance(n, wq.Or))


#: A segment's candidates are all scored when there are at most this many; past it, those
#: that cannot reach the top are left out first (:meth:`_Segment.contenders`).
SCORE_ALL = 256


def _linear(q: wq.Query) -> tuple[list[wq.Term], float] | None:
    """(terms, constant) when ``q``'s score for a matching document is the sum of its terms'
    scores (0.0 for a term not in the document) plus a constant, as it is for ANDs and ORs
    of words and AND NOTs without boosts; None otherwise (an OR of ANDs adds a part only
    where all its words are; a phrase needs its check)."""
    terms: list[wq.Term] = []
    const = 0.0

    def walk(n: wq.Query) -> bool:
        nonlocal const
        if isinstance(n, wq.Term):
            terms.append(n)
            return n.boost >= 0
        if n.boost != 1.0:
            return False
        if type(n) is wq.Or:  # a word's part is 0.0 where it is not: a plain sum
            return all(isinstance(s, wq.Term) or type(s) is wq.Or for s in n.subqueries) and all(
                walk(s) for s in n.subqueries)
        if type(n) is wq.And:
            for s in n.subqueries:
                if isinstance(s, wq.Not):
                    const += 1.0  # Whoosh adds 1.0 for a NOT inside an AND (see :meth:`scores`)
                elif not walk(s):
                    return False
            return True
        if isinstance(n, wq.AndNot):
            return walk(n.a)
        return False

    return (terms, const) if walk(q) and terms else None


def _or_words(q: wq.Query) -> int | None:
    if isinstance(q, wq.Term):
        return 1
    if type(q) is not wq.Or or q.minmatch or q.scale is not None:
        return None
    n = 0
    for sub in q.subqueries:
        k = _or_words(sub)
        if k is None:
            return None
        n += k
    return n


def _nodes(q: wq.Query):
    yield q
    for child in q.children() if hasattr(q, "children") else ():
        yield from _nodes(child)


def _check(q: wq.Query) -> None:
    if isinstance(q, wq.Term):
        return
    if type(q) is wq.Phrase:
        if q.slop != 1 or len(q.words) < 2:
            raise Unsupported("phrase with slop")
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
           deny: set[int] | None = None, infos: dict | None = None) -> list[tuple[int, float]] | None:
    """The top ``limit`` (document number, score) pairs for ``q``, best first, or ``None``
    when Whoosh should answer. ``allow``/``deny`` are the searcher's document numbers a
    filter keeps / removes, as in ``Searcher.search(filter=, mask=)``. ``infos`` holds what
    was read of a prefix's expansions: their term infos by segment index (``{i: {key:
    info}}``) and their document frequencies in the whole index (``{"df": {key: n}}``)."""
    try:
        _check(q)
        phrases = any(isinstance(n, wq.Phrase) for n in _nodes(q))
        best: list[tuple[float, int]] = []
        work = 0
        allowed = sorted(allow) if allow is not None else None
        cache = _cache_of(searcher)
        stats: dict = {("df", k): n for k, n in (infos or {}).get("df", {}).items()}
        leaves = searcher.leaf_searchers()
        words = _words_only(q) if allow is None and not deny else None
        if words is not None and not all(open_side(sub.reader()) for sub, _ in leaves):
            return None  # a word in an index without side files: Whoosh's walk is faster
        segs = [_Segment(sub, cache, i, stats) for i, (sub, _) in enumerate(leaves)]
        # a prefix's words were looked for in every segment: one missing from a segment's
        # infos is not in it (a failed lookup in Whoosh's term table costs as much as a hit)
        counted = list((infos or {}).get("df", ()))
        for i, seg in enumerate(segs):
            if counted:
                seg._infos.update(dict.fromkeys(counted))
            if infos and i in infos:
                seg._infos.update(infos[i])
        _count_df(segs, q, stats)
        if words is not None:
            return _top_of_words(leaves, segs, q, words, limit)
        for seg, (sub, offset) in zip(segs, leaves):
            within = None
            if allowed is not None:  # this segment's share of the filter, in its numbers
                n = sub.reader().doc_count_all()
                within = [d - offset for d in allowed[bisect_left(allowed, offset):bisect_left(allowed, offset + n)]]
                if not within:
                    continue
            if within is None and not deny and _prunable(q):
                parts: dict = {}
                cands = seg.wide_candidates(q, limit, best, parts)
                if cands:
                    best = heapq.nsmallest(limit, best + [(-s, offset + d) for s, d in
                                                          zip(seg.sums(q, cands, parts), cands)])
                continue
            if phrases and not deny and (got := seg.phrase_scored(q)) is not None:
                cands, bounds = got
                keep = None
                deleted = seg.deleted()
                if deleted:
                    keep = ~_numpy().isin(cands, list(deleted))
                if within is not None:
                    inside = _numpy().isin(cands, within)
                    keep = inside if keep is None else keep & inside
                if keep is not None:
                    cands, bounds = cands[keep], bounds[keep]
                if len(cands):
                    best = _verified(seg, q, limit, best, bounds, cands.tolist(), offset)
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
            if not phrases:
                cands = seg.contenders(q, cands, limit, best)
            work += seg.work(q, len(cands))
            if work > MAX_WORK:
                return None
            scores = seg.scores(q, cands)
            if phrases:
                best = _verified(seg, q, limit, best, scores, cands, offset)
            else:
                best = heapq.nsmallest(limit, best + [(-s, offset + d) for s, d in zip(scores, cands)])
        return [(d, -s) for s, d in best]
    except Exception:  # an unsupported node, or reader internals not as expected: Whoosh answers
        return None


def _words_only(q: wq.Query) -> list[wq.Term] | None:
    """The terms of a word query (one term, or an OR of a few: a plain word searches the
    title and the body), or None for anything else."""
    if isinstance(q, wq.Term):
        return [q]
    if type(q) is wq.Or and not _wide(q) and all(isinstance(t, wq.Term) for t in q.subqueries):
        return list(q.subqueries)
    return None


def _count_df(segs: list[_Segment], q: wq.Query, stats: dict) -> None:
    """Each scored word's document frequency in the whole index, from the term infos the
    segments look up anyway, into ``stats`` (for its idf): Whoosh's own ``idf`` looks the
    word up once more in every segment."""
    for node in _nodes(q):
        if isinstance(node, wq.Term):
            terms = [node]
        elif isinstance(node, wq.Phrase):
            terms = [wq.Term(node.fieldname, w) for w in node.words]
        else:
            continue
        for t in terms:
            key = segs[0]._term(t) if segs else None
            if key is None or ("df", key) in stats:
                continue
            stats[("df", key)] = sum(ti.doc_frequency() for seg in segs if (ti := seg._info(key)) is not None)


def _top_of_words(leaves: list, segs: list[_Segment], q: wq.Query, terms: list[wq.Term], limit: int) -> list:
    """A word query's top ``limit``: every posting scored from its segment's side-file
    arrays (a table lookup per posting, sums in C loops), the top picked by a threshold.
    Whoosh's block-skipping walk is faster when long lists must come out of their blocks,
    so :func:`search` calls this only when every segment has them."""
    best: list[tuple[float, int]] = []
    for seg, (_sub, offset) in zip(segs, leaves):
        acc: dict[int, float] = {}
        deleted = seg.deleted()
        for t in terms:  # an OR adds the scores of the words a document holds, in order
            seg._add_term_scores(t, None, acc, deleted)
        if not acc:
            continue
        if q.boost != 1.0 and not isinstance(q, wq.Term):
            acc = {d: x * q.boost for d, x in acc.items()}
        kth = heapq.nlargest(limit, acc.values())[-1] if len(acc) > limit else float("-inf")
        if len(best) >= limit:
            kth = max(kth, -best[-1][0])  # nothing below the current top's last can enter it
        picked = [(-x, offset + d) for d, x in acc.items() if x >= kth]
        best = heapq.nsmallest(limit, best + picked)
    return [(d, -s) for s, d in best]


#: Candidates checked one by one, best bound first, before the rest of a segment's are
#: checked in one pass (a phrase whose words are often together but seldom side by side).
CHECK_ONE_BY_ONE = 64


def _verified(seg: _Segment, q: wq.Query, limit: int, best: list[tuple[float, int]], bounds: list[float],
              cands: list[int], offset: int) -> list[tuple[float, int]]:
    """``best`` (the top (-score, document) pairs so far) with this segment's candidates
    that really match ``q`` merged in. ``bounds`` are their scores with every phrase taken
    as the AND of its words: never below the real score, as a word's score is positive.
    Candidates are checked best bound first, and checking stops at the first bound that
    cannot enter the top ``limit``. When few of the first checked match, the rest are
    checked in growing batches, without the bookkeeping of one document at a time."""
    heap = [(-s, -d) for s, d in best]  # a min-heap of (score, -document): the worst on top
    heapq.heapify(heap)

    def offer(score: float, d: int) -> None:
        item = (score, -(offset + d))
        if len(heap) < limit:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)

    # best bound first; the sort is stable, so equal bounds keep the documents' order
    if isinstance(bounds, list):
        ranked = sorted(zip(bounds, cands), key=itemgetter(0), reverse=True)
    else:  # a numpy array: sorted there, and only what is looked at made into a list
        ranked = _Ranked(bounds, cands)
    for bound, d in ranked[:CHECK_ONE_BY_ONE]:
        if len(heap) >= limit and bound < heap[0][0]:
            return sorted((-s, -nd) for s, nd in heap)
        score = seg.match_score(q, d)
        if score is not None:
            offer(score, d)
    # the rest in batches four times larger each, the bar raised between them
    start, size = CHECK_ONE_BY_ONE, 4 * max(CHECK_ONE_BY_ONE, 1)
    while start < len(ranked):
        batch = [d for b, d in ranked[start:start + size] if len(heap) < limit or b >= heap[0][0]]
        if not batch:
            break
        found = seg.docs(q, batch, exact=True)
        batch = [d for d in batch if d in found]
        for score, d in zip(seg.scores(q, batch, exact=True), batch):
            offer(score, d)
        start, size = start + size, 4 * size
    return sorted((-s, -nd) for s, nd in heap)


class _Ranked:
    """``sorted(zip(bounds, cands), reverse=True)`` (stable) for a numpy array of bounds,
    sorted by numpy; slices are made into lists of pairs as they are asked for."""

    def __init__(self, bounds, cands: list[int]) -> None:
        self.np = np = _numpy()
        self.bounds, self.cands = bounds, np.asarray(cands)
        self.head = min(len(bounds), CHECK_ONE_BY_ONE)
        if self.head < len(bounds):  # the best first: the rest is sorted if ever asked for
            top = np.argpartition(-bounds, self.head - 1)
            order = np.concatenate((top[:self.head][np.argsort(-bounds[top[:self.head]], kind="stable")],
                                    top[self.head:]))
        else:
            order = np.argsort(-bounds, kind="stable")
        self.bounds, self.cands = bounds[order], self.cands[order]
        self.sorted = self.head >= len(bounds)

    def __len__(self) -> int:
        return len(self.bounds)

    def __getitem__(self, part: slice) -> list[tuple[float, int]]:
        if not self.sorted and (part.stop is None or part.stop > self.head):
            rest = self.head + self.np.argsort(-self.bounds[self.head:], kind="stable")
            self.bounds[self.head:], self.cands[self.head:] = self.bounds[rest], self.cands[rest]
            self.sorted = True
        return list(zip(self.bounds[part].tolist(), self.cands[part].tolist()))


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
        # a side file's arrays are kept as read (whole-number weights stay integers: they
        # score the same, and a (weight, length) pair hashes and compares as its float)
        got = (ids if isinstance(ids, array) else array("i", ids),
               weights if isinstance(weights, array) else array("f", weights))
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


def _blocks_of(m):
    """(highest document number, offset) of each posting block of a whole-list reader, in
    order, with ``m`` standing on that block while the caller looks at it."""
    pos = m._baseoffset
    while m.is_active():
        yield m._maxid, pos
        pos = m._nextoffset
        m._next_block()


def read_block(m, weights: bool = True, values: bool = False) -> None:
    """Whoosh's ``_read_ids`` (and ``_read_weights`` / ``_read_values``) of the block a
    reader stands on, with the delta-coded ids summed by ``itertools.accumulate`` in C
    instead of Whoosh's generator: a common word's ids were a third of what reading its
    posting list cost."""
    if m._data is None:
        m._read_data()
    data = m._data
    m._ids = data[0] if m._byteids else list(accumulate(data[0]))
    if weights:
        w = data[1]
        if w is None or isinstance(w, float):
            m._weights = [1.0 if w is None else w] * m._blocklength
        else:
            m._weights = w
    if values:
        m._read_values()


_NUMPY: list = []
_LENGTHS: list = []  # a length byte's field length as Whoosh's scorer reads it (1 for 0)


def preload() -> None:
    """Import numpy now rather than on the first phrase or prefix."""
    _numpy()


def _numpy():
    """numpy, imported on first use (a search process that needs no phrase does not pay
    for the import), or None when it is missing."""
    if not _NUMPY:
        try:
            import numpy
        except ImportError:
            numpy = None
        _NUMPY.append(numpy)
    return _NUMPY[0]


def _follow(decode, values) -> bool:
    """True when the words whose encoded posting values ``values`` gives, in order (None
    for a word not in the document), stand one after another somewhere: positions
    ``p``, ``p + 1``, ... Positions are decoded only until the check fails."""
    starts: set[int] | None = None
    if None in values:
        return False
    for k, v in enumerate(values):
        ps = decode(v)
        if starts is None:
            starts = set(ps)
        else:
            starts.intersection_update([p - k for p in ps])
            if not starts:
                return False
    return starts is not None


def _kth(acc: dict[int, float], earlier: list[float], limit: int) -> float:
    """The ``limit``-th best of the scores in ``acc`` and ``earlier`` (-inf when there are
    fewer): what a document must reach to enter the top."""
    if len(acc) + len(earlier) < limit:
        return float("-inf")
    return heapq.nlargest(limit, [*acc.values(), *earlier])[-1]


def _admit(acc: dict[int, float], ids, xs) -> None:
    """``acc[d] += x`` for each document and score, a new document starting at 0.0 (C loops)."""
    acc.update(zip(ids, map(add, map(acc.get, ids, repeat(0.0)), xs)))


def _add_held(acc: dict[int, float], ids, xs) -> None:
    """``acc[d] += x`` for those of the documents already in ``acc`` (C loops)."""
    held = list(map(acc.__contains__, ids))
    ids = list(compress(ids, held))
    acc.update(zip(ids, map(add, map(acc.__getitem__, ids), compress(xs, held))))


def _positive(q: wq.And) -> list[wq.Query]:
    return [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]


def _drop(docs: set[int], removed: set[int], offset: int) -> set[int]:
    """``docs`` (segment numbers) without those in ``removed`` (searcher numbers), looping
    over whichever set is smaller."""
    if len(docs) <= len(removed):
        return {d for d in docs if d + offset not in removed}
    return docs - ({d - offset for d in removed} if offset else removed)


class _Segment:
    def __init__(self, subsearcher, cache: _PostingCache, index: int, stats: dict | None = None) -> None:
        self.cache = cache
        self.index = index
        #: the query's global statistics (a term's idf, a field's average length), shared
        #: by the segments: Whoosh sums them over every segment at each call
        self.stats = {} if stats is None else stats
        self.searcher = subsearcher
        self.reader = subsearcher.reader()
        self.weighting = subsearcher.weighting
        #: unpacked posting blocks (ids, weights) by (term, block offset), for this query
        self._blocks: dict[tuple[tuple[str, bytes], int], tuple] = {}
        self._infos: dict[tuple[str, bytes], object] = {}
        #: for phrases: each term's block reader, block maximum ids and offsets, and the
        #: unpacked (ids, values) of the blocks read
        self._block_index: dict[tuple[str, bytes], tuple] = {}
        self._values: dict[tuple[tuple[str, bytes], int], tuple] = {}
        self._block_maps: dict[tuple[tuple[str, bytes], int], dict] = {}  # the same, {id: value}
        self._plans: dict[tuple, tuple | None] = {}
        self._side = None  # the segment's side file of long lists (False: it has none)
        self._terms = None  # its term table read directly (False: Whoosh looks terms up)
        self._cols: dict = {}  # field length bytes by field name

    def deleted(self) -> set[int]:
        return self.reader.deleted_docs_set if self.reader.has_deletions() else set()

    def _term(self, q: wq.Term) -> tuple[str, bytes] | None:
        """The term's (field, bytes) key, or None; worked out once per query (a prefix's
        words are asked for in every segment)."""
        got = self.stats.get(("key", q.fieldname, q.text), False)
        if got is not False:
            return got
        schema = self.reader.schema
        key = None
        if q.fieldname in schema:
            try:
                key = q.fieldname, schema[q.fieldname].to_bytes(q.text)
            except ValueError:
                pass
        self.stats[("key", q.fieldname, q.text)] = key
        return key

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
        side = self._side
        if side is None:
            side = self._side = open_side(self.reader) or False
        if side:
            got = side.get(ti.extent()[0])
            if got is not None:  # a long list: its numbers and weights, without positions
                return self.cache.put(ckey, *got)
        if within is not None and len(within) * 8 >= ti.doc_frequency():
            within = None  # most blocks hold a wanted document anyway
        m = self._matcher(key, ti)
        blocks = self._blocks
        lo = 0
        n = len(within) if within is not None else 0
        for hi, pos in _blocks_of(m):
            if within is None or ((i := bisect_left(within, lo)) < n and within[i] <= hi):
                got = blocks.get((key, pos))
                if got is None:
                    read_block(m)
                    got = blocks[(key, pos)] = (m._ids, m._weights)
                ids.extend(got[0])
                weights.extend(got[1])
            lo = hi + 1
        if within is None:
            return self.cache.put(ckey, ids, weights)
        return ids, weights

    def docs(self, q: wq.Query, within: list[int] | None = None, exact: bool = False) -> set[int]:
        """Documents of this segment matching ``q`` (only those in ``within``, if given,
        are sure to be found: the caller intersects). A phrase counts as the AND of its
        words unless ``exact`` (a negated phrase must remove only the documents that hold
        it): the positive answer is then a superset, checked by :meth:`match_score`."""
        if isinstance(q, wq.Term):
            key = self._term(q)
            if not key:
                return set()
            ids = self.postings(key, within)[0]
            if within is not None and len(within) * 2 < len(ids):
                # far fewer wanted than held: look the wanted up instead of hashing them all
                return set(within).intersection(ids)
            return set(ids)
        if isinstance(q, wq.Phrase):
            found = self._phrase_found(q)
            if found is not None:  # exact, from the side file's positions
                return set(found)
            words = self._phrase_terms(q)
            out = self.docs(wq.And(words), within) if words else set()
            if exact and out:
                if within is not None:
                    out.intersection_update(within)
                out = self._phrase_docs(q, sorted(out))
            return out
        if isinstance(q, wq.AndNot):
            pos = self.docs(q.a, within, exact)
            return pos - self.docs(q.b, sorted(pos), True) if pos else pos
        if isinstance(q, wq.And):
            out: set[int] | None = None
            for sub in sorted(_positive(q), key=self._size):
                docs = self.docs(sub, within if out is None else sorted(out), exact)
                out = docs if out is None else out & docs
                if not out:
                    return set()
            for sub in q.subqueries:
                if isinstance(sub, wq.Not) and out:
                    out = out - self.docs(sub.query, sorted(out), True)
            return out or set()
        if isinstance(q, wq.Or):
            out = set()
            for sub in q.subqueries:
                out |= self.docs(sub, within, exact)
            return out
        return set()  # NullQuery

    def _phrase_terms(self, q: wq.Phrase) -> list[wq.Term] | None:
        """The phrase's words as term queries (as Whoosh's phrase matcher builds them), or
        None when one of them is not in this segment (nothing can match)."""
        plan = self._phrase_plan(q)
        return None if plan is None else [wq.Term(q.fieldname, w) for w in q.words]

    def _phrase_plan(self, q: wq.Phrase) -> tuple | None:
        """(decode positions, the words' keys, documents checked so far) for a phrase, or
        None when one of its words is not in this segment; worked out once per query."""
        pkey = (q.fieldname, tuple(q.words))
        if pkey in self._plans:
            return self._plans[pkey]
        field = self.reader.schema[q.fieldname] if q.fieldname in self.reader.schema else None
        plan = None
        if field is not None:
            fmt = field.format
            if not fmt or not fmt.supports("positions"):
                raise Unsupported("a phrase in a field without positions")
            keys = [self._term(wq.Term(q.fieldname, w)) for w in q.words]
            if all(self._info(k) is not None for k in keys):
                plan = (decode_positions if standard_positions(fmt) else fmt.decode_positions, keys, {})
        self._plans[pkey] = plan
        return plan

    def _phrase_at(self, q: wq.Phrase, d: int) -> bool:
        """True when the words of ``q`` follow one another somewhere in document ``d``."""
        plan = self._phrase_plan(q)
        if plan is None:
            return False
        found = self._phrase_found(q)
        if found is not None:
            return d in found
        decode, keys, seen = plan
        got = seen.get(d)
        if got is None:
            got = seen[d] = _follow(decode, [self._value(key, d) for key in keys])
        return got

    def _phrase_docs(self, q: wq.Phrase, docs: list[int]) -> set[int]:
        """Those of ``docs`` (sorted) in which the words of ``q`` follow one another: the
        check of :meth:`_phrase_at` for a batch, each word's values looked up block by
        block in one pass over the documents instead of a search per document."""
        plan = self._phrase_plan(q)
        if plan is None or not docs:
            return set()
        found = self._phrase_found(q)
        if found is not None:
            return found.intersection(docs)
        decode, keys, seen = plan
        todo = [d for d in docs if d not in seen]
        values = [self._values_in(key, todo) for key in keys]
        for d in todo:
            seen[d] = _follow(decode, [got.get(d) for got in values])
        return {d for d in docs if seen[d]}

    def _phrase_found(self, q: wq.Phrase) -> set[int] | None:
        """The documents of :meth:`_phrase_array` as a set (made once per query), or None."""
        pkey = ("found set", q.fieldname, tuple(q.words))
        if pkey not in self._plans:
            docs = self._phrase_array(q)
            self._plans[pkey] = None if docs is None else set(docs.tolist())
        return self._plans[pkey]

    def _phrase_array(self, q: wq.Phrase):
        """Every document of this segment in which the words of ``q`` stand one after
        another (a sorted numpy array), or None when that cannot be read from whole arrays
        (no side file, a long list without positions in it, numpy missing): then
        candidates are checked one by one from the blocks.

        Each word's postings become one sorted array of ``document << 32 | position``, its
        ``k``-th word's positions moved back by ``k``; the phrase is where all the arrays
        hold the same number. The shortest array is looked up in each of the others
        (``searchsorted``), so the cost is a few passes over the words' positions in C,
        however seldom the words stand together. Worked out once per query."""
        pkey = ("found", q.fieldname, tuple(q.words))
        if pkey in self._plans:
            return self._plans[pkey]
        docs = None
        np = _numpy()
        if np is not None:
            plan = self._phrase_plan(q)
            if plan is None:
                docs = np.zeros(0, dtype=np.int64)
            else:
                arrays = []
                for k, key in enumerate(plan[1]):
                    got = self._position_arrays(key, plan[0], np)
                    if got is None:
                        break
                    ids, counts, positions = got
                    arrays.append(((np.repeat(ids.astype(np.int64), counts) << 32) | positions) - k)
                else:
                    arrays.sort(key=len)
                    at = arrays[0]
                    for other in arrays[1:]:
                        if not len(at):
                            break
                        j = np.minimum(np.searchsorted(other, at), len(other) - 1)
                        at = at[other[j] == at]
                    docs = at >> 32  # sorted: keep the first of each run
                    if len(docs) > 1:
                        docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
        self._plans[pkey] = docs
        return docs

    def phrase_scored(self, q: wq.Query):
        """For a phrase, or an OR of phrases (a phrase searched in the title and the body):
        (every matching document, its score) as numpy arrays, the scores computed over
        arrays a hair above (``1e-9``) what :meth:`scores` adds up in Python, so that
        :func:`_verified` checks the best first and stops after the top. None for any other
        query, or when a phrase's documents were not found from whole arrays. A common
        phrase ("public health") is in thousands of documents; scoring each in Python took
        100 ms at 100,000 articles."""
        np = _numpy()
        phrases = [q] if isinstance(q, wq.Phrase) else getattr(q, "subqueries", None)
        if np is None or not phrases or (type(q) is not wq.Or and phrases[0] is not q) \
                or not all(isinstance(p, wq.Phrase) for p in phrases):
            return None
        parts = []
        for p in phrases:
            docs = self._phrase_array(p)
            if docs is None:
                return None
            if not len(docs):
                continue
            part = np.zeros(len(docs))
            for w in p.words:
                got = self._array_scores(self._term(wq.Term(p.fieldname, w)), docs, np)
                if got is None:
                    return None
                part += got
            parts.append((docs, part * p.boost if p.boost != 1.0 else part))
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if len(parts) == 1:
            docs, total = parts[0]
        else:  # over the segment's documents: no sort
            n = self.reader.doc_count_all()
            total = np.zeros(n)
            held = np.zeros(n, dtype=bool)
            for mine, part in parts:
                total[mine] += part
                held[mine] = True
            docs = np.flatnonzero(held)
            total = total[docs]
        if q.boost != 1.0 and q is not phrases[0]:
            total = total * q.boost
        return docs, total * (1 + 1e-9)

    def _array_scores(self, key: tuple[str, bytes], docs, np):
        """The BM25F score of a term in each of ``docs`` (a sorted numpy array of documents;
        0.0 where the term is not), or None when the field is not scored by BM25F."""
        params = self._bm25(key)
        if params is None:
            return None
        idf, avgfl, b, k1 = params
        ids, weights = self.postings(key)
        ids, weights = np.asarray(ids), np.asarray(weights, dtype=np.float64)
        j = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
        found = ids[j] == docs
        tf = np.where(found, weights[j], 1.0)
        fl = self._length_array(key[0], np)[docs]
        return np.where(found, idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl))), 0.0)

    def _position_arrays(self, key: tuple[str, bytes], decode, np) -> tuple | None:
        """(document numbers, counts of positions, positions) of a term as numpy arrays:
        a long list from the side file, a short one from its blocks (or its term info);
        None when a long list has no positions in the side file."""
        ti = self._info(key)
        if ti.is_inlined():
            ids, _, values = ti.inlined_postings()
        else:
            side = self._side
            if side is None:
                side = self._side = open_side(self.reader) or False
            got = side.positions(ti.extent()[0]) if side else None
            if got is not None:
                return tuple(np.frombuffer(a, dtype=a.typecode) for a in got)
            if not side or ti.doc_frequency() >= SIDE_FROM:
                return None  # a long list without positions there: the blocks answer
            ids, values = [], []
            for b in range(len(self._blocks_index(key)[1])):
                got_ids, got_values = self._block_values(key, b)
                ids += got_ids
                values += got_values
        lists = [decode(v) for v in values]
        return (np.array(ids, dtype=np.int64), np.array(list(map(len, lists)), dtype=np.int64),
                np.array([p for ps in lists for p in ps], dtype=np.int64))

    def _values_in(self, key: tuple[str, bytes], docs: list[int]) -> dict:
        """``{document: encoded value}`` of ``key`` for those of ``docs`` (sorted) that
        hold it, each block that can hold one unpacked once (and kept for the query)."""
        maxids = self._blocks_index(key)[1]
        out: dict = {}
        b, nb = 0, len(maxids)
        for d in docs:
            if d > maxids[b]:
                b = bisect_left(maxids, d, b)
                if b == nb:
                    break
            bd = self._block_maps.get((key, b))
            if bd is None:
                bd = self._block_maps[(key, b)] = dict(zip(*self._block_values(key, b)))
            v = bd.get(d)
            if v is not None:
                out[d] = v
        return out

    def _value(self, key: tuple[str, bytes], d: int):
        """The encoded posting value (frequency and positions) of ``key`` in document ``d``,
        or None. Block headers are walked once per term and query, and only the block that
        can hold ``d`` is unpacked."""
        maxids = self._blocks_index(key)[1]
        b = bisect_left(maxids, d)
        if b == len(maxids):
            return None
        ids, values = self._block_values(key, b)
        j = bisect_left(ids, d)
        return values[j] if j < len(ids) and ids[j] == d else None

    def _blocks_index(self, key: tuple[str, bytes]) -> tuple:
        """(block reader, each block's highest document number, each block's offset) of a
        term, its block headers walked once per query."""
        index = self._block_index.get(key)
        if index is None:
            ti = self._info(key)
            if ti.is_inlined():
                ids, _, values = ti.inlined_postings()
                index = (None, [max(ids)], [None])
                self._values[(key, 0)] = (list(ids), list(values))
            else:
                m = self._matcher(key, ti)
                walked = list(_blocks_of(m))
                index = (m, [hi for hi, _ in walked], [pos for _, pos in walked])
            self._block_index[key] = index
        return index

    def _block_values(self, key: tuple[str, bytes], b: int) -> tuple:
        """(ids, encoded values) of block ``b`` of a term, unpacked once per query."""
        got = self._values.get((key, b))
        if got is None:
            m, _, where = self._block_index[key]
            m._goto(where[b])
            read_block(m, weights=False, values=True)
            got = self._values[(key, b)] = (m._ids, m._values)
        return got

    def match_score(self, q: wq.Query, d: int) -> float | None:
        """``q``'s score for document ``d``, phrases checked, or None when ``d`` does not
        match. Sums in the order :meth:`scores` does, so that a bound and a score agree."""
        if isinstance(q, wq.Term):
            key = self._term(q)
            if self._info(key) is None:
                return None
            ids = self.postings(key, [d])[0]
            j = bisect_left(ids, d)
            return self._term_scores(q, [d])[0] if j < len(ids) and ids[j] == d else None
        if isinstance(q, wq.Phrase):
            words = self._phrase_terms(q)
            if not words or not self._phrase_at(q, d):
                return None
            out = self.scores(wq.And(words), [d])[0]
        elif isinstance(q, wq.AndNot):
            if self.match_score(q.b, d) is not None:
                return None
            out = self.match_score(q.a, d)
            if out is None:
                return None
        elif isinstance(q, (wq.And, wq.Or)):
            out = None
            matched = False
            for sub in q.subqueries:
                if isinstance(sub, wq.Not):
                    if self.match_score(sub.query, d) is not None:
                        return None
                    s = 1.0
                else:
                    s = self.match_score(sub, d)
                    if s is None:
                        if isinstance(q, wq.And):
                            return None
                        if not isinstance(sub, wq.Term):
                            continue
                        s = 0.0  # as :meth:`scores` adds a term's 0.0
                    else:
                        matched = True
                out = s if out is None else out + s
            if out is None or not matched:
                return None
        else:
            return None
        return out * q.boost if q.boost != 1.0 else out

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
            table = self._terms
            if table is None:
                table = self._terms = term_table(self.reader) or False
            if table:  # two direct reads instead of Whoosh's five or six through its layers
                raw = table.get(*key)
                self._infos[key] = None if raw is None else W3TermInfo.from_bytes(raw)
            else:
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
        if isinstance(q, wq.Phrase):
            return min((self._size(wq.Term(q.fieldname, w)) for w in q.words), default=0)
        if isinstance(q, wq.AndNot):
            return self._size(q.a)
        if isinstance(q, wq.And):
            return min((self._size(sub) for sub in _positive(q)), default=0)
        return sum(self._size(sub) for sub in getattr(q, "subqueries", ()))

    def work(self, q: wq.Query, n: int) -> int:
        """Roughly how many term scores ranking ``n`` candidates of ``q`` computes."""
        if _wide(q):
            return sum(self.work(sub, n) if isinstance(sub, wq.Or) else min(n, self._size(sub))
                       for sub in q.subqueries)
        return n * self.leaves(q)

    def leaves(self, q: wq.Query) -> int:
        """How many term scores a document of ``q`` needs (negated parts are not scored)."""
        if isinstance(q, wq.Term):
            return 1
        if isinstance(q, wq.Phrase):
            return len(q.words)
        if isinstance(q, wq.AndNot):
            return self.leaves(q.a)
        if isinstance(q, wq.And):
            return sum(self.leaves(s) for s in _positive(q))
        return sum(self.leaves(s) for s in getattr(q, "subqueries", ()))

    def scores(self, q: wq.Query, cands: list[int], exact: bool = False) -> list[float]:
        """``q``'s score for each of ``cands`` (sorted, all of which match ``q``), as Whoosh
        sums them: a term's BM25F times its boost, an AND its parts, an OR the parts that
        match, AND NOT its positive part, a compound's boost applied to its sum."""
        if isinstance(q, wq.Term):
            out = self._term_scores(q, cands)
        elif isinstance(q, wq.Phrase):  # Whoosh scores a phrase as the AND of its words
            words = self._phrase_terms(q)
            out = self.scores(wq.And(words), cands) if words else [0.0] * len(cands)
        elif isinstance(q, wq.AndNot):
            out = self.scores(q.a, cands, exact)
        elif _wide(q):  # word by word over each word's own postings; the same sums
            acc = dict.fromkeys(cands, 0.0)
            for sub in q.subqueries:
                if isinstance(sub, wq.Term):
                    self._add_term_scores(sub, cands, acc)
                else:  # an OR of words: its sum first, as Whoosh adds it
                    for d, x in zip(cands, self.scores(sub, cands, exact)):
                        acc[d] += x
            out = list(map(acc.__getitem__, cands))
        elif isinstance(q, (wq.And, wq.Or)):
            out = None
            for sub in q.subqueries:
                if isinstance(sub, wq.Not):
                    # Whoosh matches a NOT inside an AND with a matcher of every other
                    # document, which adds its weight, 1.0, to each score
                    s = [1.0] * len(cands)
                elif isinstance(q, wq.Or) and not isinstance(sub, wq.Term):
                    s = self._masked_scores(sub, cands, exact)
                else:  # a term's score is 0.0 where it does not occur
                    s = self.scores(sub, cands, exact)
                out = s if out is None else list(map(add, out, s))
            out = out if out is not None else [0.0] * len(cands)
        else:
            out = [0.0] * len(cands)
        if q.boost != 1.0 and not isinstance(q, wq.Term):
            out = [x * q.boost for x in out]
        return out

    def _masked_scores(self, q: wq.Query, cands: list[int], exact: bool = False) -> list[float]:
        """Scores of a part of an OR: its own score where it matches, 0.0 elsewhere (an AND
        whose words are only partly there adds nothing). Unless ``exact``, a phrase counts
        as matching where its words are (which bounds the score from above)."""
        matching = self.docs(q, cands, exact)
        mine = [d for d in cands if d in matching]
        if not mine:
            return [0.0] * len(cands)
        got = dict(zip(mine, self.scores(q, mine, exact)))
        return [got.get(d, 0.0) for d in cands]

    def _term_scores(self, q: wq.Term, cands: list[int]) -> list[float]:
        key = self._term(q)
        if self._info(key) is None:
            return [0.0] * len(cands)
        ids, weights = self.postings(key, cands)
        if len(cands) * 32 < len(ids):  # a few documents (a phrase's check): look them up
            ws = []
            for d in cands:
                j = bisect_left(ids, d)
                ws.append(weights[j] if j < len(ids) and ids[j] == d else None)
        else:
            ws = list(map(dict(zip(ids, weights)).get, cands))
        boost = q.boost
        score = self._scorer(key)
        if score is None:  # an unscored field: Whoosh's score is the posting's weight
            return [(w or 0.0) * boost for w in ws]
        pairs = list(zip(ws, self._lengths(key[0], cands)))
        table = self._table(key, boost, score, pairs)
        return list(map(table.__getitem__, pairs))

    def _table(self, key: tuple[str, bytes], boost: float, score, pairs: list[tuple]) -> dict:
        """The term's score (times ``boost``) by (weight, length byte) pair, for ``pairs``:
        each distinct pair scored once per query, whichever segment it turns up in (the
        statistics are the whole index's). A weight of None (the term is not in the
        document) scores 0.0."""
        table = self.stats.get((key, boost))
        if table is None:
            table = self.stats[(key, boost)] = {}
        for pair in set(pairs).difference(table):
            w, lb = pair
            table[pair] = 0.0 if w is None else score(w, byte_to_length(lb) if lb else 1) * boost
        return table

    def wide_candidates(self, q: wq.Query, limit: int, best: list[tuple[float, int]],
                        parts: dict | None = None) -> list[int]:
        """The documents of this segment that can still enter the top ``limit`` of the wide
        OR ``q``, given ``best`` (the (-score, document) pairs found in earlier segments),
        deleted documents left out.

        Words are added best possible score first (:meth:`_by_bound`). Before a long
        posting list, if ``limit`` documents already score more than every word left could
        add up to, no document outside those seen can make the top: the long lists (``she``
        in ``she*``) are then only looked up for the documents still in the running
        (:meth:`_narrow`). ``parts``, if given, receives each word's (documents, scores) as
        read, from which :meth:`sums` adds up the scores of the documents returned without
        reading the words again."""
        parts = {} if parts is None else parts
        np = _numpy()
        if np is not None:
            got = self._wide_arrays(q, limit, best, parts, np)
            if got is not None:
                return got
        deleted = self.deleted()
        items, rest = self._by_bound(q.leaves())
        earlier = [-s for s, _ in best]
        acc: dict[int, float] = {}
        for i, (_, df, t, key) in enumerate(items):
            if df > PRUNE_FROM and _kth(acc, earlier, limit) > rest[i] * (1 + 1e-9):
                break
            ids, xs = parts[key] = self._term_xs(t, None)
            if deleted:  # they must not count towards the top
                live = list(map(not_, map(deleted.__contains__, ids)))
                ids, xs = list(compress(ids, live)), list(compress(xs, live))
            _admit(acc, ids, xs)
        else:
            i = len(items)
        return self._narrow(items, rest, i, acc, earlier, limit, parts)

    def _wide_arrays(self, q: wq.Query, limit: int, best: list[tuple[float, int]], parts: dict,
                     np) -> list[int] | None:
        """:meth:`wide_candidates` over numpy arrays: every posting of every word scored at
        once (BM25F, each word's idf, field length and boost spread over its postings),
        the sums per document by ``bincount``, and the documents a hair (``1e-9``) under
        the top's last score or above kept. Only their postings get their exact scores, in
        Python (as :meth:`_term_xs` computes them), into ``parts`` for :meth:`sums`. None
        when a word is not scored by BM25F or has a negative boost."""
        words = []
        for t in q.leaves():
            key = self._term(t)
            if key is None or self._info(key) is None:
                continue
            params = self._bm25(key)
            if params is None or t.boost < 0:
                return None
            words.append((t, key, params, self.postings(key)))
        n = self.reader.doc_count_all()
        if not words or not n:
            return []
        ids = np.concatenate([np.asarray(p[0], dtype=np.int64) for *_, p in words])
        tf = np.concatenate([np.asarray(p[1], dtype=np.float64) for *_, p in words])
        counts = [len(p[0]) for *_, p in words]
        fields = sorted({key[0] for _, key, _, _ in words})
        per_word = np.array([(params[0], params[1], params[2], t.boost, fields.index(key[0]))
                             for t, key, params, _ in words])
        k1 = words[0][2][3]
        if any(params[3] != k1 for _, _, params, _ in words):
            return None
        which = np.repeat(np.arange(len(words)), counts)
        idf, avgfl, b, boost, field = (per_word[:, i][which] for i in range(5))
        lengths = np.stack([self._length_array(f, np) for f in fields])
        fl = lengths[field.astype(np.int64), ids]
        x = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl))) * boost
        acc = np.bincount(ids, weights=x, minlength=n)
        held = np.zeros(n, dtype=bool)
        held[ids] = True
        deleted = self.deleted()
        if deleted:
            held[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
        docs = np.flatnonzero(held)
        vals = acc[docs]
        top = vals if len(vals) <= limit else np.partition(vals, len(vals) - limit)[len(vals) - limit:]
        pool = sorted(top.tolist() + [-s for s, _ in best], reverse=True)
        theta = pool[limit - 1] if len(pool) >= limit else float("-inf")
        cands = docs[vals * (1 + 1e-9) >= theta]
        # the exact scores of the postings of those documents, word by word
        starts = list(accumulate([0] + counts))
        picked: dict[int, list[int]] = {}
        for i in np.flatnonzero(np.isin(ids, cands)).tolist():
            picked.setdefault(int(which[i]), []).append(i)
        for w, at in picked.items():
            t, key, _, (wids, wweights) = words[w]
            js = [i - starts[w] for i in at]
            got_ids = [wids[j] for j in js]
            pairs = list(zip([wweights[j] for j in js], self._lengths(key[0], got_ids)))
            table = self._table(key, t.boost, self._scorer(key), pairs)
            parts[key] = (got_ids, list(map(table.__getitem__, pairs)))
        return cands.tolist()

    def _length_array(self, fieldname: str, np):
        """The field's length of each document of this segment, as Whoosh's scorer reads
        it (from the length byte; 1 where the byte is 0), as a numpy array."""
        held = getattr(self.reader, "_length_arrays", None)
        if held is None:
            held = {}
            try:  # kept with the reader: a segment's lengths never change
                self.reader._length_arrays = held
            except AttributeError:
                pass
        got = held.get(fieldname)
        if got is None:
            self._lengths(fieldname, [])
            if not _LENGTHS:
                _LENGTHS.append(np.array([1.0] + [float(byte_to_length(i)) for i in range(1, 256)]))
            got = held[fieldname] = _LENGTHS[0][np.frombuffer(self._cols[fieldname], dtype=np.uint8)]
        return got

    def sums(self, q: wq.Query, cands: list[int], parts: dict) -> list[float]:
        """The scores of ``cands`` (a few documents of the wide OR ``q``, no OR boosted)
        from the words' scores :meth:`wide_candidates` kept in ``parts``, added in the order
        :meth:`scores` adds them (a nested OR's sum first), so that they equal Whoosh's to
        the last bit and ties break as its do. A word not in a document adds nothing, and
        adding 0.0 changes no sum."""
        wanted = set(cands)
        per: dict = {}
        for key, (ids, xs) in parts.items():
            n = len(ids)
            if len(cands) * 16 < n:  # a few documents in a long list: look each up
                got = {}
                for d in cands:
                    j = bisect_left(ids, d)
                    if j < n and ids[j] == d:
                        got[d] = xs[j]
                per[key] = got
            else:
                held = list(map(wanted.__contains__, ids))
                per[key] = dict(zip(compress(ids, held), compress(xs, held)))

        at = {d: i for i, d in enumerate(cands)}
        n = len(cands)

        def total(node: wq.Query) -> list[float] | None:
            """The node's score of each of ``cands``, or None where it adds nothing to any
            (a word none of them holds): adding 0.0 changes no sum, so it is skipped."""
            if isinstance(node, wq.Term):
                got = per.get(self._term(node))
                if not got:
                    return None
                out = [0.0] * n
                for d, x in got.items():
                    out[at[d]] = x
                return out
            acc = None
            for sub in node.subqueries:
                part = total(sub)
                if part is not None:
                    acc = part if acc is None else list(map(add, acc, part))
            return acc

        got = total(q)
        return got if got is not None else [0.0] * n

    def contenders(self, q: wq.Query, cands: list[int], limit: int, best: list[tuple[float, int]]) -> list[int]:
        """Those of ``cands`` (sorted, each matching ``q``, none deleted) that can still
        enter the top ``limit``, given ``best`` (the (-score, document) pairs found in
        earlier segments), when ``q``'s score is a sum of its words' (:func:`_linear`).

        As in :meth:`wide_candidates`: in ``a AND (b OR c)`` over a title and a body, the
        title words are rare and weigh the most. Once ``limit`` documents score more than
        all the words left could add, the candidates holding none of the words seen cannot
        make the top, and the long lists (common words in the body) are only looked up for
        those still in the running. When a long list comes before that point, every
        candidate is scored."""
        lin = _linear(q) if len(cands) > SCORE_ALL else None
        if lin is None:
            return cands
        terms, const = lin
        items, rest = self._by_bound(terms)
        earlier = [-s - const for s, _ in best]  # their scores less what every document gets
        among = set(cands)
        acc: dict[int, float] = {}
        for i, (_, df, t, _key) in enumerate(items):
            if _kth(acc, earlier, limit) > rest[i] * (1 + 1e-9):
                break
            if df * 4 > len(cands):
                # a long list before anything can be left out: every candidate's score
                return self._array_top(terms, const, cands, limit, best)
            ids, xs = self._term_xs(t, None)
            held = list(map(among.__contains__, ids))
            _admit(acc, list(compress(ids, held)), list(compress(xs, held)))
        else:
            i = len(items)
        return self._narrow(items, rest, i, acc, earlier, limit)

    def _array_top(self, terms: list[wq.Term], const: float, cands: list[int], limit: int,
                   best: list[tuple[float, int]]) -> list[int]:
        """Those of ``cands`` whose score (the sum of ``terms``' scores plus ``const``),
        computed over numpy arrays, is within a hair (``1e-9``) of the top ``limit`` with
        ``best``; all of ``cands`` when numpy is missing or a term is not scored by BM25F.
        The few left get their exact scores in Python. ``economy AND (a OR b) NOT c``
        scored thousands of candidates one posting at a time."""
        np = _numpy()
        if np is None:
            return cands
        at = np.asarray(cands, dtype=np.int64)
        total = np.full(len(cands), const)
        for t in terms:
            key = self._term(t)
            if key is None or self._info(key) is None:
                continue
            x = self._array_scores(key, at, np)
            if x is None:
                return cands
            total += x * t.boost
        n = len(total)
        top = total if n <= limit else np.partition(total, n - limit)[n - limit:]
        pool = sorted(top.tolist() + [-s for s, _ in best], reverse=True)
        if len(pool) < limit:
            return cands
        return at[total * (1 + 1e-9) >= pool[limit - 1]].tolist()

    def _by_bound(self, terms) -> tuple[list[tuple], list[float]]:
        """``(bound, document frequency, term, key)`` of each of ``terms`` this segment
        holds, best possible score first (:meth:`_bound`), and for each position the sum of
        the bounds from there on (what the words left could add at most)."""
        items = []
        for t in terms:
            key = self._term(t)
            ti = self._info(key)
            if ti is not None:
                items.append((self._bound(t, key, ti), ti.doc_frequency(), t, key))
        items.sort(key=lambda x: -x[0])
        return items, list(accumulate(x[0] for x in reversed(items)))[::-1] + [0.0]

    def _narrow(self, items: list[tuple], rest: list[float], start: int, acc: dict[int, float],
                earlier: list[float], limit: int, parts: dict | None = None) -> list[int]:
        """The documents of ``acc`` (partial sums of ``items`` before ``start``) that can
        still reach the top ``limit``: the words from ``start`` on are added to the
        documents still in the running, which get fewer as the words left can add less."""
        for j in range(start, len(items)):
            theta = _kth(acc, earlier, limit)
            acc = {d: x for d, x in acc.items() if (x + rest[j]) * (1 + 1e-9) >= theta}
            ids, xs = self._term_xs(items[j][2], sorted(acc))
            if parts is not None:
                parts[items[j][3]] = (ids, xs)
            _add_held(acc, ids, xs)
        theta = _kth(acc, earlier, limit)
        return sorted(d for d, x in acc.items() if x * (1 + 1e-9) >= theta)

    def _bound(self, t: wq.Term, key: tuple[str, bytes], ti) -> float:
        """The most term ``t`` can add to a document's score here: its score at the term's
        highest weight in its shortest document (both in the segment's term info)."""
        score = self._scorer(key)
        if score is None:
            return ti.max_weight() * t.boost
        lb = length_to_byte(ti.min_length())
        return score(ti.max_weight(), byte_to_length(lb) if lb else 1) * t.boost

    def _term_xs(self, q: wq.Term, cands: list[int] | None) -> tuple[list[int], list[float]]:
        """(documents, scores) of the term ``q``: every posting, or with ``cands``
        (sorted) at least those of its documents in it. Only each distinct (weight,
        length) pair is scored in Python."""
        key = self._term(q)
        if self._info(key) is None:
            return [], []
        ids, weights = self.postings(key, cands)
        if cands is not None and len(cands) * 32 < len(ids):  # a few documents: look them up
            found = [(j, d) for d in cands if (j := bisect_left(ids, d)) < len(ids) and ids[j] == d]
            ids = [d for _, d in found]
            weights = [weights[j] for j, _ in found]
        boost = q.boost
        score = self._scorer(key)
        if score is None:
            return ids, [w * boost for w in weights]
        pairs = list(zip(weights, self._lengths(key[0], ids)))
        return ids, list(map(self._table(key, boost, score, pairs).__getitem__, pairs))

    def _add_term_scores(self, q: wq.Term, cands: list[int] | None, acc: dict[int, float],
                         admit: set[int] | None = None) -> None:
        """Add the term ``q``'s score to ``acc[d]`` for each document ``d`` of ``acc`` that
        holds it, going through the term's own postings (not every candidate). With
        ``admit`` (the deleted documents), every document of the term not in it enters
        ``acc`` first. Sums run through ``map`` and ``dict.update`` (C loops)."""
        ids, xs = self._term_xs(q, cands)
        if not ids:
            return
        if admit is not None:
            _admit(acc, ids, xs)
            for d in admit:
                acc.pop(d, None)
            return
        _add_held(acc, ids, xs)

    def _scorer(self, key: tuple[str, bytes]):
        """``score(weight, length)`` as Whoosh's scorer for the term computes it, or None
        when the field is not scored. BM25F is computed here from the same global
        statistics (Whoosh's scorer object would look the term up once more)."""
        fieldname, text = key
        if not self.reader.schema[fieldname].scorable:
            return None
        params = self._bm25(key)
        if params is not None:
            idf, avgfl, b, k1 = params
            return lambda weight, length: bm25(idf, weight, length, avgfl, b, k1)
        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        if isinstance(scorer, WeightScorer):
            return None
        if not isinstance(scorer, WeightLengthScorer):
            raise Unsupported(type(scorer).__name__)
        return scorer._score

    def _bm25(self, key: tuple[str, bytes]) -> tuple[float, float, float, float] | None:
        """(idf, average field length, B, K1) of a term when the searcher scores with
        Whoosh's BM25F and the field is scored, else None."""
        fieldname, text = key
        w = self.weighting
        if type(w) is not BM25F or not self.reader.schema[fieldname].scorable:
            return None
        stats = self.stats
        idf = stats.get(key)
        if idf is None:
            parent = self.searcher.get_parent()
            df = stats.get(("df", key))
            if df is not None and type(w).idf is WeightingModel.idf:  # Whoosh's formula
                idf = log(parent.doc_count_all() / (df + 1)) + 1
            else:
                idf = parent.idf(fieldname, text)
            stats[key] = idf
        avgfl = stats.get(fieldname)
        if avgfl is None:
            avgfl = stats[fieldname] = self.searcher.get_parent().avg_field_length(fieldname) or 1
        return idf, avgfl, w._field_B.get(fieldname, w.B), w.K1

    def _lengths(self, fieldname: str, cands: list[int]) -> list[int]:
        """Length bytes of ``fieldname`` for ``cands`` (held in memory by the corpus; read
        per document otherwise)."""
        col = self._cols.get(fieldname)
        if col is None:
            cache = getattr(getattr(self.reader, "_perdoc", None), "_readers", None)
            col = self._cols[fieldname] = cache.get(f"_{fieldname}_len") if isinstance(cache, dict) else None
        if isinstance(col, bytes):
            return list(map(col.__getitem__, cands))
        raise Unsupported("field lengths not in memory")
