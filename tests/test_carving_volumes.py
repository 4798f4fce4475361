"""Carving where no file system is: a partition holding noise (no readable file system) is unallocated
whole and a JPEG written into it is carved with its MD5; bad type names are refused with one line."""

import hashlib
import json
import shutil
from pathlib import Path

import carving_images
import imaging
import pytest
from conftest import add_evidence, cli, file_list


def test_a_partition_without_file_system_is_carved_whole(
    capsys: pytest.CaptureFixture[str], new_case: Path, tmp_path: Path
) -> None:
    parts = [imaging.Part(carving_images.fat_planted(), "6"), imaging.Part(None, "83", size_mib=2)]
    disk = tmp_path / "disk.img"
    shutil.copyfile(imaging.disk(parts, "dos"), disk)
    noise_start = imaging.partition_starts(parts, "dos")[1]
    photo = carving_images.planted(carving_images.fat_planted())["photo.jpg"]
    with disk.open("r+b") as out:  # dd conv=notrunc: into the noise, on a sector boundary
        out.seek(noise_start + 300 * 512)
        out.write(photo)
    add_evidence(capsys, new_case, disk)
    code, _, err = cli(capsys, "carve", str(new_case), "--types", "jpg")
    assert code == 0, err
    code, out, _ = cli(capsys, "carve", str(new_case), "--unallocated")
    ranges = [json.loads(line) for line in out.splitlines()]
    whole = [r for r in ranges if r["offset"] == noise_start]
    assert (
        len(whole) == 1 and whole[0]["length"] == 2 * imaging.MIB and whole[0]["method"] == "no file system"
    )
    carved = [r for r in file_list(capsys, new_case) if r["content"] == "carved"]
    in_noise = [r for r in carved if r["volume"] == whole[0]["volume"]]
    assert [r["md5"] for r in in_noise] == [hashlib.md5(photo).hexdigest()]
    assert in_noise[0]["name"] == f"f{(noise_start + 300 * 512) // 512:010d}.jpg"


def test_bad_type_names_are_refused(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    add_evidence(capsys, new_case, carving_images.fat_planted())
    code, _, err = cli(capsys, "carve", str(new_case), "--types", "jpg,../etc")
    assert code == 2 and "not a file type name" in err
    code, _, err = cli(capsys, "carve", str(new_case), "--evidence", "9")
    assert code == 2 and "no evidence 9" in err


def test_evidence_add_carves_after_the_import(capsys: pytest.CaptureFixture[str], new_case: Path) -> None:
    image = carving_images.fat_planted()
    code, _, err = cli(
        capsys, "evidence", "add", str(new_case), str(image), "--carve", "--carve-types", "png"
    )
    assert code == 0, err
    assert "carved: evidence 1" in err
    carved = [r for r in file_list(capsys, new_case) if r["content"] == "carved"]
    png = hashlib.md5(carving_images.planted(image)["icon.png"]).hexdigest()
    assert [(r["md5"], r["mime"]) for r in carved] == [(png, "image/png")]
