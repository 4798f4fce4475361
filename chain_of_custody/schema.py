"""The case database's schema, as numbered migrations (PRAGMA user_version)."""

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: case, examiners, ledger, evidence catalogue
    """
    CREATE TABLE case_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE examiners (
        name TEXT PRIMARY KEY, public_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        registered_at TEXT NOT NULL
    );
    CREATE TABLE ledger (
        seq INTEGER PRIMARY KEY, ts_utc TEXT NOT NULL, tz TEXT NOT NULL, examiner TEXT NOT NULL,
        action TEXT NOT NULL, evidence_id INTEGER, details TEXT NOT NULL, prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE, signature TEXT NOT NULL
    );
    CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
    CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
    CREATE TRIGGER examiners_no_update BEFORE UPDATE ON examiners
        BEGIN SELECT RAISE(ABORT, 'examiner keys cannot be changed'); END;
    CREATE TRIGGER examiners_no_delete BEFORE DELETE ON examiners
        BEGIN SELECT RAISE(ABORT, 'examiner keys cannot be removed'); END;
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY, label TEXT NOT NULL, source_path TEXT NOT NULL,
        segments TEXT NOT NULL, format TEXT NOT NULL, size INTEGER, segment_sizes TEXT,
        acquisition TEXT NOT NULL DEFAULT '{}', stored_md5 TEXT, stored_sha1 TEXT,
        md5 TEXT, sha1 TEXT, sha256 TEXT, stored_hash_check TEXT,
        seized_from TEXT, seized_at TEXT, seal TEXT,
        added_at TEXT NOT NULL, added_by TEXT NOT NULL,
        import_state TEXT NOT NULL, options TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE volumes (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        idx INTEGER NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL,
        description TEXT, tbl TEXT, slot TEXT, allocation TEXT, fs_type TEXT,
        fs_block_size INTEGER, fs_error TEXT, walk_state TEXT NOT NULL DEFAULT 'pending',
        entries INTEGER NOT NULL DEFAULT 0,
        UNIQUE (evidence_id, idx)
    );
    CREATE TABLE files (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        volume_idx INTEGER NOT NULL, ordinal INTEGER NOT NULL,
        path TEXT NOT NULL, parent_path TEXT NOT NULL, name TEXT NOT NULL, name_raw BLOB,
        inode INTEGER, meta_type TEXT, name_type TEXT, size INTEGER NOT NULL,
        allocated INTEGER NOT NULL, name_allocated INTEGER NOT NULL, meta_allocated INTEGER NOT NULL,
        orphan INTEGER NOT NULL, stream TEXT, attr_type INTEGER, attr_id INTEGER,
        mtime TEXT, atime TEXT, ctime TEXT, crtime TEXT,
        md5 TEXT, sha1 TEXT, sha256 TEXT, mime TEXT, description TEXT,
        ext_mismatch INTEGER NOT NULL DEFAULT 0, content TEXT NOT NULL,
        bytes_read INTEGER NOT NULL DEFAULT 0, read_error TEXT,
        UNIQUE (evidence_id, volume_idx, ordinal)
    );
    CREATE INDEX files_parent ON files (evidence_id, volume_idx, parent_path);
    CREATE INDEX files_deleted ON files (allocated, evidence_id);
    CREATE INDEX files_md5 ON files (md5);
    CREATE INDEX files_sha1 ON files (sha1);
    CREATE INDEX files_sha256 ON files (sha256);
    CREATE INDEX files_mime ON files (mime);
    CREATE INDEX files_name ON files (name COLLATE NOCASE);
    CREATE TABLE warnings (
        id INTEGER PRIMARY KEY, evidence_id INTEGER REFERENCES evidence(id), volume_idx INTEGER,
        code TEXT NOT NULL, path TEXT, message TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX warnings_once ON warnings
        (evidence_id, IFNULL(volume_idx, -1), code, IFNULL(path, ''), message);
    CREATE TABLE import_runs (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        started_at TEXT NOT NULL, ended_at TEXT, outcome TEXT NOT NULL DEFAULT 'running',
        entries INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0, pid INTEGER, note TEXT
    );
    CREATE TABLE verifications (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        at TEXT NOT NULL, md5 TEXT, sha1 TEXT, sha256 TEXT, result TEXT NOT NULL
    );
    """,
    # 2: images belong to a physical exhibit (the custody procedure's subject)
    """
    ALTER TABLE evidence ADD COLUMN exhibit TEXT;
    CREATE INDEX evidence_exhibit ON evidence (exhibit);
    """,
    # 3: the examiner's tags and bookmarks on catalogued files (each one also a ledger event)
    """
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id),
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), tag TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, created_by TEXT NOT NULL,
        removed_at TEXT, removed_by TEXT
    );
    CREATE INDEX tags_file ON tags (file_id) WHERE removed_at IS NULL;
    CREATE INDEX tags_tag ON tags (tag) WHERE removed_at IS NULL;
    """,
    # 4: files found in the workstation's hash sets (known / notable); each match run is a ledger event
    """
    CREATE TABLE hash_hits (
        file_id INTEGER NOT NULL REFERENCES files(id), evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        set_name TEXT NOT NULL, set_version TEXT NOT NULL, category TEXT NOT NULL, algorithm TEXT NOT NULL,
        matched_at TEXT NOT NULL,
        PRIMARY KEY (file_id, set_name, algorithm)
    ) WITHOUT ROWID;
    CREATE INDEX hash_hits_category ON hash_hits (category, evidence_id);
    """,
    # 5: artifacts extracted from catalogued files (IPTV, TV box, panel); each run is a ledger event
    """
    CREATE TABLE artifact_runs (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        started_at TEXT NOT NULL, ended_at TEXT, examiner TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'running', sources INTEGER NOT NULL DEFAULT 0,
        rows INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
        extractors TEXT NOT NULL DEFAULT '{}', superseded_by INTEGER
    );
    CREATE TABLE artifacts (
        id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES artifact_runs(id),
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), file_id INTEGER NOT NULL REFERENCES files(id),
        type TEXT NOT NULL, fields TEXT NOT NULL, extractor TEXT NOT NULL,
        extractor_version INTEGER NOT NULL, source_sha256 TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX artifacts_run_type ON artifacts (run_id, type);
    CREATE INDEX artifacts_file ON artifacts (file_id);
    """,
    # 6: indexes for the desktop file table's date filter, size and time sorting, extension mismatch
    """
    CREATE INDEX files_mtime ON files (mtime);
    CREATE INDEX files_size ON files (size);
    CREATE INDEX files_ext_mismatch ON files (evidence_id) WHERE ext_mismatch = 1;
    """,
    # 7: artifacts read from the image itself (a key store, not a file): a byte range is their source.
    # artifacts.file_id becomes nullable, so the table is rebuilt with its rows and ids kept.
    """
    CREATE TABLE image_sources (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id), volume_idx INTEGER,
        label TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, sha256 TEXT NOT NULL,
        read_at TEXT NOT NULL
    );
    CREATE TABLE artifacts_v7 (
        id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES artifact_runs(id),
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), file_id INTEGER REFERENCES files(id),
        image_source_id INTEGER REFERENCES image_sources(id),
        type TEXT NOT NULL, fields TEXT NOT NULL, extractor TEXT NOT NULL,
        extractor_version INTEGER NOT NULL, source_sha256 TEXT, created_at TEXT NOT NULL,
        CHECK ((file_id IS NULL) <> (image_source_id IS NULL))
    );
    INSERT INTO artifacts_v7 (id, run_id, evidence_id, file_id, type, fields, extractor, extractor_version,
        source_sha256, created_at)
        SELECT id, run_id, evidence_id, file_id, type, fields, extractor, extractor_version, source_sha256,
        created_at FROM artifacts;
    DROP TABLE artifacts;
    ALTER TABLE artifacts_v7 RENAME TO artifacts;
    CREATE INDEX artifacts_run_type ON artifacts (run_id, type);
    CREATE INDEX artifacts_file ON artifacts (file_id);
    """,
    # 8: links between exhibits: identifiers (MACs, credentials, hosts, serials) the current artifact rows
    # hold, normalised; derived from the artifacts and rebuilt after each artifact run (app/links)
    """
    CREATE TABLE links (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL,
        evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
        type TEXT NOT NULL, field TEXT NOT NULL, path TEXT, detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX links_value ON links (kind, value);
    CREATE TABLE link_runs (run_id INTEGER PRIMARY KEY REFERENCES artifact_runs(id));
    """,
    # 9: how a deleted name was tied to its metadata (tsk, sequence+1, file_name, orphan, reallocated, none)
    """
    ALTER TABLE files ADD COLUMN recovery TEXT;
    """,
    # 10: unallocated space per volume (byte ranges of the image, never copied) and files carved from it:
    # carved files are rows of `files` (content = 'carved') whose content is the byte runs kept here
    """
    CREATE TABLE unallocated_volumes (
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), volume_idx INTEGER NOT NULL,
        state TEXT NOT NULL, method TEXT NOT NULL, reason TEXT, ranges INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0, computed_at TEXT NOT NULL,
        PRIMARY KEY (evidence_id, volume_idx)
    );
    CREATE TABLE unallocated_ranges (
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), volume_idx INTEGER NOT NULL,
        ordinal INTEGER NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL,
        PRIMARY KEY (evidence_id, volume_idx, ordinal)
    ) WITHOUT ROWID;
    CREATE TABLE carve_runs (
        id INTEGER PRIMARY KEY, evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        started_at TEXT NOT NULL, ended_at TEXT, examiner TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'running',
        carver TEXT NOT NULL, carver_version TEXT NOT NULL, parameters TEXT NOT NULL,
        chunks INTEGER NOT NULL DEFAULT 0, files INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE carve_chunks (
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), volume_idx INTEGER NOT NULL,
        plan TEXT NOT NULL, chunk INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES carve_runs(id),
        bytes INTEGER NOT NULL, files INTEGER NOT NULL, done_at TEXT NOT NULL,
        PRIMARY KEY (evidence_id, volume_idx, plan, chunk)
    ) WITHOUT ROWID;
    CREATE TABLE carved_files (
        file_id INTEGER PRIMARY KEY REFERENCES files(id),
        evidence_id INTEGER NOT NULL REFERENCES evidence(id), volume_idx INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES carve_runs(id), chunk INTEGER NOT NULL,
        runs TEXT NOT NULL, carver TEXT NOT NULL, carver_version TEXT NOT NULL, carver_name TEXT NOT NULL,
        parameters TEXT NOT NULL,
        UNIQUE (evidence_id, runs)
    );
    """,
    # 11: each commitment's leaf hashes as made (docs/ledger.md "Commitments"): they locate a changed row;
    # they are trusted only when their own tree gives the root a signed event carries
    """
    CREATE TABLE commitment_leaves (
        scope TEXT PRIMARY KEY, root TEXT NOT NULL, names TEXT NOT NULL, leaves BLOB NOT NULL
    );
    """,
)


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the database to schema `target` (the newest by default); each step in one transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    last = len(MIGRATIONS) if target is None else target
    for number, script in enumerate(MIGRATIONS[version:last], start=version + 1):
        conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return last


def schema_version() -> int:
    return len(MIGRATIONS)


# The files indexes on random hash keys, as migration 1 defines them. Keeping them up to date row by
# row costs most of an import's database CPU (docs/performance.md), so an import may drop them for
# its bulk phase and build them again at its end; opening a case builds any that a killed import left
# missing. IF NOT EXISTS is not kept in sqlite_master: the stored schema stays that of migration 1.
HASH_INDEXES: tuple[tuple[str, str], ...] = (
    ("files_md5", "md5"),
    ("files_sha1", "sha1"),
    ("files_sha256", "sha256"),
)


def missing_hash_indexes(conn: sqlite3.Connection) -> list[str]:
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [name for name, _ in HASH_INDEXES if name not in present]


def drop_hash_indexes(conn: sqlite3.Connection) -> None:
    for name, _ in HASH_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def create_hash_indexes(conn: sqlite3.Connection) -> None:
    """Outside a transaction each index is built and committed on its own: shorter write locks."""
    for name, column in HASH_INDEXES:
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON files ({column})")
