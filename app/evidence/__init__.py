"""Evidence images: importing one into a case, verifying it again, reading file content back.

importer.py: the parent side of an import (ImportJob); worker.py: the child processes that run the
native readers; verify.py: `haechi verify`; reader.py: content read in a child process for the views,
exports and artifact extraction.
"""
