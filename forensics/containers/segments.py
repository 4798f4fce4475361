"""Finding every segment of a split raw image (.000/.001..., .aa/.ab...)."""

import re
import string
from collections.abc import Callable
from pathlib import Path

from forensics.base.errors import MissingSegment

_NUMERIC = re.compile(r"^(?P<stem>.+)\.(?P<num>\d{3,})$")
_ALPHA = re.compile(r"^(?P<stem>.+)\.(?P<alpha>[a-z]{2})$")
_ALPHA_LIMIT = 26 * 26
_GAP_LOOKAHEAD = 3

NameOf = Callable[[int], str]


def _alpha(index: int) -> str:
    letters = string.ascii_lowercase
    return letters[index // 26] + letters[index % 26]


def _naming(path: Path) -> tuple[NameOf, int, int] | None:
    """How segments of this image are named: (name of index i, first index, index limit)."""
    numeric = _NUMERIC.match(path.name)
    if numeric:
        stem, width = numeric["stem"], len(numeric["num"])

        def numbered(i: int) -> str:
            return f"{stem}.{i:0{width}d}"

        first = 0 if (path.parent / numbered(0)).exists() else 1
        return numbered, first, 10**width
    alpha = _ALPHA.match(path.name)
    if alpha and (path.parent / f"{alpha['stem']}.aa").exists():  # else just a two-letter extension (.dd)
        stem = alpha["stem"]
        return (lambda i: f"{stem}.{_alpha(i)}"), 0, _ALPHA_LIMIT
    return None


def split_raw_segments(path: Path) -> list[Path] | None:
    """All segments of the split image `path` belongs to, in order; None when it is not one.

    A single file named like a segment with no sibling is not a split image.
    Raises MissingSegment when a gap is found (for example .001 and .003 without .002).
    """
    naming = _naming(path)
    if naming is None:
        return None
    name_of, first, limit = naming
    segments: list[Path] = []
    index = first
    while index < limit and (path.parent / name_of(index)).exists():
        segments.append(path.parent / name_of(index))
        index += 1
    if path not in segments:
        raise MissingSegment(f"{path.name}: an earlier segment ({name_of(first)}) is missing")
    for later in range(index + 1, min(index + 1 + _GAP_LOOKAHEAD, limit)):
        if (path.parent / name_of(later)).exists():
            raise MissingSegment(
                f"{path.name}: segment {name_of(index)} is missing, yet {name_of(later)} exists"
            )
    return segments if len(segments) > 1 else None
