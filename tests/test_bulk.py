"""Set-algebra evaluation of AND / OR / AND NOT queries ranks exactly as Whoosh does."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import bulk
from index.store import Corpus, _cap_expansions

WORDS = ("harbour budget council ferry strike tariff museum flood bridge election minister vaccine "
         "drought festival railway pension mayor court storm factory").split()


def _page(rng: random.Random, i: int) -> str:
    title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" report {i}"
    paras = []
    for _ in range(rng.randint(2, 6)):
        words = [rng.choice(WORDS) if rng.random() < 0.35 else rng.choice(("the", "and", "said", "with",
                 "officials", "residents", "week", "plan", "new", "city")) for _ in range(rng.randint(25, 90))]
        paras.append(" ".join(words).capitalize() + ".")
    return f"Local News\n\n{title}\n\nMarch {1 + i % 27}, 2022\n\n" + "\n\n".join(paras) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bulk")
    folder = root / "site"
    folder.mkdir()
    rng = random.Random(11)
    c = Corpus(root / "data" / "index")
    for batch in range(3):  # three runs: several segments, and deletions in the older ones
        for i in range(batch * 25, batch * 25 + 25):
            (folder / f"a{i:03d}.txt").write_text(_page(rng, i), encoding="utf-8")
        for i in rng.sample(range(batch * 25), 6 if batch else 0):
            (folder / f"a{i:03d}.txt").write_text(_page(rng, 500 + i), encoding="utf-8")
        c.update([str(folder)], workers=1)
    yield c
    c.close()


QUERIES = [
    "harbour budget", "ferry AND strike", "council (flood OR storm)", "museum NOT bridge",
    "election AND (minister OR mayor) NOT court", "title:railway pension", "harbour budget council ferry",
    "(drought OR storm OR flood) AND (factory OR festival)", "tariff NOT (vaccine OR railway)",
    "harb* budget", "nosuchword AND harbour", "harbour AND NOT harbour",
    "(harbour AND budget) OR ferry", "(council AND NOT storm) OR (museum AND flood)",
    '"harbour budget"', '"council flood" OR ferry', 'ferry NOT "storm court"', '"officials said"',
    '"residents with the" council', '"flood flood flood"', '("harbour budget" OR "budget harbour") NOT storm',
    'title:"report 3"', '(ferry AND NOT "plan new") OR "museum flood"', '"nosuchword harbour"',
    "harbour OR budget OR council", "(flood OR storm OR ferry) NOT mayor", "fe* OR mu* OR bu*", "st* court",
]


@pytest.mark.parametrize("text", QUERIES)
def test_same_hits_and_scores_as_whoosh(corpus, text):
    s = corpus.searcher()
    assert len(s.reader().leaf_readers()) > 1 and s.reader().has_deletions()
    known: dict = {}  # what the expansion pass read of a prefix's words, as the corpus passes it
    q = _cap_expansions(corpus.parse(text).query, s.reader(), known)
    for limit, infos in ((3, None), (3, known), (10, known), (200, known)):
        ours = bulk.search(s, q, limit, infos=infos)
        assert ours is not None, text
        # Whoosh's own top-k can drop documents that match (its preloaded OR matcher inside
        # an AND, on small indexes): compare with the head of its full ranking
        theirs = [(h.docnum, h.score) for h in s.search(q, limit=None)][:limit]
        assert [d for d, _ in ours] == [d for d, _ in theirs], text
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs], text


PHRASES = [q for q in QUERIES if '"' in q]


def _ranks_as_whoosh(s, text: str, limits=(1, 3, 10, 200)) -> None:
    """``text`` ranked by the evaluator gives the head of Whoosh's full ranking, hits and
    scores, at each of ``limits``."""
    from index.query import parse_query

    q = _cap_expansions(parse_query(text, s.schema).query, s.reader())
    for limit in limits:
        ours = bulk.search(s, q, limit)
        theirs = [(h.docnum, h.score) for h in s.search(q, limit=None)][:limit]
        assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs], (text, limit)
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs], (text, limit)


@pytest.mark.parametrize("one_by_one", [0, 1, 3])
def test_phrases_checked_together_rank_as_whoosh(corpus, big, monkeypatch, one_by_one):
    """Past the first few candidates, the rest of a segment's are checked in one pass:
    the same hits and scores."""
    monkeypatch.setattr(bulk, "CHECK_ONE_BY_ONE", one_by_one)
    for s, texts in ((corpus.searcher(), PHRASES), (big, ['"w0 w1"', '"w1 w0 w0" w2', 'w0 NOT "w0 w0"',
                                                          '"w3 w0" OR "w0 w3"', '"w7 w2" OR w40'])):
        for text in texts:
            _ranks_as_whoosh(s, text, limits=(3, 10, 200))


@pytest.mark.parametrize("prune_from, arrays", [(0, False), (30, False), (30, True)])
def test_wide_ors_pruned_rank_as_whoosh(corpus, big, monkeypatch, prune_from, arrays):
    """A wide OR (a prefix's expansions) keeps only the documents that can reach the top:
    scored over numpy arrays, or (for a field not scored by BM25F) word by word, stopping
    once those found fill the top. Either way, the same hits and scores as Whoosh's full
    ranking."""
    monkeypatch.setattr(bulk, "PRUNE_FROM", prune_from)
    if not arrays:
        monkeypatch.setattr(bulk._Segment, "_wide_arrays", lambda self, *a: None)
    pruned = []
    real = bulk._Segment.wide_candidates

    def spy(self, q, limit, best, parts=None):
        got = real(self, q, limit, best, parts)
        pruned.append(len(got) < len(self.docs(q) - self.deleted()))
        return got

    monkeypatch.setattr(bulk._Segment, "wide_candidates", spy)
    for s, texts in ((corpus.searcher(), ["harbour OR budget OR council", "st* OR mu* OR fe*", "ha* OR bu*"]),
                     (big, ["w1*", "w0 OR w1 OR w2 OR w30 OR w45", "w5*", "w2* OR w3*"])):
        for text in texts:
            _ranks_as_whoosh(s, text)
    assert any(pruned)  # some segment left documents out


@pytest.mark.parametrize("score_all", [0, 40])
def test_candidates_left_out_before_scoring_rank_as_whoosh(corpus, big, monkeypatch, score_all):
    """Candidates that cannot reach the top of an AND / OR / AND NOT of words are left out
    before scoring: the same hits and scores as Whoosh's full ranking, and some segment
    does leave candidates out."""
    monkeypatch.setattr(bulk, "SCORE_ALL", score_all)
    pruned = set()
    current = [""]  # the query being ranked
    real = bulk._Segment.contenders

    def spy(self, q, cands, limit, best):
        got = real(self, q, cands, limit, best)
        if len(got) < len(cands):
            pruned.add(current[0])
        return got

    monkeypatch.setattr(bulk._Segment, "contenders", spy)
    texts = [q for q in QUERIES if '"' not in q]
    for s, group in ((corpus.searcher(), texts), (big, ["w0 w1", "w0 AND (w1 OR w9) NOT w3", "w2 w40",
                                                         "title:w0 w0", "w1 AND NOT w0", "(w0 OR w5) w7^2",
                                                         "w3 (w0 OR w1)^0.5", "w0 w1 w2 w3 w4",
                                                         "w1 AND (w2 OR w40)", "w1 AND (w2 OR w40) NOT w59"])):
        for text in group:
            current[0] = text
            _ranks_as_whoosh(s, text)
    # the NOT adds 1.0 to every score: it must be counted when comparing with earlier segments
    assert {"w1 AND (w2 OR w40)", "w1 AND (w2 OR w40) NOT w59"} <= pruned


def test_filters_keep_and_remove_documents_as_whoosh_does(corpus):
    s = corpus.searcher()
    q = corpus.parse("council OR harbour").query
    n = s.reader().doc_count_all()
    allow = set(range(0, n, 3))
    deny = set(range(0, n, 5))
    ours = bulk.search(s, q, 50, allow, deny)
    theirs = [(h.docnum, h.score) for h in s.search(q, limit=None, filter=allow, mask=deny)][:50]
    assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs]
    assert all(d in allow and d not in deny for d, _ in ours)


def test_other_queries_are_left_to_whoosh(corpus):
    s = corpus.searcher()
    from whoosh import query as wq

    assert bulk.search(s, wq.FuzzyTerm("body", "harbour"), 10) is None
    assert bulk.search(s, corpus.parse('"harbour budget"~3').query, 10) is None  # phrase with slop
    assert bulk.worthwhile(corpus.parse("harbour").query, filtered=False)  # if side files hold its lists
    assert bulk.worthwhile(corpus.parse("harbour").query, filtered=True)
    assert bulk.worthwhile(corpus.parse("harbour budget").query, filtered=False)
    assert bulk.worthwhile(corpus.parse('"harbour budget"').query, filtered=False)
    wide = _cap_expansions(corpus.parse("fe* OR mu* OR bu*").query, s.reader())
    assert bulk.worthwhile(wide, filtered=False)  # many words: scored word by word


def test_corpus_search_gives_whoosh_ranking_through_either_path(corpus):
    hits = corpus.search("election AND (minister OR mayor)", limit=10)
    s = corpus.searcher()
    q = corpus.parse("election AND (minister OR mayor)").query
    expected = [(s.stored_fields(h.docnum)["path"], round(h.score, 4)) for h in s.search(q, limit=None)][:10]
    assert [(h["path"], h["score"]) for h in hits] == expected and hits


@pytest.fixture(scope="module", params=["whoosh writer", "own writer"])
def big(tmp_path_factory, request):
    """Posting lists of many blocks (Whoosh packs 128 postings a block): 1,200 short
    documents in two segments, some deleted, words from common to rare. Written by
    Whoosh's writer (long lists read from their blocks) and by the package's (read from
    the side file of document numbers and weights)."""
    from whoosh.filedb.filestore import FileStorage

    from index.schema import build_schema
    from index.segwrite import FastSegmentWriter
    from index.sidepost import open_side
    from index.store import INDEX_NAME, _lengths_in_memory

    own = request.param == "own writer"
    path = tmp_path_factory.mktemp("blocks")
    ix = FileStorage(str(path)).create().create_index(build_schema(), indexname=INDEX_NAME)
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(60)]  # w0 in most documents, w59 in a few
    for start in (0, 700):
        w = FastSegmentWriter(ix) if own else ix.writer()
        for i in range(start, start + 700 if start == 0 else 1200):
            words = [vocab[min(int(rng.expovariate(0.08)), 59)] for _ in range(rng.randint(5, 40))]
            w.add_document(path=f"/d{i}", title=" ".join(words[:3]), body=" ".join(words))
        w.commit(merge=False)
    w = ix.writer()
    for i in range(0, 1200, 7):
        w.delete_by_term("path", f"/d{i}")
    w.commit(merge=False)
    s = ix.searcher()
    _lengths_in_memory(s.reader())
    assert all(bool(open_side(leaf)) == own for leaf, _ in s.reader().leaf_readers())
    yield s
    s.close()


@pytest.mark.parametrize("text", ["w0 w1", "w50 w0", "w55 AND w2 AND w1", "(w40 OR w45) w0 NOT w3",
                                  "w0 NOT w1", "w58 OR w59 w0", "w0 w1 w2 w3 w4",
                                  "(w1 AND w2) OR w40", "(w50 AND NOT w0) OR w58", '"w0 w1"', '"w1 w0 w0" w2',
                                  'w0 NOT "w0 w0"', '"w3 w0" OR "w0 w3"', "w1*", "w2* w0", "w1* NOT w3"])
def test_many_block_postings_skip_and_score_as_whoosh(big, text):
    from index.query import parse_query

    known: dict = {}
    q = _cap_expansions(parse_query(text, big.schema).query, big.reader(), known)
    assert max(big.reader().doc_frequency("body", f"w{i}") for i in range(3)) > 500  # several blocks
    for limit, infos in ((5, None), (5, known), (40, known)):
        ours = bulk.search(big, q, limit, infos=infos)
        theirs = [(h.docnum, h.score) for h in big.search(q, limit=None)][:limit]
        assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs], text
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs], text
    # a narrow filter (a date range) restricts which blocks are read: same answer
    allow = set(range(100, 1200, 97))
    ours = bulk.search(big, q, 10, allow)
    theirs = [(h.docnum, h.score) for h in big.search(q, limit=None, filter=allow)][:10]
    assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs], text


@pytest.mark.parametrize("text", ["w0", "w3", "w58", "title:w1", "body:w0", "w2 OR w30", "nosuchword"])
def test_a_word_is_scored_from_side_files_as_whoosh_ranks_it(big, text):
    """A word (in the title or the body) is ranked from the segments' side files exactly
    as Whoosh ranks it, deleted documents left out; an index without side files leaves
    words to Whoosh's block-skipping walk."""
    from index.query import parse_query
    from index.sidepost import open_side

    q = parse_query(text, big.schema).query
    assert bulk.worthwhile(q, filtered=False)
    own = all(open_side(leaf) for leaf, _ in big.reader().leaf_readers())
    for limit in (1, 10, 300):
        ours = bulk.search(big, q, limit)
        if not own:
            assert ours is None
            continue
        theirs = [(h.docnum, h.score) for h in big.search(q, limit=None)][:limit]
        assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs], text
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs], text
        assert not any(big.reader().is_deleted(d) for d, _ in ours)


_TOKENS = st.sampled_from(WORDS[:8] + ["AND", "OR", "NOT", "(", ")", "title:", "harb*", "the", "-", "said",
                                       '"', '"officials said"', '"flood harbour"'])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TOKENS, min_size=1, max_size=9))
def test_any_query_ranks_as_whoosh_or_is_left_to_it(corpus, tokens):
    """Whatever the user types: the set-algebra answer, when it gives one, is Whoosh's
    ranking; a search never fails with anything but a query error."""
    from index.query import QueryError

    text = " ".join(tokens).replace("( ", "(").replace("title: ", "title:")
    try:
        pq = corpus.parse(text)
    except QueryError:
        return
    s = corpus.searcher()
    try:
        q = _cap_expansions(pq.query, s.reader())
    except QueryError:
        return
    ours = bulk.search(s, q, 10)
    if ours is not None:
        theirs = [(h.docnum, h.score) for h in s.search(q, limit=None)][:10]
        assert [d for d, _ in ours] == [d for d, _ in theirs], text
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs], text
    try:
        corpus.search(text, limit=10)
    except QueryError:
        pass


@pytest.mark.parametrize("read", [16384, 64, 9])
@pytest.mark.parametrize("prefix", ["ha", "st", "fe", "re", "zz"])
def test_prefix_expansions_counted_in_one_pass_per_segment(corpus, prefix, read, monkeypatch):
    """A prefix's words, document frequencies and term infos, read from each segment's
    term file in order (in reads of any size, shorter than an entry included), are those
    Whoosh's own lookups give."""
    from whoosh import query as wq

    import index.store as store

    monkeypatch.setattr(store, "PREFIX_READ", read)
    r = corpus.searcher().reader()
    leaves = [leaf for leaf, _ in r.leaf_readers()]
    assert len(leaves) > 1
    for field in ("body", "title"):
        node = wq.Prefix(field, prefix)
        got = store._expansions(node, r)
        assert {t: df for t, (df, _) in got.items()} == {t: r.doc_frequency(field, t) for t in node._btexts(r)}
        for t, (_, raw) in got.items():
            assert sorted(i for i, _ in raw) == [i for i, leaf in enumerate(leaves) if (field, t) in leaf]
            for i, vbytes in raw:
                mine, theirs = store.W3TermInfo.from_bytes(vbytes), leaves[i].term_info(field, t)
                assert (mine.doc_frequency(), mine.max_weight(), mine.extent()) == \
                       (theirs.doc_frequency(), theirs.max_weight(), theirs.extent())


@pytest.mark.parametrize("words", [["w0", "w1"], ["w1", "w0"], ["w1", "w0", "w0"], ["w0", "w0"],
                                   ["w2", "w0", "w1"], ["w55", "w0"], ["w0", "w59"], ["w3", "nosuchword"]])
def test_phrases_found_from_side_file_positions_as_whoosh_finds_them(big, words):
    """With side files, a phrase's documents come from whole arrays of positions (long
    lists from the side file, short ones from their blocks): exactly the documents where
    Whoosh's phrase matcher finds the words side by side. Without them, nothing is
    claimed and candidates are checked one by one."""
    from whoosh import query as wq

    from index.sidepost import open_side

    for i, (sub, _) in enumerate(big.leaf_searchers()):
        seg = bulk._Segment(sub, bulk._PostingCache(), i)
        q = wq.Phrase("body", words)
        found = seg._phrase_found(q)
        if not open_side(sub.reader()) and "nosuchword" not in words:
            assert found is None
            continue
        theirs = {h.docnum for h in sub.search(q, limit=None)}
        assert found is not None and found - seg.deleted() == theirs, words
        if words == ["w0", "w1"]:  # two long lists, read from the side file
            assert len(theirs) > 20 and sub.reader().doc_frequency("body", "w1") > 200


def test_a_damaged_side_file_leaves_the_search_to_whoosh(big, monkeypatch):
    """A side file that cannot be read (truncated, another byte order) never fails a
    search: the evaluator gives up and the caller asks Whoosh, which reads the blocks."""
    from index import sidepost
    from index.query import parse_query

    if not all(sidepost.open_side(leaf) for leaf, _ in big.reader().leaf_readers()):
        pytest.skip("an index without side files")

    def broken(self, postoffset):
        raise ValueError("side file truncated")

    for text in ("w0", "w0 w1", "w2 NOT w5", "w1*", '"w0 w1"'):
        q = _cap_expansions(parse_query(text, big.schema).query, big.reader())
        big._bulk_postings = None  # lists read by earlier tests would not touch the file
        assert bulk.search(big, q, 10) is not None, text
        big._bulk_postings = None
        with monkeypatch.context() as m:
            m.setattr(sidepost.SideReader, "get", broken)
            m.setattr(sidepost.SideReader, "positions", broken)
            assert bulk.search(big, q, 10) is None, text


def test_term_table_read_directly_gives_whoosh_s_term_infos(big):
    """Every term of every segment (new, merged by Whoosh, with deletions) is found with
    the same term info bytes as Whoosh's own lookup, and a term a segment lacks is not."""
    from index.segfiles import term_table

    for leaf, _ in big.reader().leaf_readers():
        table = term_table(leaf)
        assert table is not None
        entries = list(leaf._terms._tindex.items())
        assert len(entries) > 100
        for key, value in entries:
            assert table.raw(key) == value
        for field, word in (("body", b"w999"), ("title", b"nosuchword"), ("nosuchfield", b"w0")):
            assert table.get(field, word) is None
            assert (field, word) not in leaf


def test_term_table_unavailable_leaves_lookups_to_whoosh(corpus, monkeypatch):
    """A segment whose files cannot be read directly has no table; the evaluator then
    looks terms up through Whoosh and ranks the same."""
    from index import segfiles

    s = corpus.searcher()
    q = _cap_expansions(corpus.parse("election AND (minister OR mayor) NOT court").query, s.reader())
    before = bulk.search(s, q, 10)
    monkeypatch.setattr(segfiles, "segment_file", lambda reader, ext: None)
    for leaf, _ in s.reader().leaf_readers():
        monkeypatch.delattr(leaf, "_term_table", raising=False)
        assert segfiles.term_table(leaf) is None
    assert bulk.search(s, q, 10) == before


def test_a_prefix_of_one_word_is_ranked_as_that_word(big):
    """A prefix with a single expansion per field becomes the word itself, not an OR of
    one: it is then ranked as a word is (from the side files), with Whoosh's scores for the
    OR of one it stood for."""
    from whoosh import query as wq

    from index.query import parse_query
    from index.sidepost import open_side

    q = _cap_expansions(parse_query("w59*", big.schema).query, big.reader())
    assert all(isinstance(sub, wq.Term) and sub.text == "w59" for sub in q.subqueries)
    wrapped = wq.Or([wq.Or([sub]) for sub in q.subqueries])
    theirs = [(h.docnum, h.score) for h in big.search(wrapped, limit=None)][:10]
    assert theirs == [(h.docnum, h.score) for h in big.search(q, limit=None)][:10]
    ours = bulk.search(big, q, 10)
    if all(open_side(leaf) for leaf, _ in big.reader().leaf_readers()):
        assert ours is not None and [d for d, _ in ours] == [d for d, _ in theirs]
        assert [round(x, 9) for _, x in ours] == [round(x, 9) for _, x in theirs]
