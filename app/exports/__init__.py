"""Exports: the catalogue and custody record for other tools, and selected files with their log.

catalogue.py: `haechi export` as CSV, DFXML, bodyfile, CASE/UCO; case_uco.py: the CASE/UCO JSON-LD
graph; files.py: selected files copied to CASE/exports/ with hashes, a log and a ledger event.
"""
