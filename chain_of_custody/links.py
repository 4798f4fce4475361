"""The case's index of identifiers shared between exhibits: stored, replaced whole, read back grouped.

The index is derived data (app/links builds it from the current artifact rows, which the ledger
commits); `link_runs` names the artifact runs it was built from, so a reader can tell a stale index.
"""

import dataclasses
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Occurrence:
    """One identifier in one artifact row: the normalised value, where it was read, and a few facts of
    its row that say what it is there (`detail`, field name -> value: a MAG device's line, a key's name)."""

    kind: str
    value: str
    evidence_id: int
    artifact_id: int
    type: str
    field: str
    path: str | None
    detail: dict[str, Any] = dataclasses.field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        return {
            "evidence_id": self.evidence_id,
            "artifact_id": self.artifact_id,
            "type": self.type,
            "path": self.path,
            "field": self.field,
            "detail": self.detail,
        }


class LinkIndex:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def replace(self, occurrences: Iterable[Occurrence], run_ids: Iterable[int]) -> int:
        """The whole index replaced (inside the caller's transaction); returns the occurrences stored."""
        self._conn.execute("DELETE FROM links")
        self._conn.execute("DELETE FROM link_runs")
        rows = [
            (o.kind, o.value, o.evidence_id, o.artifact_id, o.type, o.field, o.path, json.dumps(o.detail))
            for o in occurrences
        ]
        self._conn.executemany(
            "INSERT INTO links (kind, value, evidence_id, artifact_id, type, field, path, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._conn.executemany(
            "INSERT INTO link_runs (run_id) VALUES (?)", [(r,) for r in sorted(set(run_ids))]
        )
        return len(rows)

    def built_for(self) -> set[int]:
        return {row[0] for row in self._conn.execute("SELECT run_id FROM link_runs")}

    def occurrences(self, kind: str | None = None) -> list[Occurrence]:
        query = "SELECT kind, value, evidence_id, artifact_id, type, field, path, detail FROM links"
        args: tuple[Any, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            args = (kind,)
        return [
            Occurrence(k, v, e, a, t, f, p, json.loads(d))
            for k, v, e, a, t, f, p, d in self._conn.execute(
                query + " ORDER BY kind, value, evidence_id, artifact_id", args
            )
        ]


def current_run_ids(conn: sqlite3.Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM artifact_runs WHERE state = 'current'")}
