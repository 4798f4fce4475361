"""The 'cannot go on' channel: a small hierarchy of errors raised by the evidence readers.

Damage that can be worked around is not an exception: it becomes a `ReadWarning` record.
"""


class EvidenceError(Exception):
    """Base of every error the evidence readers raise."""


class UnsupportedImage(EvidenceError):
    """The file is not an image format Haechi reads (or it is empty)."""


class MissingSegment(EvidenceError):
    """A split or multi-segment image is incomplete."""


class ImageReadError(EvidenceError):
    """The image could not be opened or read at all."""
