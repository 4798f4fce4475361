"""The custody ledger for the desktop: its events in order and their verification (chain and signatures)."""

from app.cases.session import CaseSession
from chain_of_custody.ledger import Event, Verdict, verify_ledger

__all__ = ["Event", "Verdict", "ledger_events", "verify_case_ledger"]


def ledger_events(session: CaseSession) -> list[Event]:
    """Every event of the case's ledger, oldest first."""
    return list(session.db.ledger.events())


def verify_case_ledger(session: CaseSession) -> Verdict:
    """Recompute the chain and check every signature; the first failure is named."""
    return verify_ledger(session.db.conn)
