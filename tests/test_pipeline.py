"""Cleaning many files at once (``index.pipeline.clean_files``): worker processes, order,
and no file lost when a worker dies."""

from __future__ import annotations

import os
import sys

import pytest
from conftest import SEEDS, seed

from index import pipeline

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked on Linux")


def _files(tmp_path, n=20) -> list[str]:
    out = []
    for k in range(n):
        p = tmp_path / f"{k:02d}.txt"
        p.write_bytes((SEEDS / seed(k % 5)).read_bytes())
        out.append(str(p))
    return out


# The worker task the tests put in place: module-level so that the pool can name it; the
# folder it marks is set before the workers fork, and they inherit it.
_MARKS: dict = {}


def _marking_task(path):
    """Leave ``<file>.<pid>`` in the marks folder, die on ``07.txt`` when asked to."""
    (_MARKS["dir"] / f"{os.path.basename(path)}.{os.getpid()}").touch()
    if _MARKS["die"] and path.endswith("07.txt"):
        os._exit(3)  # a worker killed mid-run (out of memory, a signal)
    return _REAL_TASK(path)


_REAL_TASK = pipeline._task


def _pooled_run(tmp_path, monkeypatch, die: bool):
    """Clean 20 files with two workers that mark what they clean (and die on ``07.txt``)."""
    marks = tmp_path / "marks"
    marks.mkdir()
    (tmp_path / "in").mkdir()
    paths = _files(tmp_path / "in")
    monkeypatch.setitem(_MARKS, "dir", marks)
    monkeypatch.setitem(_MARKS, "die", die)
    monkeypatch.setattr(pipeline, "_task", _marking_task)
    monkeypatch.setattr(pipeline, "_fork_is_safe", lambda: True)  # pytest's own threads aside
    return paths, list(pipeline.clean_files(paths, workers=2)), [m.name for m in marks.iterdir()]


@linux_only
def test_clean_files_runs_workers_and_gives_every_file_in_order(tmp_path, monkeypatch):
    paths, got, marks = _pooled_run(tmp_path, monkeypatch, die=False)
    assert [p for p, _, _ in got] == paths
    assert all(c is not None and err is None for _, c, err in got)
    pids = {int(m.rsplit(".", 1)[1]) for m in marks}
    assert len(pids) == 2 and os.getpid() not in pids
    alone = list(pipeline.clean_files(paths, workers=1))
    assert [c.to_json(p) for p, c, _ in got] == [c.to_json(p) for p, c, _ in alone]


@linux_only
def test_a_dying_worker_loses_no_file(tmp_path, monkeypatch):
    paths, got, marks = _pooled_run(tmp_path, monkeypatch, die=True)
    assert [p for p, _, _ in got] == paths
    assert all(c is not None and c.title for _, c, _ in got)
    assert any(m.startswith("07.txt.") for m in marks)  # the worker did die on it


def test_few_files_are_cleaned_in_this_process(tmp_path, monkeypatch):
    paths = _files(tmp_path, n=pipeline.CLEAN_POOL_MIN_FILES * 2 - 1)

    def no_pool(*a, **k):
        raise AssertionError("a pool for too few files")
    monkeypatch.setattr(pipeline, "_pooled", no_pool)
    assert len(list(pipeline.clean_files(paths, workers=2))) == len(paths)


def test_clean_path_reports_unreadable_files(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    path, c, err = pipeline.clean_path(str(bad))
    assert path == str(bad) and c is None and "binary" in err
    path, c, err = pipeline.clean_path(str(tmp_path / "missing.txt"))
    assert c is None and err
