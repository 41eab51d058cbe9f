"""Turn a file on disk into decoded text, or a clear reason why not.

News folders hold whatever the web and a user's disk gave them: UTF-8 with and without a
BOM, UTF-16 from Windows tools, cp1252 smart quotes from old CMS exports, gzipped saved
pages, and the odd JPEG renamed ``.txt``. Everything here answers with either a
:class:`Loaded` or a :class:`SkipFile` whose message is fit to show a user.
"""

from __future__ import annotations

import codecs
import gzip
import html
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

#: Extensions read as scraped text dumps.
TEXT_EXTENSIONS = {".txt", ".md", ".text"}
#: Extensions read as saved web pages.
HTML_EXTENSIONS = {".html", ".htm"}
#: A saved page is decompressed up to this size; past it the file is a zip bomb, not an article.
MAX_DECOMPRESSED = 200 * 1024 * 1024


class SkipFile(Exception):
    """The file cannot be read as an article; ``str(exc)`` is the reason shown to the user."""


@dataclass
class Loaded:
    """A decoded file: ``text`` is exactly what was decoded (newlines kept as they are)."""

    path: str
    text: str
    kind: str  # "text" or "html"
    encoding: str


def kind_of(path: str | os.PathLike) -> str | None:
    """Which reader a path gets by its name, or None for a type we do not read.

    Files without an extension are candidates for text (many scrapers write bare names);
    whether they really are text is decided by :func:`decode` on their bytes.
    """
    name = os.path.basename(os.fspath(path)).lower()
    if name.endswith(".html.gz") or name.endswith(".htm.gz"):
        return "html"
    ext = os.path.splitext(name)[1]
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in TEXT_EXTENSIONS or ext == "":
        return "text"
    return None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its pattern of zero bytes in every other position (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read.

    A few NUL bytes inside text happen (broken exports) and are tolerated; a file where
    control bytes are common is an image, an archive or an executable.
    """
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C
    return controls / len(sample) > 0.10


#: Control bytes that do not occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise :class:`SkipFile` for binary data.

    Text that was UTF-8 read as cp1252 or latin-1 somewhere upstream (``â€™`` for ``’``,
    ``Ã©`` for ``é``) is repaired (:func:`repair_mojibake`).
    """
    text, enc = _decode(data)
    return repair_mojibake(text), enc


#: A character for each byte 0x80-0xBF (a UTF-8 continuation byte) as cp1252 and latin-1
#: show it; cp1252's five undefined bytes only have their latin-1 control character.
_CONTINUATION: dict[str, int] = {}
for _b in range(0x80, 0xC0):
    _CONTINUATION[bytes([_b]).decode("latin-1")] = _b
    try:
        _CONTINUATION[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
_CONT_CLASS = "".join(re.escape(c) for c in sorted(_CONTINUATION))
#: A UTF-8 lead byte shown as a Latin-1 letter (Â-ß: one continuation byte, à-ï: two,
#: ð-ô: three) followed by that many continuation bytes shown as characters.
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONT_CLASS}]|[\u00e0-\u00ef][{_CONT_CLASS}]{{2}}|[\u00f0-\u00f4][{_CONT_CLASS}]{{3}}")


_LEAD = re.compile("[\u00c2-\u00f4]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252 or latin-1 (``Investorâ€™s`` -> ``Investor’s``).

    Only sequences that form valid UTF-8 once turned back into bytes are replaced, and only
    when at least two of them are in the text: a lone ``Ã©``-like pair in real Latin text is
    rare, a page with mojibake has it in every other sentence.
    """
    if text.isascii() or not _LEAD.search(text):  # the common case, at C speed
        return text
    found = _MOJIBAKE.findall(text)
    if len(found) < 2:
        return text
    fixed = {}
    for seq in set(found):
        try:
            raw = bytes([ord(seq[0])] + [_CONTINUATION[c] for c in seq[1:]])
            fixed[seq] = raw.decode("utf-8")
        except (UnicodeDecodeError, KeyError, ValueError):
            continue
    if not fixed:
        return text
    return _MOJIBAKE.sub(lambda m: fixed.get(m.group(0), m.group(0)), text)


def _decode(data: bytes) -> tuple[str, str]:
    """Order matters: a BOM is authoritative; then strict UTF-8 (by far the most common and
    self-validating); then BOM-less UTF-16; then a statistical guess among legacy
    encodings, with cp1252 as the last resort because every byte decodes in it.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + ("-sig" if enc == "utf-8" else "")
            except UnicodeDecodeError:
                break
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise SkipFile("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        guess = best.encoding if best is not None else None
    except Exception:  # detection is best-effort; cp1252 below always succeeds
        guess = None
    if guess and guess.replace("-", "_").lower() not in _LATIN_FAMILY:
        try:
            return data.decode(guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    # Short Western texts fool statistical detectors into cp1250 and friends; cp1252 (a superset
    # of latin-1's printable range) is what English and Western European pages really use.
    return data.decode("cp1252", errors="replace"), "cp1252"


#: Single-byte Latin encodings a detector confuses with each other on short texts.
_LATIN_FAMILY = {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "windows_1250",
                 "iso8859_2", "cp1257", "iso8859_13", "iso8859_9", "cp1254", "iso8859_4", "iso8859_10",
                 "mac_roman", "mac_latin2", "cp850", "cp437", "ascii", "iso8859_3", "iso8859_16", "utf_8"}


def read_bytes(path: str | os.PathLike) -> bytes:
    """Read a file's bytes, decompressing ``.gz``; OS errors become :class:`SkipFile`."""
    p = os.fspath(path)
    try:
        with open(p, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        raise SkipFile("is a directory") from None
    except PermissionError:
        raise SkipFile("permission denied") from None
    except FileNotFoundError:
        raise SkipFile("file not found") from None
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    if p.lower().endswith(".gz"):
        try:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out = d.decompress(data, MAX_DECOMPRESSED)
            if d.unconsumed_tail:
                raise SkipFile("compressed page is too large once decompressed")
            data = out
        except (zlib.error, gzip.BadGzipFile, EOFError):
            raise SkipFile("corrupt gzip file") from None
    return data


def load(path: str | os.PathLike) -> Loaded:
    """Read and decode one file. Raises :class:`SkipFile` with a user-facing reason."""
    kind = kind_of(path)
    if kind is None:
        raise SkipFile("not a text or HTML file")
    data = read_bytes(path)
    if not data.strip():
        raise SkipFile("empty file")
    text, enc = decode(data)
    if not text.strip(" \t\r\n\x00\ufeff"):
        raise SkipFile("empty file")
    if kind == "text" and _sniff_html(text):
        kind = "html"
    return Loaded(path=str(Path(path)), text=text, kind=kind, encoding=enc)


def _sniff_html(text: str) -> bool:
    """A page saved without an .html name (``page``, ``article.txt``) still gets the HTML path."""
    head = text[:512].lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


_TAG = re.compile(r"<(head|script|style|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|main|"
    r"blockquote|pre|figure|figcaption|dd|dt|form|button|option)\b[^>]*>",
    re.I,
)
_ANY = re.compile(r"<[^>]+>")


def html_to_text(page: str) -> str:
    """A rough innerText by regular expressions, one block per line: the quick reading of a
    saved page for learning a folder's repeated blocks, and the fallback for markup the
    parser gives up on (nesting deeper than libxml2 allows) and for the tail of a huge page.
    Here, not in ``index.html``, so that neither needs the HTML parser imported."""
    s = _TAG.sub(" ", page)
    s = _BLOCK.sub("\n", s)
    s = _ANY.sub(" ", s)
    s = html.unescape(s)
    return "\n".join(" ".join(line.split()) for line in s.split("\n") if line.strip())
