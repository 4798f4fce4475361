"""Creating and opening cases; recording custody events in them."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.cases.settings import load_settings
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue
from chain_of_custody.commitments import commit
from chain_of_custody.identity import Examiner
from chain_of_custody.ledger import Event, utc_now


@dataclass
class CaseSession:
    """An open case and the examiner acting on it."""

    db: CaseDatabase
    examiner: Examiner
    tz: str

    @property
    def catalogue(self) -> Catalogue:
        return Catalogue(self.db.conn)

    def record(self, action: str, evidence_id: int | None, details: dict[str, Any]) -> Event:
        """Append one custody event in its own transaction."""
        with self.db.transaction():
            return self.db.ledger.append(self.examiner, self.tz, action, evidence_id, details)

    def close(self) -> None:
        self.db.close()


def create_case(folder: Path, number: str, title: str, agency: str | None, examiner: Examiner) -> CaseSession:
    tz = load_settings().timezone
    db = CaseDatabase.create(folder)
    with db.transaction():
        db.set_info(
            {
                "number": number,
                "title": title,
                "agency": agency or "",
                "created_at": utc_now(),
                "created_by": examiner.name,
                "haechi_version": __version__,
            }
        )
        db.ledger.register_examiner(examiner, tz)
        db.ledger.append(
            examiner,
            tz,
            "case_created",
            None,
            {
                "number": number,
                "title": title,
                "agency": agency or "",
                "folder": str(folder.resolve()),
                "haechi_version": __version__,
                "commitments": [commit(db.conn, "case")],
            },
        )
    return CaseSession(db, examiner, tz)


def open_case(folder: Path, examiner: Examiner) -> CaseSession:
    """Open a case to write in it; the examiner's key is stored in the case on first use."""
    tz = load_settings().timezone
    db = CaseDatabase.open(folder)
    if not db.read_only:  # on read-only media nothing is recorded; CaseSession.record refuses
        with db.transaction():
            db.ledger.register_examiner(examiner, tz)
    return CaseSession(db, examiner, tz)


def open_case_readonly(folder: Path) -> CaseDatabase:
    return CaseDatabase.open(folder)


def open_case_to_read(folder: Path, examiner: Examiner) -> CaseSession:
    """Open a case to read in it (a worker thread's own connection): nothing is recorded on opening."""
    return CaseSession(CaseDatabase.open(folder), examiner, load_settings().timezone)
