"""Reading hash-set matching and artifact facts for the report (plain values, streamed where large)."""

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from app.hashsets.matching import hit_counts
from app.report.model import Finding, HitFacts, MatchRun, SetUse
from chain_of_custody.case_db import CaseDatabase

MATCH_ACTION = "hash_sets_matched"
FILE_COLUMNS = (
    "f.id, f.evidence_id, f.volume_idx, f.inode, f.path, f.size, f.allocated, f.orphan, f.mime, "
    "f.description, f.mtime, f.atime, f.ctime, f.crtime, f.md5, f.sha1, f.sha256"
)
_NOT_TAGGED = "NOT EXISTS (SELECT 1 FROM tags t WHERE t.file_id = f.id AND t.removed_at IS NULL)"
_IS_NOTABLE = "f.id IN (SELECT file_id FROM hash_hits WHERE category = 'notable')"


def _registered(conn: sqlite3.Connection) -> dict[int, int]:
    """Evidence id -> the ledger event that registered it."""
    rows = conn.execute(
        "SELECT evidence_id, MIN(seq) FROM ledger WHERE action = 'evidence_added' "
        "AND evidence_id IS NOT NULL GROUP BY evidence_id"
    )
    return {int(evidence_id): int(seq) for evidence_id, seq in rows}


def _covering_events(conn: sqlite3.Connection, upto: int) -> dict[int, tuple[Any, ...]]:
    """For each evidence item, the latest match event that covered it (an item's own run or an 'all' run
    made after the item was registered)."""
    registered = _registered(conn)
    covering: dict[int, tuple[Any, ...]] = {}
    rows = conn.execute(
        "SELECT seq, ts_utc, examiner, details FROM ledger WHERE action = ? AND seq <= ? ORDER BY seq",
        (MATCH_ACTION, upto),
    )
    for seq, ts_utc, examiner, text in rows:
        details = json.loads(text)
        event = (int(seq), str(ts_utc), str(examiner), details)
        target = details.get("evidence")
        if target == "all":
            covering.update({item: event for item, added in registered.items() if added < seq})
        elif isinstance(target, int):
            covering[target] = event
    return covering


def _set_use(facts: dict[str, Any], seq: int) -> SetUse:
    return SetUse(
        str(facts.get("name", "")),
        str(facts.get("category", "")),
        str(facts.get("source", "")),
        str(facts.get("version", "")),
        str(facts.get("source_sha256", "")),
        {str(k): int(v) for k, v in (facts.get("hashes") or {}).items()},
        (seq,),
    )


def _merge_sets(runs: list[MatchRun]) -> tuple[SetUse, ...]:
    """The sets of every run, once each (same name, version and source file), with the events using it."""
    merged: dict[tuple[str, str, str], SetUse] = {}
    for run in runs:
        for use in run.sets:
            key = (use.name, use.version, use.source_sha256)
            known = merged.get(key)
            events = (*known.events, run.seq) if known else use.events
            merged[key] = replace(use, events=events)
    return tuple(sorted(merged.values(), key=lambda use: (use.category != "notable", use.name)))


def _runs(covering: dict[int, tuple[Any, ...]]) -> list[MatchRun]:
    runs = []
    for seq, ts_utc, examiner, details in sorted({e[0]: e for e in covering.values()}.values(), key=_first):
        sets = tuple(_set_use(facts, seq) for facts in details.get("sets", []))
        target, trigger = str(details.get("evidence")), str(details.get("trigger", ""))
        checked = int(details.get("files_checked", 0))
        runs.append(MatchRun(seq, ts_utc, examiner, target, trigger, checked, sets))
    return runs


def _first(event: tuple[Any, ...]) -> int:
    return int(event[0])


def gather_hits(db: CaseDatabase, upto: int) -> HitFacts | None:
    """The matching in effect for the report's ledger state; None when no matching was recorded."""
    conn = db.conn
    covering = _covering_events(conn, upto)
    failures = tuple(
        (int(seq), str(json.loads(text).get("reason", "")))
        for seq, text in conn.execute(
            "SELECT seq, details FROM ledger WHERE action = 'hash_match_failed' AND seq <= ? ORDER BY seq",
            (upto,),
        )
    )
    if not covering and not failures:
        return None
    runs = _runs(covering)
    items = sorted(covering)
    marks = ", ".join("?" * len(items))
    hashed = conn.execute(
        f"SELECT COUNT(*) FROM files WHERE md5 IS NOT NULL AND evidence_id IN ({marks})", items
    ).fetchone()[0]
    return HitFacts(
        tuple(runs), _merge_sets(runs), int(hashed), hit_counts(db), notable_tagged(conn), failures
    )


def notable_tagged(conn: sqlite3.Connection) -> int:
    row = conn.execute(f"SELECT COUNT(*) FROM files f WHERE {_IS_NOTABLE} AND NOT {_NOT_TAGGED}").fetchone()
    return int(row[0])


def hits_per_item(conn: sqlite3.Connection) -> list[tuple[int, dict[str, int]]]:
    """(evidence id, {category: distinct files}) for each item with hits."""
    found: dict[int, dict[str, int]] = {}
    rows = conn.execute(
        "SELECT evidence_id, category, COUNT(DISTINCT file_id) FROM hash_hits GROUP BY evidence_id, category"
    )
    for evidence_id, category, files in rows:
        found.setdefault(int(evidence_id), {"known": 0, "notable": 0})[str(category)] = int(files)
    return sorted(found.items())


def hit_sets(conn: sqlite3.Connection, file_id: int) -> tuple[tuple[str, str, str], ...]:
    """(set name, version, category) of every hit of one file, notable first."""
    rows = conn.execute(
        "SELECT DISTINCT set_name, set_version, category FROM hash_hits WHERE file_id = ? "
        "ORDER BY category DESC, set_name",
        (file_id,),
    )
    return tuple((str(name), str(version), str(category)) for name, version, category in rows)


def file_finding(
    conn: sqlite3.Connection, number: int, tag: tuple[str, str, str], row: tuple[Any, ...]
) -> Finding:
    """A finding from (tag, note, tagged by) and a row of FILE_COLUMNS; its hash-set hits looked up."""
    file_id, evidence_id, volume, inode, path, size, alloc, orphan, mime, desc = row[:10]
    mtime, atime, ctime, crtime, md5, sha1, sha256 = row[10:]
    times = {"M": mtime, "A": atime, "C": ctime, "B": crtime}
    return Finding(
        number,
        *tag,
        file_id,
        evidence_id,
        volume,
        inode,
        path,
        size,
        bool(alloc),
        bool(orphan),
        mime,
        desc,
        times,
        md5,
        sha1,
        sha256,
        hit_sets(conn, file_id),
    )


def iter_notable(conn: sqlite3.Connection, limit: int) -> Iterator[Finding]:
    """Files in notable sets that no examiner tagged (tagged ones are findings already), by item and path."""
    rows = conn.execute(
        f"SELECT {FILE_COLUMNS} FROM files f WHERE {_IS_NOTABLE} AND {_NOT_TAGGED} "
        "ORDER BY f.evidence_id, f.path LIMIT ?",
        (limit,),
    )
    for number, row in enumerate(rows, start=1):
        yield file_finding(conn, number, ("", "", ""), row)


def known_count(conn: sqlite3.Connection) -> int:
    """Catalogued files with a hit in a known set (what --exclude-known leaves out of the appendix)."""
    return int(
        conn.execute("SELECT COUNT(DISTINCT file_id) FROM hash_hits WHERE category = 'known'").fetchone()[0]
    )


def is_known(conn: sqlite3.Connection, file_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM hash_hits WHERE file_id = ? AND category = 'known' LIMIT 1", (file_id,)
    ).fetchone()
    return row is not None


def artifact_run_event(conn: sqlite3.Connection, run_id: int, upto: int) -> int | None:
    """The ledger event that recorded an artifact run (artifacts_extracted), within the report's state."""
    row = conn.execute(
        "SELECT seq FROM ledger WHERE action = 'artifacts_extracted' AND seq <= ? "
        "AND json_extract(details, '$.run_id') = ? ORDER BY seq LIMIT 1",
        (upto, run_id),
    ).fetchone()
    return int(row[0]) if row else None
