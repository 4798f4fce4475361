"""Device keys (MAC addresses, usid) of an Amlogic box's key store, stored as `device_key` artifacts.

The key store is not a file, so its rows' source is the byte range read from the image (an image
source: offset, length, SHA-256 of those bytes). The bytes are read by the evidence reader process,
like every other byte of the evidence.
"""

import sqlite3
from dataclasses import dataclass

from chain_of_custody.artifacts_store import ArtifactStore, ImageSource, StoredRow
from forensics.artifacts.keystore import KEYSTORE_OFFSET, KeyStore

DEVICE_KEY_TYPE = "device_key"
READER_NAME = "amlogic_keystore"
READER_VERSION = 1
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


def store_key_store(
    conn: sqlite3.Connection, run_id: int, evidence_id: int, site: KeyStoreSite, store: KeyStore
) -> int:
    """The bytes read as an image source and one `device_key` row per key; returns the rows stored."""
    artifacts = ArtifactStore(conn)
    label = key_store_label(store.offset)
    source_id = artifacts.add_image_source(
        ImageSource(evidence_id, site.volume_idx, label, store.offset, store.length, store.sha256)
    )
    rows = [
        StoredRow(
            None,
            DEVICE_KEY_TYPE,
            {"name": key.name, "value": key.value, "offset": key.offset, "partition": store.partition},
            READER_NAME,
            READER_VERSION,
            store.sha256,
            source_id,
        )
        for key in store.keys
    ]
    return artifacts.add_rows(run_id, evidence_id, rows)
