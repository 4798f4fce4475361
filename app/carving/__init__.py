"""Unallocated space and carving: what no file owns, and the files PhotoRec finds in it.

unallocated.py  each volume's unallocated space mapped as image byte ranges and stored (never copied)
carve.py        a carve run: chunks handed to PhotoRec, carved files stored as byte runs, one ledger event
progress.py     a carve run's counters (count, bytes, rate, ETA) as a plain object
"""
