"""Hash sets: the workstation's library, its file formats, matching a case, exporting tagged files.

library.py: where the library lives, import, list, remove; formats.py: NSRL RDSv3, plain lists,
md5sum, hashdeep, HashKeeper, Haechi's own; matching.py: a case's files against the library;
export.py: `hashset export-tagged`.
"""
