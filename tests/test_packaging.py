"""The wheel carries the seeds, the stylesheet and the cleaner's models, so a plain ``pip install``
opens on the seeds and cleans as measured."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, SEED_NAMES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        pytest.fail(f"building the wheel failed: {res.stderr[-2000:]}")
    return next(out.glob("*.whl"))


def test_wheel_contains_seeds_and_css(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for s in SEED_NAMES:
        assert f"reader/seeds/{s}" in names
    assert "reader/app.tcss" in names
    assert any(n.startswith("index/") for n in names)
    # the cleaner's fitted models: without them it falls back to hand-set weights
    assert "index/clean_model.json" in names
    assert "index/html_trees.json" in names
    # the byline scorer's list of first names (index.metadata reads it at import)
    assert "index/first_names.txt" in names


def test_plain_install_finds_bundled_seeds(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = (f"import sys; sys.path.insert(0, {str(target)!r}); from reader.paths import seeds_dir; "
            "print(seeds_dir())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(tmp_path),
                         check=True).stdout.strip()
    assert out.startswith(str(target)) and out.endswith("seeds")


def test_editable_checkout_finds_repo_seeds():
    from reader.paths import seeds_dir

    assert sorted(p.name for p in seeds_dir().iterdir()) == SEED_NAMES
