"""One run of the real program in a real terminal (tmux), as a new user would drive it."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from conftest import run_cli

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def screen(target: str) -> str:
    return tmux("capture-pane", "-p", "-t", target)


def wait_for(target: str, predicate, timeout: float = 40.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen(target)
        if predicate(text):
            return text
        time.sleep(0.25)
    raise AssertionError(f"timed out; the screen was:\n{text}")


def test_reader_in_tmux(tmp_path, seeds_copy):
    data = tmp_path / "data"
    session = f"reader-e2e-{uuid.uuid4().hex[:8]}"
    # Textual draws on stderr, so it is not redirected: a traceback would land on the screen
    cmd = (f"{shlex.quote(sys.executable)} -m reader --data-dir {shlex.quote(str(data))} "
           f"{shlex.quote(str(seeds_copy))}; echo EXITED $?; sleep 30")
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    env["TERM"] = "xterm-256color"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "45", cmd],
                   check=True, env=env, timeout=30)
    target = f"{session}:0.0"
    try:
        text = wait_for(target, lambda s: "Articles (5)" in s and "BREAKING: Russia and Ukraine" in s)
        assert "Traceback" not in text
        tmux("send-keys", "-t", target, "/")
        time.sleep(0.5)
        tmux("send-keys", "-t", target, "-l", "Markarova")
        tmux("send-keys", "-t", target, "Enter")
        text = wait_for(target, lambda s: "Results (1)" in s and "Oksana Markarova" in s)
        assert "BREAKING: Russia and Ukraine" in text and "NATO’s ‘Weapons" not in text
        tmux("send-keys", "-t", target, "b")
        time.sleep(1.5)
        res = run_cli("bookmarks", "export", "--format", "json", data_dir=data)
        items = json.loads(res.stdout)
        assert len(items) == 1 and items[0]["text"] and items[0]["speaker"]
        assert items[0]["path"].endswith("001_1d2269f084862f0c.txt")
        start = time.monotonic()
        tmux("send-keys", "-t", target, "q")
        text = wait_for(target, lambda s: "EXITED" in s, timeout=10)
        assert time.monotonic() - start < 5
        assert "EXITED 0" in text and "Traceback" not in text
    finally:
        tmux("kill-session", "-t", session)
