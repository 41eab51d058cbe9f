"""One-line descriptions of errors for users (no tracebacks unless --debug)."""

from __future__ import annotations

import errno
import sqlite3


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "the disk is full; free some space and run again (the index stays usable)"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"permission denied: {exc.filename or exc}"
        return f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}"
    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc}"
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
