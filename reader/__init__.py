"""The terminal news reader: CLI, Textual app and user state (bookmarks, read marks)."""

__version__ = "0.1.0"
