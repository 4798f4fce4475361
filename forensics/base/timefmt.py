"""TSK timestamps to UTC ISO-8601 text."""

from datetime import UTC, datetime
from functools import lru_cache


@lru_cache(maxsize=8192)
def _whole_seconds(seconds: int) -> str | None:
    """'YYYY-MM-DDTHH:MM:SS' of a second; files share seconds (a copy, an unpacked archive)."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return None


def tsk_time_to_iso(seconds: int | None, nanos: int | None = 0) -> str | None:
    """Seconds since the epoch (plus nanoseconds) as 'YYYY-MM-DDTHH:MM:SS[.fffffffff]Z'.

    TSK reports 0 for a time the file system does not hold; that becomes None.
    """
    if not seconds or seconds < 0:
        return None
    text = _whole_seconds(seconds)
    if text is None:
        return None
    if nanos:
        text += f".{nanos:09d}".rstrip("0")
    return text + "Z"
