"""Shared fixtures: a private copy of the bundled seeds and a way to run the CLI as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir())


def seed(n: int) -> str:
    """The file name of seed ``n`` (000..004)."""
    return next(s for s in SEED_NAMES if s.startswith(f"{n:03d}_"))


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The seeds copied into a temp folder with fixed mtimes (deterministic 'newest' fallbacks)."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    for i, p in enumerate(sorted(dst.iterdir())):
        os.utime(p, (1_600_000_000 + i * 3600, 1_600_000_000 + i * 3600))
    return dst


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


def run_cli(*args: str, data_dir: Path | None = None, input: str | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m reader`` in a subprocess, exactly as a user's shell would."""
    full_env = dict(os.environ)
    full_env.pop("READER_DATA_DIR", None)
    if env:
        full_env.update(env)
    cmd = [sys.executable, "-m", "reader", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, input=input, env=full_env, timeout=timeout,
                          cwd=str(ROOT))


@pytest.fixture(scope="session")
def indexed_seeds(tmp_path_factory) -> Path:
    """A data dir with the seeds indexed once for the whole session (read-only use)."""
    base = tmp_path_factory.mktemp("indexed")
    src = base / "seeds"
    shutil.copytree(SEEDS, src)
    data = base / "data"
    res = run_cli("index", str(src), data_dir=data)
    assert res.returncode == 0, res.stderr
    return data
