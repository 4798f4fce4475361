"""Refused actions on the record: the command line and the desktop both log what they refused."""

import contextlib
from collections.abc import Iterator

from app.common.errors import Refused
from app.common.faults import Session, disk_full_recorded
from chain_of_custody.errors import LedgerRefused

REFUSED = "input_refused"  # the ledger action


@contextlib.contextmanager
def refusals_recorded(session: Session, command: str) -> Iterator[None]:
    """A refused action is itself part of the record (unless the ledger refuses that too); so is work
    lost to a full disk, where the ledger can still take it."""
    try:
        with disk_full_recorded(session, command):
            yield
    except (Refused, LedgerRefused) as refusal:
        with contextlib.suppress(LedgerRefused):
            session.record(REFUSED, None, {"command": command, "reason": str(refusal)})
        raise
