"""Writing one Whoosh segment: postings grouped by term, not sorted one by one.

Whoosh's segment writer puts every posting (field, term, document, weight, positions) into
a pool as a tuple, sorts the whole pool when the segment is finished, and then hands the
postings one at a time to the codec, which checks each one, appends it to a block and
looks up its document's length. For a page with ~800 distinct words that was ~40% of
the cost of indexing it, and nearly all of the cost of a merge (which also pushes every
posting of the merged segments through the same pool).

Here postings are grouped by term as they arrive (documents come in increasing number, so
each term's list is already sorted); finishing the segment sorts the terms, not the
postings, and fills each posting block of the codec in one step. The bytes on disk are the
codec's own (same blocks, same term statistics), so any Whoosh reads them; a test checks
that a segment is byte for byte the one Whoosh's writer makes.

A merge reads each term's posting list of each merged segment block by block and writes
it in the same way, with document numbers renumbered and deleted documents dropped.

This relies on the block writer internals of the pinned whoosh-reloaded 2.7
(``W3PostingsWriter``), like the rest of the segment code; where something is not as
expected (another codec, terms out of order) it falls back to Whoosh's own path.
"""

from __future__ import annotations

import heapq
import marshal
import os
import zlib
from array import array
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from .bulk import read_block, whole_list_matcher
from .sidepost import SIDE_EXT, SideWriter, standard_positions

#: Postings per ``marshal`` call when a term buffer spills to disk.
SPILL_CHUNK = 20_000
#: Posting blocks whose pickled data is shorter than this are stored uncompressed: zlib
#: cannot shrink a block of one or two postings, and reading it back skips a decompress.
COMPRESS_FROM = 128
#: zlib window and memory level of a block (blocks are a few KB): ``zlib.compress``'s
#: defaults (32 KB window, level 8) set up ~270 KB of state per call, 50-100 µs, for a
#: block that mostly holds a few dozen bytes. Any zlib reader decompresses either.
WINDOW_BITS = 13
#: Pickle protocol of a posting block's data. Whoosh writes protocol 2, which has no opcode
#: for bytes: each posting's encoded positions unpickle through a call of
#: ``_codecs.encode``. Under protocol 4 a block of a common word unpickles ~5x faster and
#: compresses to about half the size (measured once on blocks of a 100,000-article index). Whoosh
#: reads either: its reader calls ``pickle.loads``.
PICKLE_PROTOCOL = 4
#: Memory of one buffered posting as counted against the writer's ``limitmb`` (its three
#: list slots, a share of its term's key, list and dict entry, its positions when it has
#: several, and the transient lists of finishing). Measured: a 5,000-page segment with a
#: 96 MB limit peaks at ~107 MB RSS with 128 (~130 MB with 80, ~180 MB with 48; Whoosh's
#: pool took ~158 MB), at the same speed: a spilled run costs a few ``marshal`` calls.
POSTING_BYTES = 128


class TermBuffer:
    """A segment's postings, grouped by term: ``{(field, term bytes): [doc, weight,
    value, doc, weight, value, ...]}``. Past the memory limit the buffer is written to a
    temporary file as one sorted run (a few ``marshal`` calls) and emptied; finishing
    merges the runs term by term. Offers the ``add`` / ``cleanup`` side of Whoosh's
    posting pool, so Whoosh's own code can still add to it."""

    def __init__(self, tempstore, limitmb: float) -> None:
        self.tempstore = tempstore
        self.limit = max(1, int(limitmb * 1024 * 1024 / POSTING_BYTES))
        self.terms: dict[tuple[str, bytes], list] = {}
        self.size = 0
        self.runs: list[tuple[int, str]] = []  # (first document number, file name)
        self.first = 0  # the first document number in the buffer
        self.sources: list = []  # (first document number, sorted term stream) of merged segments

    def add(self, item) -> None:
        fieldname, btext, docnum, weight, vbytes = item
        self.add_posting(fieldname, btext, docnum, weight, vbytes)

    def add_posting(self, fieldname, btext, docnum, weight, vbytes) -> None:
        key = (fieldname, btext)
        lst = self.terms.get(key)
        if lst is None:
            if not self.terms:
                self.first = docnum
            self.terms[key] = [docnum, weight, vbytes]
        else:
            lst += (docnum, weight, vbytes)
        self.size += 1
        if self.size >= self.limit:
            self.spill()

    def spill(self) -> None:
        """Write the buffered terms, sorted, to a temporary file as one run."""
        if not self.terms:
            return
        name = f"{os.getpid()}-{len(self.runs)}-{id(self):x}.run"
        f = self.tempstore.create_file(name).raw_file()
        try:
            chunk, n = [], 0
            for key in sorted(self.terms):
                lst = self.terms[key]
                chunk.append((key[0], key[1], lst))
                n += len(lst)
                if n >= 3 * SPILL_CHUNK:
                    marshal.dump(chunk, f)
                    chunk, n = [], 0
            if chunk:
                marshal.dump(chunk, f)
        finally:
            f.close()
        self.runs.append((self.first, name))
        self.terms = {}
        self.size = 0

    def _read_run(self, name: str):
        f = self.tempstore.open_file(name).raw_file()
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self.tempstore.delete_file(name)

    def items(self):
        """``(field, term bytes, flat postings)`` in term order, each term's postings in
        document order, from the runs on disk, the buffer and merged segments."""
        memory = ((k[0], k[1], self.terms[k]) for k in sorted(self.terms))
        streams = [(first, self._read_run(name)) for first, name in self.runs]
        streams += [(self.first, memory)] + self.sources
        if len(streams) == 1:
            yield from memory
            return
        # runs hold documents in the order they were added: number the streams by their
        # first document so that a term's lists are joined in document order
        order = sorted(range(len(streams)), key=lambda i: (streams[i][0], i))
        tagged = [_tagged(streams[i][1], rank) for rank, i in enumerate(order)]
        last = None
        joined: list = []
        for fieldname, btext, _, postings in heapq.merge(*tagged):
            key = (fieldname, btext)
            if key != last:
                if last is not None:
                    yield last[0], last[1], joined
                last, joined = key, postings
            else:
                joined = joined + postings
        if last is not None:
            yield last[0], last[1], joined

    def cleanup(self) -> None:
        for _, name in self.runs:
            try:
                self.tempstore.delete_file(name)
            except OSError:
                pass
        self.runs = []


def _tagged(stream, rank: int):
    """A term stream with its rank, which orders equal terms of two streams (a function, so
    that each generator keeps its own rank)."""
    return ((fieldname, btext, rank, postings) for fieldname, btext, postings in stream)


def _reader_terms(reader, basedoc: int, docmap: dict | None):
    """A segment's postings as ``(field, term bytes, flat postings)`` in term order,
    renumbered from ``basedoc`` (or through ``docmap``, which leaves deleted documents
    out). Each posting list is read in one call and decoded a block at a time."""
    terms = reader._terms
    schema = reader.schema
    for (fieldname, btext), info in terms.items():
        if fieldname not in schema:
            continue
        format_ = schema[fieldname].format
        m = whole_list_matcher(terms, info, (fieldname, btext), format_)
        if m is None:
            m = terms.matcher(fieldname, btext, format_)
        flat: list = []
        while m.is_active():
            read_block(m, values=True)
            if docmap is None:
                for d, w, v in zip(m._ids, m._weights, m._values):
                    flat += (d + basedoc, w, v)
            else:
                get = docmap.get
                for d, w, v in zip(m._ids, m._weights, m._values):
                    nd = get(d)
                    if nd is not None:
                        flat += (nd, w, v)
            m._next_block()
        if flat:
            yield fieldname, btext, flat


def _fields_in_term_order(reader) -> bool:
    """Whether a segment's terms are stored in (field name, term) order: field numbers
    given in name order, as Whoosh's writer gives them."""
    fieldmap = getattr(getattr(reader, "_terms", None), "_fieldmap", None)
    if not isinstance(fieldmap, dict):
        return False
    return sorted(fieldmap, key=fieldmap.get) == sorted(fieldmap)


def write_postings(fieldwriter, schema, lengths, items, side: SideWriter | None = None) -> None:
    """Write ``(field, term bytes, flat postings)`` in term order through the codec's
    field writer, filling each posting block in one step. Produces what Whoosh's
    ``FieldWriter.add_postings`` writes for the same postings one by one; ``side`` also
    gets each long list's document numbers, weights and (in a field with positions) its
    positions (see :mod:`index.sidepost`)."""
    lastfield = None
    column = None
    postwriter = None
    blocklimit = 0
    positions = False
    for fieldname, btext, flat in items:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfield = fieldname
            column = lengths.column(fieldname) if lengths is not None else None
            postwriter = None
            positions = standard_positions(schema[fieldname].format)
        fieldwriter.start_term(btext)
        if postwriter is None:
            postwriter = fieldwriter._postwriter
            postwriter._write_block = _block_writer(postwriter)
            blocklimit = postwriter._blocklimit
        ids, weights, values = flat[0::3], flat[1::3], flat[2::3]
        n = len(ids)
        for start in range(0, n, blocklimit):
            if start:
                postwriter._write_block()
            end = start + blocklimit
            _fill_block(postwriter, ids[start:end], weights[start:end], values[start:end], column)
        if side is not None:
            side.add(postwriter._startoffset, ids, weights, values if positions else None)
        fieldwriter.finish_term()
    if lastfield is not None:
        fieldwriter.finish_field()


def _block_writer(pw):
    """``W3PostingsWriter._write_block`` for ``pw`` (the same block layout), with small
    blocks left uncompressed and a zlib set-up sized to a block (see :data:`WINDOW_BITS`)."""
    postfile = pw._postfile

    def write_block(last: bool = False) -> None:
        if not pw._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        pw._terminfo.add_block(pw)
        databytes = dumps((pw._mini_ids(), pw._mini_weights(), pw._mini_values()), PICKLE_PROTOCOL)
        comp = pw._compression if len(databytes) >= COMPRESS_FROM else 0
        if comp:
            databytes = _compress(databytes, comp)
        ids = pw._ids
        infobytes = dumps((len(ids), ids[-1], pw._maxweight, comp,
                           length_to_byte(pw._minlength), length_to_byte(pw._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        pw._blockcount += 1
        pw._new_block()

    return write_block


def _compress(data: bytes, level: int) -> bytes:
    z = zlib.compressobj(level, zlib.DEFLATED, WINDOW_BITS, 4 if len(data) < 2048 else 8)
    return z.compress(data) + z.flush()


def _fill_block(pw, ids, weights, values, column) -> None:
    """Set a posting block's buffer as ``add_posting`` would leave it after these postings."""
    pw._ids = array("I", ids)
    pw._weights = array("f", weights)
    pw._values = [v for v in values if v]
    top = max(weights)
    pw._maxweight = top if top > 0 else 0
    if column is not None:
        lens = [n for n in map(column.__getitem__, ids) if n]
        pw._minlength = min(lens) if lens else None
        pw._maxlength = max(lens) if lens else 0


class Lengths:
    """A new segment's field lengths, one list per field read once (Whoosh's codec asks
    the length column for each posting's document)."""

    def __init__(self, pdr, doc_count: int) -> None:
        self._pdr, self._n, self._by_field = pdr, doc_count, {}

    def column(self, fieldname: str) -> list[int]:
        col = self._by_field.get(fieldname)
        if col is None:
            get = self._pdr.doc_field_length
            col = self._by_field[fieldname] = [get(d, fieldname, 0) for d in range(self._n)]
        return col

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        return self.column(fieldname)[docnum]


class FastSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with its postings grouped by term (:class:`TermBuffer`)
    and written a block at a time (:func:`write_postings`); merged segments are read a
    posting list at a time instead of a posting at a time."""

    def __init__(self, ix, *args, limitmb: float = 128, **kwargs):
        super().__init__(ix, *args, limitmb=limitmb, **kwargs)
        self.pool = TermBuffer(self.pool.tempstore, limitmb)
        self._merged_readers: list = []
        self._direct = type(self.codec) is W3Codec and type(self.fieldwriter) is W3FieldWriter
        #: fields this writer indexes itself (vectors and spelling fields go through Whoosh)
        self._plain = frozenset(n for n, f in self.schema.items() if not f.vector and not f.separate_spelling())

    def add_document(self, **fields):
        """Whoosh's ``add_document`` for plain indexed and stored fields, each term going
        straight into its list; anything else (vectors, spelling fields) goes through
        Whoosh's own code."""
        if not fields.keys() <= self._plain:  # "_boost" and the like, unknown fields, vectors
            return super().add_document(**fields)
        schema = self.schema
        fieldnames = sorted(fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        add = self.pool.add_posting
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        if weight.__class__ is not float:  # Whoosh multiplies by a 1.0 boost
                            weight = float(weight)
                        add(fieldname, tbytes, docnum, weight, vbytes)
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def merge_reader(self, reader) -> None:
        """Add a segment (merging) and take ownership of its reader: its stored fields are
        copied now, its postings read as a sorted stream when the new segment is written
        (the reader is closed then)."""
        if not self._direct or not _fields_in_term_order(reader):
            try:
                self.add_reader(reader)
            finally:
                reader.close()
            return
        self._merged_readers.append(reader)
        self._check_state()
        basedoc = self.docnum
        names = {n for n in reader.indexed_field_names() if n in self.schema}
        docmap = self.write_per_doc(set(self.schema.names()) | names, reader)
        self.pool.sources.append((basedoc, _reader_terms(reader, basedoc, docmap)))
        self._added = True

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = Lengths(pdr, self.docnum) if pdr else None
        try:
            if self._direct:
                side = SideWriter(self.newsegment.create_file(self.storage, SIDE_EXT))
                try:
                    write_postings(self.fieldwriter, self.schema, lengths, self.pool.items(), side)
                finally:
                    side.close()
            else:
                postings = ((f, t, d, w, v) for f, t, flat in self.pool.items()
                            for d, w, v in zip(flat[0::3], flat[1::3], flat[2::3]))
                self.fieldwriter.add_postings(self.schema, lengths, postings)
        finally:
            self._close_merged()
        self.fieldwriter.close()
        if pdr:
            pdr.close()

    def _close_merged(self) -> None:
        for reader in self._merged_readers:
            reader.close()
        self._merged_readers = []

    def _close_segment(self):
        self._close_merged()
        super()._close_segment()
