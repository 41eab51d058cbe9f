"""The fused text analyzer gives exactly the tokens of the Whoosh chain it replaces."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import CharsetFilter, StemmingAnalyzer
from whoosh.lang.porter2 import stem
from whoosh.support.charset import accent_map

from index.analysis import TextAnalyzer

CHAIN = StemmingAnalyzer(stemfn=stem, minsize=1) | CharsetFilter(accent_map)
FUSED = TextAnalyzer()

MODES = [
    {},
    {"positions": True, "mode": "index"},
    {"positions": True, "chars": True},
    {"positions": True, "chars": True, "removestops": False, "mode": "query"},
    {"keeporiginal": True, "chars": True, "positions": True, "start_pos": 3, "start_char": 5},
    {"tokenize": False},
    {"tokenize": False, "removestops": False, "positions": True},
    {"no_morph": True, "positions": True},
]

TEXTS = [
    "",
    "The",
    "The talks were running late, and the ministers' statements (U.S.-led) read: 'we are not leaving'.",
    "Zelenskyy’s café in Kyiv — naïve résumé, Straße, İstanbul; 3.14 and v2.0.1 **bold** ***",
    "It is what it is: a an the of to in",
]


def tokens(analyzer, text, **kw):
    out = []
    for t in analyzer(text, **kw):
        out.append((t.text, t.stopped, t.boost,
                    t.pos if kw.get("positions") else None,
                    (t.startchar, t.endchar) if kw.get("chars") else None,
                    t.original if kw.get("keeporiginal") else None))
    return out


@pytest.mark.parametrize("kw", MODES)
@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_as_the_whoosh_chain(text, kw):
    assert tokens(FUSED, text, **kw) == tokens(CHAIN, text, **kw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_same_tokens_for_any_text(text):
    for kw in MODES[1:4]:
        assert tokens(FUSED, text, **kw) == tokens(CHAIN, text, **kw)


def test_survives_pickling_in_the_schema_without_its_cache():
    a = TextAnalyzer()
    list(a("running dogs"))
    state = pickle.dumps(a)
    assert b"running" not in state and b"dog" not in state
    b = pickle.loads(state)
    assert b == a
    assert [t.text for t in b("Running dogs")] == ["run", "dog"]


@pytest.mark.parametrize("text", TEXTS + ["the the talks talks the running, ran; runs " * 20])
def test_fast_positions_format_writes_the_same_postings(text):
    from whoosh.formats import Positions

    from index.analysis import StemmedPositions

    for boost in (1.0, 2.5):
        fast = sorted(StemmedPositions(field_boost=boost).word_values(text, FUSED, mode="index"))
        slow = sorted(Positions(field_boost=boost).word_values(text, CHAIN, mode="index"))
        assert fast == slow
