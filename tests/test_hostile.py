"""Hostile input and faults: good files indexed, bad ones named with a reason, nothing crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

GOOD = """Daily Courier

Negotiators agree on a prisoner exchange

By Lena Hoffmann

June 5, 2023

Negotiators from both sides agreed on Monday to exchange two hundred prisoners, officials said.
“This is the first step, not the last,” said Tomasz Wielgosz, the mediator, after the meeting.
The exchange is expected to take place at the border crossing within a week, according to the agreement.
"""


def build_hostile_folder(root: Path) -> Path:
    """One good article plus every kind of bad file a news folder meets."""
    d = root / "hostile folder ñ"
    d.mkdir(parents=True)
    (d / "good article.txt").write_text(GOOD, encoding="utf-8")
    (d / "bom.txt").write_bytes("\ufeff".encode() + GOOD.replace("prisoner", "bomprisoner").encode())
    (d / "utf16.txt").write_bytes(GOOD.replace("prisoner", "sixteenword").encode("utf-16"))
    (d / "cp1252.txt").write_bytes(GOOD.replace("prisoner", "smartquoteword").encode("cp1252"))
    (d / "crlf.txt").write_bytes(GOOD.replace("prisoner", "crlfword").replace("\n", "\r\n").encode())
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\n\t  \n")
    (d / "nul.txt").write_bytes(GOOD.replace("prisoner", "nulword").encode() + b"\x00\x00tail")
    (d / "oneline.txt").write_text(("longlineword and more words " * 190_000)[:5_000_000])
    (d / "marks.txt").write_text("Opening words “ " * 20_000 + "\nend")
    (d / "escapes.txt").write_text("Title \x1b[31mred\x1b[0m\n\n\x1b]0;pwned\x07[bold]markup[/] [link=http://x]x[/link] "
                                   "\u202eevil and a paragraph long enough to count as text in an article.\n")
    (d / "ünïcödé név.txt").write_text(GOOD.replace("prisoner", "unicodenameword"))
    (d / "loop").symlink_to(d)
    unreadable = d / "unreadable.txt"
    unreadable.write_text(GOOD)
    unreadable.chmod(0)
    return d


def test_hostile_folder_indexes_to_completion(tmp_path):
    folder = build_hostile_folder(tmp_path)
    data = tmp_path / "data"
    res = run_cli("index", str(folder), "--json", data_dir=data, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    rep = json.loads(res.stdout)
    reasons = {Path(s["path"]).name: s["reason"] for s in rep["skipped"]}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "loop" in reasons["loop"]
    if os.geteuid() != 0:  # root reads any file
        assert "permission" in reasons["unreadable.txt"]
    for word in ["prisoner", "bomprisoner", "sixteenword", "smartquoteword", "crlfword", "nulword",
                 "longlineword", "unicodenameword"]:
        hits = run_cli("search", word, "--json", data_dir=data)
        assert hits.returncode == 0 and hits.stdout.strip(), word


def test_escape_file_prints_no_escape_byte(tmp_path):
    folder = build_hostile_folder(tmp_path)
    res = run_cli("clean", str(folder / "escapes.txt"))
    assert res.returncode == 0 and "\x1b" not in res.stdout and "\u202e" not in res.stdout
    assert "[bold]markup[/]" in res.stdout


def test_unmatched_marks_finish_quickly(tmp_path):
    from index.quotes import extract_quotes

    start = time.monotonic()
    extract_quotes("He said “ " * 20_000)
    extract_quotes('She said " ' * 20_000)
    assert time.monotonic() - start < 20


def test_fifty_megabyte_file_is_searchable(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    para = "The committee discussed the harbour budget at length and without conclusion. " * 12 + "\n\n"
    with open(folder / "big.txt", "w") as fh:
        fh.write("Harbour report\n\n")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(para)
        fh.write("The final line mentions the zanzibarword at the very end.\n")
    data = tmp_path / "data"
    res = run_cli("index", str(folder), "--json", data_dir=data, timeout=600)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["indexed"] == 1
    res = run_cli("search", "zanzibarword", "--json", data_dir=data)
    assert "big.txt" in res.stdout


def test_sigkill_mid_index_then_recover(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"a{i:04d}.txt").write_text(GOOD.replace("prisoner", f"uniq{i:04d}"))
    data = tmp_path / "data"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "reader", "index", str(folder), "--data-dir", str(data),
                             "--workers", "1"], cwd=str(ROOT), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    res = run_cli("search", "uniq0001", data_dir=data)
    assert res.returncode in (0, 1) and "Traceback" not in res.stderr
    res = run_cli("index", str(folder), "--json", data_dir=data, timeout=300)
    assert res.returncode == 0, res.stderr
    res = run_cli("search", "*", "--json", "--limit", "0", data_dir=data)
    assert len(res.stdout.splitlines()) == 400
    assert "a0399.txt" in run_cli("search", "uniq0399", data_dir=data).stdout


def test_two_indexers_at_once(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(120):
        (folder / f"a{i:04d}.txt").write_text(GOOD.replace("prisoner", f"uniq{i:04d}"))
    data = tmp_path / "data"
    cmd = [sys.executable, "-m", "reader", "index", str(folder), "--data-dir", str(data), "--workers", "1"]
    procs = [subprocess.Popen(cmd, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert not any("Traceback" in err for _, err in outs)
    res = run_cli("search", "*", "--json", "--limit", "0", data_dir=data)
    assert len(res.stdout.splitlines()) == 120


def test_corrupt_manifest_is_rebuilt(tmp_path, seeds_copy):
    data = tmp_path / "data"
    assert run_cli("index", str(seeds_copy), data_dir=data).returncode == 0
    (data / "index" / "manifest.sqlite").write_bytes(b"garbage" * 1000)
    res = run_cli("index", str(seeds_copy), "--json", data_dir=data)
    assert res.returncode == 0 and "rebuilt" in res.stderr and "Traceback" not in res.stderr
    assert json.loads(res.stdout)["indexed"] == 5


def test_bookmarks_survive_index_deletion_and_rebuild(tmp_path, seeds_copy):
    import shutil

    from reader.bookmarks import Bookmarks

    data = tmp_path / "data"
    assert run_cli("index", str(seeds_copy), data_dir=data).returncode == 0
    bm = Bookmarks(data / "bookmarks.sqlite")
    bm.add(text="A quote.", speaker="Someone", path=str(seeds_copy / "x.txt"))
    bm.close()
    assert run_cli("index", str(seeds_copy), "--rebuild", data_dir=data).returncode == 0
    shutil.rmtree(data / "index")
    assert run_cli("index", str(seeds_copy), data_dir=data).returncode == 0
    con = sqlite3.connect(data / "bookmarks.sqlite")
    assert con.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 1


def test_damaged_bookmarks_db_reported_not_replaced(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "bookmarks.sqlite").write_bytes(b"not sqlite" * 200)
    res = run_cli("bookmarks", "list", data_dir=data)
    assert res.returncode == 1 and "damaged" in res.stderr and "Traceback" not in res.stderr
    assert (data / "bookmarks.sqlite").read_bytes().startswith(b"not sqlite")


@pytest.mark.parametrize("query", ['"unbalanced', "((a)", "title:", "nofield:x", "x" * 10_000, "Путин AND 和平",
                                   "*", "date:[2022 TO", "a OR", "NOT"])
def test_queries_never_traceback(indexed_seeds, query):
    res = run_cli("search", query, data_dir=indexed_seeds)
    assert res.returncode in (0, 2) and "Traceback" not in res.stderr
    if res.returncode == 2:
        assert len(res.stderr.strip().splitlines()) == 1


def test_disk_full_gives_clear_message_and_usable_index(tmp_path, seeds_copy, monkeypatch, capsys):
    import errno

    from whoosh.writing import SegmentWriter

    from reader import cli

    data = tmp_path / "data"
    assert cli.main(["index", str(seeds_copy), "--data-dir", str(data)]) == 0
    (seeds_copy / "new.txt").write_text(GOOD)

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full)
    capsys.readouterr()
    assert cli.main(["index", str(seeds_copy), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "disk is full" in err and "Traceback" not in err
    monkeypatch.undo()
    assert cli.main(["search", "Markarova", "--json", "--data-dir", str(data)]) == 0
    assert "001_" in capsys.readouterr().out
    assert cli.main(["index", str(seeds_copy), "--json", "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out)["indexed"] == 1


def test_reader_open_while_cli_indexes(tmp_path, seeds_copy):
    """A long-lived reader (as the TUI holds) sees what a CLI index run adds, and never breaks."""
    from index.store import Corpus

    data = tmp_path / "data"
    assert run_cli("index", str(seeds_copy), data_dir=data).returncode == 0
    reader = Corpus(data / "index")
    assert len(reader.search("*", limit=None)) == 5
    (seeds_copy / "new.txt").write_text(GOOD)
    assert run_cli("index", str(seeds_copy), data_dir=data).returncode == 0
    assert len(reader.search("*", limit=None)) == 6
    assert run_cli("index", str(seeds_copy), "--rebuild", data_dir=data).returncode == 0
    assert len(reader.search("prisoner")) == 1
    reader.close()


def test_kill_during_bookmark_writes_loses_at_most_the_write_in_flight(tmp_path):
    db = tmp_path / "bookmarks.sqlite"
    code = ("import sys, itertools\n"
            "from reader.bookmarks import Bookmarks\n"
            f"b = Bookmarks({str(db)!r})\n"
            "for i in itertools.count():\n"
            "    b.add(text=f'quote {i}', speaker='Someone', path='/a.txt')\n"
            "    if i == 50: print('ready', flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=str(ROOT), stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    texts = [r[0] for r in con.execute("SELECT text FROM bookmarks ORDER BY id")]
    con.close()
    # every committed bookmark is there, in order, with no gap: nothing before the kill was lost
    assert len(texts) > 50 and texts == [f"quote {i}" for i in range(len(texts))]
    from reader.bookmarks import Bookmarks

    b = Bookmarks(db)
    assert b.add(text="after the kill", speaker=None, path="/a.txt")
    b.close()


def test_ctrl_c_keeps_analysed_files_and_next_run_resumes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    import random

    rng = random.Random(7)
    vocab = ("talks delegation border crossing minister said officials agreed week council budget "
             "prisoners exchange ceasefire report figures villages river bridge morning evening").split()

    def paragraph() -> str:
        return " ".join(rng.choice(vocab) for _ in range(40)).capitalize() + ".\n\n"

    for i in range(900):
        body = "".join(paragraph() for _ in range(40))  # unique prose, ~11 KB a file
        (folder / f"a{i:04d}.txt").write_text(GOOD.replace("prisoner", f"uniq{i:04d}") + "\n" + body)
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "reader", "index", str(folder), "--data-dir", str(data),
                             "--workers", "2"], cwd=str(ROOT), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    incoming = data / "index" / "whoosh" / "incoming"  # appears when the first segment starts
    deadline = time.monotonic() + 60
    while not incoming.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C does: the whole process group
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt")
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    kept = len(run_cli("search", "*", "--json", "--limit", "0", data_dir=data).stdout.splitlines())
    assert kept > 0
    res = run_cli("index", str(folder), "--json", data_dir=data, timeout=300)
    rep = json.loads(res.stdout)
    assert rep["unchanged"] == kept and rep["indexed"] == 900 - kept
