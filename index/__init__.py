"""Everything that turns files into a searchable corpus: load, clean, metadata, quotes, Whoosh.

This package never imports Textual or :mod:`reader`: the CLI commands stay fast to start,
and the pipeline can be reused and tested without a terminal.
"""
