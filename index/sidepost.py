"""Document numbers and weights of a segment's long posting lists, kept apart from positions.

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

The blocks stay as Whoosh writes them: Whoosh's own search and every other reader use
them, and a segment without the file (written by Whoosh's code, or by an older version)
is read from the blocks as before.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left

from .segfiles import segment_file

#: Posting lists shorter than this are left to the blocks: one or two blocks decode
#: quickly, and most of a segment's terms are that short.
SIDE_FROM = 64
#: The file's extension after the segment's name.
SIDE_EXT = ".idw"
_MAGIC = b"RIW1"
_ORDER = b"<" if sys.byteorder == "little" else b">"
_TAIL = struct.Struct("<QI4s")  # footer offset, lists, magic
_ID_CODES = "HI"
_WEIGHT_CODES = "BHf"


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

    def add(self, postoffset: int, ids: list[int], weights: list[float]) -> None:
        n = len(ids)
        if n < SIDE_FROM:
            return
        ic = 0 if ids[-1] < 65536 else 1  # the ids are in increasing order
        ints = list(map(int, weights))
        if ints == weights:  # term frequencies: whole numbers
            top = max(ints)
            wc = 0 if top < 256 else (1 if top < 65536 else 2)
        else:
            wc = 2
        data = array(_ID_CODES[ic], ids).tobytes()
        data += array(_WEIGHT_CODES[wc], ints if wc < 2 else weights).tobytes()
        self.offsets.append(postoffset)
        self.starts.append(self.pos)
        self.counts.append(n)
        self.codes.append(ic | wc << 1)
        self.f.write(data)
        self.pos += len(data)

    def close(self) -> None:
        footer = self.pos
        for a in (self.offsets, self.starts, self.counts, self.codes):
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
        if head != _MAGIC + _ORDER or magic != _MAGIC:
            raise ValueError("not a side file of this byte order")
        raw = pread(length - _TAIL.size - footer, base + footer)
        parts = []
        at = 0
        for code, size in (("q", 8), ("q", 8), ("I", 4), ("B", 1)):
            a = array(code)
            a.frombytes(raw[at:at + n * size])
            at += n * size
            parts.append(a)
        self.offsets, self.starts, self.counts, self.codes = parts
        if len(self.codes) != n:
            raise ValueError("side file directory truncated")

    def get(self, postoffset: int) -> tuple[array, array] | None:
        """(document numbers, weights) of the posting list at ``postoffset`` in the
        posting file, or None when it is not in this file (a short list)."""
        i = bisect_left(self.offsets, postoffset)
        if i == len(self.offsets) or self.offsets[i] != postoffset:
            return None
        n, code = self.counts[i], self.codes[i]
        ids, weights = array(_ID_CODES[code & 1]), array(_WEIGHT_CODES[code >> 1])
        raw = self.pread(n * (ids.itemsize + weights.itemsize), self.base + self.starts[i])
        cut = n * ids.itemsize
        ids.frombytes(raw[:cut])
        weights.frombytes(raw[cut:])
        if len(weights) != n:
            raise ValueError("side file truncated")
        return ids, weights


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
