"""Where the reader keeps its state, and where the bundled seeds are.

One data directory holds everything (index cache, bookmarks, exports): ``--data-dir``,
else ``READER_DATA_DIR``, else the platform's user data directory. Keeping it in one place
means a user can back up, move or delete the reader's state with one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsreader-tui"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("READER_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def index_dir(data: Path) -> Path:
    return data / "index"


def bookmarks_path(data: Path) -> Path:
    return data / "bookmarks.sqlite"


def seeds_dir() -> Path:
    """The bundled sample corpus: inside the package in a wheel, at the repo root in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    raise FileNotFoundError("the bundled seeds are missing from this installation")
