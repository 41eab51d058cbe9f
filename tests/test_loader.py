"""The loader on real files: encodings, binary data, compression, and the folder walk."""

from __future__ import annotations

import gzip
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.loader import SkipFile, decode, kind_of, load
from index.walk import Found, Skipped, walk

TEXT = "Peskov said the “talks” were “not easy” — café, naïve, Zelensky’s plan.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings_round_trip(tmp_path, encoding):
    p = tmp_path / "a.txt"
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    p.write_bytes(data)
    assert load(p).text.replace("\ufeff", "") == TEXT


def test_latin1_is_decoded(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Réunion à Genève: le président a déclaré que la paix était possible.".encode("latin-1"))
    assert "Genève" in load(p).text


def test_utf16_without_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("utf-16-le"))
    assert load(p).text == TEXT


def test_binary_renamed_txt_is_skipped_with_reason(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(SkipFile, match="binary"):
        load(p)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n"])
def test_empty_files_are_skipped(tmp_path, content):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    with pytest.raises(SkipFile, match="empty"):
        load(p)


def test_nul_bytes_inside_text_are_tolerated(tmp_path):
    p = tmp_path / "n.txt"
    p.write_bytes(("Word " * 200).encode() + b"\x00" + b" more words here")
    assert "more words" in load(p).text


def test_html_gz_is_decompressed(tmp_path):
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    ld = load(p)
    assert ld.kind == "html" and "Hello" in ld.text


def test_corrupt_gzip_is_reported(tmp_path):
    p = tmp_path / "page.html.gz"
    p.write_bytes(b"not gzip at all")
    with pytest.raises(SkipFile, match="gzip"):
        load(p)


def test_kinds_by_name():
    assert kind_of("a.txt") == "text" and kind_of("a.md") == "text" and kind_of("README") == "text"
    assert kind_of("a.HTML") == "html" and kind_of("a.htm") == "html" and kind_of("x.html.gz") == "html"
    assert kind_of("a.jpg") is None and kind_of("a.pdf") is None


def test_html_saved_as_txt_is_sniffed(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_text("<!DOCTYPE html><html><body><p>Text</p></body></html>")
    assert load(p).kind == "html"


def test_crlf_kept_as_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"one\r\ntwo\rthree\n")
    assert load(p).text == "one\r\ntwo\rthree\n"


def test_walk_skips_hidden_and_survives_symlink_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("hello world")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "y.txt").write_text("secret")
    (tmp_path / ".dot.txt").write_text("dot")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "img.jpg").write_bytes(b"\xff\xd8")
    items = list(walk([str(tmp_path)]))
    found = [os.path.basename(i.path) for i in items if isinstance(i, Found)]
    assert found == ["x.txt"]
    assert any(isinstance(i, Skipped) and "loop" in i.reason for i in items)


def test_walk_reports_missing_folder(tmp_path):
    items = list(walk([str(tmp_path / "nope")]))
    assert isinstance(items[0], Skipped) and "no such" in items[0].reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_any_bytes_never_raises_unexpectedly(data):
    try:
        text, enc = decode(data)
    except SkipFile:
        return
    assert isinstance(text, str) and enc


def _mangled(text: str) -> str:
    """UTF-8 read as cp1252 (bytes cp1252 leaves undefined read as latin-1), as a careless
    scraper or CMS does."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out)


def test_mojibake_is_repaired_on_decode(tmp_path):
    text = "A DIY Investor’s Guide — “Things Can Only Get Better”, said the café’s owner. €5 😀"
    p = tmp_path / "page.txt"
    p.write_bytes(_mangled(text).encode("utf-8"))
    assert "â€" in _mangled(text)
    assert load(str(p)).text == text


@pytest.mark.parametrize("text", [
    "Café crème, voilà… naïve Übergröße, ação, São Paulo, Zürich, Ærøskøbing",
    "A lone Ã© pair in a page stays as it is",  # one sequence: not enough to call it mojibake
    "Prices: 5 € – 10 € “quoted” ‘single’ Â",
])
def test_real_latin_text_is_left_alone(text):
    assert decode(text.encode("utf-8"))[0] == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
               max_size=80))
def test_mangled_text_comes_back(text):
    non_ascii = sum(ord(c) > 127 for c in text)
    out = decode(_mangled(text).encode("utf-8"))[0]
    if non_ascii >= 2:
        assert out == text
    else:
        assert isinstance(out, str)


def test_huge_html_page_is_cleaned_at_its_head_and_searchable_to_its_end(tmp_path, monkeypatch):
    import index.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_ANALYSED_HTML", 5_000)
    para = "<p>The council voted to extend the night bus network to the northern suburbs this spring.</p>"
    p = tmp_path / "big.html"
    p.write_text("<html><body><article>" + para * 200 + "<p>Zanzibarian &amp; closing words</p>"
                 "<script>var hidden = 1;</script></article></body></html>", encoding="utf-8")
    import index.html

    seen = []
    real = index.html.clean_html
    monkeypatch.setattr(index.html, "clean_html", lambda html, **kw: seen.append(len(html)) or real(html, **kw))
    c = pipeline.clean(load(p))
    assert seen == [5_000]  # only the head is parsed
    assert "night bus network" in c.text
    assert "Zanzibarian & closing words" in c.text  # past the parsed head, still there
    assert "var hidden" not in c.text
