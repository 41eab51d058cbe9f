"""The CLI contract, through a real subprocess: exit codes, --json shapes, flags anywhere."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, run_cli, seed


def lines_json(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def hit_names(res) -> list[str]:
    return sorted(Path(h["path"]).name for h in lines_json(res.stdout))


def test_help_and_version():
    assert run_cli("--help").returncode == 0
    res = run_cli("--version")
    assert res.returncode == 0 and "reader" in res.stdout


def test_acceptance_searches(indexed_seeds):
    assert hit_names(run_cli("search", "Markarova", "--json", data_dir=indexed_seeds)) == [seed(1)]
    peskov = hit_names(run_cli("search", "Peskov", "--json", data_dir=indexed_seeds))
    assert {seed(0), seed(2), seed(3)} <= set(peskov) and seed(1) not in peskov and seed(4) not in peskov
    zel = hit_names(run_cli("search", "speaker:Zelensky", "--json", data_dir=indexed_seeds))
    assert {seed(2), seed(3)} <= set(zel) and seed(4) not in zel
    assert seed(3) in hit_names(run_cli("search", "speaker:Lavrov", "--json", data_dir=indexed_seeds))


def test_search_json_shape(indexed_seeds):
    res = run_cli("search", "peace", "--json", data_dir=indexed_seeds)
    assert res.returncode == 0
    hits = lines_json(res.stdout)
    assert hits and all(set(h) == {"path", "title", "date", "source", "score", "highlights"} for h in hits)
    assert all(isinstance(h["highlights"], list) for h in hits)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_plain_output_one_line_per_hit(indexed_seeds):
    res = run_cli("search", "Markarova", data_dir=indexed_seeds)
    out = res.stdout.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("2022-02-28") and seed(1) in out[0]


def test_data_dir_before_or_after(indexed_seeds):
    import subprocess
    import sys

    from conftest import ROOT

    before = subprocess.run([sys.executable, "-m", "reader", "--data-dir", str(indexed_seeds), "search",
                             "Markarova", "--json"], capture_output=True, text=True, cwd=str(ROOT))
    assert hit_names(before) == [seed(1)]
    env_res = run_cli("search", "Markarova", "--json", env={"READER_DATA_DIR": str(indexed_seeds)})
    assert hit_names(env_res) == [seed(1)]


def test_star_limit_and_sort(indexed_seeds):
    res = run_cli("search", "*", "--json", "--limit", "3", "--sort", "date", data_dir=indexed_seeds)
    assert len(lines_json(res.stdout)) == 3
    res = run_cli("search", "*", "--json", "--limit", "100000", data_dir=indexed_seeds)
    assert len(lines_json(res.stdout)) == 5


def test_no_hits_is_success(indexed_seeds):
    res = run_cli("search", "zzzxqvnotaword", data_dir=indexed_seeds)
    assert res.returncode == 0 and res.stdout == ""


def test_bad_query_exit_2_one_line(indexed_seeds):
    for q in ['"unclosed', "(peace", "nosuchfield:x", "title:"]:
        res = run_cli("search", q, data_dir=indexed_seeds)
        assert res.returncode == 2, q
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_usage_errors_exit_2(tmp_path):
    res = run_cli("search", data_dir=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    res = run_cli("index", str(tmp_path / "missing"), data_dir=tmp_path)
    assert res.returncode == 2
    res = run_cli("search", "x", "--sort", "alphabetical", data_dir=tmp_path)
    assert res.returncode == 2


def test_search_without_index_exit_1(tmp_path):
    res = run_cli("search", "peace", data_dir=tmp_path / "empty")
    assert res.returncode == 1 and "no index" in res.stderr and "Traceback" not in res.stderr


def test_index_summary_and_incremental(tmp_path, seeds_copy):
    data = tmp_path / "d"
    res = run_cli("index", str(seeds_copy), data_dir=data)
    assert res.returncode == 0 and "indexed 5" in res.stderr
    res = run_cli("index", str(seeds_copy), "--json", data_dir=data)
    rep = json.loads(res.stdout)
    assert rep["indexed"] == 0 and rep["unchanged"] == 5
    (seeds_copy / "junk.txt").write_bytes(bytes(range(256)) * 10)
    res = run_cli("index", str(seeds_copy), data_dir=data)
    assert res.returncode == 0 and "junk.txt" in res.stderr and "binary" in res.stderr
    res = run_cli("index", str(seeds_copy), "--rebuild", "--json", data_dir=data)
    assert json.loads(res.stdout)["indexed"] == 5


def test_clean_json_shape():
    res = run_cli("clean", "--json", str(SEEDS / seed(1)))
    assert res.returncode == 0
    obj = lines_json(res.stdout)[0]
    assert {"path", "title", "date", "author", "source", "text"} <= set(obj)
    assert obj["date"] == "2022-02-28"
    assert "Markarova" in obj["text"] and "Latest Posts" not in obj["text"]


def test_clean_explain():
    res = run_cli("clean", "--explain", str(SEEDS / seed(2)))
    assert res.returncode == 0
    assert any(line.startswith("-") for line in res.stdout.splitlines())
    assert any(line.startswith("+") for line in res.stdout.splitlines())


def test_clean_explain_on_an_html_page(tmp_path):
    paras = "".join(f"<p>Paragraph {k} of the article says what the council decided about the night buses, "
                    f"and why the vote took two years to reach.</p>" for k in range(4))
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Night buses "
                    f"extended to the northern suburbs</h1>{paras}</article><footer><a href='/p'>Privacy policy</a>"
                    f"</footer></body></html>", encoding="utf-8")
    res = run_cli("clean", "--explain", str(page))
    assert res.returncode == 0
    out = res.stdout.splitlines()
    assert any(x.startswith("+") and "Paragraph 2" in x for x in out)
    assert any(x.startswith("-") and "Privacy policy" in x for x in out)


def _many_files(tmp_path, n=24) -> list[str]:
    """Seeds, HTML pages and unreadable files, interleaved: what a folder of saved pages holds."""
    paths = []
    for k in range(n):
        if k % 8 == 3:
            p = tmp_path / f"{k:02d}-empty.txt"
            p.write_bytes(b"")
        elif k % 8 == 5:
            p = tmp_path / f"{k:02d}-binary.txt"
            p.write_bytes(bytes(range(256)) * 8)
        elif k % 8 == 6:
            p = tmp_path / f"{k:02d}-page.html"
            p.write_text(f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Story {k} of the night buses</h1>"
                         f"<p>Paragraph one of story {k} says what the council decided about the night buses, and "
                         f"why the vote took two years.</p></article></body></html>", encoding="utf-8")
        else:
            p = tmp_path / f"{k:02d}-{seed(k % 5)}"
            p.write_bytes((SEEDS / seed(k % 5)).read_bytes())
        paths.append(str(p))
    return paths


def test_clean_many_files_in_worker_processes_keeps_their_order_and_output(tmp_path):
    paths = _many_files(tmp_path)
    alone = run_cli("clean", "--json", "--workers", "1", *paths)
    pooled = run_cli("clean", "--json", "--workers", "2", *paths)
    assert alone.returncode == pooled.returncode == 1  # some files were skipped
    assert pooled.stdout == alone.stdout
    assert [Path(o["path"]).name for o in lines_json(pooled.stdout)] == [
        Path(p).name for p in paths if "empty" not in p and "binary" not in p]
    skipped = [x for x in pooled.stderr.splitlines() if "skipped" in x]
    assert len(skipped) == 6 and "03-empty.txt" in skipped[0] and "05-binary.txt" in skipped[1]
    assert "Traceback" not in pooled.stderr
    text = run_cli("clean", "--workers", "2", *paths)
    assert text.stdout == run_cli("clean", "--workers", "1", *paths).stdout
    assert text.stdout.count("\n== ") + text.stdout.startswith("== ") == 18
    for flags in (["--explain"], ["--json", "--explain"], ["--json", "--corpus"]):
        pooled = run_cli("clean", *flags, "--workers", "2", *paths)
        assert pooled.stdout == run_cli("clean", *flags, "--workers", "1", *paths).stdout
        assert pooled.stdout.count("Story 14 of the night buses") >= 1


def test_quotes_of_many_files_in_worker_processes_keep_their_order_and_output(tmp_path):
    paths = _many_files(tmp_path)
    for flags in (["--json"], ["--json", "--no-clean"], []):
        pooled = run_cli("quotes", *flags, "--workers", "2", *paths)
        alone = run_cli("quotes", *flags, "--workers", "1", *paths)
        assert pooled.returncode == alone.returncode == 1 and pooled.stdout == alone.stdout
        assert "Peskov" in pooled.stdout and "Traceback" not in pooled.stderr
        assert len([x for x in pooled.stderr.splitlines() if "skipped" in x]) == 6
    names = [Path(o["path"]).name for o in lines_json(run_cli("quotes", "--json", *paths).stdout)]
    assert names == [Path(p).name for p in paths if "empty" not in p and "binary" not in p]


def test_workers_must_be_positive():
    for cmd in ("clean", "quotes"):
        res = run_cli(cmd, "--workers", "0", str(SEEDS / seed(1)))
        assert res.returncode == 2 and "--workers" in res.stderr


def test_quotes_json_shape_and_offsets(tmp_path):
    p = tmp_path / "a.txt"
    text = "Intro line.\r\n\r\n“We will not sign this deal,” said Maria Kovalenko, the negotiator.\r\n"
    p.write_bytes(text.encode("utf-8"))
    res = run_cli("quotes", "--json", "--no-clean", str(p))
    obj = lines_json(res.stdout)[0]
    q = obj["quotes"][0]
    assert set(q) == {"text", "speaker", "speaker_mention", "start", "end", "key", "score"}
    assert text[q["start"]:q["end"]] == q["text"] == "We will not sign this deal,"
    assert q["speaker"] == "Maria Kovalenko"


def test_quotes_on_seed_with_cleaning():
    res = run_cli("quotes", "--json", str(SEEDS / seed(2)))
    qs = lines_json(res.stdout)[0]["quotes"]
    assert any(q["speaker"] and "Peskov" in q["speaker"] for q in qs)


def test_missing_file_is_one_line_exit_1(tmp_path):
    res = run_cli("clean", str(tmp_path / "nope.txt"))
    assert res.returncode == 1 and "not found" in res.stderr and "Traceback" not in res.stderr


def test_escape_sequences_never_reach_the_terminal(tmp_path):
    p = tmp_path / "evil.txt"
    p.write_text("Title \x1b[31mred\x1b[0m here\n\n" + "\x1b]0;owned\x07 Paragraph with \u202e bidi and "
                 "[bold]markup[/] text that is long enough to be an article paragraph for the cleaner.\n")
    for args in (["clean", str(p)], ["clean", "--explain", str(p)], ["quotes", str(p)]):
        res = run_cli(*args)
        assert "\x1b" not in res.stdout and "\u202e" not in res.stdout, args


def test_bookmarks_list_and_export(tmp_path):
    from reader.bookmarks import Bookmarks

    data = tmp_path / "d"
    bm = Bookmarks(data / "bookmarks.sqlite")
    bm.add(text="We are not prepared to surrender.", speaker="Oksana Markarova", path="/x/001.txt",
           title="Peace talks", source="Liberty Nation", date="2022-02-28")
    bm.add(text="We are not prepared to surrender.", speaker="Oksana Markarova", path="/x/001.txt")
    bm.close()
    res = run_cli("bookmarks", "export", "--format", "json", data_dir=data)
    items = json.loads(res.stdout)
    assert len(items) == 1 and items[0]["speaker"] == "Oksana Markarova"
    assert set(items[0]) == {"text", "speaker", "title", "source", "date", "path", "saved_at"}
    res = run_cli("bookmarks", "list", data_dir=data)
    assert "Oksana Markarova" in res.stdout
    out = tmp_path / "clips.md"
    res = run_cli("bookmarks", "export", "-o", str(out), data_dir=data)
    assert res.returncode == 0 and "surrender" in out.read_text()
    res = run_cli("bookmarks", "export", "--format", "csv", data_dir=data)
    assert res.stdout.startswith("text,speaker")


def test_headline_quote_is_not_a_statement():
    """Seed 004's cleaned text opens with its headline, which is in quotation marks."""
    obj = lines_json(run_cli("clean", "--json", str(SEEDS / seed(4))).stdout)[0]
    assert obj["text"].startswith("“The US and Russia")
    qs = lines_json(run_cli("quotes", "--json", str(SEEDS / seed(4))).stdout)[0]["quotes"]
    assert qs and not any(q["text"].startswith("The US and Russia") for q in qs)
    assert all(q["speaker"] == "a State Department spokeswoman" for q in qs)


def test_json_lines_survive_unicode_line_separators(tmp_path):
    p = tmp_path / "sep.txt"
    p.write_text("Headline of the day\n\nThe committee met on Monday\u2028and again on Tuesday\u0085to "
                 "discuss the budget, “a fair deal,” said Maria Kovalenko\u2029after the vote.\n", encoding="utf-8")
    for args in (["clean", "--json", str(p)], ["quotes", "--json", "--no-clean", str(p)]):
        out = run_cli(*args).stdout
        assert len(out.splitlines()) == 1, args
        json.loads(out)
