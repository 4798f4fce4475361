"""Names that look like paths or are not UTF-8 are catalogued as one level each (issue 16 item 7)."""

import csv
import io
import shutil
from pathlib import Path

import imaging
import pytest
from conftest import add_evidence, cli, file_list

from forensics.base.records import name_text

# mke2fs -d refuses '/' in a name, so these are made under stand-in names of the same length and the
# directory entries' bytes patched after (Sleuth Kit does not check directory block checksums).
PATCHED = {b"AAAAAAAAAA": b"../../../x", b"BBBBBBBBBBB": b"/etc/passwd", b"CCC": b"a/b"}
NOT_UTF8 = b"bad\xff.txt"
LOOKALIKE = b"bad\\xff.txt"  # the literal text `bad\xff.txt`: a real backslash, an x, two f
CONTENT = {raw: f"content of {raw!r}\n".encode() for raw in [*PATCHED.values(), NOT_UTF8, LOOKALIKE]}


def hostile_names() -> Path:
    def build(work: Path) -> Path:
        tree = work / "tree"
        (tree / "etc").mkdir(parents=True)
        (tree / "etc" / "passwd").write_bytes(b"the real one\n")
        for stand_in, raw in PATCHED.items():
            (tree / stand_in.decode()).write_bytes(CONTENT[raw])
        for raw in (NOT_UTF8, LOOKALIKE):
            (tree / raw.decode("utf-8", "surrogateescape")).write_bytes(CONTENT[raw])
        image = work / "names.img"
        imaging.sh("mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "2048k")
        data = bytearray(image.read_bytes())
        for stand_in, raw in PATCHED.items():
            entry = len(stand_in).to_bytes(1, "little") + b"\x01" + stand_in  # name_len, type, name
            assert data.count(entry) == 1, stand_in
            at = data.index(entry) + 2
            data[at : at + len(raw)] = raw
        image.write_bytes(bytes(data))
        shutil.rmtree(tree)
        return image

    return imaging.cached("hostile-path-names", sorted(str(raw) for raw in CONTENT), build)


def test_name_text_escapes_are_unambiguous() -> None:
    assert name_text(b"plain.txt") == "plain.txt"
    assert name_text("한글.txt".encode()) == "한글.txt"
    assert name_text(b"../../../x") == "..\\x2f..\\x2f..\\x2fx"
    assert name_text(NOT_UTF8) == "bad\\xff.txt"
    assert name_text(LOOKALIKE) == "bad\\\\xff.txt"
    assert name_text(b"nul\0") == "nul\\x00"
    texts = {name_text(bytes([a, b])) for a in range(256) for b in (0x2F, 0x5C, 0x78, 0xFF)}
    assert len(texts) == 256 * 4  # different bytes never give the same text


def test_path_like_and_non_utf8_names_are_one_level_each(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_evidence(capsys, new_case, hostile_names())
    rows = {r["path"]: r for r in file_list(capsys, new_case) if r["allocated"]}
    by_raw = {bytes.fromhex(r["name_raw_hex"]): r for r in rows.values()}
    for raw, content in CONTENT.items():
        row = by_raw[raw]  # name_raw_hex keeps the bytes as read
        assert row["name"] == name_text(raw) and row["path"] == "/" + name_text(raw)
        assert row["md5"] == imaging.digests(content)[0]
    assert rows["/etc/passwd"]["md5"] == imaging.digests(b"the real one\n")[0]
    assert rows["/\\x2fetc\\x2fpasswd"]["name_raw_hex"] == b"/etc/passwd".hex()
    assert by_raw[NOT_UTF8]["path"] != by_raw[LOOKALIKE]["path"]
    for path in rows:  # no path climbs or nests where the file system does not
        assert ".." not in path.split("/") and path.count("/") == (2 if path.startswith("/etc/") else 1)

    code, out, err = cli(capsys, "files", str(new_case), "--format", "csv")
    assert code == 0, err
    csv_paths = {row["path"]: row["name_raw_hex"] for row in csv.DictReader(io.StringIO(out))}
    assert {path: rows[path]["name_raw_hex"] for path in rows} == {p: csv_paths[p] for p in rows}
