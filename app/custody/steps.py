"""Recording the custody procedure of exhibits (seize, seal, unseal, image, confirm hashes...)."""

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.cases.session import CaseSession
from app.cases.settings import Settings
from app.custody.integrity import acquisition_differences, signed_acquisition
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.custody import (
    EVIDENCE,
    PREFIX,
    STEP_LIST,
    STEPS,
    YES_NO,
    ExhibitState,
    Step,
    StepField,
    replay,
    validate_step,
)
from chain_of_custody.errors import LedgerRefused
from chain_of_custody.ledger import Event

# the front ends (command line, desktop dialog, report) read the steps from here
__all__ = [
    "EVIDENCE",
    "STEPS",
    "STEP_LIST",
    "YES_NO",
    "Event",
    "ExhibitState",
    "Step",
    "StepField",
    "custody_record",
    "exhibits",
    "field_value",
    "hashes_for_confirmation",
    "occurred_at",
    "record_step",
    "require_exhibit",
    "step_details",
]


_YES, _NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0")


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


def field_value(entry: StepField, raw: Any) -> Any:
    """What was entered for a field, as the ledger keeps it: yes/no as a boolean, an evidence id as int."""
    if raw in (None, ""):
        return None
    if entry.kind == YES_NO and isinstance(raw, str):
        answer = raw.strip().lower()
        if answer not in _YES + _NO:
            raise LedgerRefused(f"{entry.label}: answer yes or no, not '{raw}'")
        return answer in _YES
    if entry.kind == EVIDENCE:
        return int(raw)
    return raw


def step_details(
    session: CaseSession,
    step: Step,
    entered: dict[str, Any],
    participants: list[str],
    at: str | None,
    note: str | None,
) -> dict[str, Any]:
    """The details of a step's ledger event from what the examiner entered (by field name), the same
    from the command line and the dialog; a hash confirmation carries the image's hashes."""
    fields = {entry.name: field_value(entry, entered.get(entry.name)) for entry in step.fields}
    details: dict[str, Any] = {
        "exhibit": entered.get("exhibit"),
        **fields,
        "participants": participants,
        "occurred_at": occurred_at(at, Settings(timezone=session.tz).zone()),  # a bad zone: the default
        "note": note,
    }
    if step.name == "hash_confirmed":
        details["participant"] = participants[0] if participants else None
        evidence_id = details.pop("evidence", None)
        if evidence_id:
            details["evidence_id"] = evidence_id
            details["hashes"] = hashes_for_confirmation(session, evidence_id, str(details["exhibit"]))
    return details


def exhibits(db: CaseDatabase) -> dict[str, ExhibitState]:
    return replay(db.ledger.events())


_RECORD_FIELDS = ("description", "make", "model", "serial", "capacity", "location", "authority")


def custody_record(db: CaseDatabase, exhibit: str) -> dict[str, str] | None:
    """What the exhibit's custody events already say (so it is typed once): seized_from (or received
    from), seized_at (when it was seized or received, UTC), seal (the seal now on it, else the first
    one recorded), and description, make, model, serial, capacity, location, authority as entered.
    None when the exhibit is not in custody."""
    state = exhibits(db).get(exhibit)
    if state is None:
        return None
    record: dict[str, str] = {}
    first_seal: str | None = None
    for event in db.ledger.events():
        if event.action not in (PREFIX + "seized", PREFIX + "received", PREFIX + "sealed"):
            continue
        details = event.details
        if str(details.get("exhibit")) != exhibit:
            continue
        if event.action == PREFIX + "sealed":
            first_seal = first_seal or str(details.get("seal") or "") or None
            continue
        source = details.get("seized_from") or details.get("received_from")
        if source:
            record["seized_from"] = str(source)
        record["seized_at"] = str(details.get("occurred_at") or event.ts_utc)
        record.update({key: str(details[key]) for key in _RECORD_FIELDS if details.get(key)})
    seal = state.seal or first_seal
    if seal:
        record["seal"] = seal
    return record


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
    signed = signed_acquisition(list(session.db.ledger.events()), evidence_id)
    if signed is None or not signed.hashes["sha256"]:
        raise LedgerRefused(f"evidence {evidence_id} has not been hashed yet (import unfinished)")
    altered = acquisition_differences(item, signed)
    if altered:  # the participant confirms what the signed event says, and only when the table agrees
        raise LedgerRefused(f"evidence {evidence_id}: {altered[0]}; run `haechi ledger CASE --verify`")
    return dict(signed.hashes)


def require_exhibit(session: CaseSession, exhibit: str) -> ExhibitState:
    state = exhibits(session.db).get(exhibit)
    if state is None:
        raise LedgerRefused(
            f"exhibit {exhibit} is not in custody: record 'custody seize' or 'custody receive' first"
        )
    return state
