"""Carving: files planted in unallocated space of real ext4 and FAT images (and of a partitioned E01)
are carved by PhotoRec with their MD5s, stored as byte runs of the image, read back through those
runs, shown in the tree, `files` and the exports; cancel and resume per chunk; evidence untouched."""

import hashlib
import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import carving_images
import imaging
import pytest
from conftest import add_evidence, cli, file_list, ledger_events, ledger_intact

from app.browse.tree import folder_nodes, volume_nodes
from app.carving.carve import CarveRequest, carve_evidence
from app.carving.progress import CarveProgress
from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case
from app.evidence.reader import EvidenceReader, evidence_spec, file_address
from chain_of_custody.carved import CarvedStore
from forensics.carving.chunks import Chunk, plan_chunks


def _md5s(image: Path) -> dict[str, str]:
    return {name: hashlib.md5(data).hexdigest() for name, data in carving_images.planted(image).items()}


def _evidence_copy(image: Path, folder: Path) -> tuple[Path, tuple[str, int, int]]:
    """A private copy whose atime is after its mtime: under relatime a read would not move it, so
    only a write (or a touch) can change the triple compared after carving."""
    folder.mkdir()
    copy = folder / image.name
    copy.write_bytes(image.read_bytes())
    now = time.time_ns()
    os.utime(copy, ns=(now, now - 10_000_000_000))
    return copy, _state(copy)


def _state(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return imaging.sha256_file(path), info.st_mtime_ns, info.st_atime_ns


def _carved(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["content"] == "carved"]


def test_chunk_offsets_map_back_to_the_image() -> None:
    ranges = [(10_240, 1024), (20_480, 2048), (40_960, 512)]
    chunks = plan_chunks(3, ranges, 2048)
    assert [c.ranges for c in chunks] == [
        ((10_240, 1024), (20_480, 1024)),
        ((21_504, 1024), (40_960, 512)),
    ]
    chunk = Chunk(3, 0, tuple(ranges))
    # a file from chunk offset 512 for 2000 bytes crosses the first range's end
    assert chunk.image_runs([(512, 2048)], 2000) == ((10_752, 512), (20_480, 1488))
    # two PhotoRec runs that are adjacent in the image become one
    assert chunk.image_runs([(1024, 512), (1536, 512)], 1024) == ((20_480, 1024),)
    with pytest.raises(ValueError):
        chunk.image_runs([(3000, 1000)], 1000)


def test_planted_files_are_carved_from_ext4(
    capsys: pytest.CaptureFixture[str], new_case: Path, tmp_path: Path
) -> None:
    image, before = _evidence_copy(carving_images.ext4_planted(), tmp_path / "evidence")
    expected = _md5s(carving_images.ext4_planted())
    evidence_id = add_evidence(capsys, new_case, image)["evidence_id"]
    code, _, err = cli(capsys, "carve", str(new_case), "--evidence", str(evidence_id))
    assert code == 0, err
    assert "carved: evidence 1" in err and "chunk 1/1" in err
    carved = _carved(file_list(capsys, new_case))
    by_md5 = {r["md5"]: r for r in carved}
    for name, md5 in expected.items():
        assert md5 in by_md5, f"{name} not carved"
        record = by_md5[md5]
        assert record["path"].startswith("/$CarvedFiles/f") and not record["allocated"]
        assert record["size"] == len(carving_images.planted(carving_images.ext4_planted())[name])
        assert record["sha256"] and record["sha1"] and record["mime"]
    assert {by_md5[expected["photo.jpg"]]["mime"], by_md5[expected["clip.mp4"]]["mime"]} == {
        "image/jpeg",
        "video/mp4",
    }
    assert _state(image) == before
    # the content is read back through the byte runs (as the hex and picture views read it)
    case = open_case(new_case, unlock_examiner("Kim", EnvironmentPassphrase())[0])
    try:
        row = by_md5[expected["letter.pdf"]]
        evidence, address = file_address(case.db, row["id"])
        assert address.runs and all(offset % 1024 == 0 for offset, _ in address.runs)
        with EvidenceReader(evidence_spec(case.db, evidence)) as reader:
            assert hashlib.md5(b"".join(reader.chunks(address))).hexdigest() == expected["letter.pdf"]
        provenance = CarvedStore(case.db.conn).provenance(row["id"])
        assert provenance is not None and provenance["carver"] == "PhotoRec" and provenance["volume"] == 0
        # the tree: the volume shows its $CarvedFiles folder
        volume = volume_nodes(case.db.conn, evidence)[0]
        assert [n.label for n in folder_nodes(case.db.conn, volume) if n.folder == "/$CarvedFiles"] == [
            "$CarvedFiles (PhotoRec)"
        ]
    finally:
        case.close()
    events = [e for e in ledger_events(capsys, new_case) if e["action"] == "carved"]
    assert len(events) == 1
    details = events[0]["details"]
    assert details["files"] == len(carved) and details["carver_version"] and details["state"] == "complete"
    assert (
        details["unallocated"][0]["state"] == "mapped"
        and details["unallocated"][0]["method"] == "blkls -l -A"
    )
    assert ledger_intact(capsys, new_case)
    # the report: a tagged carved file in the tagged-files section, the carve run in the ledger pages
    photo = by_md5[expected["photo.jpg"]]
    assert cli(capsys, "tag", str(new_case), str(photo["id"]), "--tag", "carved picture")[0] == 0
    pdf = tmp_path / "report.pdf"
    assert cli(capsys, "report", str(new_case), "--out", str(pdf), "--lang", "en")[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert (
        f"/$CarvedFiles/{photo['name']}" in text
        and "files carved from" in text
        and "carver: PhotoRec" in text
    )
    # the carved rows are under the carving event's signed root: a doctored hash is named
    with sqlite3.connect(new_case / "case.sqlite") as conn:
        conn.execute("UPDATE files SET md5 = ? WHERE id = ?", ("0" * 32, photo["id"]))
    code, out, _ = cli(capsys, "ledger", str(new_case), "--verify")
    assert code == 1 and f"carved file {photo['id']}" in out and "changed" in out


def test_partitioned_e01_carves_only_the_types_asked_in_every_volume(
    capsys: pytest.CaptureFixture[str], new_case: Path, tmp_path: Path
) -> None:
    parts = [
        imaging.Part(carving_images.fat_planted(), "6"),
        imaging.Part(carving_images.ext4_planted(), "83"),
    ]
    e01, _ = _evidence_copy(imaging.e01(imaging.disk(parts, "dos")), tmp_path / "evidence")
    before = [_state(p) for p in imaging.segments_of(e01)]
    evidence_id = add_evidence(capsys, new_case, e01)["evidence_id"]
    code, _, err = cli(capsys, "carve", str(new_case), "--types", "jpg,mp4", "--chunk-mib", "1")
    assert code == 0, err
    carved = _carved(file_list(capsys, new_case))
    wanted = {_md5s(carving_images.fat_planted())[name] for name in ("photo.jpg", "clip.mp4")}
    volumes = {r["volume"] for r in carved}
    assert len(volumes) == 2  # the FAT16 and the ext4 partition
    for volume in volumes:
        assert wanted <= {r["md5"] for r in carved if r["volume"] == volume}
    starts = imaging.partition_starts(parts, "dos")
    assert {r["name"].rsplit(".", 1)[1] for r in carved} <= {"jpg", "mp4"}
    code, out, _ = cli(capsys, "carve", str(new_case), "--unallocated", "--evidence", str(evidence_id))
    ranges = [json.loads(line) for line in out.splitlines()]
    assert {r["volume"] for r in ranges} >= volumes
    assert any(r["offset"] >= starts[1] for r in ranges) and all(r["length"] > 0 for r in ranges)
    assert [_state(p) for p in imaging.segments_of(e01)] == before
    # carved rows are in the DFXML and CASE exports
    for fmt, suffix in (("dfxml", "xml"), ("case-uco", "jsonld")):
        out_file = tmp_path / f"export.{suffix}"
        assert cli(capsys, "export", str(new_case), "--format", fmt, "--out", str(out_file))[0] == 0
        text = out_file.read_text(encoding="utf-8")
        assert all(r["name"] in text for r in carved)


def test_cancelled_carving_resumes_at_the_next_chunk(
    capsys: pytest.CaptureFixture[str], new_case: Path
) -> None:
    image = carving_images.fat_planted()
    evidence_id = add_evidence(capsys, new_case, image)["evidence_id"]
    session = open_case(new_case, unlock_examiner("Kim", EnvironmentPassphrase())[0])
    try:
        request = CarveRequest(evidence_id, ("jpg", "png", "pdf", "mp4", "zip"), 1 << 20)
        seen: list[CarveProgress] = []
        first = carve_evidence(
            session, request, seen.append, lambda: bool(seen) and seen[-1].chunks_done >= 2
        )
        assert first.state == "cancelled" and first.chunks == 2 and seen[-1].chunks_total > 2
        assert seen[-1].bytes_total > seen[-1].bytes_done > 0 and seen[-1].eta is not None
        second = carve_evidence(session, request)
        assert second.state == "complete" and second.chunks_before == 2
        assert second.chunks == seen[-1].chunks_total - 2
        third = carve_evidence(session, request)
        assert third.chunks == 0 and third.files == 0  # nothing left, nothing stored twice
        assert CarvedStore(session.db.conn).carved_count(evidence_id) == first.files + second.files
        md5s = {row[0] for row in session.db.conn.execute("SELECT md5 FROM files WHERE content = 'carved'")}
        assert set(_md5s(image).values()) <= md5s
        actions = [row[0] for row in session.db.conn.execute("SELECT action FROM ledger ORDER BY seq")]
        assert actions[-3:] == ["carving_cancelled", "carved", "carved"]
    finally:
        session.close()
