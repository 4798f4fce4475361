"""The custody ledger: append-only, hash-chained, every event signed by its examiner.

The canonical encoding and the checks are written down in docs/ledger.md.
"""

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chain_of_custody.errors import IdentityError, LedgerRefused
from chain_of_custody.identity import Examiner, fingerprint, verify_signature
from chain_of_custody.names import imitated, normalise_name

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


def canonical_text(details: dict[str, JsonValue]) -> str:
    """The one text of a details object: sorted keys, no whitespace, UTF-8 characters as themselves."""
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _unique_keys(pairs: list[tuple[str, JsonValue]]) -> dict[str, JsonValue]:
    found: dict[str, JsonValue] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"key '{key}' appears twice")
        found[key] = value
    return found


def _no_float(text: str) -> JsonValue:
    raise ValueError(f"number {text} is not an integer")


def parse_details(text: object) -> dict[str, JsonValue]:
    """The details of a stored event, read strictly: the verifier, the report and the desktop all read
    them here. Duplicate keys, floats, NaN, anything but an object, and any text other than the
    canonical one (docs/ledger.md "Canonical form") raise ValueError."""
    if not isinstance(text, str):
        raise ValueError("details are not text")
    value = json.loads(text, object_pairs_hook=_unique_keys, parse_float=_no_float, parse_constant=_no_float)
    if not isinstance(value, dict):
        raise ValueError("details are not a JSON object")
    try:
        _check_json(value)
    except LedgerRefused as error:
        raise ValueError(str(error)) from None
    if canonical_text(value) != text:
        raise ValueError("details are not in canonical form (spacing, key order or escapes differ)")
    return value


_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX128 = re.compile(r"[0-9a-f]{128}")
_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def _row_to_event(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    """One stored row, every column in its one allowed form, else ValueError naming the column."""
    seq, ts, tz, examiner, action, evidence_id, details, prev, digest, signature = row
    checks = (
        ("seq", type(seq) is int),
        ("ts_utc", isinstance(ts, str) and _UTC.fullmatch(ts) is not None),
        ("tz", isinstance(tz, str)),
        ("examiner", isinstance(examiner, str)),
        ("action", isinstance(action, str)),
        ("evidence_id", evidence_id is None or type(evidence_id) is int),
        ("prev_hash", isinstance(prev, str) and _HEX64.fullmatch(prev) is not None),
        ("hash", isinstance(digest, str) and _HEX64.fullmatch(digest) is not None),
        ("signature", isinstance(signature, str) and _HEX128.fullmatch(signature) is not None),
    )
    for column, good in checks:
        if not good:
            raise ValueError(f"column {column} is not in its canonical form")
    try:
        parsed = parse_details(details)
    except ValueError as error:
        raise ValueError(f"details: {error}") from None
    return Event(seq, ts, tz, examiner, action, evidence_id, parsed, prev, digest, signature)


_COLUMNS = "seq, ts_utc, tz, examiner, action, evidence_id, details, prev_hash, hash, signature"


class Ledger:
    """Appends and reads events. The caller owns the transaction (append inside one)."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], str] = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def register_examiner(self, examiner: Examiner, tz: str) -> None:
        """Record the examiner's public key in the case (once) as a signed event; the examiners table
        is a cache of those events. A name that imitates an examiner of the case is refused."""
        if normalise_name(examiner.name) != examiner.name:
            raise LedgerRefused(f"examiner name {examiner.name!r} is not in its normal form")
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
        known = [str(name) for (name,) in self._conn.execute("SELECT name FROM examiners")]
        twin = imitated(examiner.name, known)
        if twin is not None:
            raise LedgerRefused(
                f"examiner name '{examiner.name}' imitates '{twin}', an examiner of this case"
            )
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
        text = canonical_text(details)
        self._conn.execute(
            f"INSERT INTO ledger ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (seq + 1, ts, tz, examiner.name, action, evidence_id, text, prev, digest, signature),
        )
        return Event(seq + 1, ts, tz, examiner.name, action, evidence_id, details, prev, digest, signature)

    def _last_time(self) -> str | None:
        row = self._conn.execute("SELECT ts_utc FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None

    def events(self, evidence_id: int | None = None) -> Iterator[Event]:
        """Events in order, read strictly (LedgerRefused names the first row that cannot be read)."""
        query = f"SELECT {_COLUMNS} FROM ledger"
        args: tuple[Any, ...] = ()
        if evidence_id is not None:
            query += " WHERE evidence_id = ?"
            args = (evidence_id,)
        for row in self._conn.execute(query + " ORDER BY seq", args):
            try:
                yield _row_to_event(row)
            except ValueError as error:
                raise LedgerRefused(f"ledger event {row[0]} cannot be read ({error})") from None


@dataclass(frozen=True)
class Verdict:
    intact: bool
    events: int
    head: str
    failed_seq: int | None = None
    reason: str | None = None
    kept_head_seq: int | None = None  # where a head hash kept from a report stands in the intact chain
    genesis: str | None = None  # hash of the case_created event: the case's identity
    signers: tuple[tuple[str, str], ...] = ()  # (name, public key) as the signed events introduce them


REGISTERED_FIELDS = frozenset({"public_key", "fingerprint"})


@dataclass
class _Walk:
    """What verification has learnt so far, event by event."""

    keys: dict[str, str]
    prev: str = GENESIS
    last_seq: int = 0
    genesis: str | None = None


def verify_ledger(
    conn: sqlite3.Connection, expect_head: str | None = None, trusted: Collection[str] | None = None
) -> Verdict:
    """Recompute the chain, read every event strictly, take each examiner's key from their signed
    `examiner_registered` event, check every signature and the genesis; with `trusted` (public keys
    from outside the case), every signer must be one of them. The first failure is named."""
    walk, count = _Walk({}), 0
    kept_head_seq: int | None = None
    for row in conn.execute(f"SELECT {_COLUMNS} FROM ledger ORDER BY seq"):
        try:
            event = _row_to_event(row)
        except ValueError as error:
            return Verdict(
                False, count, walk.prev, row[0], f"event cannot be read ({error})", genesis=walk.genesis
            )
        reason = _check_event(event, walk) or _check_trust(event, walk.keys, trusted)
        if reason:
            return Verdict(False, count, walk.prev, event.seq, reason, genesis=walk.genesis)
        walk.prev, walk.last_seq, count = event.hash, event.seq, count + 1
        if expect_head and event.hash == expect_head.lower():
            kept_head_seq = event.seq
    signers = tuple(walk.keys.items())
    failure = _check_whole(conn, walk, count)
    if failure:
        return Verdict(False, count, walk.prev, failure[0], failure[1], genesis=walk.genesis, signers=signers)
    if expect_head and kept_head_seq is None:
        reason = f"expected head {expect_head}: no event has that hash; the ledger was truncated or replaced"
        return Verdict(False, count, walk.prev, None, reason, genesis=walk.genesis, signers=signers)
    return Verdict(True, count, walk.prev, kept_head_seq=kept_head_seq, genesis=walk.genesis, signers=signers)


def _check_whole(conn: sqlite3.Connection, walk: _Walk, count: int) -> tuple[int | None, str] | None:
    """After the last event: a genesis exists, and the examiners table agrees with the signed events."""
    if count == 0:
        return None, "the ledger is empty: it has no genesis event (case_created)"
    if walk.genesis is None:
        return None, "the ledger has no genesis event (case_created as event 2)"
    for name, public_key, printed in conn.execute("SELECT name, public_key, fingerprint FROM examiners"):
        if walk.keys.get(name) != public_key or printed != fingerprint(str(public_key)):
            return None, f"the examiners table differs from the signed events for '{name}' (edited)"
    missing = set(walk.keys) - {str(name) for (name,) in conn.execute("SELECT name FROM examiners")}
    if missing:
        return None, f"the examiners table lacks {', '.join(sorted(missing))} (rows removed)"
    return None


def _check_trust(event: Event, keys: dict[str, str], trusted: Collection[str] | None) -> str | None:
    if trusted is None:
        return None
    key = keys.get(event.examiner, "")
    if key.lower() in {t.lower() for t in trusted}:
        return None
    return (
        f"signed by '{event.examiner}' with key {fingerprint(key)}, which is not among the trusted keys "
        "(a key the lab has not filed: another identity with this name, or a re-signed ledger)"
    )


def _check_event(event: Event, walk: _Walk) -> str | None:
    if event.seq != walk.last_seq + 1:
        return f"sequence jumps from {walk.last_seq} to {event.seq} (an event was removed or inserted)"
    if event.prev_hash != walk.prev:
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
    reason = _check_genesis(event, walk)
    if reason:
        return reason
    if event.action == "examiner_registered":
        reason = _check_registration(event, walk.keys)
        if reason:
            return reason
    key = walk.keys.get(event.examiner)
    if key is None:
        return f"signed by '{event.examiner}', who was never registered in this ledger"
    if not verify_signature(key, bytes.fromhex(event.hash), event.signature):
        return f"signature does not verify with {event.examiner}'s key"
    return None


def _check_genesis(event: Event, walk: _Walk) -> str | None:
    """Event 1 registers the creating examiner; event 2, by the same examiner, creates the case."""
    if event.seq == 1 and event.action != "examiner_registered":
        return "the ledger does not begin with its creator's examiner_registered event"
    if event.action == "case_created":
        if event.seq != 2:
            return "a case_created event other than the genesis (event 2): a ledger from another case"
        walk.genesis = event.hash
    elif event.seq == 2:
        return "event 2 is not the case's genesis (case_created)"
    return None


def _check_registration(event: Event, keys: dict[str, str]) -> str | None:
    """A new examiner: a valid name unlike any other, their key, signed with that key."""
    if set(event.details) != REGISTERED_FIELDS:
        return "examiner_registered must hold exactly public_key and fingerprint"
    key = str(event.details["public_key"])
    if not _HEX64.fullmatch(key):
        return "examiner_registered holds no valid public key"
    if event.details["fingerprint"] != fingerprint(key):
        return "the registered fingerprint is not the fingerprint of the registered key"
    if event.examiner in keys:
        return f"examiner '{event.examiner}' is registered a second time"
    try:
        if normalise_name(event.examiner) != event.examiner:
            return f"examiner name {event.examiner!r} is not in its normal form (NFKC)"
    except IdentityError as error:
        return str(error)
    twin = imitated(event.examiner, keys)
    if twin is not None:
        return f"examiner name '{event.examiner}' imitates '{twin}', registered before"
    keys[event.examiner] = key
    return None
