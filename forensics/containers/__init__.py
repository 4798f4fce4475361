"""Containers: the image file(s) as one byte stream (raw, split raw, E01, Android sparse), read-only.

detect.py: which kind an image is; opening.py: open it as a pytsk3 image; segments.py: split raw
segments; sparse.py: Android sparse images; media_hash.py: the whole-media hash with read-ahead.
"""
