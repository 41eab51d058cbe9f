"""A gradient-boosted tree ensemble, evaluated with numpy.

The HTML line model is a set of small regression trees (fitted by bench/train_clean.py with
scikit-learn, which the cleaner does not need): a block's markup features interact in ways
a linear model cannot weigh (a short line is a heading inside the main container and a menu
item inside a ``<nav>``; link text is fine in a paragraph and damning in a list).

Trees are walked for all lines of a page and all trees at once: one gather and one
comparison per level of depth over a (trees x lines) array, instead of a Python loop per
node. A page of 300 blocks through 120 trees of depth 6 takes about 2 ms.

The stored form is flat: every node of every tree in one list per field. A leaf points to
itself on both sides, so walking ``depth`` steps from every root lands on a leaf whatever
the depth of the branch.
"""

from __future__ import annotations

# Rows evaluated at once: 120 trees x 2,000 rows keep the work arrays near 10 MB.
_BLOCK = 2000

#: Keys of the stored form (``TreeEnsemble.spec``).
SPEC_KEYS = ("n_features", "baseline", "depth", "roots", "feature", "threshold", "left", "right", "value")


class TreeEnsemble:
    """Sum of regression trees plus a baseline: the log-odds that a line is article text.

    A node sends a row left when ``row[feature] <= threshold``, as scikit-learn's
    histogram gradient boosting does.
    """

    def __init__(self, spec: dict):
        import numpy as np  # here, not at module level: dumps never need the trees

        missing = [k for k in SPEC_KEYS if k not in spec]
        if missing:
            raise ValueError(f"tree ensemble without {', '.join(missing)}")
        self.spec = spec
        self.n_features = int(spec["n_features"])
        self.baseline = float(spec["baseline"])
        self.depth = int(spec["depth"])
        self._np = np
        self._roots = np.asarray(spec["roots"], dtype=np.intp)
        self._feature = np.asarray(spec["feature"], dtype=np.intp)
        self._threshold = np.asarray(spec["threshold"], dtype=float)
        self._left = np.asarray(spec["left"], dtype=np.intp)
        self._right = np.asarray(spec["right"], dtype=np.intp)
        self._value = np.asarray(spec["value"], dtype=float)
        n = len(self._feature)
        if not (len(self._threshold) == len(self._left) == len(self._right) == len(self._value) == n):
            raise ValueError("tree ensemble fields of different lengths")
        for arr in (self._roots, self._left, self._right):
            if len(arr) and (arr.min() < 0 or arr.max() >= n):
                raise ValueError("tree ensemble node index out of range")
        if n and (self._feature.min() < 0 or self._feature.max() >= self.n_features):
            raise ValueError("tree ensemble feature index out of range")

    def logits(self, rows: list[list[float]]):
        """Log-odds for each row (a numpy array of ``len(rows)`` floats)."""
        np = self._np
        n = len(rows)
        if n == 0 or len(self._roots) == 0:
            return np.full(n, self.baseline)
        x = np.asarray(rows, dtype=float)
        if x.ndim != 2 or x.shape[1] != self.n_features:
            raise ValueError(f"expected rows of {self.n_features} features")
        if n <= _BLOCK:
            return self._block(x)
        # A huge page in slices: the work arrays hold (trees x rows) entries, ~40 bytes each.
        return np.concatenate([self._block(x[i:i + _BLOCK]) for i in range(0, n, _BLOCK)])

    def _block(self, x):
        np = self._np
        n = len(x)
        flat = np.ascontiguousarray(x.T).ravel()  # feature-major: feature f of row r at f*n + r
        node = np.repeat(self._roots, n)  # tree-major: tree t, row r at t*n + r
        row = np.tile(np.arange(n), len(self._roots))
        for _ in range(self.depth):
            go_left = flat[self._feature[node] * n + row] <= self._threshold[node]
            node = np.where(go_left, self._left[node], self._right[node])
        return self.baseline + self._value[node].reshape(len(self._roots), n).sum(axis=0)
