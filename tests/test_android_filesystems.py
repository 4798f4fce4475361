"""File systems TSK cannot read: SquashFS is catalogued (PySquashfsImage) and read back; F2FS and EROFS
are named in a warning, never skipped silently. Images made by mksquashfs, mkfs.f2fs, mkfs.erofs."""

import os
import random
import shutil
from pathlib import Path

import pytest
import pytsk3
from conftest import add_evidence, cli, file_list, ledger_events
from imaging import digests, sh
from test_android_layouts import DATA_TREE, catalogue, super_image

from forensics.base.filetype import TypeSniffer
from forensics.base.records import VolumeRecord
from forensics.containers.detect import detect_image
from forensics.file_access import EvidenceFiles, FileAddress
from forensics.filesystems.registry import open_file_system as open_other_file_system
from forensics.filesystems.registry import walker_for
from forensics.filesystems.tsk_walker import WalkOptions

SQUASH_TREE = {
    "usr/bin/iptv-daemon": bytes(range(256)) * 700,
    "etc/iptv/portal.conf": b"portal=http://portal.iptv.invalid/stalker_portal/c/\nmac=00:1A:79:00:00:01\n",
    "etc/empty": b"",
    "고객/목록.txt": "고객 목록\n".encode(),
}
MTIME = 1_700_000_000
F2FS_TREE = {
    "data/data/com.nst.iptvsmarterstvbox/shared_prefs/loginPrefs.xml": b"<map><string name='username'>"
    b"kim0042</string><string name='url'>http://line.iptv.invalid:8080</string></map>\n",
    "data/system/users/0/settings.xml": b"<settings/>\n" * 300,
    "data/media/0/Movies/vod.ts": bytes(range(188)) * 30_000,  # past the inode's direct blocks
    "data/empty": b"",
}
EROFS_TREE = {
    "etc/build.prop": b"ro.build.fingerprint=generic/x96/x96:11/RP1A/eng.20230101:user/release-keys\n",
    "app/Player/Player.apk": b"PK\x03\x04" + bytes(range(251)) * 900,
}


def _tool(name: str) -> None:
    if shutil.which(name) is None and not Path("/usr/sbin", name).exists():
        pytest.skip(f"{name} not installed")


def squashfs(work: Path) -> Path:
    _tool("mksquashfs")
    tree = work / "squash-tree"
    for relative, content in SQUASH_TREE.items():
        (tree / relative).parent.mkdir(parents=True, exist_ok=True)
        (tree / relative).write_bytes(content)
    (tree / "usr/bin/daemon-link").symlink_to("iptv-daemon")
    image = work / "rootfs.squashfs"
    sh("mksquashfs", tree, image, "-quiet", "-noappend", "-all-time", str(MTIME))
    return image


def _check_squash_tree(files: list[dict[str, object]], volume: int) -> None:
    by_path = {f["path"]: f for f in files if f["volume"] == volume}
    for relative, data in SQUASH_TREE.items():
        record = by_path[f"/{relative}"]
        assert (record["md5"], record["sha1"], record["sha256"]) == digests(data), relative
        assert record["size"] == len(data) and record["allocated"] is True
        assert record["mtime"] == "2023-11-14T22:13:20Z"
    assert by_path["/usr/bin/daemon-link"]["meta_type"] == "l"
    assert by_path["/usr/bin"]["meta_type"] == "d"
    assert by_path["/etc/iptv/portal.conf"]["mime"] == "text/plain"


def test_squashfs_image_catalogued_and_read_back(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = squashfs(tmp_path)
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    assert [(v["fs_type"], v["allocation"]) for v in volumes] == [("squashfs", "whole")]
    assert warnings == []
    files = file_list(capsys, new_case)
    _check_squash_tree(files, 0)
    daemon = next(f for f in files if f["path"] == "/usr/bin/iptv-daemon")
    reader = EvidenceFiles(detect_image(image))
    address = FileAddress(0, daemon["inode"])
    assert reader.size(address) == len(SQUASH_TREE["usr/bin/iptv-daemon"])
    assert reader.read(address) == SQUASH_TREE["usr/bin/iptv-daemon"]
    assert reader.read(address, 150_000, 100) == SQUASH_TREE["usr/bin/iptv-daemon"][150_000:150_100]


def test_squashfs_and_erofs_inside_super(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tool("mkfs.erofs")
    erofs_tree = tmp_path / "erofs-tree"
    for relative, content in EROFS_TREE.items():
        (erofs_tree / relative).parent.mkdir(parents=True, exist_ok=True)
        (erofs_tree / relative).write_bytes(content)
    erofs = tmp_path / "odm.erofs"
    sh("mkfs.erofs", "-zlz4", f"-T{MTIME}", erofs, erofs_tree)
    image = super_image(tmp_path, {"product_a": squashfs(tmp_path), "odm_a": erofs})
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    by_name = {v["description"]: v for v in volumes}
    assert by_name["product_a"]["fs_type"] == "squashfs"
    assert by_name["odm_a"]["fs_type"] == "erofs"
    odm_warnings = [w for w in warnings if w["volume_idx"] == by_name["odm_a"]["idx"]]
    assert [w["code"] for w in odm_warnings] == ["read-by-extraction"]
    assert "fsck.erofs" in odm_warnings[0]["message"]
    files = file_list(capsys, new_case)
    _check_squash_tree(files, by_name["product_a"]["idx"])
    assert {f["volume_name"] for f in files if f["volume"] == by_name["product_a"]["idx"]} == {"product_a"}
    odm = {f["path"]: f for f in files if f["volume"] == by_name["odm_a"]["idx"]}
    for relative, data in EROFS_TREE.items():
        record = odm[f"/{relative}"]
        assert (record["md5"], record["sha1"], record["sha256"]) == digests(data), relative
        assert record["mtime"] == "2023-11-14T22:13:20Z"
    assert odm["/etc"]["meta_type"] == "d"
    vendor = {f["path"]: f for f in files if f["volume"] == by_name["vendor_a"]["idx"]}
    wifi = DATA_TREE["misc/wifi/WifiConfigStore.xml"]
    assert vendor["/misc/wifi/WifiConfigStore.xml"]["sha256"] == digests(wifi)[2]
    # EROFS content reads back through the logical partition's view
    prop = odm["/etc/build.prop"]
    reader = EvidenceFiles(detect_image(image))
    assert reader.read(FileAddress(by_name["odm_a"]["offset"], prop["inode"])) == EROFS_TREE["etc/build.prop"]


def f2fs_image(work: Path, features: str | None = None) -> Path:
    """128 MiB F2FS (mkfs.f2fs; smaller ones leave sload.f2fs without room) filled by sload.f2fs."""
    _tool("mkfs.f2fs")
    _tool("sload.f2fs")
    tree = work / "f2fs-tree"
    for relative, content in F2FS_TREE.items():
        (tree / relative).parent.mkdir(parents=True, exist_ok=True)
        (tree / relative).write_bytes(content)
    (tree / "data/misc/many").mkdir(parents=True)
    for number in range(150):  # more names than an inline dentry holds: dentry blocks
        (tree / "data/misc/many" / f"entry_{number:03d}.txt").write_bytes(f"entry {number}\n".encode())
    (tree / "data/link").symlink_to("system/users/0/settings.xml")
    image = work / "userdata.f2fs"
    image.write_bytes(b"")
    os.truncate(image, 128 << 20)
    sh("mkfs.f2fs", "-q", *(("-O", features) if features else ()), image)
    sh("sload.f2fs", "-f", tree, image)
    return image


@pytest.mark.parametrize("features", [None, "extra_attr,inode_checksum,inode_crtime"])
def test_f2fs_userdata_catalogued_and_read_back(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str], features: str | None
) -> None:
    image = f2fs_image(tmp_path, features)
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    assert [(v["fs_type"], v["allocation"]) for v in volumes] == [("f2fs", "whole")]
    assert [w["code"] for w in warnings] == ["f2fs-allocated-only"]
    files = {f["path"]: f for f in file_list(capsys, new_case)}
    expected = {
        **F2FS_TREE,
        **{f"data/misc/many/entry_{n:03d}.txt": f"entry {n}\n".encode() for n in range(150)},
    }
    for relative, data in expected.items():
        record = files[f"/{relative}"]
        assert (record["md5"], record["sha1"], record["sha256"]) == digests(data), relative
        assert record["content"] == ("read" if data else "empty") and record["mtime"] is not None
    assert files["/data/link"]["meta_type"] == "l"
    assert len([f for f in files.values() if f["meta_type"] == "r"]) == len(expected)
    video = files["/data/media/0/Movies/vod.ts"]
    reader = EvidenceFiles(detect_image(image))
    address = FileAddress(0, video["inode"])
    whole = F2FS_TREE["data/media/0/Movies/vod.ts"]
    assert reader.read(address) == whole
    assert reader.read(address, 4_000_000, 70_000) == whole[4_000_000:4_070_000]


def test_damaged_f2fs_is_named_in_a_warning(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = f2fs_image(tmp_path)
    with image.open("r+b") as handle:  # both checkpoint packs (segments 1 and 2, 2 MiB each) overwritten
        handle.seek(2 << 20)
        handle.write(b"\xee" * (4 << 20))
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    assert volumes[0]["fs_type"] is None and "F2FS" in volumes[0]["fs_error"]
    assert [w["code"] for w in warnings] == ["no-file-system"]
    assert "checkpoint" in warnings[0]["message"] and "NOT catalogued" in warnings[0]["message"]


def test_damaged_squashfs_data_is_recorded_per_file(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "damaged.squashfs"
    data = bytearray(squashfs(tmp_path).read_bytes())
    data[96:1096] = b"\xff" * 1000  # the first compressed data block; superblock and tables intact
    image.write_bytes(bytes(data))
    add_evidence(capsys, new_case, image)
    daemon = next(f for f in file_list(capsys, new_case) if f["path"] == "/usr/bin/iptv-daemon")
    assert daemon["content"] in ("unreadable", "partial")
    assert daemon["read_error"].startswith("SquashFS read failed")


def test_unreadable_squashfs_is_kept_with_a_clear_warning(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Media whose file system cannot be read is still evidence (issue 15): registered, the reason named."""
    image = tmp_path / "broken.squashfs"
    data = bytearray(squashfs(tmp_path).read_bytes())
    data[96:] = b"\xff" * (len(data) - 96)  # only the superblock survives
    image.write_bytes(bytes(data))
    code, _out, err = cli(capsys, "evidence", "add", str(new_case), str(image))
    assert code == 0 and "Traceback" not in err, err
    [warning] = [e["details"] for e in ledger_events(capsys, new_case) if e["action"] == "warning"]
    assert warning["code"] == "no-file-system" and "SquashFS" in warning["message"], warning


def test_damaged_erofs_is_named_in_a_warning(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tool("mkfs.erofs")
    tree = tmp_path / "erofs-tree"
    tree.mkdir()
    (tree / "build.prop").write_bytes(EROFS_TREE["etc/build.prop"] * 200)
    image = tmp_path / "system.erofs"
    sh("mkfs.erofs", "-zlz4", image, tree)
    data = bytearray(image.read_bytes())
    data[2048:] = b"\xee" * (len(data) - 2048)  # superblock kept, inodes and data gone
    image.write_bytes(bytes(data))
    add_evidence(capsys, new_case, image)
    volumes, warnings = catalogue(new_case)
    assert volumes[0]["fs_type"] is None and "EROFS" in volumes[0]["fs_error"]
    assert [w["code"] for w in warnings] == ["no-file-system"]
    assert "fsck.erofs" in warnings[0]["message"] and "NOT catalogued" in warnings[0]["message"]


def test_f2fs_random_damage_never_crashes(tmp_path: Path) -> None:
    """Seeded random damage to F2FS metadata and node blocks: records and warnings, never a raise."""
    image = f2fs_image(tmp_path)
    size = image.stat().st_size
    chance = random.Random(2)
    for _round in range(6):
        spots = sorted({chance.randrange(0, 16 << 20) for _ in range(chance.randint(1, 40))})
        with image.open("r+b") as handle:
            saved = []
            for at in spots:
                handle.seek(at)
                saved.append(handle.read(64))
                handle.seek(at)
                handle.write(chance.randbytes(64))
        fs, reason = open_other_file_system(pytsk3.Img_Info(str(image)), 0)
        if fs is None:
            assert reason is not None and "F2FS" in reason
        else:
            volume = VolumeRecord(0, 0, size, "userdata", "none", "-", "whole")
            walker = walker_for(fs, volume, WalkOptions(), TypeSniffer(), lambda _: None, lambda: False)
            assert list(walker.entries())
        with image.open("r+b") as handle:
            for at, data in reversed(list(zip(spots, saved, strict=True))):
                handle.seek(at)
                handle.write(data)
