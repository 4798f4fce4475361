"""Third-party images (../shared/corpus, see its MANIFEST.md) import, match ground truth, never hang.

Every image of the manifest is imported into one case, except these, left out for run time:
the 64 GiB sparse ntfs-samples/ntfs.tgz and four 1 GiB ntfs-samples images (ntfs-2m, ntfs-ptrn,
ntfs-ramslack, ntfs-si-vs-fn); ntfs-lastaccess (256 MiB, same tool and layout) stands for them.
Images that pytsk3 opened (per the manifest) must import completely with the manifest's counts;
the others are refused in one line (QCOW, VHD, VMDK, DMG: a format Haechi does not read) or kept
as media without a file system (APFS, minix, YAFFS2 variants TSK cannot detect, bogus files: hashed,
a no-file-system warning, no rows). A watchdog cancels any import that runs over WATCHDOG seconds, so a
hang fails the test instead of stalling the suite.
"""

import csv
import json
import os
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import imaging
import pytest
from conftest import PASSPHRASE, add_evidence, file_list, make_examiner
from test_fls_agreement import assert_agreement, assert_deleted_content_agrees, fls_entries

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import CaseSession, create_case
from app.common.progress import CancelToken
from app.evidence.importer import ImportJob, ImportOutcome, ImportRequest
from chain_of_custody.ledger import verify_ledger

CORPUS = Path(os.environ.get("HAECHI_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
UNPACKED = imaging.CACHE / "corpus-unpacked"
WATCHDOG = 180.0
LEFT_OUT = {
    "ntfs-samples/ntfs.tgz",
    "ntfs-samples/ntfs-2m.raw.gz",
    "ntfs-samples/ntfs-ptrn.raw.gz",
    "ntfs-samples/ntfs-ramslack.raw.gz",
    "ntfs-samples/ntfs-si-vs-fn.raw.gz",
}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "manifest.json").is_file(), reason=f"no corpus at {CORPUS}"),
]


def _manifest() -> dict[str, dict[str, Any]]:
    if not (CORPUS / "manifest.json").is_file():
        return {}
    images = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["images"]
    return {entry["id"]: entry for entry in images if entry["id"] not in LEFT_OUT}


MANIFEST = _manifest()


def _image_path(entry: dict[str, Any]) -> Path:
    stored = Path(entry["paths"][0])
    if not entry["stored_compressed"]:
        return CORPUS / stored
    return UNPACKED / stored.parent.name / stored.name.removesuffix(".gz")


def _unpack() -> None:
    """corpus/unpack.sh into tests/.cache once (about 2.4 GB, sparse where it can)."""
    marker = UNPACKED / ".unpacked"
    if not marker.is_file():
        subprocess.run(["bash", str(CORPUS / "unpack.sh"), str(UNPACKED)], check=True, timeout=1200)
        marker.write_text("done\n")


@dataclass
class Corpus:
    session: CaseSession
    outcomes: dict[str, ImportOutcome] = field(default_factory=dict)

    def imported(self, entry_id: str) -> ImportOutcome:
        """Import the image once (later calls reuse the outcome), under a watchdog."""
        if entry_id not in self.outcomes:
            token = CancelToken()
            watchdog = threading.Timer(WATCHDOG, token.cancel)
            watchdog.start()
            try:
                request = ImportRequest(_image_path(MANIFEST[entry_id]), fat_tz="UTC")
                self.outcomes[entry_id] = ImportJob(self.session, request, None, token).run()
            finally:
                watchdog.cancel()
        return self.outcomes[entry_id]

    def rows(self, entry_id: str) -> list[dict[str, Any]]:
        outcome = self.imported(entry_id)
        assert outcome.evidence_id is not None, outcome.message
        return list(self.session.catalogue.files(outcome.evidence_id))

    def volumes(self, entry_id: str) -> list[dict[str, Any]]:
        outcome = self.imported(entry_id)
        assert outcome.evidence_id is not None, outcome.message
        return self.session.catalogue.volumes(outcome.evidence_id)

    def warning_codes(self, entry_id: str) -> list[str]:
        outcome = self.imported(entry_id)
        return [w["code"] for w in self.session.catalogue.warnings(outcome.evidence_id)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    _unpack()
    folder = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        patch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
        make_examiner(folder / "config")
        examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
        session = create_case(folder / "case", "2026-CORPUS", "third-party images", None, examiner)
        try:
            yield Corpus(session)
            assert verify_ledger(session.db.conn, None).intact
        finally:
            session.close()


def _expected_fs(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [fs for fs in (entry["pytsk3"] or {}).get("filesystems") or [] if fs.get("opened")]


def _refused_expected(entry: dict[str, Any]) -> bool:
    facts = entry["pytsk3"] or {}
    return not _expected_fs(entry) and not facts.get("vs_type")


def _in_volume(
    rows: list[dict[str, Any]], volumes: list[dict[str, Any]], offset: int
) -> list[dict[str, Any]]:
    [volume] = [v for v in volumes if v["offset"] == offset and v["fs_type"]]
    return [r for r in rows if r["volume_idx"] == volume["idx"]]


@pytest.mark.parametrize("entry_id", sorted(MANIFEST))
def test_corpus_image_imports_or_is_refused(entry_id: str, corpus: Corpus) -> None:
    entry = MANIFEST[entry_id]
    outcome = corpus.imported(entry_id)
    if _refused_expected(entry):  # refused formats in one line; other media kept with no file system
        if outcome.status == "refused":
            assert outcome.message and "\n" not in outcome.message
            return
        assert outcome.status == "complete" and outcome.digests["sha256"], outcome.message
        assert "no-file-system" in corpus.warning_codes(entry_id)
        assert corpus.rows(entry_id) == []
        return
    assert outcome.status == "complete", outcome.message
    rows, volumes = corpus.rows(entry_id), corpus.volumes(entry_id)
    for fs in _expected_fs(entry):
        if fs.get("walk_error"):  # the root cannot be listed: a warning, no rows
            assert "root-unreadable" in corpus.warning_codes(entry_id)
            continue
        mine = _in_volume(rows, volumes, fs["offset"])
        files = [r for r in mine if r["allocated"] and r["meta_type"] == "r" and r["stream"] is None]
        folders = [r for r in mine if r["allocated"] and r["meta_type"] == "d"]
        assert (len(files), len(folders)) == (fs["alloc_files"], fs["alloc_dirs"]), entry_id


def _segments(entry: dict[str, Any]) -> list[Path]:
    """What fls and icat are given: the first EWF segment (they find the rest), every split part."""
    first = _image_path(entry)
    return [CORPUS / path for path in entry["paths"]] if entry["format"] == "split" else [first]


@pytest.mark.skipif(shutil.which("fls") is None, reason="sleuthkit's fls is not installed")
@pytest.mark.parametrize("entry_id", sorted(e for e in MANIFEST if _expected_fs(MANIFEST[e])))
def test_corpus_listing_and_deleted_content_agree_with_sleuthkit(entry_id: str, corpus: Corpus) -> None:
    """test_fls_agreement's two checks on every third-party file system: each entry fls lists is
    catalogued (or named in its _explained), each deleted file icat reads has the same MD5 and size."""
    entry = MANIFEST[entry_id]
    rows = [
        {**r, "volume": r["volume_idx"], "allocated": bool(r["allocated"])} for r in corpus.rows(entry_id)
    ]
    volumes = corpus.volumes(entry_id)
    for fs in _expected_fs(entry):
        if fs.get("walk_error"):
            continue  # the root cannot be listed (test above): issue 16 item 2
        [volume] = [v for v in volumes if v["offset"] == fs["offset"] and v["fs_type"]]
        assert_agreement(_segments(entry), rows, volume, at_least=1)
        assert_deleted_content_agrees(_segments(entry), rows, volume)


# --- ground truth ---------------------------------------------------------------------------------
def test_dfvfs_ext2_e01_paths_and_hashes(corpus: Corpus) -> None:
    outcome = corpus.imported("dfvfs/ext2.E01")
    assert outcome.stored_hash_check == "verified"
    rows = {r["path"]: r for r in corpus.rows("dfvfs/ext2.E01")}
    truth = CORPUS / "dfvfs-groundtruth"
    paths = [line for line in (truth / "ext2.E01.paths").read_text().splitlines() if line not in ("", "/")]
    assert set(paths) <= set(rows)
    for line in (truth / "ext2.E01.hashes").read_text().splitlines():
        sha256, path = line.split("\t")
        assert rows[path]["sha256"] == sha256, path


@pytest.mark.parametrize("name", ["hierarchy_32.ext4", "hierarchy_64.ext4"])
def test_go_ext4_expected_paths_and_inodes(name: str, corpus: Corpus) -> None:
    rows = {r["path"]: r for r in corpus.rows(f"go-ext4/{name}")}
    truth = (CORPUS / "go-ext4" / "groundtruth" / f"{name}.expected.tsv").read_text().splitlines()
    expected = [row for row in csv.reader(truth, delimiter="\t") if row and not row[0].startswith("#")]
    assert expected
    for path, inode, kind in expected:
        record = rows[f"/{path}"]
        assert (record["inode"], record["meta_type"]) == (
            int(inode),
            {"regular": "r", "directory": "d"}[kind],
        )


def test_dftt_fat_undelete_contiguous_files_recovered(corpus: Corpus) -> None:
    """DFTT #6 index.html lists the deleted files' MD5s. TSK recovers a deleted FAT file by reading
    contiguous clusters from its first one, so the three non-fragmented files must match; the
    fragmented ones (frag1-3.dat) cannot be recovered this way and are not asserted."""
    rows = corpus.rows("dftt/6-undel-fat/6-fat-undel.dd")
    truth = {
        "/_ing.dat": (780, "59b20779f69ff9f0ac5fcd2c38835a79"),
        "/_ult1.dat": (3801, "ffd27bd782bdce67750b6b9ee069d2ef"),
        "/_ir1/mult2.dat": (
            1715,
            "59cf0e9cd107bc1e75afb7374f6e05bb",
        ),  # keeps its name: only _ir1 was deleted
    }
    found = {r["path"]: (r["size"], r["md5"]) for r in rows if r["path"] in truth}
    assert found == truth
    assert all(not r["allocated"] for r in rows if r["path"] in truth)


def test_dftt_partitioned_ntfs_e01_matches_dfxml(corpus: Corpus) -> None:
    """DFXML from sleuthkit_test_data: MD5 of every regular file of both NTFS partitions."""
    entry_id = "sleuthkit/imageformat_mmls_1.E01"
    assert corpus.imported(entry_id).stored_hash_check == "verified"
    rows, volumes = corpus.rows(entry_id), corpus.volumes(entry_id)
    tree = ET.parse(CORPUS / "dftt" / "groundtruth" / "imageformat_mmls_1.E01.xml")
    compared = 0
    for volume in tree.getroot().findall(".//{*}volume"):
        mine = {r["path"]: r for r in _in_volume(rows, volumes, int(volume.get("offset") or 0))}
        for item in volume.findall(".//{*}fileobject"):
            md5 = item.findtext("{*}hashdigest[@type='md5']")
            if md5 and item.findtext("{*}meta_type") == "1" and item.findtext("{*}alloc_name") == "1":
                path = "/" + (item.findtext("{*}filename") or "")
                # fiwalk hashes a named $DATA stream when a file has no unnamed one ($Secure:$SDS)
                streams = [r["md5"] for p, r in mine.items() if p.startswith(f"{path}:")]
                assert md5 == mine[path]["md5"] or (mine[path]["size"] == 0 and md5 in streams), path
                compared += 1
    assert compared == 28  # every allocated regular file the DFXML hashes, both partitions


def test_pytsk_orphan_file_has_its_metadata(corpus: Corpus) -> None:
    [orphan] = [r for r in corpus.rows("pytsk/image.raw") if r["path"] == "/$OrphanFiles/OrphanFile-13"]
    assert orphan["orphan"] and not orphan["allocated"] and orphan["meta_type"] == "r"
    assert orphan["mtime"] == "2012-05-25T15:59:34Z"  # 1337961574, as istat shows


# --- damaged images -------------------------------------------------------------------------------
def test_fatcat_directory_loop_is_cut_with_a_warning(corpus: Corpus) -> None:
    assert corpus.imported("fatcat/directory-loop.img.gz").status == "complete"
    assert "directory-loop" in corpus.warning_codes("fatcat/directory-loop.img.gz")


def test_fatcat_fake_1t_disk_reads_what_it_can(corpus: Corpus) -> None:
    outcome = corpus.imported("fatcat/fake-big-disk-1T.img.gz")
    assert outcome.status == "complete" and outcome.digests["sha256"]
    assert corpus.warning_codes("fatcat/fake-big-disk-1T.img.gz")


@pytest.mark.parametrize("name", ["infinite-file", "two-file-same-cluster", "repair"])
def test_fatcat_damaged_fat_imports(name: str, corpus: Corpus) -> None:
    entry_id = f"fatcat/{name}.img.gz"
    assert corpus.imported(entry_id).status == "complete"
    assert all(r["size"] >= 0 and r["bytes_read"] <= max(r["size"], 0) for r in corpus.rows(entry_id))


@pytest.mark.parametrize(
    "name", ["test-cut-data-from-end", "test-cut-data-from-middle", "test-data-replaced-in-middle"]
)
def test_damaged_isos_import_what_can_be_read(name: str, corpus: Corpus) -> None:
    entry_id = f"binaryanalysis-ng/iso9660/{name}.iso"
    assert corpus.imported(entry_id).status == "complete"
    assert [r for r in corpus.rows(entry_id) if r["meta_type"] == "r" and r["content"] != "none"]


@pytest.mark.skipif(shutil.which("fls") is None, reason="sleuthkit's fls is not installed")
def test_fat_orphans_found_by_default_as_fls_finds_them(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lde's FAT16 holds 114 orphan files; without any option Haechi lists each, as fls does."""
    _unpack()
    image = _image_path(MANIFEST["lde-testdata/test.fat16.gz"])
    summary = add_evidence(capsys, new_case, image)
    assert summary["warnings"] == 0  # in particular no fat-orphan-scan-off
    orphans = {r["path"] for r in file_list(capsys, new_case) if r["orphan"]}
    fls = fls_entries([image], 0)
    assert orphans == {path for path in fls if path.startswith("/$OrphanFiles/")}
    assert len(orphans) == summary["orphans"] == 114
