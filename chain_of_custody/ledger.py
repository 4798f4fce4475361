"""The custody ledger: append-only, hash-chained, every event signed by its examiner.

The canonical encoding and the checks are written down in docs/ledger.md.
"""

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chain_of_custody.errors import LedgerRefused
from chain_of_custody.identity import Examiner, fingerprint, verify_signature

GENESIS = "0" * 64
FORMAT_VERSION = 1
CLOCK_TOLERANCE_SECONDS = 300
JsonValue = Any


@dataclass(frozen=True)
class Event:
    seq: int
    ts_utc: str
    tz: str
    examiner: str
    action: str
    evidence_id: int | None
    details: dict[str, JsonValue]
    prev_hash: str
    hash: str
    signature: str

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "seq": self.seq,
            "ts_utc": self.ts_utc,
            "tz": self.tz,
            "examiner": self.examiner,
            "action": self.action,
            "evidence_id": self.evidence_id,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
        }


def _check_json(value: JsonValue, where: str = "details") -> None:
    """Only values with one canonical text: no floats, string keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LedgerRefused(f"{where}: keys must be text")
            _check_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            _check_json(item, where)
    elif isinstance(value, float):
        raise LedgerRefused(f"{where}: numbers must be integers (got {value!r})")
    elif value is not None and not isinstance(value, str | int | bool):
        raise LedgerRefused(f"{where}: {type(value).__name__} is not allowed")


def canonical_bytes(
    seq: int,
    ts_utc: str,
    tz: str,
    examiner: str,
    action: str,
    evidence_id: int | None,
    details: dict[str, JsonValue],
    prev_hash: str,
) -> bytes:
    body = {
        "v": FORMAT_VERSION,
        "seq": seq,
        "ts_utc": ts_utc,
        "tz": tz,
        "examiner": examiner,
        "action": action,
        "evidence_id": evidence_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def event_hash(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _row_to_event(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    seq, ts, tz, examiner, action, evidence_id, details, prev, digest, signature = row
    return Event(seq, ts, tz, examiner, action, evidence_id, json.loads(details), prev, digest, signature)


_COLUMNS = "seq, ts_utc, tz, examiner, action, evidence_id, details, prev_hash, hash, signature"


class Ledger:
    """Appends and reads events. The caller owns the transaction (append inside one)."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], str] = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def register_examiner(self, examiner: Examiner, tz: str) -> None:
        """Store the examiner's public key in the case (once) and record it as an event."""
        row = self._conn.execute(
            "SELECT public_key FROM examiners WHERE name = ?", (examiner.name,)
        ).fetchone()
        if row is not None:
            if row[0] != examiner.public_key:
                raise LedgerRefused(
                    f"this case knows examiner '{examiner.name}' by another key "
                    f"({fingerprint(row[0])}); use another name"
                )
            return
        self._conn.execute(
            "INSERT INTO examiners VALUES (?, ?, ?, ?)",
            (examiner.name, examiner.public_key, examiner.fingerprint, utc_now()),
        )
        self.append(
            examiner,
            tz,
            "examiner_registered",
            None,
            {"public_key": examiner.public_key, "fingerprint": examiner.fingerprint},
        )

    def head(self) -> tuple[int, str]:
        row = self._conn.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))

    def append(
        self, examiner: Examiner, tz: str, action: str, evidence_id: int | None, details: dict[str, JsonValue]
    ) -> Event:
        """Append one event. A clock slightly behind the last event is accepted and recorded as an anomaly;
        one more than CLOCK_TOLERANCE_SECONDS behind is refused."""
        _check_json(details)
        ts = self._clock()
        last_ts = self._last_time()
        behind = (_parse_utc(last_ts) - _parse_utc(ts)).total_seconds() if last_ts else 0.0
        if behind > CLOCK_TOLERANCE_SECONDS:
            raise LedgerRefused(
                f"the clock reads {ts}, earlier than the last event ({last_ts}); "
                "set the workstation clock before recording custody events"
            )
        event = self._insert(examiner, tz, action, evidence_id, details, ts)
        if behind > 0:
            anomaly = {
                "event_seq": event.seq,
                "event_utc": ts,
                "previous_event_utc": last_ts,
                "behind_ms": int(behind * 1000),
            }
            self._insert(examiner, tz, "clock_anomaly", evidence_id, anomaly, ts)
        return event

    def _insert(
        self,
        examiner: Examiner,
        tz: str,
        action: str,
        evidence_id: int | None,
        details: dict[str, JsonValue],
        ts: str,
    ) -> Event:
        seq, prev = self.head()
        canonical = canonical_bytes(seq + 1, ts, tz, examiner.name, action, evidence_id, details, prev)
        digest = event_hash(canonical)
        signature = examiner.sign(bytes.fromhex(digest))
        text = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self._conn.execute(
            f"INSERT INTO ledger ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (seq + 1, ts, tz, examiner.name, action, evidence_id, text, prev, digest, signature),
        )
        return Event(seq + 1, ts, tz, examiner.name, action, evidence_id, details, prev, digest, signature)

    def _last_time(self) -> str | None:
        row = self._conn.execute("SELECT ts_utc FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None

    def events(self, evidence_id: int | None = None) -> Iterator[Event]:
        query = f"SELECT {_COLUMNS} FROM ledger"
        args: tuple[Any, ...] = ()
        if evidence_id is not None:
            query += " WHERE evidence_id = ?"
            args = (evidence_id,)
        for row in self._conn.execute(query + " ORDER BY seq", args):
            yield _row_to_event(row)


@dataclass(frozen=True)
class Verdict:
    intact: bool
    events: int
    head: str
    failed_seq: int | None = None
    reason: str | None = None
    kept_head_seq: int | None = None  # where a head hash kept from a report stands in the intact chain


def verify_ledger(conn: sqlite3.Connection, expect_head: str | None = None) -> Verdict:
    """Recompute the chain and check every signature; the first failure is named."""
    keys = dict(conn.execute("SELECT name, public_key FROM examiners").fetchall())
    prev, count, last_seq = GENESIS, 0, 0
    kept_head_seq: int | None = None
    for row in conn.execute(f"SELECT {_COLUMNS} FROM ledger ORDER BY seq"):
        try:
            event = _row_to_event(row)
        except (ValueError, TypeError) as error:
            return Verdict(False, count, prev, row[0], f"event cannot be read ({error})")
        reason = _check_event(event, last_seq, prev, keys)
        if reason:
            return Verdict(False, count, prev, event.seq, reason)
        prev, count, last_seq = event.hash, count + 1, event.seq
        if expect_head and event.hash == expect_head.lower():
            kept_head_seq = event.seq
    if expect_head and kept_head_seq is None:
        reason = f"expected head {expect_head}: no event has that hash; the ledger was truncated or replaced"
        return Verdict(False, count, prev, None, reason)
    return Verdict(True, count, prev, kept_head_seq=kept_head_seq)


def _check_event(event: Event, last_seq: int, prev: str, keys: dict[str, str]) -> str | None:
    if event.seq != last_seq + 1:
        return f"sequence jumps from {last_seq} to {event.seq} (an event was removed or inserted)"
    if event.prev_hash != prev:
        return "does not link to the event before it (removed, inserted or reordered)"
    canonical = canonical_bytes(
        event.seq,
        event.ts_utc,
        event.tz,
        event.examiner,
        event.action,
        event.evidence_id,
        event.details,
        event.prev_hash,
    )
    if event_hash(canonical) != event.hash:
        return "its content does not match its hash (a field was edited)"
    key = keys.get(event.examiner)
    if key is None:
        return f"signed by unknown examiner '{event.examiner}'"
    if event.action == "examiner_registered" and event.details.get("public_key") != key:
        return "the examiner's key in the case differs from the one registered in the ledger"
    if not verify_signature(key, bytes.fromhex(event.hash), event.signature):
        return f"signature does not verify with {event.examiner}'s key"
    return None
