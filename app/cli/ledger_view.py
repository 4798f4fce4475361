"""Printing the ledger for people (text) and for programs (JSON lines)."""

import json
from typing import TextIO
from zoneinfo import ZoneInfo

from app.common.timeview import local_text
from chain_of_custody.case_db import CaseDatabase


def print_ledger(db: CaseDatabase, fmt: str, zone: ZoneInfo, out: TextIO) -> None:
    for event in db.ledger.events():
        if fmt == "jsonl":
            out.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")
            continue
        evidence = f" evidence {event.evidence_id}" if event.evidence_id is not None else ""
        details = json.dumps(event.details, ensure_ascii=False, sort_keys=True)
        out.write(
            f"#{event.seq:<5} {event.ts_utc}  [{local_text(event.ts_utc, zone)}; recorded in "
            f"{event.tz}]  {event.examiner}  {event.action}{evidence}\n        {details}\n"
            f"        hash {event.hash}\n"
        )
