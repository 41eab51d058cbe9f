"""The tree ensemble evaluator (index.trees) on hand-built trees."""

import random

import pytest

from index.trees import TreeEnsemble

# Two trees over 2 features:
#   tree 0: x0 <= 0.5 ? (x1 <= 2 ? 1.0 : 2.0) : -1.0
#   tree 1: a lone leaf worth 0.25
SPEC = {
    "n_features": 2,
    "baseline": -0.5,
    "depth": 2,
    "roots": [0, 5],
    "feature": [0, 1, 0, 0, 0, 0],
    "threshold": [0.5, 2.0, 0.0, 0.0, 0.0, 0.0],
    "left": [1, 2, 2, 3, 4, 5],
    "right": [4, 3, 2, 3, 4, 5],
    "value": [0.0, 0.0, 1.0, 2.0, -1.0, 0.25],
}


def walk(row):
    t0 = (1.0 if row[1] <= 2 else 2.0) if row[0] <= 0.5 else -1.0
    return -0.5 + t0 + 0.25


def test_logits_follow_each_tree_to_its_leaf():
    m = TreeEnsemble(SPEC)
    rows = [[0.0, 1.0], [0.5, 2.0], [0.5, 2.5], [0.6, 0.0], [3.0, 9.0]]
    assert list(m.logits(rows)) == [walk(r) for r in rows]  # threshold ties go left


def test_random_rows_match_a_plain_walk():
    rnd = random.Random(7)
    rows = [[rnd.uniform(-1, 2), rnd.uniform(0, 4)] for _ in range(500)]
    assert list(TreeEnsemble(SPEC).logits(rows)) == [walk(r) for r in rows]


def test_no_rows_and_no_trees():
    assert len(TreeEnsemble(SPEC).logits([])) == 0
    bare = {**SPEC, "roots": [], "feature": [], "threshold": [], "left": [], "right": [], "value": []}
    assert list(TreeEnsemble(bare).logits([[1.0, 1.0]])) == [-0.5]


@pytest.mark.parametrize("damage", [
    {"left": [1, 2, 2, 3, 4, 99]},  # a node index out of range
    {"feature": [0, 7, 0, 0, 0, 0]},  # a feature the rows do not have
    {"value": [0.0]},  # fields of different lengths
])
def test_damaged_specs_are_refused(damage):
    with pytest.raises(ValueError):
        TreeEnsemble({**SPEC, **damage})
    spec = dict(SPEC)
    del spec["depth"]
    with pytest.raises(ValueError):
        TreeEnsemble(spec)


def test_rows_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError):
        TreeEnsemble(SPEC).logits([[1.0, 2.0, 3.0]])


def test_many_rows_are_evaluated_in_slices_with_the_same_result(monkeypatch):
    import index.trees as trees_mod

    rnd = random.Random(3)
    rows = [[rnd.uniform(-1, 2), rnd.uniform(0, 4)] for _ in range(1000)]
    monkeypatch.setattr(trees_mod, "_BLOCK", 64)  # 1000 rows: 16 slices, the last one short
    assert list(TreeEnsemble(SPEC).logits(rows)) == [walk(r) for r in rows]
