"""Artifacts (IPTV credentials, playlists, device identity, panels...): extraction, browsing, labels.

extract.py: runs forensics/artifacts extractors over a case's evidence and stores rows with provenance;
keystore.py: Amlogic device keys as artifacts; browse.py: counts and pages for the desktop; labels.py:
types and fields in English and Korean; values.py: which field values are UTC moments.
"""
