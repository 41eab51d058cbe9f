"""Benchmark the quote extractor on an annotated JSON Lines set, in process.

    python bench/quotes.py [GOLD.jsonl] [--errors N] [--by-pattern]

GOLD defaults to ``../shared/eval/quotes/dev.jsonl`` relative to the repository root.
The metric is the project's quote scorer (span P/R/F1 by word-set Jaccard >= 0.5,
speaker accuracy on named gold speakers, share of bare-pronoun speakers, joint F1,
precision of ``key`` quotes), re-implemented here so the benchmark runs without the
CLI and without anything outside the standard library and this package. Besides our
extractor it scores a baseline (every span between double quotation marks, speaker =
nearest capitalised name in the paragraph) and textacy when it is importable.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.quotes import extract_quotes  # noqa: E402

DEFAULT_GOLD = ROOT / ".." / "shared" / "eval" / "quotes" / "dev.jsonl"

TOKEN = re.compile(r"\w+(?:['’]\w+)*")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "us", "me"}
DETS = {"the", "a", "an"}


# --- the scorer's metric (same definitions as the project's score_quotes.py) ----------


def tokens_of(text: str):
    starts, ends = [], []
    for m in TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def span_set(tok, a: int, b: int) -> frozenset:
    starts, ends = tok
    i = bisect.bisect_left(starts, a)
    out = []
    while i < len(starts) and starts[i] < b:
        if ends[i] <= b:
            out.append(i)
        i += 1
    return frozenset(out)


def match(golds, preds, thr=0.5):
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if g and p and not (max(p) < min(g) or min(p) > max(g)):
                inter = len(g & p)
                if inter:
                    pairs.append((inter / len(g | p), gi, pi))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for j, gi, pi in pairs:
        if j < thr:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "").replace("’", "'"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def words(s) -> list[str]:
    s = fold(s).lower()
    s = re.sub(r"'s\b", "", s)
    toks = re.findall(r"[^\W_]+", s)
    while toks and toks[0] in DETS:
        toks = toks[1:]
    return toks


def head(s) -> str | None:
    if not s:
        return None
    cut = re.split(r",|\(|\s—|\s–|\s-\s| who | which | that | for | from | at | of | in | with | on ",
                   " " + str(s) + " ", maxsplit=1)[0]
    toks = words(cut) or words(s)
    return toks[-1] if toks else None


def is_named(speaker: str | None) -> bool:
    h = head(speaker)
    if not h or h in PRONOUNS:
        return False
    m = re.search(r"\b" + re.escape(h) + r"\b", fold(speaker), re.I)
    return bool(m) and m.group(0)[:1].isupper()


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[dict], preds: list[list[dict]], secs: float, errors: list | None = None) -> dict:
    c = dict(gold=0, pred=0, tp=0, named=0, named_ok=0, joint=0, with_spk=0, pronoun=0, key=0, key_ok=0)
    for d, pred in zip(docs, preds):
        text = d["text"]
        tok = tokens_of(text)
        gold = d["quotes"]
        gs = [span_set(tok, q["start"], q["end"]) for q in gold]
        ps = [span_set(tok, q["start"], q["end"]) for q in pred]
        c["gold"] += sum(1 for g in gs if g)
        c["pred"] += sum(1 for p in ps if p)
        for q, p in zip(pred, ps):
            if p and q.get("speaker"):
                c["with_spk"] += 1
                c["pronoun"] += " ".join(words(q["speaker"])) in PRONOUNS
        pairs = match(gs, ps)
        hit_g = {gi for gi, _ in pairs}
        hit_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            c["tp"] += 1
            g_spk, p_spk = gold[gi].get("speaker"), pred[pi].get("speaker")
            if g_spk is None:
                ok = p_spk is None
            elif head(g_spk) in PRONOUNS:
                ok = bool(p_spk) and head(p_spk) not in PRONOUNS
            else:
                ok = head(g_spk) is not None and head(g_spk) in (
                    head(p_spk), head(pred[pi].get("speaker_mention")))
            c["joint"] += ok
            if is_named(g_spk):
                c["named"] += 1
                c["named_ok"] += ok
            if errors is not None and not ok:
                errors.append(("speaker", d.get("id"), gold[gi]["text"][:70], g_spk, p_spk,
                               pred[pi].get("speaker_mention")))
        for pi, q in enumerate(pred):
            if q.get("key") and ps[pi]:
                c["key"] += 1
                c["key_ok"] += pi in hit_p
                if errors is not None and pi not in hit_p:
                    errors.append(("badkey", d.get("id"), q["text"][:70], None, q.get("speaker"), None))
        if errors is not None:
            for gi in range(len(gold)):
                if gi not in hit_g and gs[gi]:
                    errors.append(("missed", d.get("id"), gold[gi]["text"][:90], gold[gi].get("speaker"),
                                   None, None))
            for pi in range(len(pred)):
                if pi not in hit_p and ps[pi]:
                    errors.append(("spurious", d.get("id"), pred[pi]["text"][:90], None,
                                   pred[pi].get("speaker"), None))
    P, R, F = prf(c["tp"], c["pred"], c["gold"])
    _, _, JF = prf(c["joint"], c["pred"], c["gold"])
    return {
        "f1": F, "precision": P, "recall": R,
        "named_speaker_acc": c["named_ok"] / c["named"] if c["named"] else None,
        "pronoun_share": c["pronoun"] / c["with_spk"] if c["with_spk"] else None,
        "joint_f1": JF,
        "key_precision": c["key_ok"] / c["key"] if c["key"] else None,
        "articles_per_s": len(docs) / secs if secs else None,
    }


# --- extractors -------------------------------------------------------------------------


def ours(text: str) -> list[dict]:
    return [q.to_json() for q in extract_quotes(text)]


_DQ = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_CAP = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def baseline(text: str) -> list[dict]:
    """Every span between double quotation marks; speaker = nearest capitalised name in the paragraph."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        ptxt = para.group()
        names = [(m.start() + para.start(), m.group()) for m in _CAP.finditer(ptxt)]
        for m in _DQ.finditer(ptxt):
            s, e = m.start(1) + para.start(), m.end(1) + para.start()
            best = None
            for pos, name in names:
                if s - 1 <= pos <= e:
                    continue
                d = min(abs(pos - s), abs(pos - e))
                if best is None or d < best[0]:
                    best = (d, name)
            out.append({"text": text[s:e], "start": s, "end": e, "speaker": best[1] if best else None,
                        "key": False})
    return out


def textacy_extractor():
    try:
        import spacy  # noqa: F401
        import textacy  # noqa: F401
        from textacy.extract import direct_quotations
    except Exception:
        return None
    try:
        nlp = spacy.load("en_core_web_sm")
    except Exception:
        return None

    def run(text: str) -> list[dict]:
        out = []
        for para in re.finditer(r"[^\n]+", text):
            doc = nlp(para.group())
            for q in direct_quotations(doc):
                s = q.content.start_char + para.start()
                e = q.content.end_char + para.start()
                t = text[s:e].strip("“”\"' ")
                k = text.find(t, s)
                out.append({"text": t, "start": k, "end": k + len(t),
                            "speaker": " ".join(x.text for x in q.speaker) or None, "key": False})
        return out

    return run


def run(extractor, docs: list[dict]) -> tuple[list[list[dict]], float, float]:
    """Predictions, wall-clock seconds and CPU seconds of this process (the latter is robust to
    other programs sharing the machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    preds = [extractor(d["text"]) for d in docs]
    return preds, time.perf_counter() - t0, time.process_time() - c0


def fmt(v, pct=False) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if not pct else f"{100 * v:.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind for ours")
    ap.add_argument("--repeat", type=int, default=7, help="timing repeats (best of)")
    a = ap.parse_args(argv)
    if not a.gold.exists():
        print(f"gold file not found: {a.gold}", file=sys.stderr)
        return 1
    docs = [json.loads(x) for x in a.gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = []
    errs: list = []
    def timed(extractor):
        preds, secs, cpu = run(extractor, docs)
        for _ in range(max(0, a.repeat - 1)):
            _, s2, c2 = run(extractor, docs)
            secs, cpu = min(secs, s2), min(cpu, c2)
        return preds, secs, cpu

    preds, secs, cpu = timed(ours)
    rows.append(("ours (index.quotes)", score(docs, preds, secs, errs), cpu))
    bpreds, bsecs, bcpu = timed(baseline)
    rows.append(("baseline: double-quoted spans + nearest name", score(docs, bpreds, bsecs), bcpu))
    tx = textacy_extractor()
    note = None
    if tx is None:
        note = "textacy (with spaCy and en_core_web_sm) is not installed: skipped"
    else:
        tpreds, tsecs, tcpu = run(tx, docs)
        rows.append(("textacy direct_quotations", score(docs, tpreds, tsecs), tcpu))
    print(f"{len(docs)} articles, {sum(len(d['quotes']) for d in docs)} gold quotes ({a.gold.name})\n")
    print("| method | span F1 | named speaker | pronoun speakers | joint F1 | key precision | articles/s "
          "| articles/s (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r, c in rows:
        aps = f"{r['articles_per_s']:.0f}" if r["articles_per_s"] else "-"
        cps = f"{len(docs) / c:.0f}" if c else "-"
        print(f"| {name} | {fmt(r['f1'])} | {fmt(r['named_speaker_acc'])} | {fmt(r['pronoun_share'], True)} "
              f"| {fmt(r['joint_f1'])} | {fmt(r['key_precision'])} | {aps} | {cps} |")
    print(f"\narticles/s: wall clock, best of {max(1, a.repeat)} runs, one process on one core; "
          "(CPU): by this process's CPU time, which other programs sharing the machine do not inflate. "
          f"Ours: {1000 * secs / len(docs):.2f} ms per article.")
    if note:
        print(f"Note: {note}.")
    if a.errors:
        for kind in ("missed", "spurious", "speaker", "badkey"):
            sel = [e for e in errs if e[0] == kind]
            print(f"\n{kind} ({len(sel)}):")
            for e in sel[: a.errors]:
                print(f"  [{e[1]}] {e[2]!r}  gold={e[3]!r} pred={e[4]!r} mention={e[5]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
