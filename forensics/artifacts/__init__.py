"""Artifact extractors: pure parsers of source files found in the evidence (no case database, no Qt).

Each module declares its sources and returns typed rows; registry.py lists them all explicitly.
"""
