"""The custody ledger for the desktop: its events, and their verification (chain, signatures, rows)."""

from app.cases.session import CaseSession
from app.custody.integrity import check_record
from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import Event, Verdict, verify_ledger

__all__ = ["Event", "Verdict", "ledger_events", "verify_case_ledger"]


def ledger_events(session: CaseSession) -> list[Event]:
    """The case's events, oldest first, read strictly: the list stops before the first event whose
    stored form is not canonical (a repeated key...), so nothing shows a value the verifier has not
    accepted; verify_case_ledger names that event and why."""
    events: list[Event] = []
    try:
        for event in session.db.ledger.events():
            events.append(event)
    except LedgerRefused:
        pass  # the events read so far are kept; verification reports the unreadable one
    return events


def verify_case_ledger(session: CaseSession) -> Verdict:
    """Recompute the chain and check every signature, then every commitment; the first failure is named."""
    verdict = verify_ledger(session.db.conn)
    if not verdict.intact:
        return verdict
    failures = check_record(session.db.conn).failures()
    if not failures:
        return verdict
    return Verdict(False, verdict.events, verdict.head, None, "; ".join(failures))
