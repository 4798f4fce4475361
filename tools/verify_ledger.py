#!/usr/bin/env python3
"""Verify a Haechi custody ledger without Haechi: Python's standard library plus `cryptography`.

    python3 verify_ledger.py CASE_DIR/case.sqlite [--expect-head HASH] [--trust PUBKEY_FILE ...]
    python3 verify_ledger.py ledger.jsonl         [--expect-head HASH] [--trust PUBKEY_FILE ...]
                                                   (from `haechi ledger --format jsonl`)

Written from docs/ledger.md alone, on purpose apart from Haechi's own code, so that the two can
check each other. Exit 0: intact; 1: the first failing event is named; 2: the input cannot be read.
Each examiner's key is taken from their signed `examiner_registered` event: compare the printed
fingerprints with the ones the examiners filed, or pass their public key files with --trust.
With case.sqlite, every commitment the events carry (docs/ledger.md, "Commitments") is recomputed
from the case's rows, so every file hash of the catalogue is checked against a signed root.
"""

import argparse
import hashlib
import json
import re
import sqlite3
import sys
import unicodedata
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


def no_twice(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key appears twice")
    return dict(pairs)


def strict(text: str) -> object:
    """JSON where a repeated key or a float is an error (parsers disagree on which value wins)."""
    return json.loads(
        text, object_pairs_hook=no_twice, parse_float=float_refused, parse_constant=float_refused
    )


def float_refused(text: str) -> object:
    raise ValueError(f"number {text} is not an integer")


def read_sqlite(path: Path) -> tuple[list[dict], dict[str, str]]:
    """Events (details parsed strictly; `unreadable` says why one cannot be) and the examiners table."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT {', '.join(FIELDS)} FROM ledger ORDER BY seq").fetchall()
        table = dict(conn.execute("SELECT name, public_key FROM examiners").fetchall())
    finally:
        conn.close()
    events = [dict(zip(FIELDS, row, strict=True)) for row in rows]
    for event in events:
        text = event["details"]
        try:
            event["details"] = strict(text)
            if (
                json.dumps(event["details"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                != text
            ):
                raise ValueError("details are not in canonical form")
        except (TypeError, ValueError) as error:
            event["unreadable"] = str(error)
    return events, table


def read_jsonl(path: Path) -> tuple[list[dict], dict[str, str]]:
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            event = strict(line)
            if not isinstance(event, dict) or set(event) != set(FIELDS):
                raise ValueError(f"a line has other fields than {', '.join(FIELDS)}")
            events.append(event)
    return events, {}


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


HIDDEN = {"Cf", "Cc", "Co", "Cn", "Cs", "Zl", "Zp"}


def name_problem(name: str) -> str | None:
    """docs/ledger.md "Identity and trust": NFKC, no hidden characters (look-alikes: see Haechi)."""
    if unicodedata.normalize("NFKC", name) != name or name != name.strip() or "  " in name:
        return f"examiner name {name!r} is not in its normal form"
    for char in name:
        hidden = unicodedata.category(char) in HIDDEN or char in "\u115f\u1160\u3164\uffa0\u2800"
        if hidden or (char.isspace() and char != " "):
            return f"examiner name {name!r} holds the hidden character U+{ord(char):04X}"
    return None


def registration_problem(event: dict, keys: dict[str, str]) -> str | None:
    details = event["details"]
    if set(details) != {"public_key", "fingerprint"} or not re.fullmatch(
        "[0-9a-f]{64}", str(details["public_key"])
    ):
        return "examiner_registered must hold exactly a public_key and its fingerprint"
    if details["fingerprint"] != fingerprint(details["public_key"]):
        return "registered fingerprint is not that of the registered key"
    if event["examiner"] in keys:
        return f"examiner {event['examiner']!r} is registered twice"
    return name_problem(event["examiner"])


def genesis_problem(event: dict) -> str | None:
    if event["seq"] == 1 and event["action"] != "examiner_registered":
        return "the ledger does not begin with examiner_registered"
    if (event["seq"] == 2) != (event["action"] == "case_created"):
        return "event 2 must be the genesis (case_created), and only event 2"
    return None


def first_failure(
    events: list[dict], keys: dict[str, str], trusted: set[str] | None = None
) -> tuple[int | None, str | None, str]:
    """The first failing event (seq, reason) and the last good hash; `keys` fills with the
    examiners' keys as their registrations introduce them."""
    previous_seq, previous_hash = 0, GENESIS
    if not events:
        return 0, "the ledger is empty: no genesis event", previous_hash
    for event in events:
        seq = event["seq"]
        if "unreadable" in event:
            return seq, f"event cannot be read ({event['unreadable']})", previous_hash
        if seq != previous_seq + 1:
            return seq, f"sequence jumps from {previous_seq} to {seq}", previous_hash
        if event["prev_hash"] != previous_hash:
            return seq, "does not link to the event before it", previous_hash
        if hashlib.sha256(canonical(event)).hexdigest() != event["hash"]:
            return seq, "content does not match its hash", previous_hash
        problem = genesis_problem(event)
        if event["action"] == "examiner_registered":
            problem = problem or registration_problem(event, keys)
            if problem is None:
                keys[event["examiner"]] = event["details"]["public_key"]
        if problem:
            return seq, problem, previous_hash
        key = keys.get(event["examiner"])
        if key is None:
            return seq, f"examiner {event['examiner']!r} was never registered", previous_hash
        if not signature_ok(key, event["hash"], event["signature"]):
            return seq, "signature does not verify", previous_hash
        if trusted is not None and key not in trusted:
            return seq, f"signed with key {fingerprint(key)}, which is not trusted", previous_hash
        previous_seq, previous_hash = seq, event["hash"]
    return None, None, previous_hash


def trusted_keys(files: list[Path]) -> set[str]:
    """The `public key:` line of each file `haechi examiner export-public` writes."""
    found = set()
    for path in files:
        match = re.search(r"^public key:\s*([0-9a-f]{64})\s*$", path.read_text(encoding="utf-8"), re.M)
        if match is None:
            raise ValueError(f"{path} holds no 'public key:' line")
        found.add(match.group(1))
    return found


# Commitments (docs/ledger.md): which rows each scope holds, in the order the tree takes them.
COLUMNS = {
    "case_info": "key value",
    "evidence": "id label source_path segments format size segment_sizes acquisition stored_md5 stored_sha1 "
    "md5 sha1 sha256 stored_hash_check seized_from seized_at seal added_at added_by options exhibit",
    "volumes": "evidence_id idx offset length description tbl slot allocation fs_type fs_block_size fs_error "
    "walk_state entries",
    "files": "id evidence_id volume_idx ordinal path parent_path name name_raw inode meta_type name_type "
    "size allocated name_allocated meta_allocated orphan stream attr_type attr_id mtime atime ctime crtime "
    "md5 sha1 sha256 mime description ext_mismatch content bytes_read read_error recovery",
    "carved_files": "file_id evidence_id volume_idx run_id chunk runs carver carver_version carver_name "
    "parameters",
    "warnings": "id evidence_id volume_idx code path message details created_at",
    "tags": "id file_id evidence_id tag note created_at created_by removed_at removed_by",
    "hash_hits": "file_id evidence_id set_name set_version category algorithm matched_at",
    "artifacts": "id run_id evidence_id file_id image_source_id type fields extractor extractor_version "
    "source_sha256 created_at",
    "image_sources": "id evidence_id volume_idx label offset length sha256 read_at",
}


def scope_selects(scope: str, upto: int | None) -> list[tuple[str, str, tuple]]:
    """(table, WHERE ... ORDER BY ..., parameters) for each table of the scope, in tree order."""
    kind, _, number = scope.partition(":")
    whole = {
        "case": ("case_info", "key"),
        "tags": ("tags", "id"),
        "hash_hits": ("hash_hits", "file_id, set_name, algorithm"),
    }
    if kind in whole:
        table, order = whole[kind]
        return [(table, f"ORDER BY {order}", ())]
    n = int(number)
    if kind == "catalogue":
        return [
            ("evidence", "WHERE id = ? ORDER BY id", (n,)),
            ("volumes", "WHERE evidence_id = ? ORDER BY idx", (n,)),
            ("files", "WHERE evidence_id = ? AND ordinal >= 0 ORDER BY volume_idx, ordinal", (n,)),
        ]
    if kind == "carved":
        return [
            ("files", "WHERE evidence_id = ? AND ordinal < 0 ORDER BY volume_idx, ordinal", (n,)),
            ("carved_files", "WHERE evidence_id = ? ORDER BY file_id", (n,)),
        ]
    if kind == "warnings":
        return [
            (
                "warnings",
                "WHERE evidence_id = ? AND id <= ? ORDER BY id",
                (n, upto if upto is not None else 2**62),
            )
        ]
    if kind == "artifacts":
        used = "WHERE id IN (SELECT image_source_id FROM artifacts WHERE run_id = ?) ORDER BY id"
        return [("artifacts", "WHERE run_id = ? ORDER BY id", (n,)), ("image_sources", used, (n,))]
    raise ValueError(f"unknown scope {scope}")


def as_json_value(value):
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    if isinstance(value, float):
        return {"real": repr(value)}
    return value


def tree_root(digests: list[bytes]) -> str:
    """RFC 6962 Merkle tree hash, written recursively (split at the largest power of two below n)."""
    if not digests:
        return hashlib.sha256(b"").hexdigest()

    def node(part: list[bytes]) -> bytes:
        if len(part) == 1:
            return part[0]
        split = 1 << ((len(part) - 1).bit_length() - 1)
        return hashlib.sha256(b"\x01" + node(part[:split]) + node(part[split:])).digest()

    return node(digests).hex()


def scope_root(conn: sqlite3.Connection, scope: str, upto: int | None) -> tuple[str, int]:
    digests = []
    for table, clause, params in scope_selects(scope, upto):
        names = COLUMNS[table].split()
        for row in conn.execute(f"SELECT {', '.join(names)} FROM {table} {clause}", params):
            record = {"table": table}
            record.update((name, as_json_value(value)) for name, value in zip(names, row, strict=True))
            text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digests.append(hashlib.sha256(b"\x00" + text.encode("utf-8")).digest())
    return tree_root(digests), len(digests)


def check_commitments(path: Path, events: list[dict]) -> list[str]:
    """Recompute the latest commitment of every scope; one line per scope, FAILS where the rows differ."""
    latest: dict[str, tuple[int, dict]] = {}
    for event in events:
        for commitment in event["details"].get("commitments") or []:
            latest[commitment["scope"]] = (event["seq"], commitment)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    lines = []
    try:
        for scope, (seq, commitment) in latest.items():
            root, rows = scope_root(conn, scope, commitment.get("upto"))
            verdict = "ok" if root == commitment["root"] else "FAILS (rows differ from the signed root)"
            lines.append(f"commitment {scope} (event {seq}, {rows} rows): {verdict}")
    finally:
        conn.close()
    return lines


def fingerprint(public_hex: str) -> str:
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest().upper()[:32]
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", type=Path, help="case.sqlite or a JSON-lines ledger export")
    parser.add_argument("--expect-head", help="head hash printed on a report or receipt")
    parser.add_argument(
        "--trust", type=Path, action="append", help="a public key file; every signer must be one"
    )
    args = parser.parse_args()
    try:
        reader = read_sqlite if args.ledger.suffix in (".sqlite", ".db") else read_jsonl
        events, table = reader(args.ledger)
        trusted = trusted_keys(args.trust) if args.trust else None
    except (OSError, ValueError, KeyError, sqlite3.Error) as error:
        print(f"verify_ledger: cannot read {args.ledger}: {error}", file=sys.stderr)
        return 2
    keys: dict[str, str] = {}
    seq, reason, head = first_failure(events, keys, trusted)
    for name, key in sorted(keys.items()):
        print(f"examiner {name}: key fingerprint {fingerprint(key)}")
    if seq is None and args.ledger.suffix in (".sqlite", ".db") and table != keys:
        seq, reason = 0, "the examiners table differs from the registered keys"
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
    if args.ledger.suffix not in (".sqlite", ".db"):
        return 0
    lines = check_commitments(args.ledger, events)
    print("\n".join(lines) if lines else "no commitments (case made before commitments)")
    return 1 if any("FAILS" in line for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
