"""The corpus on disk: incremental indexing, ranked search, dates, speakers and self-repair."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import seed

from index.query import QueryError
from index.store import Corpus, CorpusError, highlight_spans

ARTICLE = """World News

Leaders meet in Geneva for ceasefire talks

By Anna Petrova

March 3, 2022

Foreign ministers from both countries met in Geneva on Thursday for a first round of ceasefire talks, the
first direct contact between the two governments since the fighting began in the autumn.

“We came to listen and we will keep listening,” said Maria Kovalenko, the lead negotiator, as she left the
conference centre on the shore of the lake late in the evening.

Kovalenko said the two delegations would meet again next week to discuss the exchange of prisoners and the
reopening of the border crossings that were closed last year.

Share on Facebook
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def corpus(tmp_path):
    c = Corpus(tmp_path / "data" / "index")
    yield c
    c.close()


def names(hits):
    return sorted(Path(h["path"]).name for h in hits)


def test_index_and_search_seeds(corpus, seeds_copy):
    report = corpus.update([str(seeds_copy)], workers=1)
    assert report.indexed == 5 and not report.skipped
    assert names(corpus.search("Markarova")) == [seed(1)]
    peskov = names(corpus.search("Peskov"))
    assert seed(0) in peskov and seed(2) in peskov and seed(3) in peskov
    assert seed(1) not in peskov and seed(4) not in peskov


def test_speaker_field_finds_quoted_not_mentioned(corpus, seeds_copy):
    corpus.update([str(seeds_copy)], workers=1)
    hits = names(corpus.search("speaker:Zelensky"))
    assert seed(2) in hits and seed(3) in hits and seed(4) not in hits
    assert seed(3) in names(corpus.search("speaker:Lavrov"))


def test_incremental_unchanged_changed_deleted(corpus, tmp_path):
    folder = tmp_path / "news"
    a = write(folder, "a.txt", ARTICLE)
    b = write(folder, "b.txt", ARTICLE.replace("Geneva", "Vienna"))
    r1 = corpus.update([str(folder)], workers=1)
    assert (r1.indexed, r1.unchanged) == (2, 0)
    r2 = corpus.update([str(folder)], workers=1)
    assert (r2.indexed, r2.unchanged) == (0, 2)
    # touched but identical: re-hashed, not re-indexed
    os.utime(a, (1_700_000_000, 1_700_000_000))
    r3 = corpus.update([str(folder)], workers=1)
    assert (r3.indexed, r3.unchanged) == (0, 2)
    b.write_text(ARTICLE.replace("Geneva", "Helsinki"), encoding="utf-8")
    r4 = corpus.update([str(folder)], workers=1)
    assert r4.indexed == 1
    assert names(corpus.search("Helsinki")) == ["b.txt"] and corpus.search("Vienna") == []
    a.unlink()
    r5 = corpus.update([str(folder)], workers=1)
    assert r5.removed == 1 and corpus.count() == 1


def test_skipped_files_are_reported_and_good_ones_indexed(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "good.txt", ARTICLE)
    (folder / "bin.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_bytes(b"")
    r = corpus.update([str(folder)], workers=1)
    reasons = dict((Path(p).name, why) for p, why in r.skipped)
    assert r.indexed == 1 and "binary" in reasons["bin.txt"] and "empty" in reasons["empty.txt"]


def test_dates_are_naive_local_and_filterable(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    assert corpus.search("*")[0]["date"] == "2022-03-03"
    assert names(corpus.search("date:2022-03")) == ["a.txt"]
    assert names(corpus.search("date:>2022-03-02")) == ["a.txt"]
    assert corpus.search("date:2021") == []
    assert names(corpus.search("ceasefire date:[2022-01-01 TO 2022-12-31]")) == ["a.txt"]


def test_sort_by_date_and_star(corpus, seeds_copy):
    corpus.update([str(seeds_copy)], workers=1)
    hits = corpus.search("*", limit=None, sort="date")
    assert len(hits) == 5
    dates = [h["date"] for h in hits if h["date"]]
    assert dates == sorted(dates, reverse=True)


def test_highlights_and_spans(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    hit = corpus.search("negotiator")[0]
    assert any("**negotiator**" in h for h in hit["highlights"])
    doc = corpus.get(hit["path"])
    words, prefixes = corpus.query_terms("listening")
    spans = highlight_spans(doc["text"], words, prefixes)
    assert spans and all(doc["text"][s:e].lower().startswith("listen") for s, e in spans)


def test_bad_query_raises_query_error(corpus, seeds_copy):
    corpus.update([str(seeds_copy)], workers=1)
    with pytest.raises(QueryError):
        corpus.search('"unclosed')


def test_search_without_index_says_so(corpus):
    with pytest.raises(CorpusError, match="no index"):
        corpus.search("x")


def test_schema_version_mismatch_rebuilds(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    corpus.close()
    con = sqlite3.connect(corpus.manifest_path)
    with con:
        con.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    con.close()
    fresh = Corpus(corpus.dir)
    r = fresh.update([str(folder)], workers=1)
    assert r.rebuilt_reason and "schema version" in r.rebuilt_reason and r.indexed == 1
    assert names(fresh.search("Geneva")) == ["a.txt"]
    fresh.close()


def test_corrupt_segment_rebuilds(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    corpus.close()
    for p in Path(corpus.whoosh_dir).iterdir():
        if p.suffix in (".seg", ".toc"):
            p.write_bytes(b"garbage")
    fresh = Corpus(corpus.dir)
    r = fresh.update([str(folder)], workers=1)
    assert r.rebuilt_reason and r.indexed == 1
    fresh.close()


def test_deleted_index_dir_rebuilds(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    corpus.close()
    shutil.rmtree(corpus.whoosh_dir)
    fresh = Corpus(corpus.dir)
    assert fresh.update([str(folder)], workers=1).indexed == 1
    fresh.close()


def test_process_pool_path(corpus, tmp_path):
    folder = tmp_path / "many"
    for i in range(60):
        write(folder, f"a{i:03d}.txt", ARTICLE.replace("Geneva", f"Geneva{i:03d}"))
    r = corpus.update([str(folder)], workers=2)
    assert r.indexed == 60
    assert names(corpus.search("Geneva007")) == ["a007.txt"]


def test_speakers_across_archive_merge_spelling_variants(corpus, seeds_copy):
    corpus.update([str(seeds_copy)], workers=1)
    speakers = dict(corpus.speakers())
    assert all(n >= 1 for n in speakers.values())
    peskov = [s for s in speakers if s.endswith("Peskov")]
    assert len(peskov) == 1 and speakers[peskov[0]] == 2  # Dmitry (seed 002) and Dimitri (seed 003)
    query = corpus.speaker_query(peskov[0])
    assert "Dmitry Peskov" in query and "Dimitri Peskov" in query
    assert names(corpus.search(query)) == [seed(2), seed(3)]


def test_name_variant_grouping_keeps_different_people_apart():
    from index.store import _group_name_variants

    groups = _group_name_variants(["Anna Smith", "John Smith", "Jon Smith", "a spokeswoman", "Anne Smith"])
    as_sets = sorted(sorted(g) for g in groups)
    assert ["John Smith", "Jon Smith"] in as_sets and ["a spokeswoman"] in as_sets
    assert not any("Anna Smith" in g and "John Smith" in g for g in as_sets)


def test_prefix_expansion_is_capped_and_short_prefixes_refused(corpus, tmp_path):
    from index import store

    folder = tmp_path / "news"
    words = " ".join(f"zebra{i:03d}" for i in range(store.MAX_EXPANSIONS + 20))
    write(folder, "a.txt", ARTICLE + "\n\n" + words + " are listed in this long closing paragraph of the text.\n")
    write(folder, "b.txt", ARTICLE.replace("Geneva", "Vienna").replace("exchange of prisoners", "exchange of zebra001"))
    corpus.update([str(folder)], workers=1)
    assert names(corpus.search("zebra*")) == ["a.txt", "b.txt"]
    capped = store._cap_expansions(corpus.parse("body:zebra*").query, corpus.searcher().reader())
    terms = [t for _, t in capped.iter_all_terms()]
    assert len(terms) == store.MAX_EXPANSIONS and "zebra001" in terms  # the most frequent kept
    with pytest.raises(QueryError, match="prefix too short"):
        corpus.search("z*")


def test_truncated_segment_alone_is_found_on_next_index_run(corpus, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    corpus.close()
    for p in Path(corpus.whoosh_dir).glob("*.seg"):
        p.write_bytes(p.read_bytes()[:100])
    fresh = Corpus(corpus.dir)
    r = fresh.update([str(folder)], workers=1)
    assert r.rebuilt_reason and r.indexed == 1
    assert names(fresh.search("Geneva")) == ["a.txt"]
    fresh.close()


def _gazette_page(i: int) -> str:
    tagline = "The Riverside Gazette has served the valley and its towns since 1921."
    return (f"Council approves budget number {i} after long debate\n\n"
            f"The town council approved the budget number {i} on Tuesday after a debate that lasted "
            "well into the night, with members split over the cost of repairing the old bridge.\n\n"
            f"{tagline}\n\n"
            f"Councillor Maria Lindqvist said the vote on item {i} was the hardest of her time on the "
            "council, and that the bridge would be closed to lorries until the work is finished.\n\n"
            "Residents who spoke at the meeting asked for a second footbridge near the school, a request "
            "the council agreed to study over the coming months before a final decision next year.\n")


def _gazette_html(i: int) -> str:
    paras = "".join(f"<p>{p}</p>" for p in _gazette_page(i).split("\n\n")[1:])
    return f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Budget {i}</h1>{paras}</article></body></html>"


@pytest.mark.parametrize("ext,page", [("txt", _gazette_page), ("html", _gazette_html)])
def test_indexer_learns_boilerplate_repeated_across_a_folder(corpus, tmp_path, ext, page):
    site = tmp_path / "gazette"
    for i in range(6):
        write(site, f"p{i}.{ext}", page(i))
    lone = tmp_path / "lone"
    write(lone, f"only.{ext}", page(99))
    corpus.update([str(site), str(lone)], workers=1)
    # the tagline every page of the site repeats is dropped there, kept on the lone page
    assert names(corpus.search('"Riverside Gazette"')) == [f"only.{ext}"]
    assert len(corpus.search("footbridge")) == 7


def _segments(corpus) -> int:
    return len(corpus.searcher().reader().leaf_readers()) if corpus.count() else 0


def test_pool_and_single_process_build_the_same_index(tmp_path):
    folder = tmp_path / "many"
    for i in range(70):
        dated = ARTICLE.replace("March 3, 2022", f"March {1 + i % 28}, 20{10 + i % 12}")
        write(folder, f"a{i:03d}.txt", dated.replace("Geneva", f"Geneva{i:03d}"))
    write(folder, "binary.txt", "")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    one, two = Corpus(tmp_path / "one"), Corpus(tmp_path / "two")
    try:
        r1, r2 = one.update([str(folder)], workers=1), two.update([str(folder)], workers=2)
        assert (r1.indexed, len(r1.skipped)) == (r2.indexed, len(r2.skipped)) == (70, 1)
        for q in ("Geneva042", "ceasefire talks", '"reopening of the border"', "speaker:Kovalenko", "date:2015"):
            assert names(one.search(q, limit=None)) == names(two.search(q, limit=None)), q
        assert [a["path"] for a in one.articles()] == [a["path"] for a in two.articles()]
        # segments are written beside the index and moved in: nothing is left behind
        assert not (tmp_path / "two" / "whoosh" / "incoming").exists()
    finally:
        one.close()
        two.close()


def test_article_list_follows_every_change(corpus, tmp_path):
    folder = tmp_path / "site"
    def story(i: int) -> str:  # a page of its own: no paragraph repeats across the folder
        return (ARTICLE.replace("Leaders meet", f"Leaders{i} meet").replace("Geneva", f"Geneva{i}")
                .replace("Kovalenko", f"Kovalenko{i}").replace("prisoners", f"prisoners{i}"))

    for i in range(4):
        write(folder, f"a{i}.txt", story(i).replace("March 3, 2022", f"March {3 + i}, 2022"))
    corpus.update([str(folder)], workers=1)

    def listed():
        return [(Path(a["path"]).name, a["title"], a["date"]) for a in corpus.articles()]

    def ranked():
        return [(Path(h["path"]).name, h["title"], h["date"]) for h in corpus.search("*", limit=None)]

    assert listed() == ranked() and [n for n, _, _ in listed()] == ["a3.txt", "a2.txt", "a1.txt", "a0.txt"]
    (folder / "a0.txt").unlink()
    write(folder, "a1.txt", story(9).replace("March 3, 2022", "March 9, 2022").replace("Leaders9 meet", "Chiefs meet"))
    (folder / "a2.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)  # now unreadable: skipped, leaves the list
    corpus.update([str(folder)], workers=1)
    assert listed() == ranked()
    assert [n for n, _, _ in listed()] == ["a1.txt", "a3.txt"] and "Chiefs" in listed()[0][1]


def test_small_runs_do_not_pile_up_segments(corpus, tmp_path):
    from index.store import MAX_SMALL_SEGMENTS

    folder = tmp_path / "daily"
    for day in range(MAX_SMALL_SEGMENTS + 4):
        write(folder, f"d{day:02d}.txt", ARTICLE.replace("Geneva", f"Geneva{day:02d}"))
        corpus.update([str(folder)], workers=1)
        assert _segments(corpus) <= MAX_SMALL_SEGMENTS + 1
    assert corpus.count() == MAX_SMALL_SEGMENTS + 4
    assert names(corpus.search("Geneva03")) == ["d03.txt"]


def test_repeated_search_is_fresh_after_each_index_change(corpus, tmp_path):
    folder = tmp_path / "site"
    write(folder, "a.txt", ARTICLE)
    corpus.update([str(folder)], workers=1)
    first = corpus.search("Kovalenko")
    first[0]["title"] = "changed by the caller"
    assert corpus.search("Kovalenko")[0]["title"] != "changed by the caller"
    write(folder, "b.txt", ARTICLE.replace("Geneva", "Vienna"))
    corpus.update([str(folder)], workers=1)
    assert names(corpus.search("Kovalenko")) == ["a.txt", "b.txt"]
    (folder / "a.txt").unlink()
    corpus.update([str(folder)], workers=1)
    assert names(corpus.search("Kovalenko")) == ["b.txt"]


def test_site_boilerplate_is_learnt_once_per_folder_not_every_run(corpus, tmp_path, monkeypatch):
    import index.loader as loader

    reads: list[str] = []
    real = loader.read_bytes

    def counting(path, *a, **kw):
        reads.append(path)
        return real(path, *a, **kw)

    monkeypatch.setattr(loader, "read_bytes", counting)
    folder = tmp_path / "site"
    for i in range(6):
        write(folder, f"a{i}.txt", "Home | World | Sport\nSubscribe to our newsletter\n\n"
              + ARTICLE.replace("Geneva", f"Geneva{i}"))
    corpus.update([str(folder)], workers=1)
    assert len(reads) >= 3  # the folder's pages were sampled to learn its chrome
    reads.clear()
    write(folder, "a6.txt", "Home | World | Sport\nSubscribe to our newsletter\n\n" + ARTICLE)
    corpus.update([str(folder)], workers=1)
    assert reads == []  # one new page: what the folder taught is reused from the manifest
    assert corpus.count() == 7 and names(corpus.search("Geneva")) == ["a6.txt"]


def test_date_filters_match_the_stored_dates_across_updates(corpus, tmp_path):
    """Date filters and the date-only listing agree with a plain scan of every article's date,
    including undated articles, open-ended ranges, exclusions, and a changed file whose old
    version is still in an older segment."""
    from datetime import date

    folder = tmp_path / "site"
    days = ["January 5, 2021", "March 1, 2022", "March 31, 2022", "April 1, 2022", "December 31, 2022",
            "February 24, 2023", None]

    def page(i: int, day: str | None) -> str:
        text = ARTICLE.replace("Geneva", f"Geneva{i}").replace("Leaders meet", f"Leaders{i} meet")
        return text.replace("March 3, 2022", day) if day else text.replace("March 3, 2022\n", "")

    for i, day in enumerate(days):
        write(folder, f"p{i}.txt", page(i, day))
    corpus.update([str(folder)], workers=1)
    write(folder, "p1.txt", page(1, "June 15, 2024"))  # p1 moves from 2022 to 2024
    corpus.update([str(folder)], workers=1)

    from index.store import _column_values

    r = corpus.searcher().reader()
    for name in ("date", "sortdate"):  # read in one call per segment, as Whoosh reads them one by one
        assert _column_values(r, name) == list(r.column_reader(name, translate=False))
    every = corpus.search("*", limit=None)
    assert len(every) == len(days)
    dated = {Path(h["path"]).name: date.fromisoformat(h["date"]) for h in every if h["date"]}
    assert len(dated) == len(days) - 1 and dated["p1.txt"] == date(2024, 6, 15)

    def expect(keep):
        return sorted(n for n, d in dated.items() if keep(d))

    cases = {
        "date:2022": lambda d: d.year == 2022,
        "date:2022-03": lambda d: (d.year, d.month) == (2022, 3),
        "date:[2022-03-31 TO 2022-12-31]": lambda d: date(2022, 3, 31) <= d <= date(2022, 12, 31),
        "date:[2022-04-01 TO]": lambda d: d >= date(2022, 4, 1),
        "date:[TO 2022-03-01]": lambda d: d <= date(2022, 3, 1),
        "date:>2022-03-31": lambda d: d > date(2022, 3, 31),
        "date:<2022-03-31": lambda d: d < date(2022, 3, 31),
        "ceasefire date:2022": lambda d: d.year == 2022,
        "date:2022 -date:2022-03": lambda d: d.year == 2022 and d.month != 3,
        "date:>2021 date:<2023": lambda d: d.year == 2022,
        "date:2019": lambda d: False,
    }
    for q, keep in cases.items():
        assert names(corpus.search(q, limit=None)) == expect(keep), q
    # excluding dates keeps the undated article; a date-only query lists newest first
    assert "p6.txt" in names(corpus.search("ceasefire -date:2022", limit=None))
    newest = [Path(h["path"]).name for h in corpus.search("date:[2021-01-01 TO]", limit=3)]
    assert newest == ["p1.txt", "p5.txt", "p4.txt"]


def test_field_lengths_held_in_memory_score_as_whoosh_reads_them(corpus, tmp_path):
    """The searcher keeps field lengths in memory; every length, and so every score, is the
    one Whoosh reads from disk (including documents deleted or replaced since)."""
    from whoosh import index as windex

    from index.store import INDEX_NAME

    folder = tmp_path / "site"
    for i in range(6):
        extra = " The ceasefire held through the night." * (i * 7)
        write(folder, f"s{i}.txt", ARTICLE.replace("Geneva", f"Geneva{i}").replace("last year.", "last year." + extra))
    corpus.update([str(folder)], workers=1)
    write(folder, "s2.txt", ARTICLE.replace("Geneva", "Vienna"))
    corpus.update([str(folder)], workers=1)

    ours = corpus.searcher().reader()
    plain = windex.open_dir(corpus.whoosh_dir, indexname=INDEX_NAME).reader()
    try:
        fields = [n for n, f in plain.schema.items() if f.scorable]
        lengths = [[ours.doc_field_length(d, f) for f in fields] for d in range(ours.doc_count_all())]
        assert lengths == [[plain.doc_field_length(d, f) for f in fields] for d in range(plain.doc_count_all())]
        assert len({row[fields.index("body")] for row in lengths}) > 3  # the lengths differ between articles
        pq = corpus.parse("ceasefire")
        with windex.open_dir(corpus.whoosh_dir, indexname=INDEX_NAME).searcher() as s:
            expected = [(h["path"], round(h.score, 4)) for h in s.search(pq.query, limit=None)]
        assert [(h["path"], h["score"]) for h in corpus.search("ceasefire", limit=None)] == expected
    finally:
        plain.close()


SPILL_CHUNK_TEST = 7


def test_postings_spilled_to_disk_and_merged_index_the_same(tmp_path, monkeypatch):
    """A segment whose postings outgrow memory (spilled to disk in chunks and merged back)
    holds exactly the postings of one built in memory; so does a merge of small segments."""
    from whoosh import index as windex

    from index import segwrite, store

    folder = tmp_path / "site"
    for i in range(30):
        write(folder, f"s{i:02d}.txt", ARTICLE.replace("Geneva", f"Geneva{i:02d}").replace("Leaders", f"Leaders{i}"))

    def postings(c: Corpus) -> dict:
        out = {}
        with windex.open_dir(c.whoosh_dir, indexname=store.INDEX_NAME).searcher() as s:
            r = s.reader()
            paths = {d: s.stored_fields(d)["path"] for d in r.all_doc_ids()}
            for field in ("title", "body", "quotes", "speaker", "path"):
                for term in r.field_terms(field):
                    m, items = r.postings(field, term), []
                    while m.is_active():
                        items.append((paths[m.id()], m.weight(), m.value()))
                        m.next()
                    out[field, term] = sorted(items)
        return out

    plain = Corpus(tmp_path / "plain")
    plain.update([str(folder)], workers=1)
    monkeypatch.setattr(store, "SEGMENT_MB", 0.02)  # ~20 KB of postings in memory, then a run on disk
    monkeypatch.setattr(segwrite, "SPILL_CHUNK", SPILL_CHUNK_TEST)
    runs: list[int] = []
    spill = segwrite.TermBuffer.spill

    def counting(self):
        runs.append(self.size)
        return spill(self)

    monkeypatch.setattr(segwrite.TermBuffer, "spill", counting)
    spilled = Corpus(tmp_path / "spilled")
    spilled.update([str(folder)], workers=1)
    monkeypatch.setattr(store, "MAX_SMALL_SEGMENTS", 1)  # every run merges the small segments
    merged = Corpus(tmp_path / "merged")
    for i in range(0, 30, 10):
        for f in sorted(folder.iterdir())[i:i + 10]:
            write(tmp_path / "batches", f.name, f.read_text(encoding="utf-8"))
        merged.update([str(tmp_path / "batches")], workers=1)
    try:
        expected = postings(plain)
        assert len(expected) > 100
        assert postings(spilled) == expected
        got = postings(merged)
        assert {k: [(os.path.basename(p), w, v) for p, w, v in got[k]] for k in got if k[0] != "path"} == \
            {k: [(os.path.basename(p), w, v) for p, w, v in expected[k]] for k in expected if k[0] != "path"}
        assert _segments(merged) <= 2
        assert runs and max(runs) > SPILL_CHUNK_TEST  # runs of several chunks were written
    finally:
        for c in (plain, spilled, merged):
            c.close()


def _variant(i: int) -> str:
    """ARTICLE with words of its own, so terms differ in document frequency (one posting,
    a few, more than a posting block of 128)."""
    extra = " ".join(f"topic{j}" for j in range(i % 7)) + f" unique{i} shared{i % 3}"
    return ARTICLE.replace("Geneva", f"Geneva{i}").replace("late in the evening", f"late in the evening {extra}")


def _index_in_runs(corpus: Corpus, folder: Path, runs: int, per_run: int, digits: int = 3) -> None:
    """Add ``per_run`` new pages to ``folder`` and index it, ``runs`` times (a small segment each)."""
    for run in range(runs):
        for i in range(run * per_run, (run + 1) * per_run):
            write(folder, f"a{i:0{digits}d}.txt", _variant(i))
        corpus.update([str(folder)], workers=1)


def test_segment_bytes_are_those_of_whoosh_writer(tmp_path, monkeypatch):
    """The term-grouped segment writer writes the posting and term files byte for byte as
    Whoosh's own writer does for the same documents (with Whoosh's zlib settings and
    pickle protocol); with its own settings, the postings read back are the same."""
    import zlib

    from whoosh.filedb.filestore import FileStorage

    from index import segwrite
    from index.pipeline import process_file
    from index.schema import build_schema

    folder = tmp_path / "site"
    docs = []
    for i in range(300):
        p = write(folder, f"a{i:03d}.txt", _variant(i))
        docs.append(process_file(str(p), p.stat().st_size, p.stat().st_mtime_ns, None).doc)
    assert all(docs)
    def build(name: str, fast: bool) -> dict[str, bytes]:
        storage = FileStorage(str(tmp_path / name)).create()
        ix = storage.create_index(build_schema(), indexname="articles")
        w = segwrite.FastSegmentWriter(ix) if fast else ix.writer()
        for d in docs:
            w.add_document(**d)
        w.commit(merge=False)
        seg = ix._segments()[0]
        inner = seg.open_compound_file(storage)
        out = {}
        for ext in (".pst", ".trm"):
            with inner.open_file(seg.make_filename(ext)) as f:
                out[ext] = f.read()
        return out

    def postings(name: str) -> dict:
        from whoosh import index as windex

        out = {}
        with windex.open_dir(str(tmp_path / name), indexname="articles").reader() as r:
            for field, term in r.all_terms():
                out[field, term] = _all(r.postings(field, term))
        return out

    whoosh_files = build("whoosh", False)
    own = build("own", True)  # the writer's own block settings: smaller blocks
    assert len(own[".pst"]) < 0.8 * len(whoosh_files[".pst"])
    assert postings("own") == postings("whoosh")
    monkeypatch.setattr(segwrite, "COMPRESS_FROM", 0)
    monkeypatch.setattr(segwrite, "_compress", zlib.compress)
    monkeypatch.setattr(segwrite, "PICKLE_PROTOCOL", 2)
    ours = build("ours", True)
    assert len(whoosh_files[".pst"]) > 100_000
    assert ours == whoosh_files


def _all(m) -> list:
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_merge_with_deleted_documents_equals_a_fresh_index(tmp_path, monkeypatch):
    """Merging small segments that hold deleted (changed) documents leaves the postings of
    an index built from the final files in one go."""
    from whoosh import index as windex

    from index import store

    def postings(c: Corpus) -> dict:
        out = {}
        with windex.open_dir(c.whoosh_dir, indexname=store.INDEX_NAME).searcher() as s:
            r = s.reader()
            paths = {d: os.path.basename(s.stored_fields(d)["path"]) for d in r.all_doc_ids()}
            for field in ("title", "body", "quotes", "speaker", "author", "path"):
                if field not in r.indexed_field_names():
                    continue
                for term in r.field_terms(field):
                    m, items = r.postings(field, term), []
                    while m.is_active():
                        items.append((paths[m.id()], m.weight(), m.value()))
                        m.next()
                    if items and field != "path":
                        out[field, term] = sorted(items)
        return out

    from index import segwrite, sidepost

    monkeypatch.setattr(store, "MAX_SMALL_SEGMENTS", 3)  # the fifth run merges the four before it
    merged_with_deletions = []
    merge_reader = segwrite.FastSegmentWriter.merge_reader

    def recording(self, reader):
        merged_with_deletions.append(reader.has_deletions())
        return merge_reader(self, reader)

    monkeypatch.setattr(segwrite.FastSegmentWriter, "merge_reader", recording)
    monkeypatch.setattr(sidepost, "SIDE_FROM", 3)  # short lists in the side files too
    folder = tmp_path / "site"
    merged = Corpus(tmp_path / "merged")
    _index_in_runs(merged, folder, runs=4, per_run=40)
    for i in range(0, 160, 9):  # change a file in every segment
        write(folder, f"a{i:03d}.txt", _variant(i + 1000))
    merged.update([str(folder)], workers=1)
    fresh = Corpus(tmp_path / "fresh")
    fresh.update([str(folder)], workers=1)
    try:
        assert merged_with_deletions == [True] * 4
        assert _segments(merged) == 2
        expected = postings(fresh)
        assert len(expected) > 300 and ("body", "unique1000") in expected
        assert postings(merged) == expected
        assert merged.count() == fresh.count() == 160
        assert _side_lists_match_blocks(merged) > 30 and _side_lists_match_blocks(fresh) > 30
    finally:
        merged.close()
        fresh.close()


def _side_lists_match_blocks(c: Corpus) -> int:
    """Checks every segment's side file against its posting blocks: each list of at least
    ``SIDE_FROM`` documents is there with the same document numbers and weights, and in a
    field with positions the same positions; no shorter one is. Returns how many lists it
    holds."""
    from whoosh import index as windex

    from index import sidepost, store

    held = held_positions = 0
    with windex.open_dir(c.whoosh_dir, indexname=store.INDEX_NAME).reader() as r:
        for leaf, _ in r.leaf_readers():
            side = sidepost.open_side(leaf)
            assert side is not None
            for (field, term), ti in leaf._terms.items():
                m, ids, weights, positions = leaf.postings(field, term), [], [], []
                with_positions = m.supports("positions")
                while m.is_active():
                    ids.append(m.id())
                    weights.append(m.weight())
                    if with_positions:
                        positions.append(m.value_as("positions"))
                    m.next()
                got = None if ti.is_inlined() else side.get(ti.extent()[0])
                pos = None if ti.is_inlined() else side.positions(ti.extent()[0])
                if len(ids) >= sidepost.SIDE_FROM:
                    assert got is not None and (list(got[0]), list(got[1])) == (ids, weights), (field, term)
                    if with_positions:
                        flat = [p for ps in positions for p in ps]
                        assert pos is not None and list(pos[0]) == ids, (field, term)
                        assert (list(pos[1]), list(pos[2])) == ([len(ps) for ps in positions], flat)
                        held_positions += 1
                    else:
                        assert pos is None, (field, term)
                    held += 1
                else:
                    assert got is None and pos is None, (field, term)
    assert held_positions > 0
    return held


def _old_versions_run(tmp_path, monkeypatch, commit_every: int) -> tuple[Corpus, int]:
    """Index 30 pages in three runs, change 12 spread over them, index again (in commits of
    ``commit_every`` documents); returns the corpus and the deletes made by path lookup."""
    from whoosh.writing import SegmentWriter

    from index import store

    folder = tmp_path / "site"
    c = Corpus(tmp_path / "data")
    _index_in_runs(c, folder, runs=3, per_run=10, digits=2)
    for i in range(0, 30, 5):
        write(folder, f"a{i:02d}.txt", _variant(i + 500))  # unique500, unique505, ...
    for i in (1, 12, 23, 24, 28, 29):
        write(folder, f"a{i:02d}.txt", "\x00\x01\x02 binary now" * 50)  # skipped: old version goes
    by_path = []
    delete_by_term = SegmentWriter.delete_by_term
    monkeypatch.setattr(SegmentWriter, "delete_by_term",
                        lambda self, *a, **k: by_path.append(a) or delete_by_term(self, *a, **k))
    monkeypatch.setattr(store, "COMMIT_EVERY", commit_every)
    monkeypatch.setattr(store, "MAX_SMALL_SEGMENTS", 1)  # every commit merges: segments change mid-run
    monkeypatch.setattr(store, "_chunks", lambda args, workers: [args[i:i + 4] for i in range(0, len(args), 4)])
    report = c.update([str(folder)], workers=1)
    assert report.indexed == 6 and len(report.skipped) == 6
    return c, len(by_path)


@pytest.mark.parametrize("commit_every", [1000, 4])
def test_changed_files_replace_their_old_versions(tmp_path, monkeypatch, commit_every):
    """The old versions of changed (or now unreadable) files are deleted at commit, whether
    found while the workers analysed or, when a commit of the same run merged their
    segment meanwhile, by path."""
    c, by_path = _old_versions_run(tmp_path, monkeypatch, commit_every)
    try:
        assert c.count() == 24
        for i in range(0, 30, 5):
            assert names(c.search(f"unique{i + 500}")) == [f"a{i:02d}.txt"]
            assert c.search(f"unique{i}") == []  # the old version is gone
        assert names(c.search("unique7")) == ["a07.txt"]  # untouched pages stay
        for i in (1, 12, 23):
            assert c.search(f"unique{i}") == []
        if commit_every == 1000:
            assert by_path == 0  # one commit: every old version was found ahead
        else:
            assert by_path > 0  # later commits fell back for merged segments
    finally:
        c.close()
