"""The use cases behind the desktop app, without Qt: paged queries, content views, file export."""

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_gui_windows import PICTURE, examiner_environment, imported_case

from app.browse.content import ContentSource, decode_text, guess_encoding, hex_dump
from app.browse.details import file_details
from app.browse.files import COLUMN_KEYS, FileFilter, FilterError, file_count, file_page, mime_types
from app.browse.tree import children
from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case, open_case_readonly
from app.exports.files import ExportRefused, export_files, safe_part, safe_relative
from chain_of_custody.ledger import verify_ledger

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("usecases")
    with examiner_environment(folder):
        yield imported_case(folder)


def _id(case: Path, name: str) -> int:
    db = open_case_readonly(case)
    try:
        return int(db.conn.execute("SELECT id FROM files WHERE name = ?", (name,)).fetchone()[0])
    finally:
        db.close()


def _keys(case: Path, flt: FileFilter) -> list[str]:
    db = open_case_readonly(case)
    try:
        return [row[COLUMN_KEYS.index("path")] for row in file_page(db.conn, flt, 0, 1000)]
    finally:
        db.close()


def test_filters_are_sql(case: Path) -> None:
    assert "/deleted/gone.txt" in _keys(case, FileFilter(deleted_only=True))
    assert all(
        p in ("/deleted/gone.txt", "/media/old.bin") for p in _keys(case, FileFilter(deleted_only=True))
    )
    assert _keys(case, FileFilter(mime="image/")) == ["/pictures/dot.png"]
    mismatched = _keys(case, FileFilter(ext_mismatch=True))
    assert "/fake.jpg" in mismatched and "/readme.txt" not in mismatched
    assert _keys(case, FileFilter(text="고객")) == ["/한글/고객.txt"]
    assert _keys(case, FileFilter(text="%")) == []  # LIKE wildcards are taken literally
    sha256 = hashlib.sha256(PICTURE).hexdigest()
    assert _keys(case, FileFilter(hash_value=sha256.upper())) == ["/pictures/dot.png"]
    in_media = _keys(case, FileFilter(folder="/media", sort="name", descending=True))
    assert len(in_media) >= 3 and in_media == sorted(in_media, key=str.lower, reverse=True)
    assert _keys(case, FileFilter(date_from="2000-01-01T00:00:00Z", date_to="2000-01-02T00:00:00Z")) == []
    assert "/readme.txt" in _keys(
        case, FileFilter(date_from="2023-11-14T00:00:00Z", date_to="2023-11-16T00:00:00Z")
    )
    assert _keys(case, FileFilter(hash_set="notable")) == ["/pictures/dot.png"]
    assert _keys(case, FileFilter(hash_set="known")) == ["/readme.txt"]
    assert "/readme.txt" not in _keys(case, FileFilter(hash_set="unknown"))
    assert "/pictures/dot.png" in _keys(case, FileFilter(hash_set="unknown"))
    db = open_case_readonly(case)
    hits = [row for row in file_page(db.conn, FileFilter(hash_set="notable"), 0)]
    assert hits[0][COLUMN_KEYS.index("hash_hits")] == "rights (notable)"
    db.close()
    with pytest.raises(FilterError):
        _keys(case, FileFilter(hash_value="abc"))
    db = open_case_readonly(case)
    assert file_count(db.conn, FileFilter(folder="/media")) == len(_keys(case, FileFilter(folder="/media")))
    assert "image/png" in mime_types(db.conn)
    db.close()


def test_tree_and_details(case: Path) -> None:
    db = open_case_readonly(case)
    evidence = children(db.conn, None)
    assert [node.kind for node in evidence] == ["evidence", "hits"]  # then the case-wide hash-set hits
    volume = children(db.conn, evidence[0])[0]
    names = [node.label for node in children(db.conn, volume)]
    assert {"deep", "media", "pictures", "한글"} <= set(names)
    details = file_details(db.conn, _id(case, "gone.txt"))
    assert details is not None and details.recovered
    steps = dict(details.provenance)
    assert steps["path"] == "/deleted/gone.txt" and steps["file system"] == "ext4"
    assert steps["inode"] == str(details.file["inode"])
    db.close()


def test_content_views_read_through_the_reader_process(case: Path) -> None:
    db = open_case_readonly(case)
    source = ContentSource(db)
    try:
        page = source.page(_id(case, "euckr.txt"), 0, 1 << 20)
        text, encoding = decode_text(page.data)
        assert encoding == "cp949" and "고객 명단" in text
        assert source.page(_id(case, "dot.png"), 0, 1 << 20).data == PICTURE
        tail = source.page(_id(case, "clip.bin"), 69_990, 100)
        assert len(tail.data) == 10 and tail.size == 70_000
    finally:
        source.close()
        db.close()
    assert hex_dump(b"AB\x00", 16).startswith("000000000010  41 42 00")
    assert guess_encoding("server list 한글 v2".encode("utf-16-le")) == "utf-16-le"
    assert guess_encoding("한글 텍스트".encode()) == "utf-8"
    assert guess_encoding("한글 텍스트".encode()[:-1]) == "utf-8"  # cut mid-character by paging


def test_export_writes_only_inside_exports(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert safe_part("..") == "_.." and safe_part("a/b\\c:d") == "a_b_c_d"
    assert ".." not in safe_relative(1, 0, "/../../etc/passwd", None).parts
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(case, examiner)
    try:
        with pytest.raises(ExportRefused):
            export_files(session, [])
        ids = [_id(case, "고객.txt"), _id(case, "dot.png")]
        result = export_files(session, ids, "for the prosecutor")
    finally:
        session.close()
    assert result.folder.parent == case / "exports"
    exported = {row["path"]: row for row in result.exported}
    picture = result.folder / str(exported["/pictures/dot.png"]["exported_as"])
    assert picture.read_bytes() == PICTURE and exported["/pictures/dot.png"]["matches_catalogue"]
    with open(result.log, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["path"] for row in rows} == {"/한글/고객.txt", "/pictures/dot.png"}
    db = open_case_readonly(case)
    event = list(db.ledger.events())[-1]
    assert event.action == "files_exported" and len(event.details["files"]) == 2
    assert event.details["log_sha256"] == hashlib.sha256(result.log.read_bytes()).hexdigest()
    assert verify_ledger(db.conn).intact
    db.close()
    assert json.dumps(event.details, ensure_ascii=False)
