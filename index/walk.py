"""Find the article files under the folders a user points at.

Walks recursively, follows symlinked folders once (a symlink loop is skipped, not
followed forever), and leaves out hidden files and folders (``.git``, editor swap
files) the way every file manager does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from .loader import kind_of


@dataclass
class Found:
    path: str
    size: int
    mtime_ns: int


@dataclass
class Skipped:
    path: str
    reason: str


def walk(folders: list[str]) -> Iterator[Found | Skipped]:
    """Yield every candidate file (with size and mtime) or a :class:`Skipped` with a reason."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for folder in folders:
        top = os.path.abspath(folder)
        if os.path.isfile(top):
            yield from _one(top, seen_files)
            continue
        if not os.path.isdir(top):
            yield Skipped(top, "no such file or folder")
            continue
        stack = [top]
        while stack:
            d = stack.pop()
            try:
                st = os.stat(d)
            except OSError as exc:
                yield Skipped(d, f"cannot open folder: {exc.strerror or exc}")
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                if os.path.islink(d):
                    yield Skipped(d, "symlink loop (folder already visited)")
                continue
            seen_dirs.add(key)
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError as exc:
                yield Skipped(d, f"cannot list folder: {exc.strerror or exc}")
                continue
            subdirs = []
            for e in entries:
                if e.name.startswith("."):
                    continue
                try:
                    is_dir = e.is_dir(follow_symlinks=True)
                except OSError:
                    is_dir = False
                if is_dir:
                    subdirs.append(e.path)
                elif e.is_symlink() and not os.path.exists(e.path):
                    yield Skipped(e.path, "broken symlink or symlink loop")
                else:
                    yield from _one(e.path, seen_files)
            stack.extend(reversed(subdirs))


def _one(path: str, seen: set[tuple[int, int]]) -> Iterator[Found | Skipped]:
    if kind_of(path) is None:
        return  # images, PDFs, archives: not articles, and not worth a line each in the report
    try:
        st = os.stat(path)
    except OSError as exc:
        yield Skipped(path, f"cannot stat: {exc.strerror or exc}")
        return
    # one file reached twice (through a symlink, or a hard link) is indexed once; the
    # device and inode say so without resolving the path (a dozen syscalls a file)
    real = (st.st_dev, st.st_ino)
    if real in seen:
        return
    seen.add(real)
    yield Found(path, st.st_size, st.st_mtime_ns)
