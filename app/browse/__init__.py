"""Browsing the catalogue: file queries, the evidence tree, one file's details and content, tags,
and `haechi files`.

files.py: paged, filtered, sorted file queries in SQL; tree.py: evidence -> volume -> folders;
details.py: what the details pane shows; content.py: hex, text and picture pages; tagging.py: tags and
bookmarks as ledger events; listing.py: `haechi files` records (JSON lines, CSV).
"""
