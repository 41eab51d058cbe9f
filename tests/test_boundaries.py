"""Architecture checks: the index package stays free of UI code, the CLI stays fast to start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=str(ROOT), check=True).stdout
    return set(out.split())


def test_index_never_imports_textual_or_reader():
    mods = _modules_after("import index, index.loader, index.clean, index.html, index.quotes, index.store, "
                          "index.query, index.pipeline, index.metadata")
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert not any(m == "reader" or m.startswith("reader.") for m in mods)


def test_index_sources_do_not_mention_textual_or_reader_imports():
    for p in (ROOT / "index").glob("*.py"):
        src = p.read_text(encoding="utf-8")
        assert "import textual" not in src and "from textual" not in src, p
        assert "from reader" not in src and "import reader" not in src, p


def test_cli_commands_do_not_import_textual():
    code = ("import sys; from reader import cli\n"
            "sys.argv=['reader','clean','--json','seeds/" + "000_bb8d1670d419889b.txt']\n"
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): cli.main(sys.argv[1:])")
    mods = _modules_after(code)
    assert "textual" not in mods
    assert "reader.cli" in mods


def test_import_linter_contract_holds():
    import shutil

    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    res = subprocess.run([exe], capture_output=True, text=True, cwd=str(ROOT))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 kept, 0 broken" in res.stdout


def test_html_parser_loads_in_this_environment():
    """lxml must really load and parse: the HTML path has no second parser to fall back on."""
    from index.dom import html_blocks, parse_html

    tree = parse_html("<html><body><article><p>" + "Words of an article. " * 30 + "</p></article></body></html>")
    assert tree is not None
    assert html_blocks(tree)[0] == [("Words of an article. " * 30).strip()]


def test_numpy_is_imported_only_when_ranking_needs_it_or_asked_to():
    """The index modules leave numpy unimported (a ``reader search`` process for words
    starts faster); ``prepare_search``, which the TUI calls in the background after its
    first paint, imports it."""
    mods = _modules_after("import index.store, index.bulk, index.clean, index.quotes")
    assert "numpy" not in mods
    assert "numpy" in _modules_after("from index.store import Corpus\nCorpus.prepare_search()")


def test_cleaning_a_dump_imports_neither_dateutil_nor_platformdirs_unless_needed():
    """``reader clean`` keeps no state, so it never looks for the data directory; dateutil
    checks a time of day written after an ISO date, and is imported on the first one. Both
    imports are a share of the start-up paid once per process by every short cleaning run."""
    run = ("import sys; from reader import cli\n"
           "sys.argv=['reader','clean','--json','seeds/000_bb8d1670d419889b.txt']\n"
           "import contextlib, io\n"
           "with contextlib.redirect_stdout(io.StringIO()): cli.main(sys.argv[1:])")
    mods = _modules_after(run)
    assert "index.clean" in mods
    assert "platformdirs" not in mods and "dateutil" not in mods
    mods = _modules_after("from index.metadata import parse_dates\n"
                          "assert parse_dates('Posted 2024-03-05 14:20') == [(7, '2024-03-05')]")
    assert "dateutil" in mods
