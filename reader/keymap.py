"""The user's keymap file: binding id -> keys, applied with ``App.set_keymap``.

A journalist on a non-QWERTY layout, or used to another reader's keys, edits one small
TOML file in the config directory instead of the code::

    # ~/.config/newsreader-tui/keymap.toml
    search = "ctrl+f,slash"
    bookmark = ["b", "ctrl+b"]

    [keymap]            # the same pairs may also sit under a [keymap] table
    quit = "ctrl+q"

A broken file never stops the reader from starting: the defaults are kept and the
problems come back as warnings that the app shows as a notification.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

FILE_NAME = "keymap.toml"


def default_keymap_path() -> Path:
    from .paths import config_dir

    return config_dir() / FILE_NAME


def _parse_toml(text: str) -> dict:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        return _parse_simple(text)
    return tomllib.loads(text)


_PAIR = re.compile(r"""^\s*([A-Za-z0-9_.-]+|"[^"]*")\s*=\s*(.+?)\s*$""")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'')


def _parse_simple(text: str) -> dict:
    """The subset of TOML a keymap needs (``id = "keys"``, ``id = ["k", "k"]``, one table)."""
    out: dict = {}
    table = out
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and not line.startswith("[["):
            table = out.setdefault(line[1:-1].strip(), {})
            continue
        m = _PAIR.match(line)
        if not m:
            raise ValueError(f"line {n}: expected id = \"keys\"")
        key = m.group(1).strip('"')
        value = m.group(2).split(" #")[0].strip()
        strings = [a if a else b for a, b in _STRING.findall(value)]
        if value.startswith("["):
            table[key] = strings
        elif strings:
            table[key] = strings[0]
        else:
            raise ValueError(f"line {n}: the keys must be a quoted string")
    return out


def parse_keymap(text: str, known_ids: Iterable[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Keymap (id -> "key,key") and warnings from a keymap file's text."""
    warnings: list[str] = []
    try:
        data = _parse_toml(text)
    except Exception as exc:  # tomllib.TOMLDecodeError or ours: one line for the user
        return {}, [f"keymap ignored: {exc}"]
    pairs: dict = {}
    for k, v in data.items():
        if isinstance(v, dict):
            if k in ("keymap", "keys", "bindings"):
                pairs.update(v)
            else:
                warnings.append(f"keymap: unknown table [{k}] ignored")
        else:
            pairs[k] = v
    known = set(known_ids) if known_ids is not None else None
    keymap: dict[str, str] = {}
    for binding_id, value in pairs.items():
        if known is not None and binding_id not in known:
            warnings.append(f"keymap: unknown binding id {binding_id!r} ignored")
            continue
        if isinstance(value, str):
            keys = [k.strip() for k in value.split(",")]
        elif isinstance(value, list) and all(isinstance(k, str) for k in value):
            keys = [k.strip() for k in value]
        else:
            warnings.append(f"keymap: {binding_id!r} needs a string or a list of strings")
            continue
        keys = [k for k in keys if k]
        if not keys:
            warnings.append(f"keymap: {binding_id!r} has no keys")
            continue
        keymap[binding_id] = ",".join(keys)
    return keymap, warnings


def load_keymap(path: Path | None = None,
                known_ids: Iterable[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Read the keymap file; a missing file is an empty keymap, an unreadable one a warning."""
    path = path if path is not None else default_keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"keymap {path} ignored: {exc}"]
    return parse_keymap(text, known_ids)
