"""What a report says, as plain values gathered from the case (no layout here)."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExaminerFacts:
    name: str
    fingerprint: str
    lead: bool


@dataclass(frozen=True)
class Verification:
    at: str
    result: str
    md5: str | None
    sha1: str | None
    sha256: str | None


@dataclass(frozen=True)
class VolumeFacts:
    idx: int
    description: str
    fs_type: str | None
    offset: int
    entries: int


@dataclass(frozen=True)
class BrokenSealFacts:
    """A seal found broken when the exhibit was unsealed (custody.unsealed with seal_intact false)."""

    exhibit: str
    seal: str
    seq: int
    occurred_at: str


@dataclass(frozen=True)
class EvidenceFacts:
    id: int
    label: str
    exhibit: str | None
    description: str | None
    seized_from: str | None
    seized_at: str | None
    seals: tuple[str, ...]
    format: str
    segments: tuple[str, ...]
    size: int | None
    md5: str | None
    sha1: str | None
    sha256: str | None
    stored_md5: str | None
    stored_sha1: str | None
    stored_hash_check: str | None
    import_state: str
    added_at: str
    added_by: str
    versions: dict[str, str]
    counts: dict[str, int]
    volumes: tuple[VolumeFacts, ...]
    verifications: tuple[Verification, ...]
    confirmations: tuple[tuple[int, str, str], ...] = ()  # (event seq, participant and role, UTC time)
    broken_seals: tuple[BrokenSealFacts, ...] = ()  # of this item's exhibit
    xhash: dict[str, str] = field(default_factory=dict)  # an E01's xhash values and xhash_check, apart


@dataclass(frozen=True)
class WarningFacts:
    evidence_id: int | None
    volume: int | None
    code: str
    path: str | None
    message: str


@dataclass(frozen=True)
class CustodyRow:
    seq: int
    ts_utc: str
    tz: str
    examiner: str
    action: str
    evidence_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True)
class Finding:
    number: int
    tag: str
    note: str
    tagged_by: str
    file_id: int
    evidence_id: int
    volume: int
    inode: int | None
    path: str
    size: int
    allocated: bool
    orphan: bool
    mime: str | None
    description: str | None
    times: dict[str, str | None]  # m, a, c, b
    md5: str | None
    sha1: str | None
    sha256: str | None
    hash_sets: tuple[tuple[str, str, str], ...] = ()  # (set name, version, category) of each hit


@dataclass(frozen=True)
class SetUse:
    """A hash set as named by a hash_sets_matched event."""

    name: str
    category: str
    source: str
    version: str
    source_sha256: str
    hashes: dict[str, int]  # entries per algorithm
    events: tuple[int, ...]  # ledger events that matched with it


@dataclass(frozen=True)
class MatchRun:
    """The latest hash_sets_matched event covering at least one evidence item."""

    seq: int
    ts_utc: str
    examiner: str
    evidence: str  # an item id, or "all"
    trigger: str
    files_checked: int
    sets: tuple[SetUse, ...]


@dataclass(frozen=True)
class HitFacts:
    runs: tuple[MatchRun, ...]
    sets: tuple[SetUse, ...]
    files_checked: int  # hashed files of the items the runs cover
    per_category: dict[str, int]  # distinct files: known, notable
    notable_tagged: int  # notable files that are also tagged (listed once, with the tagged findings)
    failures: tuple[tuple[int, str], ...] = ()  # (event seq, reason) of hash_match_failed events


@dataclass(frozen=True)
class CaseFacts:
    """Everything small enough to hold at once; findings and events are streamed separately."""

    number: str
    title: str
    agency: str
    lab_name: str
    lab_address: str
    zone: str
    lang: str
    report_id: str
    head_seq: int
    head_hash: str
    received_at: str | None
    examined_from: str | None
    examined_to: str | None
    issued_at: str
    examiners: tuple[ExaminerFacts, ...]
    evidence: tuple[EvidenceFacts, ...]
    warning_count: int
    finding_count: int
    file_count: int
    tag_counts: dict[str, int] = field(default_factory=dict)
    haechi_version: str = ""
    reportlab_version: str = ""
    hits: HitFacts | None = None  # None: no hash-set matching recorded
    artifact_counts: dict[str, int] = field(default_factory=dict)  # rows per type, current runs
    broken_seals: tuple[BrokenSealFacts, ...] = ()  # of every exhibit, imaged or not
    genesis: str = ""  # hash of the case_created event: the case's identity
    import_running: bool = False  # an import of this case was running when the report was gathered
