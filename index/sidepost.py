"""Document numbers, weights and positions of a segment's long posting lists, as plain arrays.

Whoosh stores a term's postings in blocks of 128: document numbers (delta-coded), weights
and the encoded positions of each posting, pickled together and compressed. Ranking an
AND, an OR of many words or a phrase's candidates needs only the numbers and weights, but
reading them from the blocks means decompressing and unpickling the positions as well.
At 100,000 articles that decoding was about 40% of a two-word search.

So each segment this package writes also holds one more file (inside the segment's
compound file, so it is merged, copied and deleted with the segment): for every posting
list of at least :data:`SIDE_FROM` documents, its document numbers and weights as plain
arrays (2 or 4 bytes a number; 1, 2 or 4 bytes a weight), found by the list's offset in
the posting file, which the term's info gives. Reading a list is then one ``os.pread``
and two ``array.frombytes`` calls.

A list of a field with positions also has each posting's count of positions and the
positions themselves, one flat array after the weights (read only for a phrase). A phrase
of two common words that are seldom side by side is then checked over whole arrays at
once (see :mod:`index.bulk`) instead of unpickling the positions of every document that
holds both words, which took a phrase search at 100,000 articles to 100-200 ms. The
positions are decoded once, when the segment is written: ~1 µs a posting.

The blocks stay as Whoosh writes them: Whoosh's own search and every other reader use
them, and a segment without the file (written by Whoosh's code, or by an older version)
is read from the blocks as before.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from itertools import accumulate
from pickle import loads

from whoosh.formats import Positions

from .segfiles import segment_file

#: Posting lists shorter than this are left to the blocks: one or two blocks decode
#: quickly, and most of a segment's terms are that short.
SIDE_FROM = 64
#: The file's extension after the segment's name.
SIDE_EXT = ".idw"
_MAGIC = b"RIW2"
_OLD_MAGIC = b"RIW1"  # before positions: read as a file without them
_ORDER = b"<" if sys.byteorder == "little" else b">"
_TAIL = struct.Struct("<QI4s")  # footer offset, lists, magic
_ID_CODES = "HI"
_WEIGHT_CODES = "BHf"
_COUNT_CODES = "BHI"
_POSITION_CODES = "HI"
_HAS_POSITIONS = 1 << 6  # a list's code: id code (bit 0), weight (1-2), count (3-4), position (5)


def standard_positions(fmt) -> bool:
    """Whether a field's posting format encodes positions as Whoosh's ``Positions`` does,
    which :func:`decode_positions` reads: the side file holds positions only for those."""
    return isinstance(fmt, Positions) and type(fmt).decode_positions is Positions.decode_positions


def decode_positions(value: bytes) -> list[int]:
    """``Positions.decode_positions``: the value is a count (4 bytes), then the pickled
    gaps, whose final STOP opcode Whoosh leaves off."""
    return list(accumulate(loads(value[4:] if value[-1:] == b"." else value[4:] + b".")))


def _code(top: int, limits: tuple[int, ...]) -> int:
    """The index of the first item size whose limit is above ``top``."""
    for i, limit in enumerate(limits):
        if top < limit:
            return i
    return len(limits)


class SideWriter:
    """Writes a segment's side file while its posting lists are written, in term order
    (so in increasing posting-file offset). Only the small directory is held in memory."""

    def __init__(self, f) -> None:
        self.f = f
        self.f.write(_MAGIC + _ORDER)
        self.pos = len(_MAGIC) + 1
        self.offsets = array("q")
        self.starts = array("q")
        self.counts = array("I")
        self.codes = array("B")
        self.npositions = array("q")

    def add(self, postoffset: int, ids: list[int], weights: list[float], values: list[bytes] | None = None) -> None:
        """One posting list; ``values``, for a field with positions, are its postings'
        encoded values (Whoosh's ``Positions`` format)."""
        n = len(ids)
        if n < SIDE_FROM:
            return
        ic = 0 if ids[-1] < 65536 else 1  # the ids are in increasing order
        ints = list(map(int, weights))
        if ints == weights:  # term frequencies: whole numbers
            wc = _code(max(ints), (256, 65536))
        else:
            wc = 2
        data = array(_ID_CODES[ic], ids).tobytes()
        data += array(_WEIGHT_CODES[wc], ints if wc < 2 else weights).tobytes()
        code = ic | wc << 1
        total = 0
        if values is not None:
            flat: list[int] = []
            counts = []
            for v in values:
                ps = decode_positions(v)
                counts.append(len(ps))
                flat += ps
            cc = _code(max(counts), (256, 65536))
            pc = 0 if not flat or max(flat) < 65536 else 1
            data += array(_COUNT_CODES[cc], counts).tobytes() + array(_POSITION_CODES[pc], flat).tobytes()
            code |= _HAS_POSITIONS | cc << 3 | pc << 5
            total = len(flat)
        self.offsets.append(postoffset)
        self.starts.append(self.pos)
        self.counts.append(n)
        self.codes.append(code)
        self.npositions.append(total)
        self.f.write(data)
        self.pos += len(data)

    def close(self) -> None:
        footer = self.pos
        for a in (self.offsets, self.starts, self.counts, self.codes, self.npositions):
            self.f.write(a.tobytes())
        self.f.write(_TAIL.pack(footer, len(self.offsets), _MAGIC))
        self.f.close()


class SideReader:
    """The side file of one segment, at ``base`` in a file read by ``pread(size,
    offset)`` (``os.pread`` on the compound file, or a slice of its memory map: no shared
    file position, so safe from any thread)."""

    def __init__(self, pread, base: int, length: int) -> None:
        self.pread, self.base = pread, base
        if length < len(_MAGIC) + 1 + _TAIL.size:
            raise ValueError("side file too short")
        head = pread(len(_MAGIC) + 1, base)
        footer, n, magic = _TAIL.unpack(pread(_TAIL.size, base + length - _TAIL.size))
        if head[-1:] != _ORDER or magic not in (_MAGIC, _OLD_MAGIC) or head[:-1] != magic:
            raise ValueError("not a side file of this byte order")
        raw = pread(length - _TAIL.size - footer, base + footer)
        parts = []
        at = 0
        layout = (("q", 8), ("q", 8), ("I", 4), ("B", 1)) + ((("q", 8),) if magic == _MAGIC else ())
        for code, size in layout:
            a = array(code)
            a.frombytes(raw[at:at + n * size])
            at += n * size
            parts.append(a)
        if len(parts[-1]) != n:
            raise ValueError("side file directory truncated")
        self.offsets, self.starts, self.counts, self.codes = parts[:4]
        self.npositions = parts[4] if len(parts) > 4 else None

    def get(self, postoffset: int) -> tuple[array, array] | None:
        """(document numbers, weights) of the posting list at ``postoffset`` in the
        posting file, or None when it is not in this file (a short list)."""
        i = bisect_left(self.offsets, postoffset)
        if i == len(self.offsets) or self.offsets[i] != postoffset:
            return None
        n, code = self.counts[i], self.codes[i]
        ids, weights = array(_ID_CODES[code & 1]), array(_WEIGHT_CODES[code >> 1 & 3])
        raw = self.pread(n * (ids.itemsize + weights.itemsize), self.base + self.starts[i])
        cut = n * ids.itemsize
        ids.frombytes(raw[:cut])
        weights.frombytes(raw[cut:])
        if len(weights) != n:
            raise ValueError("side file truncated")
        return ids, weights

    def positions(self, postoffset: int) -> tuple[array, array, array] | None:
        """(document numbers, each posting's count of positions, the positions of every
        posting one after another) of the list at ``postoffset``, or None when the file
        holds no positions for it."""
        i = bisect_left(self.offsets, postoffset)
        if i == len(self.offsets) or self.offsets[i] != postoffset or self.npositions is None:
            return None
        code = self.codes[i]
        if not code & _HAS_POSITIONS:
            return None
        n, total = self.counts[i], self.npositions[i]
        ids, weights = array(_ID_CODES[code & 1]), array(_WEIGHT_CODES[code >> 1 & 3])
        counts, positions = array(_COUNT_CODES[code >> 3 & 3]), array(_POSITION_CODES[code >> 5 & 1])
        skip = n * weights.itemsize
        size = n * (ids.itemsize + counts.itemsize) + total * positions.itemsize
        raw = self.pread(size + skip, self.base + self.starts[i])
        cut = n * ids.itemsize
        ids.frombytes(raw[:cut])
        cut += skip
        counts.frombytes(raw[cut:cut + n * counts.itemsize])
        positions.frombytes(raw[cut + n * counts.itemsize:])
        if len(positions) != total or sum(counts) != total:
            raise ValueError("side file truncated")
        return ids, counts, positions


def open_side(reader) -> SideReader | None:
    """The side file of a segment reader (kept on the reader), or None when the segment
    has none or is not laid out as expected (its blocks are read instead)."""
    got = getattr(reader, "_side_postings", None)
    if got is None:
        got = False
        try:
            found = segment_file(reader, SIDE_EXT)
            if found is not None:
                got = SideReader(*found)
        except Exception:  # another storage, an old or damaged file: the blocks answer
            got = False
        try:
            reader._side_postings = got
        except AttributeError:
            pass
    return got or None
