"""Matching a case's catalogued files against the workstation's hash sets.

Hits are stored in the case (table hash_hits) and each match run is one ledger event naming the
sets (with version and source SHA-256) and the hit counts. The query helpers at the end serve the
file table, the desktop app and the report.
"""

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from app.cases.session import CaseSession
from app.hashsets.library import library_folder
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.commitments import commit
from chain_of_custody.hash_hits import HashHits, Hit
from chain_of_custody.hashset_db import DIGEST_SIZES, HashSetError, HashSetInfo, HashSetLibrary


@dataclass(frozen=True)
class MatchSummary:
    evidence_id: int | None
    files_checked: int
    sets: list[dict[str, Any]]
    files_per_set: dict[str, int]
    files_per_category: dict[str, int]


def match_case(
    session: CaseSession, library: HashSetLibrary, evidence_id: int | None = None, trigger: str = "examiner"
) -> MatchSummary:
    """Match one evidence item (or all) against every set; hits replaced, one ledger event."""
    sets = library.sets()
    if not sets:
        raise HashSetError("the hash-set library holds no sets: import one with `haechi hashset import`")
    hits = HashHits(session.db.conn)
    with session.db.transaction():
        hits.clear(evidence_id)
        checked = 0
        for batch in hits.hashed_files(evidence_id):
            checked += len(batch)
            hits.add(_batch_hits(library, sets, batch))
        per_set = {row["set_name"]: row["files"] for row in hits.files_per_set(evidence_id)}
        summary = MatchSummary(
            evidence_id,
            checked,
            [_set_facts(info) for info in sets],
            per_set,
            hits.files_per_category(evidence_id),
        )
        session.db.ledger.append(
            session.examiner,
            session.tz,
            "hash_sets_matched",
            evidence_id,
            {
                "trigger": trigger,
                "evidence": evidence_id if evidence_id is not None else "all",
                "files_checked": checked,
                "sets": summary.sets,
                "files_per_set": per_set,
                "files_per_category": summary.files_per_category,
                "commitments": [commit(session.db.conn, "hash_hits")],
            },
        )
    return summary


def match_after_import(
    session: CaseSession, evidence_id: int, trigger: str = "import"
) -> MatchSummary | None:
    """The importer's (and carving's) hook: match an evidence item if this workstation has any hash sets.

    A library that cannot be read does not fail the import: the failure is a ledger event.
    """
    try:
        library = HashSetLibrary.open_existing(library_folder())
        if library is None:
            return None
        try:
            return match_case(session, library, evidence_id, trigger=trigger) if library.sets() else None
        finally:
            library.close()
    except (HashSetError, sqlite3.Error) as error:
        session.record("hash_match_failed", evidence_id, {"reason": str(error)})
        return None


def _batch_hits(library: HashSetLibrary, sets: list[HashSetInfo], batch: list[tuple[Any, ...]]) -> list[Hit]:
    """One hit per file and set; its algorithm names every algorithm that matched (e.g. 'md5,sha256')."""
    matched: dict[tuple[int, int, int], list[str]] = defaultdict(list)  # (file, evidence, set index)
    for column, algorithm in enumerate(DIGEST_SIZES, start=2):
        owners: dict[bytes, list[tuple[int, int]]] = defaultdict(list)
        for row in batch:
            if row[column]:
                owners[bytes.fromhex(row[column])].append((row[0], row[1]))
        digests = list(owners)
        for index, info in enumerate(sets):
            for digest in library.lookup(info, algorithm, digests):
                for file_id, evidence in owners[digest]:
                    matched[(file_id, evidence, index)].append(algorithm)
    return [
        Hit(file_id, evidence, sets[index].name, sets[index].version, sets[index].category, ",".join(names))
        for (file_id, evidence, index), names in matched.items()
    ]


def _set_facts(info: HashSetInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "category": info.category,
        "version": info.version,
        "source": info.source,
        "source_sha256": info.source_sha256,
        "hashes": {name: info.count(name) for name in DIGEST_SIZES},
    }


# queries for the file table, the desktop app and the report ---------------------------------------
def file_hits(db: CaseDatabase, file_id: int) -> list[Hit]:
    """Every hit of one file: set name, version, category, algorithm."""
    return HashHits(db.conn).for_file(file_id)


def hit_counts(db: CaseDatabase, evidence_id: int | None = None) -> dict[str, int]:
    """Distinct files with a hit per category: {'known': n, 'notable': n}."""
    return HashHits(db.conn).files_per_category(evidence_id)


def hit_counts_per_set(db: CaseDatabase, evidence_id: int | None = None) -> list[dict[str, Any]]:
    """One row per set: set_name, set_version, category, files."""
    return HashHits(db.conn).files_per_set(evidence_id)


def notable_files(db: CaseDatabase, evidence_id: int | None = None) -> list[dict[str, Any]]:
    """Files found in notable sets (the report's findings), each with its set names."""
    return HashHits(db.conn).hit_files("notable", evidence_id)


def hits_filter_matches(categories: set[str], wanted: str) -> bool:
    """--hits notable|known|none: a hit of that category, or no hit at all."""
    return not categories if wanted == "none" else wanted in categories
