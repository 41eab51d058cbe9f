"""What the checks on other projects' pages share: trafilatura's column is optional."""

from __future__ import annotations


def trafilatura_or_none():
    """The trafilatura module when it is installed (``pip install -e ".[bench]"``), else
    None: the checks then leave its column out."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura
