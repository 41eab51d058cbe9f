"""Direct reads of the files inside a segment's compound file.

Whoosh reads a segment's files through layers of Python file objects (a sub-file of the
compound file, wrapped in a struct file): every small read is a seek and a read a few
calls deep. Looking a word up in a segment's term table takes five or six such reads,
~35 µs; a query of four words over the title and the body of 20 segments makes 160 of
them. Here a file's bytes are read with ``os.pread`` at its offset in the compound file
(the index is opened without memory maps, see ``Corpus._storage``).

Relies on the layout of the pinned whoosh-reloaded 2.7 (``CompoundStorage`` and the hash
file of ``whoosh.filedb.filetables``); each reader checks itself against Whoosh's own
lookup when it is opened, and callers fall back to Whoosh when it cannot be built.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable

#: a slot of a hash table: the key's hash, the entry's position (0: an empty slot)
_POINTER = struct.Struct("!Iq")
#: an entry's head in Whoosh's hash files (the term file): key length, value length
ENTRY_HEAD = struct.Struct("!ii")
#: bytes read past an entry's key on the first read: a term info fits (longer values,
#: such as a word's inlined posting, take a second read)
_VALUE_GUESS = 48


def segment_file(reader, ext: str) -> tuple[Callable[[int, int], bytes], int, int] | None:
    """``(pread(size, at), offset, length)`` of the segment file ending in ``ext`` inside
    the compound file of a segment reader, or None when the segment is not stored that
    way (``pread`` takes positions in the compound file, so add ``offset``)."""
    try:
        storage = getattr(reader, "_storage", None)
        compound = getattr(storage, "a", storage)
        name = reader._segment.make_filename(ext)
        if name not in compound.list():
            return None
        offset, length = compound.range(name)
        source = compound._source  # the compound file's memory map, if mapped
        fd = None if source is not None else compound._file.fileno()
    except Exception:
        return None

    def pread(size: int, at: int) -> bytes:
        if compound.is_closed:  # its descriptor may belong to another file by now
            raise ValueError("segment closed")
        return source[at:at + size] if fd is None else os.pread(fd, size, at)

    return pread, offset, length


class TermTable:
    """A segment's term table (Whoosh's hash file of term infos), looked up in two reads
    when the key's slot is the first one probed: the slot, then the entry."""

    def __init__(self, reader) -> None:
        from whoosh.codec.whoosh3 import W3Codec

        terms = reader._terms
        tindex = terms._tindex
        got = segment_file(reader, W3Codec.TERMS_EXT)
        if got is None:
            raise ValueError("no compound term file")
        self._pread, self._base, self._length = got
        self._tables = list(tindex.tables)
        self._hash = tindex.hashfn
        self._keycoder = terms._keycoder
        first = next(iter(tindex.items()), None)  # Whoosh's own first entry
        if first is not None and self.raw(first[0]) != first[1]:
            raise ValueError("term table not laid out as expected")

    def get(self, fieldname: str, tbytes: bytes) -> bytes | None:
        """The term info bytes of a term, or None when the segment does not hold it."""
        return self.raw(self._keycoder(fieldname, tbytes))

    def raw(self, key: bytes) -> bytes | None:
        keyhash = self._hash(key)
        start, slots = self._tables[keyhash & 255]
        if not slots:
            return None
        base, pread, size = self._base, self._pread, _POINTER.size
        end = start + slots * size
        pos = start + ((keyhash >> 8) % slots) * size
        for _ in range(slots):
            slothash, item = _POINTER.unpack(pread(size, base + pos))
            if not item:
                return None
            if slothash == keyhash:
                want = ENTRY_HEAD.size + len(key) + _VALUE_GUESS
                buf = pread(want, base + item)
                keylen, datalen = ENTRY_HEAD.unpack_from(buf)
                at = ENTRY_HEAD.size + keylen
                if keylen == len(key) and buf[ENTRY_HEAD.size:at] == key:
                    if at + datalen > len(buf):
                        buf = pread(at + datalen, base + item)
                    return bytes(buf[at:at + datalen])
            pos += size
            if pos == end:
                pos = start
        return None


def term_table(reader) -> TermTable | None:
    """The segment reader's :class:`TermTable` (kept on the reader), or None when Whoosh
    must look terms up itself."""
    got = getattr(reader, "_term_table", None)
    if got is None:
        try:
            got = TermTable(reader)
        except Exception:
            got = False
        try:
            reader._term_table = got
        except AttributeError:
            pass
    return got or None
