"""The whole record's check: every commitment signed events carry, recomputed from the rows and named.

Run after the chain check (chain_of_custody.ledger.verify_ledger): only a verified ledger is read here.
"""

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from chain_of_custody.commitments import Difference, compute, locate, scopes_with_rows
from chain_of_custody.ledger import Event, Ledger

HASH_NAMES = ("md5", "sha1", "sha256")
OPENING = {"import_started", "import_resumed"}  # a new import run: its rows are committed when it ends
SHOWN = 5  # rows named per kind of difference; the rest are counted


@dataclass(frozen=True)
class ScopeCheck:
    """One committed part of the record: what the latest signed event says and what the rows give now."""

    scope: str
    label: str
    status: str  # intact | failed | not committed | open
    message: str
    seq: int | None = None  # the event that carries the commitment
    root: str | None = None
    rows: int | None = None
    reason: str = ""  # when failed: differs | unnamed | uncommitted | unreadable
    difference: Difference | None = None  # when differs: the rows named


@dataclass(frozen=True)
class Problem:
    """A failure outside any commitment: an evidence row nobody added, or its hashes differing from
    the signed import event (kind unadded | acquisition)."""

    kind: str
    evidence_id: int
    name: str = ""
    table: str = ""
    signed: str = ""
    seq: int = 0

    def text(self) -> str:
        if self.kind == "unadded":
            return f"evidence {self.evidence_id} is in the case but no signed event added it"
        return f"acquisition hashes of evidence {self.evidence_id}: {_acquisition_text(self)}"


@dataclass(frozen=True)
class SignedHashes:
    """The acquisition hashes of an evidence item as its verified import_finished event records them."""

    seq: int
    hashes: dict[str, str]


@dataclass
class RecordCheck:
    scopes: list[ScopeCheck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # failures outside any commitment

    @property
    def intact(self) -> bool:
        return not self.problems and all(check.status != "failed" for check in self.scopes)

    def failures(self) -> list[str]:
        own = [problem.text() for problem in self.problems]
        return own + [f"{c.label}: {c.message}" for c in self.scopes if c.status == "failed"]

    def lines(self) -> list[str]:
        out = [f"{c.label}: {c.status.upper()} - {c.message}" for c in self.scopes]
        return out + [f"FAILS: {problem.text()}" for problem in self.problems]


_ORDER = ("case", "catalogue", "carved", "warnings", "tags", "hash_hits", "artifacts")


def scope_label(scope: str) -> str:
    kind, _, number = scope.partition(":")
    return {
        "case": "case details",
        "tags": "tags",
        "hash_hits": "hash-set hits",
        "catalogue": f"catalogue of evidence {number}",
        "carved": f"carved files of evidence {number}",
        "warnings": f"warnings of evidence {number}",
        "artifacts": f"artifacts of run {number}",
    }.get(kind, f"part {scope}")  # a scope of a newer Haechi: named as it is, and fails as unreadable


def signed_acquisition(events: list[Event], evidence_id: int) -> SignedHashes | None:
    """The image hashes of the latest import_finished event of this item (None: never finished)."""
    for event in reversed(events):
        if event.action == "import_finished" and event.evidence_id == evidence_id:
            hashes = event.details.get("image_hashes") or {}
            return SignedHashes(event.seq, {name: str(hashes.get(name) or "") for name in HASH_NAMES})
    return None


def acquisition_problems(evidence_id: int, table: dict[str, Any], signed: SignedHashes) -> list[Problem]:
    """Each hash where the evidence table differs from the signed event, with both values."""
    return [
        Problem("acquisition", evidence_id, name, str(table.get(name) or ""), signed.hashes[name], signed.seq)
        for name in HASH_NAMES
        if (table.get(name) or "") != signed.hashes[name]
    ]


def acquisition_differences(table: dict[str, Any], signed: SignedHashes) -> list[str]:
    """acquisition_problems as text: 'md5 in the evidence table is X, the signed import event 5 says Y'."""
    return [_acquisition_text(problem) for problem in acquisition_problems(0, table, signed)]


def _acquisition_text(problem: Problem) -> str:
    return (
        f"{problem.name} in the evidence table is {problem.table or 'empty'}, "
        f"the signed import event {problem.seq} says {problem.signed or 'empty'}"
    )


def check_record(conn: sqlite3.Connection) -> RecordCheck:
    """Recompute every commitment and compare the evidence table with the signed import events."""
    events = list(Ledger(conn).events())
    check = RecordCheck()
    _check_evidence_rows(conn, events, check)
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    opened: dict[int, int] = {}
    for event in events:
        for commitment in event.details.get("commitments") or []:
            if isinstance(commitment, dict) and isinstance(commitment.get("scope"), str):
                latest[commitment["scope"]] = (event.seq, commitment)
        if event.action in OPENING and event.evidence_id is not None:
            opened[event.evidence_id] = event.seq
    committed_era = any(e.action == "case_created" and "commitments" in e.details for e in events)
    for scope in sorted(set(scopes_with_rows(conn)) | set(latest), key=_scope_order):
        check.scopes.append(_check_scope(conn, scope, latest.get(scope), opened, committed_era))
    return check


def _scope_order(scope: str) -> tuple[int, int, str]:
    kind, _, number = scope.partition(":")
    place = _ORDER.index(kind) if kind in _ORDER else len(_ORDER)
    return place, int(number) if number.isdigit() else 0, scope


def _check_evidence_rows(conn: sqlite3.Connection, events: list[Event], check: RecordCheck) -> None:
    added = {e.evidence_id for e in events if e.action == "evidence_added"}
    for row in conn.execute("SELECT id, md5, sha1, sha256 FROM evidence ORDER BY id").fetchall():
        evidence_id, table = int(row[0]), dict(zip(HASH_NAMES, row[1:], strict=True))
        if evidence_id not in added:
            check.problems.append(Problem("unadded", evidence_id))
            continue
        signed = signed_acquisition(events, evidence_id)
        if signed is not None:
            check.problems.extend(acquisition_problems(evidence_id, table, signed))


def _check_scope(
    conn: sqlite3.Connection,
    scope: str,
    committed: tuple[int, dict[str, Any]] | None,
    opened: dict[int, int],
    committed_era: bool,
) -> ScopeCheck:
    label = scope_label(scope)
    kind, _, number = scope.partition(":")
    since = opened.get(int(number)) if kind in ("catalogue", "warnings") and number.isdigit() else None
    if committed is None:
        if not committed_era:
            return ScopeCheck(scope, label, "not committed", "not committed (case made before commitments)")
        if since is not None or _run_never_ended(conn, scope):
            return ScopeCheck(scope, label, "open", "not committed yet: its import or run has not ended")
        message = "rows are present but no signed event commits them"
        return ScopeCheck(scope, label, "failed", message, reason="uncommitted")
    seq, commitment = committed
    if since is not None and since > seq:
        message = f"the import run started at event {since} has not ended: rows not committed since {seq}"
        return ScopeCheck(scope, label, "open", message, seq)
    root, upto = str(commitment.get("root")), commitment.get("upto")
    bound = upto if isinstance(upto, int) else None
    try:
        now = compute(conn, scope, bound, named=False)  # names only to locate a failure: half the memory
        if now.root == root:
            message = f"{len(now.leaves)} rows match the root signed in event {seq}"
            return ScopeCheck(scope, label, "intact", message, seq, root, len(now.leaves))
        now = compute(conn, scope, bound)
    except (sqlite3.Error, ValueError) as error:  # e.g. text that is not UTF-8, written with sqlite3
        message = f"its rows cannot be read ({error})"
        return ScopeCheck(scope, label, "failed", message, seq, root, reason="unreadable")
    found = locate(conn, now, root)
    message = _difference_text(found, seq)
    reason = "differs" if found.located else "unnamed"
    return ScopeCheck(scope, label, "failed", message, seq, root, len(now.leaves), reason, found)


def _run_never_ended(conn: sqlite3.Connection, scope: str) -> bool:
    kind, _, number = scope.partition(":")
    if kind != "artifacts":
        return False
    row = conn.execute("SELECT state FROM artifact_runs WHERE id = ?", (int(number),)).fetchone()
    return row is not None and row[0] in ("running", "abandoned")


def _difference_text(found: Difference, seq: int) -> str:
    if not found.located:
        return (
            f"the rows do not give the root signed in event {seq} "
            "(the kept row digests were altered too, so the row cannot be named)"
        )
    parts = []
    for verb, names in (("changed", found.changed), ("deleted", found.deleted), ("added", found.added)):
        if names:
            more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
            parts.append(f"{', '.join(names[:SHOWN])}{more} {verb}")
    return "; ".join(parts) + f" (since the commitment in event {seq})"
