"""A case with 1,000,000 catalogued files opens at once: the table holds one page, scrolling fetches the
next, filters and sorting run in SQL. Rows are generated with SQL, not imported (no image has that many)."""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
import imaging
from PySide6.QtCore import Qt
from test_gui_windows import examiner_environment, open_window

from app.browse.files import PAGE_SIZE
from chain_of_custody.case_db import DB_NAME, CaseDatabase
from chain_of_custody.schema import MIGRATIONS

pytestmark = pytest.mark.gui
ROWS = 1_000_000
SCHEMA_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'files' AND sql IS NOT NULL"
)


def _fill(case: Path) -> None:
    """One evidence item, one volume, a million files in 1,000 folders; every 10th deleted."""
    conn = sqlite3.connect(case / "case.sqlite")
    conn.execute("PRAGMA cache_size = -200000")
    # the schema's indexes are rebuilt after the insert: much faster than row by row
    indexes, index_sql = zip(*conn.execute(SCHEMA_INDEXES).fetchall(), strict=True)
    with conn:
        for name in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.execute(
            "INSERT INTO evidence (id, label, source_path, segments, format, size, added_at, added_by, "
            "import_state) VALUES (1, 'generated', '/nonexistent.img', '[]', 'raw', 0, "
            "'2026-01-01T00:00:00Z', 'Kim', 'complete')"
        )
        conn.execute(
            "INSERT INTO volumes (evidence_id, idx, offset, length, description, tbl, slot, allocation, "
            "fs_type, walk_state) VALUES (1, 0, 0, 0, 'generated', 'none', '-', 'whole', 'ext4', 'done')"
        )
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO files (evidence_id, volume_idx, ordinal, path, parent_path, name, inode, meta_type, "
            "name_type, size, allocated, name_allocated, meta_allocated, orphan, mtime, mime, content, md5) "
            "SELECT 1, 0, i, '/d' || (i % 1000) || '/f' || i || '.ts', '/d' || (i % 1000), "
            "'f' || i || '.ts', "
            "i + 100, 'r', 'r', i % 5000, i % 10 != 0, 1, i % 10 != 0, 0, "
            "strftime('%Y-%m-%dT%H:%M:%SZ', 1600000000 + i * 60, 'unixepoch'), "
            "CASE WHEN i % 3 = 0 THEN 'video/mp2t' ELSE 'application/octet-stream' END, 'read', "
            "printf('%032x', i) FROM n",
            (ROWS,),
        )
        for sql in index_sql:
            conn.execute(sql)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _million_database() -> Path:
    """The generated case database, built once into tests/.cache/ (no examiner, no ledger events yet)."""

    def build(work: Path) -> Path:
        CaseDatabase.create(work / "case").close()
        _fill(work / "case")
        return (work / "case" / DB_NAME).rename(work / DB_NAME)

    # keyed by the migrations' text, not their count: branches that each append a migration share
    # tests/.cache, and the same number there is another schema
    schema = hashlib.sha256("\n".join(MIGRATIONS).encode()).hexdigest()[:16]
    return imaging.cached("million-files", [ROWS, schema], build)


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("million")
    case = folder / "case"
    for sub in ("reports", "exports"):
        (case / sub).mkdir(parents=True)
    shutil.copyfile(_million_database(), case / DB_NAME)
    with examiner_environment(folder):
        yield case


def test_a_million_rows_open_one_page_at_a_time(qtbot, million: Path) -> None:  # type: ignore[no-untyped-def]
    with examiner_environment(million.parent):
        window = open_window(qtbot, million)
        model = window.file_model
        assert model.total() == ROWS
        assert model.rowCount() == PAGE_SIZE and model.canFetchMore(window.table.rootIndex())
        window.table.scrollToBottom()  # the view asks for the next page
        qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE, timeout=10_000)
        assert model.rowCount() <= 3 * PAGE_SIZE
        qtbot.waitUntil(lambda: "1,000,000" in window.count_label.text(), timeout=10_000)

        window.filters.deleted.setChecked(True)
        assert model.total() == ROWS // 10 and model.rowCount() == PAGE_SIZE
        assert all(model.value(row, "state") == 0 for row in range(model.rowCount()))
        window.filters.mime.setCurrentIndex(window.filters.mime.findData("video/mp2t"))
        assert model.total() == ROWS // 30
        window.filters.mime.setCurrentIndex(0)
        window.filters.deleted.setChecked(False)

        window.filters.hash.setText(f"{777_777:032x}")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
        assert model.value(0, "name") == "f777777.ts"
        window.filters.hash.setText("")
        qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=5000)

        model.sort(0, Qt.SortOrder.DescendingOrder)
        assert model.value(0, "name") == "f999999.ts" and model.rowCount() == PAGE_SIZE

        evidence = window.tree_model.index(0, 0)
        window.tree.expand(evidence)
        volume = window.tree_model.index(0, 0, evidence)
        window.tree.expand(volume)
        assert window.tree_model.rowCount(volume) == 0  # generated files have no folder entries
        window.tree.setCurrentIndex(volume)
        assert model.total() == 0
        window.close()
