"""Regenerate the README screenshots by driving the reader with Textual's Pilot.

Run from the repository root (it uses a throwaway data directory, never yours)::

    python screenshots/make_screenshots.py

It writes ``main.svg`` (the three panes), ``search.svg`` (a search with its hits
highlighted), ``quotes.svg`` (the key-quotes pane focused) and ``bookmarks.svg`` (the
bookmarks view) next to this script.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from textual.worker import WorkerCancelled, WorkerFailed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


from reader.app import create_app  # noqa: E402

SIZE = (150, 40)


async def _settle(pilot) -> None:
    app = pilot.app
    for _ in range(500):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):  # replaced by a newer one, or reported by the app
            pass
        await pilot.pause()
        if not app._awaiting and not app.indexing and not any(w.is_running for w in app.workers):
            break
        await asyncio.sleep(0.02)
    app.query_one("#search").cursor_blink = False
    app.clear_notifications()
    await pilot.pause()


async def main(out: Path = HERE) -> list[Path]:
    tmp = Path(tempfile.mkdtemp(prefix="reader-shots-"))
    try:
        seeds = tmp / "seeds"
        shutil.copytree(ROOT / "seeds", seeds)
        for i, p in enumerate(sorted(seeds.iterdir())):
            os.utime(p, (1_600_000_000 + i * 3600, 1_600_000_000 + i * 3600))
        os.environ["READER_CONFIG_DIR"] = str(tmp / "config")
        app = create_app([str(seeds)], tmp / "data")
        written: list[Path] = []

        def shot(name: str) -> None:
            written.append(Path(app.save_screenshot(name, path=str(out))))

        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            shot("main.svg")

            await pilot.press("slash")
            app.query_one("#search").value = "peace talks"
            await pilot.press("enter")
            await _settle(pilot)
            await pilot.press("tab", "n")
            await _settle(pilot)
            shot("search.svg")

            await pilot.press("escape")
            await _settle(pilot)
            await pilot.press("j", "enter")
            await _settle(pilot)
            await pilot.press("tab", "tab")  # the quotes pane
            await pilot.press("b", "j", "b")
            await _settle(pilot)
            shot("quotes.svg")

            await pilot.press("B")
            await _settle(pilot)
            shot("bookmarks.svg")
            await pilot.press("q")
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    for p in asyncio.run(main()):
        print(p)
