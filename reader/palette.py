"""Command palette (Ctrl+P) entries for every reader action, with their current keys.

The palette is where a new user discovers what the reader can do, so it lists the same
actions as the key bindings, by name, with the key shown in the help line. The keys come
from the app at the time the palette opens, so a user keymap is reflected there too.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReaderCommands(Provider):
    """Every reader action that makes sense on the screen the palette was opened from."""

    def _commands(self) -> list[tuple[str, str, str]]:
        entries = getattr(self.app, "palette_entries", None)
        return list(entries(self.screen)) if entries else []

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          text=name, help=help_text)
