"""Showing stored UTC times in the examiner's zone, beside the UTC original."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def parse_utc(text: str) -> datetime | None:
    try:
        core = text.rstrip("Z")
        if "." in core:
            whole, fraction = core.split(".", 1)
            core = f"{whole}.{fraction[:6]}"
            moment = datetime.strptime(core, "%Y-%m-%dT%H:%M:%S.%f")
        else:
            moment = datetime.strptime(core, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC)


def local_text(utc_text: str | None, zone: ZoneInfo) -> str:
    """'2026-11-22 15:04:05 KST (+09:00)' for a stored UTC ISO-8601 text; '' for none."""
    if not utc_text:
        return ""
    moment = parse_utc(utc_text)
    if moment is None:
        return utc_text
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()} ({offset[:3]}:{offset[3:]})"
