"""The case's link index: built from the current artifact rows after every artifact run, read back as
links (one value, every occurrence), values seen on two or more evidence items first."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.links.identifiers import CREDENTIAL, DETAIL_FIELDS, RULES, found_in, normal_credential
from chain_of_custody.artifacts_store import ArtifactStore
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.links import LinkIndex, Occurrence, current_run_ids


@dataclass(frozen=True)
class Link:
    """One normalised value and where it occurs; `evidence_ids` the distinct evidence items."""

    kind: str
    value: str
    occurrences: tuple[Occurrence, ...]

    @property
    def evidence_ids(self) -> list[int]:
        return sorted({o.evidence_id for o in self.occurrences})

    @property
    def across_exhibits(self) -> bool:
        return len(self.evidence_ids) > 1

    def record(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "evidence_ids": self.evidence_ids,
            "occurrences": [o.record() for o in self.occurrences],
        }


def _detail(artifact_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {n: fields[n] for n in DETAIL_FIELDS.get(artifact_type, ()) if fields.get(n) not in (None, "")}


def collect(db: CaseDatabase) -> list[Occurrence]:
    """Every identifier of the current artifact rows. A panel's customer lines are credentials on each
    of that panel's hosts (its servers' domains and IPs, same evidence item); a panel MAG device's
    detail names its line's user name."""
    store = ArtifactStore(db.conn)  # only the types that hold identifiers (not e.g. browser history)
    rows = [row for kind in sorted({*RULES, "panel_line"}) for row in store.rows(kind)]
    panel_hosts: dict[int, set[str]] = defaultdict(set)
    lines: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        fields = row["fields"]
        if row["type"] == "panel_server":
            panel_hosts[row["evidence_id"]].update(v for v in (fields.get("domain"), fields.get("ip")) if v)
        elif row["type"] == "panel_line" and isinstance(fields.get("line_id"), int):
            lines[(row["evidence_id"], fields["line_id"])] = fields
    found: list[Occurrence] = []
    for row in rows:
        kind_type, fields, evidence = row["type"], row["fields"], row["evidence_id"]
        detail = _detail(kind_type, fields)
        if kind_type == "panel_mag_device":
            line = lines.get((evidence, fields.get("line_id")))
            if line and line.get("username"):
                detail["username"] = line["username"]
        pairs = list(found_in(kind_type, fields))
        if kind_type == "panel_line":
            for host in sorted(panel_hosts[evidence]):
                value = normal_credential(fields.get("username"), host)
                if value:
                    pairs.append((CREDENTIAL, value, "username"))
        for kind, value, field in dict.fromkeys(pairs):
            found.append(Occurrence(kind, value, evidence, row["id"], kind_type, field, row["path"], detail))
    return found


def rebuild_links(db: CaseDatabase) -> int:
    """Replace the case's index with what the current artifact rows hold; returns the occurrences."""
    occurrences = collect(db)
    with db.transaction():
        return LinkIndex(db.conn).replace(occurrences, current_run_ids(db.conn))


def index_is_current(db: CaseDatabase) -> bool:
    return LinkIndex(db.conn).built_for() == current_run_ids(db.conn)


def case_links(db: CaseDatabase, kind: str | None = None, across_only: bool = False) -> list[Link]:
    """Links of the case: values on two or more evidence items first (most items, then kind and value),
    then the rest. Read from the index, or (an index older than the artifact runs: a case made before
    links existed, opened read-only) worked out from the artifact rows without writing."""
    occurrences = (
        LinkIndex(db.conn).occurrences(kind) if index_is_current(db) else _filtered(collect(db), kind)
    )
    grouped: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        grouped[(occurrence.kind, occurrence.value)].append(occurrence)
    links = [Link(k, v, tuple(sorted(o, key=_order))) for (k, v), o in grouped.items()]
    if across_only:
        links = [link for link in links if link.across_exhibits]
    return sorted(links, key=lambda link: (-len(link.evidence_ids), link.kind, link.value))


def _filtered(occurrences: list[Occurrence], kind: str | None) -> list[Occurrence]:
    return [o for o in occurrences if kind is None or o.kind == kind]


def _order(occurrence: Occurrence) -> tuple[int, int]:
    return occurrence.evidence_id, occurrence.artifact_id


def link_rows(links: list[Link]) -> Iterator[dict[str, Any]]:
    """One flat row per occurrence (CSV and tables)."""
    for link in links:
        for o in link.occurrences:
            yield {
                "kind": link.kind,
                "value": link.value,
                "evidence_items": len(link.evidence_ids),
                "evidence_id": o.evidence_id,
                "artifact_id": o.artifact_id,
                "type": o.type,
                "field": o.field,
                "path": o.path,
                "detail": o.detail,
            }
