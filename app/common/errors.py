"""The one root of app/'s exceptions, each of a kind (refused, problem, cancelled); the one crash log."""

import traceback
from enum import Enum
from pathlib import Path
from typing import ClassVar

CRASH_LOG = "last-error.txt"


class Kind(Enum):
    REFUSED = "refused"  # bad usage or input: the command line exits 2 with one line
    PROBLEM = "problem"  # something found wrong (an unreadable image...): exit 1
    CANCELLED = "cancelled"  # the examiner stopped it; nothing half-done is kept: exit 1


class HaechiError(Exception):
    """Root of every exception app/ raises on purpose; anything else is a bug (see write_crash_log)."""

    kind: ClassVar[Kind] = Kind.PROBLEM


class Refused(HaechiError):
    """The input or the request cannot be accepted; the reason is one plain sentence."""

    kind = Kind.REFUSED


class Cancelled(HaechiError):
    """The examiner cancelled the work."""

    kind = Kind.CANCELLED


def write_crash_log(error: BaseException, config: Path) -> Path:
    """Keep the traceback of an unexpected error in CONFIG/logs/last-error.txt (the last one only)."""
    folder = config / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CRASH_LOG
    path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return path
