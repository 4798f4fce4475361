"""The custody ledger for the desktop: its events, and their verification (chain, signatures, rows)."""

from app.cases.session import CaseSession
from app.custody.integrity import check_record
from chain_of_custody.ledger import Event, Verdict, verify_ledger

__all__ = ["Event", "Verdict", "ledger_events", "verify_case_ledger"]


def ledger_events(session: CaseSession) -> list[Event]:
    """Every event of the case's ledger, oldest first."""
    return list(session.db.ledger.events())


def verify_case_ledger(session: CaseSession) -> Verdict:
    """Recompute the chain and check every signature, then every commitment; the first failure is named."""
    verdict = verify_ledger(session.db.conn)
    if not verdict.intact:
        return verdict
    failures = check_record(session.db.conn).failures()
    if not failures:
        return verdict
    return Verdict(False, verdict.events, verdict.head, None, "; ".join(failures))
