"""TSK timestamps to UTC ISO-8601 text."""

from datetime import UTC, datetime


def tsk_time_to_iso(seconds: int | None, nanos: int | None = 0) -> str | None:
    """Seconds since the epoch (plus nanoseconds) as 'YYYY-MM-DDTHH:MM:SS[.fffffffff]Z'.

    TSK reports 0 for a time the file system does not hold; that becomes None.
    """
    if not seconds or seconds < 0:
        return None
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        text += f".{nanos:09d}".rstrip("0")
    return text + "Z"
