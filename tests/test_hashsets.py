"""The hash-set library: every import format, bad lines, corrupt files, atomicity, cancel, removal."""

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.cli.main import run
from app.common.progress import CancelToken
from app.hashsets.library import ImportRequest, import_hashset
from chain_of_custody.hashset_db import BuildCancelled, HashSetError, HashSetLibrary

CONTENTS = {f"file{i}.bin": f"content number {i}\n".encode() for i in range(6)}

# NIST's published RDSv3 schema (modern / android / legacy minimal and full sets share it)
RDS_V3_SCHEMA = """
CREATE TABLE FILE (
 sha256 VARCHAR NOT NULL, sha1 VARCHAR NOT NULL, md5 VARCHAR NOT NULL, crc32 VARCHAR NOT NULL,
 file_name VARCHAR NOT NULL, file_size INTEGER NOT NULL, package_id INTEGER NOT NULL,
 CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, crc32, file_name, file_size, package_id)
);
CREATE TABLE MFG (
 manufacturer_id INTEGER NOT NULL, name VARCHAR NOT NULL,
 CONSTRAINT PK_MFG__MFG_ID PRIMARY KEY (manufacturer_id)
);
CREATE TABLE OS (
 operating_system_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
 manufacturer_id INTEGER NOT NULL,
 CONSTRAINT PK_OS__OS_ID PRIMARY KEY (operating_system_id, manufacturer_id)
);
CREATE TABLE PKG (
 package_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
 operating_system_id INTEGER NOT NULL, manufacturer_id INTEGER NOT NULL, language VARCHAR NOT NULL,
 application_type VARCHAR NOT NULL,
 CONSTRAINT PK_PGK__PKG_ID PRIMARY KEY (package_id, operating_system_id, manufacturer_id, language,
  application_type)
);
CREATE TABLE VERSION (
 version VARCHAR UNIQUE NOT NULL, build_set VARCHAR NOT NULL,
 build_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, release_date TIMESTAMP NOT NULL,
 description VARCHAR NOT NULL,
 CONSTRAINT PK_VERSION__VERSION PRIMARY KEY (version)
);
CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
"""


@pytest.fixture
def library_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "library"
    monkeypatch.setenv("HAECHI_HASHSETS", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "tree"
    folder.mkdir()
    for name, data in CONTENTS.items():
        (folder / name).write_bytes(data)
    (folder / "with, comma.bin").write_bytes(b"a name with a comma\n")
    return folder


def _hex(name: str, algorithm: str) -> str:
    return hashlib.new(algorithm, CONTENTS[name]).hexdigest()


def _tool(tree: Path, out: Path, *command: str) -> Path:
    result = subprocess.run(command, cwd=tree, check=True, capture_output=True)
    out.write_bytes(result.stdout)
    return out


def _import(capsys: pytest.CaptureFixture[str], path: Path, name: str, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = run(["hashset", "import", str(path), "--name", name, "--category", "known", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _sets(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert run(["hashset", "list", "--format", "jsonl"]) == 0
    return {row["name"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}


def _holds(library_dir: Path, name: str, algorithm: str, hex_value: str) -> bool:
    library = HashSetLibrary.open(library_dir)
    try:
        info = library.get(name)
        assert info is not None
        return bool(library.lookup(info, algorithm, [bytes.fromhex(hex_value)]))
    finally:
        library.close()


def _rds_v3(path: Path) -> Path:
    """A tiny RDSv3 database: two packages share file0, one row carries a broken SHA-1."""
    conn = sqlite3.connect(path)
    conn.executescript(RDS_V3_SCHEMA)
    conn.execute("INSERT INTO MFG VALUES (1, 'Example Vendor')")
    conn.execute("INSERT INTO OS VALUES (1, 'Android', '12', 1)")
    conn.execute("INSERT INTO PKG VALUES (10, 'Launcher', '1.0', 1, 1, 'English', 'Operating System')")
    conn.execute("INSERT INTO PKG VALUES (11, 'Launcher', '1.1', 1, 1, 'English', 'Operating System')")
    conn.execute("INSERT INTO VERSION VALUES ('2026.09.1', 'Android', '2026-09-01', '2026-09-15', 'test')")
    rows = [(name, 10) for name in ("file0.bin", "file1.bin", "file2.bin")] + [("file0.bin", 11)]
    for name, package in rows:
        conn.execute(
            "INSERT INTO FILE VALUES (?,?,?,?,?,?,?)",
            (
                _hex(name, "sha256").upper(),
                _hex(name, "sha1").upper(),
                _hex(name, "md5").upper(),
                "00000000",
                name,
                len(CONTENTS[name]),
                package,
            ),
        )
    sha256, md5 = _hex("file3.bin", "sha256").upper(), _hex("file3.bin", "md5").upper()
    conn.execute("INSERT INTO FILE VALUES (?,?,?,?,?,?,?)", (sha256, "NOT-A-SHA1", md5, "0", "x", 1, 10))
    conn.commit()
    conn.close()
    return path


def test_nsrl_rds_v3_import(library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rds = _rds_v3(tmp_path / "RDS_2026.09.1_android_minimal.db")
    code, output = _import(capsys, rds, "NSRL Android", "--source", "NIST")
    assert code == 0, output
    info = _sets(capsys)["NSRL Android"]
    assert (info["format"], info["version"], info["source"]) == ("nsrl", "2026.09.1", "NIST")
    assert (info["md5_count"], info["sha1_count"], info["sha256_count"]) == (4, 3, 4)
    assert info["bad_lines"] == 1 and "NOT-A-SHA1" not in output and "1 bad lines" in output
    assert info["source_sha256"] == hashlib.sha256(rds.read_bytes()).hexdigest()
    assert _holds(library_dir, "NSRL Android", "sha1", _hex("file2.bin", "sha1"))
    assert not _holds(library_dir, "NSRL Android", "sha1", _hex("file3.bin", "sha1"))
    assert _holds(library_dir, "NSRL Android", "md5", _hex("file3.bin", "md5"))


@pytest.mark.parametrize(
    ("tool", "algorithm"),
    [
        (("md5sum",), "md5"),
        (("sha1sum",), "sha1"),
        (("sha256sum", "-b"), "sha256"),
        (("md5sum", "--tag"), "md5"),
    ],
)
def test_coreutils_sum_output(
    tool: tuple[str, ...], algorithm: str, library_dir: Path, tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = sorted(path.name for path in tree.iterdir())
    listing = _tool(tree, tree.parent / "sums.txt", *tool, *names)
    code, output = _import(capsys, listing, "sums")
    assert code == 0, output
    info = _sets(capsys)["sums"]
    assert info["format"] == "lines" and info["bad_lines"] == 0
    assert info[f"{algorithm}_count"] == len(names)
    assert _holds(library_dir, "sums", algorithm, _hex("file4.bin", algorithm))


def test_plain_list_detects_length_and_counts_bad_lines(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "# rightsholder catalogue, mixed algorithms",
        _hex("file0.bin", "md5"),
        _hex("file1.bin", "sha1").upper(),
        "",
        _hex("file2.bin", "sha256"),
        "not a hash at all",
        _hex("file3.bin", "md5")[:-1],
        _hex("file3.bin", "md5")[:-1] + "g",
    ]
    listing = tmp_path / "catalogue.txt"
    listing.write_text("\n".join(lines) + "\n")
    code, output = _import(capsys, listing, "catalogue")
    assert code == 0, output
    info = _sets(capsys)["catalogue"]
    assert (info["md5_count"], info["sha1_count"], info["sha256_count"], info["bad_lines"]) == (1, 1, 1, 3)
    assert "line 6: not an MD5, SHA-1 or SHA-256 value" in output and "line 8" in output


def test_hashdeep_output(library_dir: Path, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = sorted(path.name for path in tree.iterdir())
    listing = _tool(tree, tree.parent / "hashdeep.txt", "hashdeep", "-c", "md5,sha1,sha256", *names)
    with listing.open("a") as handle:
        handle.write("12,broken,record\n")
    code, output = _import(capsys, listing, "hashdeep")
    assert code == 0, output
    info = _sets(capsys)["hashdeep"]
    assert info["format"] == "hashdeep" and info["bad_lines"] == 1
    assert (info["md5_count"], info["sha1_count"], info["sha256_count"]) == (7, 7, 7)
    comma = hashlib.sha1(b"a name with a comma\n").hexdigest()
    assert _holds(library_dir, "hashdeep", "sha1", comma)


def test_hashkeeper_hsh(library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = (
        '"file_id","hashset_id","file_name","directory","hash","file_size","date_modified",'
        '"time_modified","time_zone","comments","date_accessed","time_accessed"'
    )
    rows = [
        f'{i},42,"{name}","C:\\Pirated\\",{_hex(name, "md5").upper()},{len(CONTENTS[name])},'
        '04/01/2003,12:00:00,"+09:00","",04/01/2003,12:00:00'
        for i, name in enumerate(("file0.bin", "file5.bin"), start=1)
    ]
    rows.append('3,42,"short.bin","C:\\",12345,1,,,,,,')
    hsh = tmp_path / "pirated.hsh"
    hsh.write_text("\r\n".join([header, *rows]) + "\r\n")
    code, output = _import(capsys, hsh, "HashKeeper")
    assert code == 0, output
    info = _sets(capsys)["HashKeeper"]
    assert (info["format"], info["md5_count"], info["bad_lines"]) == ("hashkeeper", 2, 1)
    assert _holds(library_dir, "HashKeeper", "md5", _hex("file5.bin", "md5"))


def _leftovers(library_dir: Path) -> list[str]:
    return sorted(path.name for path in (library_dir / "sets").iterdir())


@pytest.mark.parametrize("damaged", [slice(4096, None), slice(4096, 8192)])
def test_corrupt_database_is_refused_whole(
    damaged: slice, library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every page after the schema is garbage, or only the FILE table's (met in the middle of the copy)."""
    rds = _rds_v3(tmp_path / "rds.db")
    data = bytearray(rds.read_bytes())
    data[damaged] = b"\xa5" * len(data[damaged])
    rds.write_bytes(bytes(data))
    code, output = _import(capsys, rds, "broken")
    assert code == 2
    assert output.startswith("haechi: ") and output.count("\n") == 1 and "Traceback" not in output
    assert _sets(capsys) == {} and _leftovers(library_dir) == []


def test_binary_and_empty_files_are_refused(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 8)
    code, output = _import(capsys, blob, "blob")
    assert code == 2 and "binary file" in output
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("# only a comment\nhello\n")
    code, output = _import(capsys, nothing, "nothing")
    assert code == 2 and "no hash values found" in output and "1 bad lines" in output
    assert _sets(capsys) == {} and _leftovers(library_dir) == []


class CancelAfter(CancelToken):
    """The examiner presses Cancel once the import has looked at the token `reads` times."""

    def __init__(self, reads: int) -> None:
        super().__init__()
        self.reads = reads

    @property
    def cancelled(self) -> bool:
        self.reads -= 1
        if self.reads <= 0:
            self.cancel()
        return super().cancelled


def test_cancel_keeps_nothing(library_dir: Path, tmp_path: Path) -> None:
    """Cancelled while hashing the source, between batches, or at the last check (SQLite's sort)."""
    listing = tmp_path / "big.txt"
    listing.write_text("".join(hashlib.sha256(str(i).encode()).hexdigest() + "\n" for i in range(120_000)))
    library = HashSetLibrary.open(library_dir)
    try:
        counter = CancelAfter(10**9)
        result = import_hashset(library, ImportRequest(listing, "big", "known"), counter)
        assert result.info.sha256_count == 120_000 and result.report.bad_lines == 0
        checks = 10**9 - counter.reads
        assert checks > 10
        library.remove("big")
        for reads in (1, checks // 2, checks):
            with pytest.raises(BuildCancelled):
                import_hashset(library, ImportRequest(listing, "big", "known"), CancelAfter(reads))
            assert library.sets() == [] and _leftovers(library_dir) == []
    finally:
        library.close()


def test_names_replace_and_remove(library_dir: Path, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _tool(tree, tree.parent / "a.md5", "md5sum", "file0.bin")
    second = _tool(tree, tree.parent / "b.md5", "md5sum", "file1.bin", "file2.bin")
    assert _import(capsys, first, "set")[0] == 0
    code, output = _import(capsys, second, "set")
    assert code == 2 and "exists" in output
    assert _import(capsys, second, "set", "--replace", "--version", "2")[0] == 0
    info = _sets(capsys)["set"]
    assert (info["md5_count"], info["version"]) == (2, "2")
    assert not _holds(library_dir, "set", "md5", _hex("file0.bin", "md5"))
    assert _leftovers(library_dir) == [info["data_file"]]
    assert run(["hashset", "remove", "set"]) == 0
    assert _sets(capsys) == {} and _leftovers(library_dir) == []
    assert run(["hashset", "remove", "set"]) == 2


def test_library_errors_are_one_line(library_dir: Path, tmp_path: Path) -> None:
    library = HashSetLibrary.open(library_dir)
    try:
        with pytest.raises(HashSetError, match="not a readable file"):
            import_hashset(library, ImportRequest(tmp_path / "missing.txt", "x", "known"))
    finally:
        library.close()


def test_rds_without_some_columns_and_other_databases(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The schema is read from the file: only the hash columns present are taken."""
    older = tmp_path / "older.db"
    conn = sqlite3.connect(older)
    conn.execute("CREATE TABLE file (SHA1 TEXT, MD5 TEXT, file_name TEXT)")
    conn.execute("INSERT INTO file VALUES (?, ?, 'a')", (_hex("file0.bin", "sha1"), _hex("file0.bin", "md5")))
    conn.commit()
    conn.close()
    code, output = _import(capsys, older, "older")
    assert code == 0, output
    info = _sets(capsys)["older"]
    assert (info["md5_count"], info["sha1_count"], info["sha256_count"], info["version"]) == (1, 1, 0, "")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    code, output = _import(capsys, other, "other")
    assert code == 2 and "without NSRL's FILE table" in output
