#!/usr/bin/env python3
"""Verify a Haechi custody ledger without Haechi: Python's standard library plus `cryptography`.

    python3 verify_ledger.py CASE_DIR/case.sqlite [--expect-head HASH]
    python3 verify_ledger.py ledger.jsonl         [--expect-head HASH]   (from `haechi ledger --format jsonl`)

Written from docs/ledger.md alone, on purpose apart from Haechi's own code, so that the two can
check each other. Exit 0: intact; 1: the first failing event is named; 2: the input cannot be read.
With a JSON-lines export, each examiner's key is taken from their `examiner_registered` event:
compare the printed fingerprints with the ones the examiners filed.
"""

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "ts_utc",
    "tz",
    "examiner",
    "action",
    "evidence_id",
    "details",
    "prev_hash",
    "hash",
    "signature",
)


def read_sqlite(path: Path) -> tuple[list[dict], dict[str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT {', '.join(FIELDS)} FROM ledger ORDER BY seq").fetchall()
        keys = dict(conn.execute("SELECT name, public_key FROM examiners").fetchall())
    finally:
        conn.close()
    events = [dict(zip(FIELDS, row, strict=True)) for row in rows]
    for event in events:
        event["details"] = json.loads(event["details"])
    return events, keys


def read_jsonl(path: Path) -> tuple[list[dict], dict[str, str]]:
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    keys: dict[str, str] = {}
    for event in events:
        if event.get("action") == "examiner_registered":
            keys.setdefault(event["examiner"], event["details"]["public_key"])
    return events, keys


def canonical(event: dict) -> bytes:
    body = {key: event[key] for key in FIELDS[:-2]}
    body["v"] = 1
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signature_ok(public_hex: str, digest_hex: str, signature_hex: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), bytes.fromhex(digest_hex)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def first_failure(events: list[dict], keys: dict[str, str]) -> tuple[int | None, str | None, str]:
    previous_seq, previous_hash = 0, GENESIS
    for event in events:
        seq = event["seq"]
        if seq != previous_seq + 1:
            return seq, f"sequence jumps from {previous_seq} to {seq}", previous_hash
        if event["prev_hash"] != previous_hash:
            return seq, "does not link to the event before it", previous_hash
        if hashlib.sha256(canonical(event)).hexdigest() != event["hash"]:
            return seq, "content does not match its hash", previous_hash
        key = keys.get(event["examiner"])
        if key is None:
            return seq, f"unknown examiner {event['examiner']!r}", previous_hash
        if event["action"] == "examiner_registered" and event["details"].get("public_key") != key:
            return seq, "registered key differs from the case's key", previous_hash
        if not signature_ok(key, event["hash"], event["signature"]):
            return seq, "signature does not verify", previous_hash
        previous_seq, previous_hash = seq, event["hash"]
    return None, None, previous_hash


def fingerprint(public_hex: str) -> str:
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest().upper()[:32]
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", type=Path, help="case.sqlite or a JSON-lines ledger export")
    parser.add_argument("--expect-head", help="head hash printed on a report or receipt")
    args = parser.parse_args()
    try:
        reader = read_sqlite if args.ledger.suffix in (".sqlite", ".db") else read_jsonl
        events, keys = reader(args.ledger)
    except (OSError, ValueError, KeyError, sqlite3.Error) as error:
        print(f"verify_ledger: cannot read {args.ledger}: {error}", file=sys.stderr)
        return 2
    for name, key in sorted(keys.items()):
        print(f"examiner {name}: key fingerprint {fingerprint(key)}")
    seq, reason, head = first_failure(events, keys)
    if seq is not None:
        print(f"FAILS at event {seq}: {reason}")
        return 1
    kept = [event for event in events if args.expect_head and event["hash"] == args.expect_head.lower()]
    if args.expect_head and not kept:
        print(f"FAILS: no event has the expected head {args.expect_head}; truncated or replaced")
        return 1
    if kept:
        since = len(events) - int(kept[0]["seq"])
        print(f"expected head is event {kept[0]['seq']}; {since} events recorded since")
    print(f"intact: {len(events)} events, head {head}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
