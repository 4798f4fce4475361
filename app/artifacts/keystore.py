"""Device keys of an Amlogic box's key store as `device_key` artifacts, its verification as `key_store`.

The key store is not a file, so its rows' source is the byte range read from the image (an image
source: offset, length, SHA-256 of those bytes). The bytes are read by the evidence reader process,
like every other byte of the evidence. A unifykey store (AMLNORMAL / AMLSECURITY) gets one `key_store`
row saying which of its hashes and checksum records verify; a legacy "emmckeys" area only its keys.
"""

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from chain_of_custody.artifacts_store import ArtifactStore, ImageSource, StoredRow
from forensics.artifacts.keystore import KEYSTORE_OFFSET, LEGACY, NORMAL, DeviceKey, KeyStore

DEVICE_KEY_TYPE = "device_key"
KEY_STORE_TYPE = "key_store"
READER_NAME = "amlogic_keystore"
READER_VERSION = 2  # 2: the unifykey format read and verified (version 1 found values by name only)
_EPT_TABLE = "amlogic-ept"  # volumes.tbl of partitions read from an Amlogic EPT


@dataclass(frozen=True)
class KeyStoreSite:
    """Where the catalogue says the key store is: the EPT's `reserved` volume and the absolute offset."""

    volume_idx: int
    offset: int

    @property
    def label(self) -> str:
        return key_store_label(self.offset)


def key_store_label(offset: int) -> str:
    return f"<key store @ 0x{offset:x}>"


def key_store_site(conn: sqlite3.Connection, evidence_id: int) -> KeyStoreSite | None:
    """The key store's place when the evidence was catalogued with an Amlogic EPT layout, else None."""
    row = conn.execute(
        "SELECT idx, offset FROM volumes WHERE evidence_id = ? AND tbl = ? AND description = 'reserved' "
        "ORDER BY idx LIMIT 1",
        (evidence_id, _EPT_TABLE),
    ).fetchone()
    return KeyStoreSite(int(row[0]), int(row[1]) + KEYSTORE_OFFSET) if row else None


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None and value != []}


def key_fields(store: KeyStore, key: DeviceKey) -> dict[str, Any]:
    """A key as artifact fields: what it holds, where, and (unifykey) what verified."""
    copy = next((c for c in store.copies if c.copy == key.copy), None)
    return _present(
        {
            "name": key.name,
            "value": key.value,
            "encoding": key.encoding,
            "size": key.size,
            "attributes": list(key.attributes),
            "attribute": key.attribute,
            "key_type": None if key.key_type is None else f"0x{key.key_type:08X}",
            "sha256_ok": key.sha256_ok,
            "verified": None if copy is None else copy.verified and key.sha256_ok is not False,
            "copy": key.copy,
            "same_in_other_copy": key.same_in_other_copy,
            "format": store.format,
            "offset": key.offset,
            "partition": store.partition,
        }
    )


def store_fields(store: KeyStore) -> dict[str, Any]:
    """The store's verification: per copy (a list, copy 1 first) its mark, head hash, block hash and
    checksum record (None where there is nothing to check), and whether the copies are identical."""
    copies = store.copies
    return _present(
        {
            "format": store.format,
            "verified": store.format == NORMAL and all(c.verified for c in copies),
            "encrypted": store.format != NORMAL,
            "key_count": len(store.keys),
            "copies_identical": store.copies_identical,
            "marks": [c.mark or None for c in copies],
            "head_hash_ok": [c.head_hash_ok for c in copies],
            "block_hash_ok": [c.block_hash_ok for c in copies],
            "checksum_ok": [c.checksum_ok for c in copies],
            "copy_key_counts": [c.key_count for c in copies],
            "copy_offsets": [c.offset for c in copies],
            "offset": store.offset,
            "partition": store.partition,
        }
    )


def store_key_store(
    conn: sqlite3.Connection, run_id: int, evidence_id: int, site: KeyStoreSite, store: KeyStore
) -> Counter[str]:
    """The bytes read as an image source, a `key_store` row (unifykey formats) and one `device_key` row per
    key; returns the rows stored per type."""
    artifacts = ArtifactStore(conn)
    label = key_store_label(store.offset)
    source_id = artifacts.add_image_source(
        ImageSource(evidence_id, site.volume_idx, label, store.offset, store.length, store.sha256)
    )

    def row(kind: str, fields: dict[str, Any]) -> StoredRow:
        return StoredRow(None, kind, fields, READER_NAME, READER_VERSION, store.sha256, source_id)

    rows = [] if store.format == LEGACY else [row(KEY_STORE_TYPE, store_fields(store))]
    rows += [row(DEVICE_KEY_TYPE, key_fields(store, key)) for key in store.keys]
    artifacts.add_rows(run_id, evidence_id, rows)
    return Counter(stored.type for stored in rows)
