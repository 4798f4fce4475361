"""Carving files out of unallocated space, reading only the image.

unallocated.py  unallocated space of a volume as byte ranges of the image (TSK's `blkls -l -A`)
chunks.py       unallocated ranges cut into chunks for the carver, and chunk offsets mapped back
photorec.py     PhotoRec run over one chunk file, its DFXML report (report.xml) read back
"""
