"""Use cases: open a case, import evidence, verify, list, report; and the command line. No Qt."""

__version__ = "0.1.0"
