"""Printing the ledger for people (text) and for programs (JSON lines)."""

from typing import TextIO
from zoneinfo import ZoneInfo

from app.common.neutral import json_text, terminal
from app.common.timeview import local_text
from chain_of_custody.case_db import CaseDatabase


def print_ledger(db: CaseDatabase, fmt: str, zone: ZoneInfo, out: TextIO) -> None:
    for event in db.ledger.events():
        if fmt == "jsonl":
            out.write(json_text(event.as_dict()) + "\n")
            continue
        evidence = f" evidence {event.evidence_id}" if event.evidence_id is not None else ""
        details = json_text(event.details, sort_keys=True)  # C0 escaped by json, C1 and bidi by json_text
        out.write(
            f"#{event.seq:<5} {event.ts_utc}  [{local_text(event.ts_utc, zone)}; recorded in "
            f"{terminal(event.tz)}]  {terminal(event.examiner)}  {terminal(event.action)}{evidence}\n"
            f"        {details}\n"
            f"        hash {event.hash}\n"
        )
