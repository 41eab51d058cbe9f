"""Segment writing and merging: ours against Whoosh's own, in one run.

Backs the per-stage numbers in ``bench/SCALE.md``. Pages come from ``bench/corpus.py``
(generated into a temporary folder unless one is given) and are analysed once up front;
then, each stage in its own child process (so each reports its own peak RSS):

* write: one segment of all the pages, with Whoosh's ``SegmentWriter`` and with ours
  (``index/segwrite.py``), ms a page and peak RSS;
* merge: the pages written as segments of ``--small`` pages each, then merged into one,
  with Whoosh's ``add_reader`` and with ours (``merge_reader``), ms a live document.

    python bench/segments.py [--n 2000] [--folder ARCHIVE] [--small 250]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _files(folder: str, n: int) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        out += [os.path.join(root, f) for f in sorted(names) if f.endswith(".txt")]
    return out[:n]


def _docs(files: list[str]) -> list[dict]:
    from index.pipeline import process_file

    docs = []
    for p in files:
        st = os.stat(p)
        d = process_file(p, st.st_size, st.st_mtime_ns, None).doc
        if d is not None:
            docs.append(d)
    return docs


def _index(folder: str):
    from whoosh.filedb.filestore import FileStorage

    from index.schema import build_schema

    return FileStorage(folder, supports_mmap=False).create().create_index(build_schema(), indexname="articles")


def _writer(ix, ours: bool):
    from index.segwrite import FastSegmentWriter

    return FastSegmentWriter(ix, limitmb=96) if ours else ix.writer(limitmb=96)


def stage_write(docs: list[dict], ours: bool, folder: str) -> dict:
    ix = _index(folder)
    t = time.perf_counter()
    w = _writer(ix, ours)
    for d in docs:
        w.add_document(**d)
    w.commit(merge=False)
    return {"ms_per_page": (time.perf_counter() - t) * 1000 / len(docs)}


def stage_merge(docs: list[dict], ours: bool, small: int, folder: str) -> dict:
    from index import store

    ix = _index(folder)
    for i in range(0, len(docs), small):
        w = _writer(ix, True)
        for d in docs[i:i + small]:
            w.add_document(**d)
        w.commit(merge=False)
    # a changed page in every fourth segment: merges read around deleted documents
    w = _writer(ix, True)
    for d in docs[::4 * small]:
        w.delete_by_term("path", d["path"])
    w.commit(merge=False)
    t = time.perf_counter()
    w = _writer(ix, ours)
    if ours:  # the index's own merge policy, made to take every segment
        store.SMALL_SEGMENT, store.MAX_SMALL_SEGMENTS = 1 << 30, 0
        store._commit_with_segments(w, [])
    else:
        w.commit(optimize=True)
    elapsed = time.perf_counter() - t
    assert len(ix._segments()) == 1
    return {"ms_per_doc": elapsed * 1000 / ix.doc_count(), "docs": ix.doc_count()}


def child(args) -> None:
    docs = _docs(_files(args.folder, args.n))
    with tempfile.TemporaryDirectory(prefix="segments-index-") as tmp:
        out = (stage_write(docs, args.ours, tmp) if args.stage == "write"
               else stage_merge(docs, args.ours, args.small, tmp))
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(out))


def run_child(args, stage: str, ours: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", stage, "--folder", args.folder, "--n", str(args.n),
           "--small", str(args.small)] + (["--ours"] if ours else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=2000, help="pages")
    p.add_argument("--folder", default=None, help="an archive made by bench/corpus.py (default: made now)")
    p.add_argument("--small", type=int, default=250, help="pages a segment before the merge")
    p.add_argument("--child", dest="stage", default=None, help=argparse.SUPPRESS)
    p.add_argument("--ours", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.stage:
        child(args)
        return 0
    made = args.folder is None
    if made:
        import corpus

        args.folder = tempfile.mkdtemp(prefix="segments-")
        corpus.generate(args.n, args.folder)
    rows = []
    for stage, label, unit, key in (("write", "write one segment", "ms a page", "ms_per_page"),
                                    ("merge", f"merge {args.small}-page segments", "ms a document", "ms_per_doc")):
        ref, ours = run_child(args, stage, False), run_child(args, stage, True)
        rows.append(f"| {label} | {unit} | {ref[key]:.2f} | {ours[key]:.2f} | {ref['peak_rss_mb']} / "
                    f"{ours['peak_rss_mb']} MB |")
    print(f"{args.n} pages from {args.folder}\n")
    print("| stage | unit | Whoosh's | ours | peak RSS (Whoosh's / ours) |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    if made:
        shutil.rmtree(args.folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
