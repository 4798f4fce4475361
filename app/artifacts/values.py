"""Which artifact field values are moments in UTC. Extractors store times they can place in UTC as
ISO-8601 with a `Z` ('2027-01-01T00:00:00Z'); the report and the desktop show those in the examiner's
zone beside the UTC original. Times a box kept in its own clock (Kodi's `*_local` fields) carry no zone
and are shown as stored."""

import re
from typing import Any

from app.common.timeview import parse_utc

_UTC_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z")


def utc_timestamp(value: Any) -> str | None:
    """`value` when it is a UTC ISO-8601 timestamp (seconds, optional fraction, `Z`), else None."""
    if isinstance(value, str) and _UTC_ISO.fullmatch(value) and parse_utc(value) is not None:
        return value
    return None
