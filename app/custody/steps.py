"""Recording the custody procedure of exhibits (seize, seal, unseal, image, confirm hashes...)."""

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.cases.session import CaseSession
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.custody import PREFIX, ExhibitState, replay, validate_step
from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import Event


def occurred_at(text: str | None, zone: ZoneInfo) -> str:
    """An examiner's ISO-8601 time (zone optional: the examiner's zone is assumed) as UTC text."""
    if not text:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise LedgerRefused(f"'{text}' is not an ISO-8601 time (e.g. 2026-11-20T14:30+09:00)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def exhibits(db: CaseDatabase) -> dict[str, ExhibitState]:
    return replay(db.ledger.events())


def record_step(session: CaseSession, step: str, details: dict[str, Any]) -> Event:
    """Check the step against the exhibit's history, then append it; one transaction."""
    clean = {key: value for key, value in details.items() if value not in (None, "", [])}
    with session.db.transaction():
        validate_step(replay(session.db.ledger.events()), step, clean)
        evidence_id = clean.get("evidence_id")
        return session.db.ledger.append(
            session.examiner, session.tz, PREFIX + step, int(evidence_id) if evidence_id else None, clean
        )


def hashes_for_confirmation(session: CaseSession, evidence_id: int, exhibit: str) -> dict[str, str]:
    """The acquisition hashes of an imported image of `exhibit`, to show to the participant."""
    item = session.catalogue.evidence(evidence_id)
    if item is None:
        raise LedgerRefused(f"no evidence {evidence_id} in this case")
    if item.get("exhibit") != exhibit:
        raise LedgerRefused(f"evidence {evidence_id} is not an image of exhibit {exhibit}")
    if not item["sha256"]:
        raise LedgerRefused(f"evidence {evidence_id} has not been hashed yet (import unfinished)")
    return {"md5": item["md5"], "sha1": item["sha1"], "sha256": item["sha256"]}


def require_exhibit(session: CaseSession, exhibit: str) -> ExhibitState:
    state = exhibits(session.db).get(exhibit)
    if state is None:
        raise LedgerRefused(
            f"exhibit {exhibit} is not in custody: record 'custody seize' or 'custody receive' first"
        )
    return state
