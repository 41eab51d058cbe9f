"""Fit the cleaner's line model (index/clean_model.json) on a dev set with gold article text.

Each non-empty line of a dump is labelled article text when its words appear, in order,
in the gold ``main_content`` (exact gold paragraph, or a substring of five or more words,
or a glued line whose words are mostly gold). A logistic regression over
``index.clean.line_features`` is fitted by Newton's method with numpy, then
the Viterbi switch cost is picked on the training pages by page-level bag-of-words F1.

    python bench/train_clean.py [DATASET]             # fit on all pages, write the model
    python bench/train_clean.py [DATASET] --cv        # fit on even pages, score odd, and back

The HTML line model is fitted on the raw pages' blocks (``index.dom``), over the text
features and the markup ones together: gradient-boosted trees (scikit-learn, from the
``bench`` extra), which the cleaner evaluates with numpy (``index.trees``).

The cross-validated figure is the honest one: the shipped model has seen the whole dev set.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

# One BLAS thread (numpy is imported later, inside the fitting functions): a multi-threaded
# sum is not bit-for-bit the same from run to run, and the model file this script writes
# should be (the shipped one is exactly its output).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import clean as C  # noqa: E402
from index import metadata as M  # noqa: E402

DEFAULT_DATASET = ROOT / ".." / "shared" / "eval" / "clean" / "wcxb-dev"
TOK = re.compile(r"\w+")


def _norm(s: str) -> str:
    return " ".join(TOK.findall(s.lower()))


def label_lines(lines: list[str], gold: str) -> list[int]:
    gold_norm = _norm(gold)
    paras = {_norm(p) for p in re.split(r"\n+", gold) if p.strip()}
    gold_tokens = Counter(gold_norm.split())
    out = []
    for s in lines:
        ns = _norm(s)
        if not ns:
            out.append(0)
            continue
        toks = ns.split()
        if ns in paras:
            out.append(1)
        elif len(toks) >= 5 and ns in gold_norm:
            out.append(1)
        elif len(toks) >= 30:
            hit = sum(1 for t in toks if gold_tokens.get(t))
            out.append(1 if hit / len(toks) > 0.8 else 0)
        else:
            out.append(0)
    return out


def load(dataset: Path):
    pages = []
    for jf in sorted(dataset.glob("*.json")):
        g = json.loads(jf.read_text(encoding="utf-8"))
        text = (dataset / f"{jf.stem}.txt").read_text(encoding="utf-8", errors="replace")
        lines = [s for s in (ln.strip() for ln in C._split_lines(text)) if s]
        feats = C.line_features(lines)
        labels = label_lines(lines, g.get("main_content") or "")
        pages.append({"id": jf.stem, "lines": lines, "feats": feats, "labels": labels, "gold": g.get("main_content") or "",
                      "type": g.get("page_type"), "title": g.get("title"), "date": g.get("date"), "author": g.get("author")})
    return pages


def load_html(dataset: Path):
    """The dev pages' HTML, as the HTML path sees it: blocks with their text and markup
    features, labelled like the dump lines."""
    import gzip

    from index.dom import html_blocks, parse_html
    from index.loader import decode

    pages = []
    for jf in sorted(dataset.glob("*.json")):
        g = json.loads(jf.read_text(encoding="utf-8"))
        with gzip.open(dataset / f"{jf.stem}.html.gz", "rb") as fh:
            tree = parse_html(decode(fh.read())[0])  # decoded as the CLI decodes a file
        lines, dom = html_blocks(tree) if tree is not None else ([], [])
        # fitted on raw lengths, Chinese and Japanese counted by characters at run time only
        # (why: index.clean._features)
        feats = [a + b for a, b in zip(C.line_features(lines, unspaced=False), dom)]
        pages.append({"id": jf.stem, "lines": lines, "feats": feats, "dom": dom,
                      "labels": label_lines(lines, g.get("main_content") or ""), "gold": g.get("main_content") or "",
                      "type": g.get("page_type")})
    return pages


def html_lines_f1(pages, spec, stay) -> float:
    from bench.clean import _bow_prf

    C._HTML_SPEC = spec
    fs = []
    for p in pages:
        probs = C._html_probs(p["feats"])
        keep = C.widen_low_prose(p["lines"], probs, C.smooth(probs, stay))
        fs.append(_bow_prf("\n".join(s for s, k in zip(p["lines"], keep) if k), p["gold"])[2])
    return statistics.mean(fs) if fs else 0.0


# The HTML trees: 120 of depth 6 at a learning rate of 0.17, each leaf holding 100 lines or
# more. Cross-validated on the dev set (full pipeline, articles / all pages): leaves of 20+
# lines (the default) 0.948 / 0.853, of 100+ 0.949-0.950 / 0.854-0.856 with 100, 120 or
# 200 trees; depth 8 or 15-leaf trees no better. Evaluation time grows with the number of
# trees (200 of them cost ~3 ms on a page of 300 blocks), so the smallest of those.
HTML_TREES = {"max_iter": 120, "max_depth": 6, "learning_rate": 0.17, "min_samples_leaf": 100,
              "l2_regularization": 10.0}
HTML_STAYS = (0.1, 0.25, 0.5, 1.0, 1.5, 2.0)


def tree_spec(model, n_features: int) -> dict:
    """scikit-learn's fitted trees in the flat form ``index.trees.TreeEnsemble`` reads.

    Thresholds and leaf values are rounded to 7 significant digits (the file stays small);
    the rounded trees are the ones scored here and shipped.
    """
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for (pred,) in model._predictors:  # one tree per boosting round (binary task)
        base = len(feature)
        roots.append(base)
        for i, nd in enumerate(pred.nodes):
            depth = max(depth, int(nd["depth"]))
            if nd["is_leaf"]:
                feature.append(0)
                threshold.append(0.0)
                left.append(base + i)
                right.append(base + i)
            else:
                feature.append(int(nd["feature_idx"]))
                threshold.append(float(f"{float(nd['num_threshold']):.7g}"))
                left.append(base + int(nd["left"]))
                right.append(base + int(nd["right"]))
            value.append(float(f"{float(nd['value']):.7g}") if nd["is_leaf"] else 0.0)
    return {"n_features": n_features, "baseline": float(f"{float(model._baseline_prediction.ravel()[0]):.7g}"),
            "depth": depth, "roots": roots, "feature": feature, "threshold": threshold, "left": left,
            "right": right, "value": value}


def fit_html(pages) -> tuple[dict, float]:
    """The HTML line model (gradient-boosted trees, scikit-learn) and its switch cost."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.array([f for p in pages for f in p["feats"]], dtype=float)
    y = np.array([lab for p in pages for lab in p["labels"]], dtype=int)
    m = HistGradientBoostingClassifier(**HTML_TREES, early_stopping=False, random_state=0)
    m.fit(X, y, sample_weight=line_weights(pages))
    spec = tree_spec(m, X.shape[1])
    best = max((html_lines_f1(pages, spec, s), s) for s in HTML_STAYS)
    print(f"  HTML switch cost {best[1]} -> train F1 {best[0]:.4f}", file=sys.stderr)
    return spec, best[1]


def html_pipeline_scores(pages, spec, stay) -> tuple[float, float]:
    """Text F1 (articles, all pages) of ``clean_text`` on the pages' blocks with this model."""
    from bench.clean import _bow_prf

    C._HTML_SPEC = spec
    C._HTML_STAY = stay
    fa, fl = [], []
    for p in pages:
        c = C.clean_text("\n".join(p["lines"]), dom=p["dom"])
        f = _bow_prf(c.text, p["gold"])[2]
        fl.append(f)
        if p["type"] == "article":
            fa.append(f)
    return statistics.mean(fa), statistics.mean(fl)


def line_weights(pages):
    """Each page weighs the same, and inside a page a line weighs by its words (half) and
    by being a line (half): the page-level bag-of-words F1 is what we are after, and a
    40-word paragraph matters more to it than a one-word menu item."""
    import numpy as np

    sw = []
    for p in pages:
        toks = [len(TOK.findall(s)) + 1 for s in p["lines"]]
        tot, n = sum(toks) or 1, len(toks) or 1
        sw.extend(0.5 * t / tot + 0.5 / n for t in toks)
    return np.array(sw) * (len(sw) / len(pages))


def fit(pages, l2: float = 1.0, iters: int = 25, key: str = "feats") -> list[float]:
    """L2-regularised logistic regression by Newton's method (IRLS) in numpy (installed with
    the package, for search); the cleaner itself evaluates the weights in plain Python."""
    import numpy as np

    X = np.array([f for p in pages for f in p[key]], dtype=float)
    y = np.array([lab for p in pages for lab in p["labels"]], dtype=float)
    sw = line_weights(pages)
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for it in range(iters):  # noqa: B007 (reported after the loop)
        z = np.clip(X @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = X.T @ (sw * (p - y)) + reg * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, grad)
        w -= step
        loss = -np.average(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12), weights=sw)
        if np.abs(step).max() < 1e-6:
            break
    print(f"  log-loss {loss:.4f} after {it + 1} Newton steps", file=sys.stderr)
    return [float(v) for v in w]


STAGE2 = False
CORPUS_BOILER_WEIGHT = -4.0
# The HTML model is surer of a line inside the article's container: at -4 a tagline the
# folder's pages all print inside the article body stays near p = 0.5 and is kept.
CORPUS_BOILER_WEIGHT_HTML = -6.0


def fit_both(pages) -> tuple[list[float], list[float]]:
    """Stage one on line features, and (with --stage2) stage two on the neighbours' stage-one
    probabilities. Stage two did not beat stage one in cross-validation (0.906 vs 0.908 on
    articles), so the shipped model has none and the clean path skips it."""
    w1 = fit(pages)
    if not STAGE2:
        return w1, []
    for p in pages:
        p["feats2"] = C.stage2_features(p["feats"], C._dot_probs(w1, p["feats"]))
    w2 = fit(pages, key="feats2")
    return w1, w2


def page_f1(pages, w1, w2, stay) -> float:
    from bench.clean import _bow_prf

    C._W[:] = w1
    C._W2[:] = w2
    fs = []
    for p in pages:
        probs = C.line_probabilities(p["feats"])
        keep = C.smooth(probs, stay)
        text = "\n".join(s for s, k in zip(p["lines"], keep) if k)
        fs.append(_bow_prf(text, p["gold"])[2])
    return statistics.mean(fs)


def pick_stay(pages, w1, w2) -> float:
    best = max((page_f1(pages, w1, w2, s), s) for s in (0.5, 1.0, 1.5, 2.0, 3.0))
    print(f"  switch cost {best[1]} -> train F1 {best[0]:.4f}", file=sys.stderr)
    return best[1]


def title_ok(pred, gold) -> bool:
    a, b = _norm(pred or ""), _norm(gold or "")
    return bool(a) and (a == b or (len(a) > 20 and (a in b or b in a)))


def fit_choice(groups, l2: float = 0.1, iters: int = 400) -> list[float]:
    """Conditional logit: a softmax over each page's candidates, the gold ones as the answer.
    It fits what we do with the scores (take the best candidate of the page) better than a
    line-by-line logistic fit."""
    import numpy as np

    X = np.concatenate([g[0] for g in groups])
    Y = np.concatenate([g[1] for g in groups])
    starts = np.cumsum([0] + [len(g[0]) for g in groups[:-1]])
    seg = np.repeat(np.arange(len(groups)), [len(g[0]) for g in groups])
    w = np.zeros(X.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, iters + 1):
        z = X @ w
        zmax = np.maximum.reduceat(z, starts)[seg]
        e = np.exp(z - zmax)
        den = np.add.reduceat(e, starts)[seg]
        p = e / den
        eg = e * Y
        gnum = np.add.reduceat(eg, starts)[seg]
        q = np.where(Y > 0, eg / np.maximum(gnum, 1e-300), 0.0)
        grad = X.T @ (p - q) / len(groups) + l2 * w / len(groups)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return [float(x) for x in w]


_META_CACHE: dict = {}


def meta_inputs(p) -> tuple[list[str], list[bool], list, list[float], int]:
    """The lines, keep decisions, features and probabilities ``clean_text`` hands to
    ``extract_metadata`` for this page (after its rules: comment cut, repeats, huge-input
    slicing), and the body start computed from them: the metadata scorers are fitted on
    exactly what they see at run time. Cached per page and line model."""
    key = (p["id"], hash(tuple(C._W)))
    if key not in _META_CACHE:
        if len(_META_CACHE) > 4 * 2000:
            _META_CACHE.clear()
        got = []
        orig = C.extract_metadata

        def hook(lines, keep, feats=None, probs=None, furniture=None):
            # a copy: clean_text goes on changing its keep list after the metadata (the
            # author's bio, the lines kept around a non-article's content), by rules that
            # follow the metadata found with the weights loaded at start, so the inputs,
            # and the model written, would depend on the model file the run started from
            got.append((lines, list(keep), feats, probs))
            return orig(lines, keep, feats, probs, furniture)

        C.extract_metadata = hook
        try:
            C.clean_text("\n".join(p["lines"]))
        finally:
            C.extract_metadata = orig
        lines, keep, feats, probs = got[0]
        _META_CACHE[key] = (lines, keep, feats, probs, M.body_start(lines, keep))
    return _META_CACHE[key]


def fit_title(pages) -> list[float]:
    """The headline scorer: a softmax over each page's candidates, on pages whose gold title
    is among them."""
    import numpy as np

    groups = []
    for p in pages:
        if not p.get("title"):
            continue
        lines, keep, feats, probs, body = meta_inputs(p)
        cands = M.title_candidates(lines, feats, probs, body, keep, C.hard_rule)
        labs = [1.0 if title_ok(M._trim_title(lines[i]), p["title"]) else 0.0 for i, _ in cands]
        if any(labs):
            groups.append((np.array([f for _, f in cands]), np.array(labs)))
    return fit_choice(groups)


def title_acc(pages, w) -> float:
    M._WEIGHTS["title"] = list(w)
    hits = n = 0
    for p in pages:
        if p["type"] != "article" or not p.get("title"):
            continue
        lines, keep, feats, probs, body = meta_inputs(p)
        t = M.pick_title(lines, feats, probs, body, keep, furniture=C.hard_rule)
        n += 1
        hits += title_ok(M._trim_title(lines[t]) if t is not None else "", p["title"])
    return hits / n if n else 0.0


def _date_pages(pages):
    for p in pages:
        if p["type"] != "article" or not p.get("date"):
            continue
        lines, keep, feats, probs, body = meta_inputs(p)
        t = M.pick_title(lines, feats, probs, body, keep, furniture=C.hard_rule)
        yield p, M.date_candidates(lines, probs, keep, t, body)


def _fit_weighted_logistic(X, y, sw) -> list[float]:
    """L2-regularised logistic regression by Newton steps, each page's candidates weighted to
    sum to one (a page with many candidate lines must not outvote the others)."""
    import numpy as np

    X, y, sw = np.array(X), np.array(y), np.array(sw)
    sw = sw * len(sw) / sw.sum()
    w = np.zeros(X.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (sw * (p - y)) + 1.0 * w
        H = (X * (sw * p * (1 - p))[:, None]).T @ X + np.eye(X.shape[1])
        w -= np.linalg.solve(H, grad)
    return [float(v) for v in w]


def fit_date(pages) -> list[float]:
    """The date scorer, on article pages whose gold date is among the candidates."""

    X, y, sw = [], [], []
    for p, cands in _date_pages(pages):
        labs = [1.0 if iso == p["date"][:10] else 0.0 for _, iso, _ in cands]
        if not any(labs):
            continue
        for (_, _, f), lab in zip(cands, labs):
            X.append(f)
            y.append(lab)
            sw.append(1.0 / len(cands))
    return _fit_weighted_logistic(X, y, sw)


def date_acc(pages, w, wr=None) -> float:
    M._WEIGHTS["date"] = list(w)
    hits = n = 0
    for p, cands in _date_pages(pages):
        c = M._choose(cands, w, wr, M.DATE_MIN_SCORE)
        n += 1
        hits += bool(c) and c[1] == p["date"][:10]
    return hits / n if n else 0.0


def author_ok(pred, gold) -> bool:
    a, b = _norm(pred or ""), _norm(gold or "")
    return bool(a) and (a == b or a in b or b in a)


def _author_pages(pages, unsigned: bool = False):
    """(page, byline candidates) per article page whose gold names an author; with
    ``unsigned``, per article page whose gold names none as well."""
    for p in pages:
        if p["type"] != "article" or not (p.get("author") or unsigned):
            continue
        lines, keep, feats, probs, body = meta_inputs(p)
        t = M.pick_title(lines, feats, probs, body, keep, furniture=C.hard_rule)
        _, dl = M.pick_date(lines, probs, keep, t, body)
        yield p, M.author_candidates(lines, feats, probs, keep, t, dl, body)


def fit_author(pages) -> list[float]:
    """Logistic weights over byline candidates, each page weighing one. Article pages that
    name no author count too, every candidate on them a negative: without them the model
    never learns that a page may have no byline, and names a menu item instead (2-fold
    cross-validated on the dev set: named-author accuracy 0.7014 -> 0.7018, a name on an
    article page whose gold has none 16.8% -> 13.7%)."""
    X, y, sw = [], [], []
    for p, cands in _author_pages(pages, unsigned=True):
        labs = [1.0 if p.get("author") and author_ok(name, p["author"]) else 0.0 for _, name, _ in cands]
        if not cands:
            continue
        for (_, _, f), lab in zip(cands, labs):
            X.append(f)
            y.append(lab)
            sw.append(1.0 / len(cands))
    return _fit_weighted_logistic(X, y, sw)


def author_acc(pages, w, wr=None) -> float:
    # set, as title_acc and date_acc do: what is fitted after this (the page type, whose
    # features include the byline found) must see these weights, not the ones in the model
    # file the run started from, or the file written would depend on it
    M._WEIGHTS["author"] = list(w)
    hits = n = 0
    for p, cands in _author_pages(pages):
        c = M._choose(cands, w, wr, M.AUTHOR_MIN_SCORE)
        n += 1
        hits += bool(c) and author_ok(c[1], p["author"])
    return hits / n if n else 0.0


def author_invented(pages, w, wr=None) -> float:
    """Share of the article pages whose gold names no author that get one anyway."""
    got = n = 0
    for p, cands in _author_pages(pages, unsigned=True):
        if not p.get("author"):
            n += 1
            got += M._choose(cands, w, wr, M.AUTHOR_MIN_SCORE) is not None
    return got / n if n else 0.0


_PAGE_CLASS = {"article": 0, "listing": 1, "collection": 1}  # every other gold type is "other"


def page_type_rows(pages):
    """(metadata, class) per page: what ``extract_metadata`` gives at run time (its page-type
    features and page type), and the gold class."""
    for p in pages:
        lines, keep, feats, probs, _ = meta_inputs(p)
        yield M.extract_metadata(lines, keep, feats, probs, C.hard_rule), _PAGE_CLASS.get(p["type"], 2)


def fit_page_type(pages, l2: float = 1 / 3, iters: int = 3000, lr: float = 0.5) -> list[float]:
    """Softmax regression over ``M.PAGE_TYPE_FEATURES`` (article / listing / other), by
    gradient descent in numpy; L2 on every weight but the bias. Flattened class by class."""
    import numpy as np

    rows = list(page_type_rows(pages))
    X = np.array([meta["page_type_features"] for meta, _ in rows], dtype=float)
    y = np.array([c for _, c in rows])
    n, k = X.shape
    Y = np.eye(len(M.PAGE_TYPES))[y]
    W = np.zeros((len(M.PAGE_TYPES), k))
    reg = np.full(k, l2)
    reg[0] = 0.0
    for _ in range(iters):
        z = X @ W.T
        z -= z.max(axis=1, keepdims=True)
        P = np.exp(z)
        P /= P.sum(axis=1, keepdims=True)
        W -= lr * (((P - Y).T @ X) / n + reg * W / n)
    return [round(float(v), 5) for v in W.ravel()]


def page_type_scores(pages, w) -> tuple[float, float]:
    """Share of articles called articles, and of other pages called something else."""
    M._WEIGHTS["page_type"] = list(w)
    # the page type clean_text reports (the teaser rule included)
    rows = [(meta["page_type"], c) for meta, c in page_type_rows(pages)]
    art = [g == "article" for g, c in rows if c == 0]
    non = [g != "article" for g, c in rows if c != 0]
    return statistics.mean(art), statistics.mean(non)


def pipeline_scores(pages) -> dict:
    """clean_text end to end (rules, metadata and all) with the weights currently set."""
    from bench.clean import _author_ok, _bow_prf, _date_ok, _title_ok

    fa, fl, t, d, au = [], [], [], [], []
    for p in pages:
        c = C.clean_text("\n".join(p["lines"]))
        f = _bow_prf(c.text, p["gold"])[2]
        fl.append(f)
        if p["type"] != "article":
            continue
        fa.append(f)
        if p.get("title"):
            t.append(_title_ok(c.title, p["title"]))
        if p.get("date"):
            d.append(_date_ok(c.date, p["date"]))
        if p.get("author"):
            au.append(_author_ok(c.author, p["author"]))
    return {"F1 articles": statistics.mean(fa), "F1 all": statistics.mean(fl), "title": statistics.mean(t),
            "date": statistics.mean(d), "author": statistics.mean(au)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    ap.add_argument("--cv", action="store_true", help="two-fold cross-validation instead of writing the model")
    ap.add_argument("--stage2", action="store_true", help="also fit the second-stage context model")
    a = ap.parse_args()
    global STAGE2
    STAGE2 = a.stage2
    pages = load(a.dataset)
    print(f"{len(pages)} pages, {sum(len(p['lines']) for p in pages)} lines", file=sys.stderr)
    if a.cv:
        folds = [pages[0::2], pages[1::2]]
        res, full, pt = [], [], []
        for i in (0, 1):
            train, test = folds[i], folds[1 - i]
            w1, w2 = fit_both(train)
            stay = pick_stay(train, w1, w2)
            C._STAY = stay  # what clean_text (metadata inputs, full pipeline) smooths with
            art = [p for p in test if p["type"] == "article"]
            res.append((page_f1(art, w1, w2, stay), page_f1(test, w1, w2, stay)))
            wt = fit_title(train)
            print(f"fold {i}: held-out title accuracy (articles) {title_acc(test, wt):.4f}")
            wd = fit_date(train)
            print(f"fold {i}: held-out date accuracy (articles) {date_acc(test, wd):.4f}")
            wa = fit_author(train)
            print(f"fold {i}: held-out author accuracy (articles) {author_acc(test, wa):.4f}, "
                  f"a name where the gold has none {author_invented(test, wa):.4f}")
            wp = fit_page_type(train)
            kept_art, found = page_type_scores(test, wp)
            pt.append((kept_art, found))
            print(f"fold {i}: held-out page type: articles called articles {kept_art:.3f}, "
                  f"other pages recognised {found:.3f}")
            print(f"fold {i}: held-out F1 articles {res[-1][0]:.4f}, all {res[-1][1]:.4f} (lines only, no metadata)")
            full.append(pipeline_scores(test))
            print(f"fold {i}: held-out full pipeline " + ", ".join(f"{k} {v:.4f}" for k, v in full[-1].items()))
        hpages = load_html(a.dataset)
        hf = []
        for i in (0, 1):
            w, stay = fit_html(hpages[i::2])
            hf.append(html_pipeline_scores(hpages[1 - i::2], w, stay))
            print(f"fold {i}: held-out HTML text F1 articles {hf[-1][0]:.4f}, all {hf[-1][1]:.4f}")
        print(f"cross-validated HTML text F1: articles {statistics.mean(r[0] for r in hf):.4f}, "
              f"all {statistics.mean(r[1] for r in hf):.4f}")
        print(f"cross-validated F1 (line model alone): articles {statistics.mean(r[0] for r in res):.4f}, "
              f"all {statistics.mean(r[1] for r in res):.4f}")
        print(f"cross-validated page type: articles called articles {statistics.mean(r[0] for r in pt):.3f}, "
              f"other pages recognised {statistics.mean(r[1] for r in pt):.3f}")
        print("cross-validated full pipeline: "
              + ", ".join(f"{k} {statistics.mean(f[k] for f in full):.4f}" for k in full[0]))
        return 0
    w1, w2 = fit_both(pages)
    # The dev set has one page per site, so "this block recurs across the corpus" never fires
    # in training and gets no weight; it is set by hand (strongly against) for the indexer,
    # which passes learn_boilerplate() over a real corpus.
    w1[C.FEATURE_NAMES.index("corpus_boiler")] = CORPUS_BOILER_WEIGHT
    stay = pick_stay(pages, w1, w2)
    C._STAY = stay
    wt = fit_title(pages)
    print(f"  title accuracy (train, articles) {title_acc(pages, wt):.4f}", file=sys.stderr)
    wd = fit_date(pages)
    print(f"  date accuracy (train, articles) {date_acc(pages, wd):.4f}", file=sys.stderr)
    wa = fit_author(pages)
    print(f"  author accuracy (train, articles) {author_acc(pages, wa):.4f}, "
          f"a name where the gold has none {author_invented(pages, wa):.4f}", file=sys.stderr)
    wp = fit_page_type(pages)
    print("  page type (train): articles called articles {:.3f}, other pages recognised {:.3f}".format(
        *page_type_scores(pages, wp)), file=sys.stderr)
    from index.dom import DOM_FEATURES

    html_trees, html_stay = fit_html(load_html(a.dataset))
    model = {"features": list(C.FEATURE_NAMES), "weights": [round(x, 5) for x in w1],
             "features2": list(C.STAGE2_NAMES), "weights2": [round(x, 5) for x in w2], "stay": stay,
             "title_features": list(M.TITLE_FEATURES), "title_weights": [round(x, 5) for x in wt],
             "date_features": list(M.DATE_FEATURES), "date_weights": [round(x, 5) for x in wd],
             "author_features": list(M.AUTHOR_FEATURES), "author_weights": [round(x, 5) for x in wa],
             "page_type_features": [f"{t}:{f}" for t in M.PAGE_TYPES for f in M.PAGE_TYPE_FEATURES],
             "page_type_weights": wp,
             "html_features": [*C.FEATURE_NAMES, *DOM_FEATURES],
             "html_stay": html_stay, "html_corpus_boiler": CORPUS_BOILER_WEIGHT_HTML,
             "trained_on": a.dataset.name, "pages": len(pages)}
    C._MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {C._MODEL_PATH.relative_to(ROOT)}")
    # the trees' node arrays, one field per line (a JSON list per line, not a value per line)
    C._HTML_TREES_PATH.write_text(
        "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in html_trees.items())
        + "\n}\n", encoding="utf-8")
    print(f"wrote {C._HTML_TREES_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
