"""Snippets and highlight spans: stemmed matches, prefixes, and nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.highlight import Matcher
from index.query import parse_query
from index.schema import build_schema
from index.store import _terms_of

TEXT = ("The negotiators were running late. Talks on the ceasefire resumed on Monday, and the "
        "happiest delegate said the happy outcome was near. Nobody talked about the talkative host.")


def matcher(query: str) -> Matcher:
    return Matcher(*_terms_of(parse_query(query, build_schema())))


def words_at(text, spans):
    return [text[s:e] for s, e in spans]


def test_stemmed_forms_match():
    assert words_at(TEXT, matcher("talk").spans(TEXT)) == ["Talks", "talked"]
    assert words_at(TEXT, matcher("run").spans(TEXT)) == ["running"]
    assert words_at(TEXT, matcher("happy").spans(TEXT)) == ["happy"]


def test_prefix_query():
    assert words_at(TEXT, matcher("negot*").spans(TEXT)) == ["negotiators"]


def test_no_terms_no_spans():
    assert matcher("*").spans(TEXT) == [] and not matcher("*")
    assert matcher("speaker:Peskov").spans(TEXT) == []


def test_snippets_mark_matches_and_stay_on_one_line():
    snips = matcher("ceasefire").snippets("First line.\n\n" + TEXT)
    assert len(snips) == 1 and "**ceasefire**" in snips[0] and "\n" not in snips[0]


def test_snippets_are_separate_for_distant_matches():
    text = "ceasefire " + "filler words here " * 40 + "another ceasefire"
    assert len(matcher("ceasefire").snippets(text, top=2)) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["talk", "peace*", '"peace talks"', "nato OR alliance"]))
def test_spans_are_valid_offsets(text, query):
    for s, e in matcher(query).spans(text):
        assert 0 <= s < e <= len(text)
