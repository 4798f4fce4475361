"""Reading what a report needs from the case database into plain values.

A report covers the ledger up to its content head: the last event that is not itself a report's
issue. Issuing a report therefore does not change what the next report of the same case says.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, replace
from typing import Any

import reportlab

from app import __version__
from app.artifacts.extract import artifact_type_counts
from app.cases.locking import import_running
from app.custody.integrity import signed_acquisition
from app.report.gather_extra import FILE_COLUMNS, file_finding, gather_hits
from app.report.model import (
    BrokenSealFacts,
    CaseFacts,
    CustodyRow,
    EvidenceFacts,
    ExaminerFacts,
    Finding,
    Verification,
    VolumeFacts,
    WarningFacts,
)
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.catalogue import Catalogue
from chain_of_custody.custody import seal_broken
from chain_of_custody.identity import fingerprint
from chain_of_custody.ledger import Event, Ledger, parse_details

REPORT_ACTION = "report_issued"


def content_head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute(
        "SELECT seq, hash FROM ledger WHERE action != ? ORDER BY seq DESC LIMIT 1", (REPORT_ACTION,)
    ).fetchone()
    return (0, "0" * 64) if row is None else (int(row[0]), str(row[1]))


def report_inputs_sha256(facts: CaseFacts, choices: dict[str, Any]) -> str:
    """SHA-256 over everything the document is made from: the case facts (the ledger's content head
    commits the case's tables; lab, language, zone, issue time and versions are facts too) and the
    examiner's choices (appendix, known files). The layout is deterministic, so equal inputs give
    equal bytes, and any change to what the PDF shows changes this digest."""
    values = asdict(replace(facts, report_id=""))
    text = json.dumps({"facts": values, "choices": choices}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_id(facts: CaseFacts, inputs_sha256: str) -> str:
    """HR-<case>-<content head seq>-<12 hex digits of the inputs' SHA-256>-<LANG>: one ID, one document."""
    return f"HR-{facts.number}-{facts.head_seq:04d}-{inputs_sha256[:12].upper()}-{facts.lang.upper()}"


def _custody_events(conn: sqlite3.Connection, upto: int) -> list[tuple[int, str, dict[str, Any]]]:
    rows = conn.execute(
        "SELECT seq, action, details FROM ledger WHERE action LIKE 'custody.%' AND seq <= ? ORDER BY seq",
        (upto,),
    )
    return [(int(seq), str(action), parse_details(details)) for seq, action, details in rows]


def broken_seals(custody: list[tuple[int, str, dict[str, Any]]]) -> tuple[BrokenSealFacts, ...]:
    """Every unsealing that found the seal broken, in ledger order."""
    return tuple(
        BrokenSealFacts(
            str(details.get("exhibit")),
            str(details.get("seal") or "-"),
            seq,
            str(details.get("occurred_at") or ""),
        )
        for seq, action, details in custody
        if action == "custody.unsealed" and seal_broken(details)
    )


def _exhibit_facts(custody: list[tuple[int, str, dict[str, Any]]], exhibit: str | None) -> dict[str, Any]:
    facts: dict[str, Any] = {"seals": []}
    for _seq, action, details in custody:
        if exhibit is None or details.get("exhibit") != exhibit:
            continue
        if action in ("custody.seized", "custody.received"):
            facts["description"] = details.get("description")
            facts["from"] = details.get("seized_from") or details.get("received_from")
            facts["at"] = details.get("occurred_at")
        if action == "custody.sealed" and details.get("seal"):
            facts["seals"].append(str(details["seal"]))
    return facts


def _xhash(acquisition: str | None) -> dict[str, str]:
    """What an E01's xhash said, kept apart from its binary hash sections (forensics/containers/ewf.py)."""
    values = json.loads(acquisition or "{}")
    return (
        {k[6:]: str(v) for k, v in values.items() if k.startswith("xhash_")}
        if isinstance(values, dict)
        else {}
    )


def _evidence(db: CaseDatabase, custody: list[tuple[int, str, dict[str, Any]]]) -> tuple[EvidenceFacts, ...]:
    catalogue = Catalogue(db.conn)
    events = list(Ledger(db.conn).events())
    items = []
    for row in catalogue.all_evidence():
        # the acquisition hashes as the signed import event records them, never the editable table
        signed = signed_acquisition(events, int(row["id"]))
        acquired = {name: value or None for name, value in signed.hashes.items()} if signed else {}
        facts = _exhibit_facts(custody, row["exhibit"])
        seals = tuple(dict.fromkeys([*([row["seal"]] if row["seal"] else []), *facts["seals"]]))
        options = json.loads(row["options"] or "{}")
        items.append(
            EvidenceFacts(
                id=int(row["id"]),
                label=str(row["label"]),
                exhibit=row["exhibit"],
                description=facts.get("description"),
                seized_from=row["seized_from"] or facts.get("from"),
                seized_at=row["seized_at"] or facts.get("at"),
                seals=seals,
                format=str(row["format"]),
                segments=tuple(json.loads(row["segments"])),
                size=row["size"],
                md5=acquired.get("md5"),
                sha1=acquired.get("sha1"),
                sha256=acquired.get("sha256"),
                stored_md5=row["stored_md5"],
                stored_sha1=row["stored_sha1"],
                stored_hash_check=row["stored_hash_check"],
                import_state=str(row["import_state"]),
                added_at=str(row["added_at"]),
                added_by=str(row["added_by"]),
                versions={k: str(v) for k, v in options.items() if k in _VERSION_KEYS},
                counts=catalogue.counts(int(row["id"])),
                volumes=_volumes(catalogue, int(row["id"])),
                verifications=_verifications(events, int(row["id"])),
                confirmations=_confirmations(db.conn, int(row["id"])),
                broken_seals=tuple(b for b in broken_seals(custody) if b.exhibit == row["exhibit"]),
                xhash=_xhash(row["acquisition"]),
            )
        )
    return tuple(items)


_VERSION_KEYS = ("python", "sleuthkit", "libewf", "libmagic")


def _volumes(catalogue: Catalogue, evidence_id: int) -> tuple[VolumeFacts, ...]:
    return tuple(
        VolumeFacts(
            int(v["idx"]), str(v["description"] or ""), v["fs_type"], int(v["offset"]), int(v["entries"])
        )
        for v in catalogue.volumes(evidence_id)
    )


def _verifications(events: list[Event], evidence_id: int) -> tuple[Verification, ...]:
    """Re-verifications as their signed `verified` events record them (the verifications table is a copy)."""
    found = []
    for event in events:
        if event.action == "verified" and event.evidence_id == evidence_id:
            hashes = event.details.get("hashes") or {}
            digests = [hashes.get(name) or None for name in ("md5", "sha1", "sha256")]
            found.append(Verification(event.ts_utc, str(event.details.get("result", "")), *digests))
    return tuple(found)


def _confirmations(conn: sqlite3.Connection, evidence_id: int) -> tuple[tuple[int, str, str], ...]:
    """Recorded hash confirmations of this image: who confirmed (and as what), when."""
    rows = conn.execute(
        "SELECT seq, details FROM ledger WHERE action = 'custody.hash_confirmed' AND evidence_id = ? "
        "ORDER BY seq",
        (evidence_id,),
    )
    found = []
    for seq, text in rows:
        details = parse_details(text)
        who = str(details.get("participant") or "-")
        if details.get("participant_role"):
            who += f" ({details['participant_role']})"
        found.append((int(seq), who, str(details.get("occurred_at") or "")))
    return tuple(found)


def _examiners(conn: sqlite3.Connection, lead: str) -> tuple[ExaminerFacts, ...]:
    """Each examiner with the fingerprint computed from their key (never a stored fingerprint)."""
    rows = conn.execute("SELECT name, public_key FROM examiners ORDER BY registered_at, name")
    found = [ExaminerFacts(name, fingerprint(key), name == lead) for name, key in rows]
    return tuple(sorted(found, key=lambda e: not e.lead))


def _first_time(conn: sqlite3.Connection, upto: int, actions: tuple[str, ...]) -> str | None:
    """The earliest time the events say something happened (`occurred_at`, else when recorded)."""
    marks = ", ".join("?" * len(actions))
    rows = conn.execute(
        f"SELECT ts_utc, details FROM ledger WHERE seq <= ? AND action IN ({marks})", (upto, *actions)
    )
    times = [str(parse_details(details).get("occurred_at") or ts) for ts, details in rows]
    return min(times) if times else None


def gather_case(db: CaseDatabase, lang: str, lab: tuple[str, str], zone: str, issued_at: str) -> CaseFacts:
    """The report's small facts; `lab` is (name, address) from the workstation settings."""
    conn = db.conn
    info = db.info()
    head_seq, head_hash = content_head(conn)
    tags = dict(
        conn.execute("SELECT tag, COUNT(*) FROM tags WHERE removed_at IS NULL GROUP BY tag ORDER BY tag")
    )
    head_time = conn.execute("SELECT ts_utc FROM ledger WHERE seq = ?", (head_seq,)).fetchone()
    custody = _custody_events(conn, head_seq)
    return CaseFacts(
        number=info.get("number", ""),
        title=info.get("title", ""),
        agency=info.get("agency", ""),
        lab_name=lab[0],
        lab_address=lab[1],
        zone=zone,
        lang=lang,
        report_id="",  # derived from everything else once the examiner's choices are known: report_id()
        head_seq=head_seq,
        head_hash=head_hash,
        received_at=_first_time(conn, head_seq, ("custody.received", "custody.seized", "evidence_added")),
        examined_from=_first_time(conn, head_seq, ("import_started", "evidence_added")),
        examined_to=head_time[0] if head_time else None,
        issued_at=issued_at,
        examiners=_examiners(conn, info.get("created_by", "")),
        evidence=_evidence(db, custody),
        warning_count=int(conn.execute("SELECT COUNT(*) FROM warnings").fetchone()[0]),
        finding_count=sum(tags.values()),
        file_count=int(conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]),
        tag_counts={str(k): int(v) for k, v in tags.items()},
        haechi_version=__version__,
        reportlab_version=str(reportlab.Version),
        hits=gather_hits(db, head_seq),
        artifact_counts=artifact_type_counts(db),
        broken_seals=broken_seals(custody),
        genesis=_genesis(conn),
        import_running=import_running(db.folder),
    )


def _genesis(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT hash FROM ledger WHERE seq = 2 AND action = 'case_created'").fetchone()
    return str(row[0]) if row else ""


def iter_events(conn: sqlite3.Connection, upto: int) -> Iterator[CustodyRow]:
    rows = conn.execute(
        "SELECT seq, ts_utc, tz, examiner, action, evidence_id, details FROM ledger WHERE seq <= ? "
        "ORDER BY seq",
        (upto,),
    )
    for seq, ts, tz, examiner, action, evidence_id, details in rows:
        yield CustodyRow(seq, ts, tz, examiner, action, evidence_id, parse_details(details))


def iter_warnings(conn: sqlite3.Connection) -> Iterator[WarningFacts]:
    rows = conn.execute("SELECT evidence_id, volume_idx, code, path, message FROM warnings ORDER BY id")
    for evidence_id, volume, code, path, message in rows:
        yield WarningFacts(evidence_id, volume, code, path, message)


def iter_findings(conn: sqlite3.Connection) -> Iterator[Finding]:
    """Every current tag with its file, in the order the tags were made."""
    rows = conn.execute(
        f"SELECT t.tag, t.note, t.created_by, {FILE_COLUMNS} FROM tags t JOIN files f ON f.id = t.file_id "
        "WHERE t.removed_at IS NULL ORDER BY t.id"
    )
    for number, row in enumerate(rows, start=1):
        yield file_finding(conn, number, row[:3], row[3:])
