"""Exporting files whose paths are longer than the system allows, folders with their contents, from a
case opened by a relative path: nothing aborts, every file is in the log and the ledger event."""

import csv
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import as_examiner, case_with_image
from imaging import cached, sh

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case, open_case_readonly
from app.exports.files import ExportResult, export_files
from chain_of_custody.ledger import verify_ledger

LEVELS, NAME_BYTES = 40, 198  # 40 x 199 = 7,960 bytes of path: legal in ext4, twice Linux's PATH_MAX
LEAF = b"the bottom of a very deep tree\n"


def _level(index: int) -> str:
    return f"{index:02d}" + "d" * (NAME_BYTES - 2)


def _deep_image() -> Path:
    def build(work: Path) -> Path:
        tree = work / "tree"
        tree.mkdir()
        (tree / "top.txt").write_bytes(b"top\n")
        (tree / "folder").mkdir()
        (tree / "folder" / "inside.txt").write_bytes(b"inside\n")
        handle = os.open(tree, os.O_RDONLY | os.O_DIRECTORY)
        try:  # each level opened relative to the one above: no path is ever longer than one name
            for index in range(LEVELS):
                os.mkdir(_level(index), dir_fd=handle)
                below = os.open(_level(index), os.O_RDONLY | os.O_DIRECTORY, dir_fd=handle)
                os.close(handle)
                handle = below
            leaf = os.open("leaf.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle)
            os.write(leaf, LEAF)
            os.close(leaf)
        finally:
            os.close(handle)
        image = work / "deep.img"
        sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "4096k")
        shutil.rmtree(tree)  # through directory handles on Linux, so depth does not matter
        return image

    return cached("deep-paths", [LEVELS, NAME_BYTES], build)


@pytest.fixture(scope="module")
def deep_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with case_with_image(tmp_path_factory.mktemp("deep"), _deep_image()) as case:
        yield case


@pytest.fixture
def env(deep_case: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return as_examiner(monkeypatch, deep_case)


def _ids(case: Path) -> dict[str, int]:
    db = open_case_readonly(case)
    try:
        return {
            str(path): int(i)
            for i, path in db.conn.execute("SELECT id, path FROM files WHERE stream IS NULL")
        }
    finally:
        db.close()


def _export(case: Path, ids: list[int]) -> ExportResult:
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(case, examiner)
    try:
        return export_files(session, ids, "deep paths")
    finally:
        session.close()


def _check(case: Path, result: ExportResult, expected: int) -> list[dict[str, str]]:
    assert not result.failed, result.failed
    assert len(result.exported) == expected
    with result.log.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == expected
    db = open_case_readonly(case)
    try:
        event = list(db.ledger.events())[-1]
        assert event.action == "files_exported" and len(event.details["files"]) == expected
        assert verify_ledger(db.conn).intact
    finally:
        db.close()
    return rows


def test_a_path_longer_than_the_system_allows_is_shortened_and_recorded(env: Path) -> None:
    ids = _ids(env)
    deep = [path for path in ids if path.endswith("/leaf.txt")]
    assert len(deep) == 1 and len(deep[0].encode()) > 4096
    everything = sorted(ids.values())
    result = _export(env, everything)
    rows = _check(env, result, len(everything))
    leaf = next(row for row in rows if row["path"] == deep[0])
    assert leaf["shortened"] == "True" and "_long" in leaf["exported_as"]
    assert (result.folder / leaf["exported_as"]).read_bytes() == LEAF
    assert len(os.fsencode(result.folder / leaf["exported_as"])) < 4096
    inside = next(row for row in rows if row["path"] == "/folder/inside.txt")
    assert (
        inside["shortened"] == "False" and (result.folder / inside["exported_as"]).read_bytes() == b"inside\n"
    )


def test_a_folder_and_its_contents_export_together(env: Path) -> None:
    ids = _ids(env)
    for order in (["/folder", "/folder/inside.txt"], ["/folder/inside.txt", "/folder"]):
        result = _export(env, [ids[path] for path in order])
        rows = _check(env, result, 2)
        kinds = {row["path"]: row["kind"] for row in rows}
        assert kinds == {"/folder": "folder", "/folder/inside.txt": "file"}
        assert (result.folder / "E1V0" / "folder").is_dir()
        assert (result.folder / "E1V0" / "folder" / "inside.txt").read_bytes() == b"inside\n"


def test_a_case_opened_by_a_relative_path_exports(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(env.parent)
    ids = _ids(Path(env.name))
    result = _export(Path(env.name), sorted(ids.values()))
    _check(env, result, len(ids))
    assert result.folder.is_absolute() and result.folder.parent == (env / "exports").absolute()
