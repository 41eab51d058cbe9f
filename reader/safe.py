"""Make untrusted article text safe to print in a terminal.

Scraped pages carry ANSI and OSC escape sequences, bidi overrides and other control
characters; printed raw they can recolour, retitle or rewrite a user's terminal. Every
string from an article passes through :func:`terminal_safe` before plain CLI output, and
the TUI renders article text as ``rich.text.Text`` (never as markup) after the same pass.
"""

from __future__ import annotations

import re

# CSI, OSC (terminated by BEL or ST), and other two-byte ESC sequences
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
_CONTROLS = {c: None for c in range(32) if c not in (9, 10)}
_CONTROLS.update({c: None for c in range(0x7F, 0xA0)})


def terminal_safe(text: str | None, keep_newlines: bool = True) -> str:
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = text.translate(_BIDI).translate(_CONTROLS)
    if not keep_newlines:
        text = " ".join(text.split())
    return text
