"""How a command ends when it fails: refusals recorded and told in one line (exit 2), problems and
cancels in one line (exit 1), anything unexpected in the crash log (exit 1)."""

import sqlite3
import sys
from collections.abc import Callable
from typing import Any

from app.cases.settings import config_dir
from app.common.errors import HaechiError, Kind, Refused, write_crash_log
from app.common.faults import disk_full_in, is_disk_full
from app.common.neutral import terminal
from app.common.refusals import refusals_recorded
from chain_of_custody.errors import CustodyError

# the custody layer's own errors (not a case, refused by the ledger...) are refusals at this boundary
REFUSALS = (Refused, CustodyError)
__all__ = ["REFUSALS", "finish", "refusals_recorded"]  # refusals_recorded: shared with the desktop


def finish(command: Callable[[Any], int], args: Any) -> int:
    """Run one command; the exit code and the one line a person reads for each way it can fail."""
    try:
        return command(args)
    except REFUSALS as refusal:
        if disk_full_in(refusal):  # e.g. a case that cannot be opened for writing: no room for its WAL
            print(f"haechi: the disk is full: {terminal(refusal)}", file=sys.stderr)
            return 1
        print(f"haechi: {terminal(refusal)}", file=sys.stderr)
        return 2
    except HaechiError as error:
        ending = "; nothing was kept" if error.kind is Kind.CANCELLED else ""
        print(f"haechi: {terminal(error)}{ending}", file=sys.stderr)  # may quote names from evidence
        return 1
    except BrokenPipeError:
        return 0  # the reader (e.g. `head`) has what it wanted
    except (OSError, sqlite3.Error) as error:
        if is_disk_full(error):  # a command without a session, or full before one was open
            print(f"haechi: the disk is full: {terminal(error)}", file=sys.stderr)
            return 1
        if isinstance(error, sqlite3.Error):
            return _crash(error)
        print(
            f"haechi: {error.strerror or error}: {terminal(error.filename or '')}".rstrip(": "),
            file=sys.stderr,
        )
        return 2
    except Exception as error:  # noqa: BLE001 - the user gets one line, the log gets the traceback
        return _crash(error)


def _crash(error: Exception) -> int:
    log = write_crash_log(error, config_dir())
    print(f"haechi: internal error: {terminal(error)} (details in {log})", file=sys.stderr)
    return 1
