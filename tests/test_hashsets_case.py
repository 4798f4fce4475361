"""Hash sets against a real case: hits during import and on demand, the files filter, the ledger,
and an earlier case's tagged files becoming a notable set."""

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import make_examiner

from app.cli.main import run
from app.hashsets.matching import file_hits, hit_counts, hit_counts_per_set, notable_files
from chain_of_custody.case_db import CaseDatabase

MOVIE = b"\x1a\x45\xdf\xa3 pirated drama episode 1" * 50
LAUNCHER = b"\x7fELF android launcher library" * 40
PLAYLIST = b'#EXTM3U\n#EXTINF:-1 group-title="KR",KBS1\nhttp://panel.example:8080/live/u/p/1.ts\n'
NOTES = b"shopping list\n"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HAECHI_EXAMINER", "Kim")
    monkeypatch.setenv("HAECHI_PASSPHRASE", "correct horse battery")
    monkeypatch.setenv("HAECHI_HASHSETS", str(tmp_path / "library"))
    make_examiner(tmp_path / "config")
    return tmp_path


@pytest.fixture
def image(env: Path) -> Path:
    """An ext4 file system made by mke2fs -d from files of known content."""
    tree = env / "tree"
    (tree / "media").mkdir(parents=True)
    (tree / "system").mkdir()
    (tree / "media" / "drama-e01.mkv").write_bytes(MOVIE)
    (tree / "system" / "liblauncher.so").write_bytes(LAUNCHER)
    (tree / "playlist.m3u").write_bytes(PLAYLIST)
    (tree / "notes.txt").write_bytes(NOTES)
    path = env / "box.ext4"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(path), "2M"], check=True)
    return path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = run(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def _jsonl(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, output = _cli(capsys, *argv)
    assert code == 0, output
    return [json.loads(line) for line in output.splitlines()]


def _import_set(capsys: pytest.CaptureFixture[str], path: Path, name: str, *extra: str) -> str:
    code, output = _cli(capsys, "hashset", "import", str(path), "--name", name, *extra)
    assert code == 0, output
    return output


def _write_sets(env: Path) -> None:
    """A rightsholder's catalogue (md5sum style, notable) and a vendor list (SHA-256 and MD5, known)."""
    (env / "rightsholder.md5").write_text(f"{hashlib.md5(MOVIE).hexdigest()}  drama-e01.mkv\n")
    vendor = (hashlib.sha256(LAUNCHER).hexdigest(), hashlib.md5(LAUNCHER).hexdigest())
    (env / "vendor.txt").write_text("\n".join(vendor) + "\n")


def _hits(capsys: pytest.CaptureFixture[str], case: Path, *extra: str) -> dict[str, list[str]]:
    records = _jsonl(capsys, "files", str(case), *extra)
    return {record["path"]: record["hits"] for record in records if record["md5"]}


def _events(capsys: pytest.CaptureFixture[str], case: Path, action: str) -> list[dict[str, Any]]:
    return [e for e in _jsonl(capsys, "ledger", str(case), "--format", "jsonl") if e["action"] == action]


def test_hits_during_import_filters_and_ledger(
    env: Path, image: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_sets(env)
    notable = ("--category", "notable", "--source", "rightsholder", "--version", "2026-11")
    _import_set(capsys, env / "rightsholder.md5", "KOFIC drama", *notable)
    _import_set(capsys, env / "vendor.txt", "Vendor firmware", "--category", "known")
    case = env / "case"
    assert _cli(capsys, "case", "new", str(case), "--number", "2026-HS-1", "--title", "hash sets")[0] == 0
    assert _cli(capsys, "evidence", "add", str(case), str(image))[0] == 0
    assert _hits(capsys, case) == {
        "/media/drama-e01.mkv": ["KOFIC drama"],
        "/system/liblauncher.so": ["Vendor firmware"],
        "/playlist.m3u": [],
        "/notes.txt": [],
    }
    assert list(_hits(capsys, case, "--hits", "notable")) == ["/media/drama-e01.mkv"]
    assert list(_hits(capsys, case, "--hits", "known")) == ["/system/liblauncher.so"]
    assert sorted(_hits(capsys, case, "--hits", "none")) == ["/notes.txt", "/playlist.m3u"]
    code, csv_text = _cli(capsys, "files", str(case), "--format", "csv", "--hits", "notable")
    assert code == 0 and csv_text.splitlines()[0].endswith(",hits")
    assert csv_text.rstrip().endswith("KOFIC drama")
    (event,) = _events(capsys, case, "hash_sets_matched")
    details = event["details"]
    assert details["trigger"] == "import" and details["files_checked"] == 4
    assert details["files_per_set"] == {"KOFIC drama": 1, "Vendor firmware": 1}
    assert details["files_per_category"] == {"known": 1, "notable": 1}
    kofic = next(s for s in details["sets"] if s["name"] == "KOFIC drama")
    assert (kofic["version"], kofic["category"], kofic["hashes"]["md5"]) == ("2026-11", "notable", 1)
    assert kofic["source_sha256"] == hashlib.sha256((env / "rightsholder.md5").read_bytes()).hexdigest()
    assert _cli(capsys, "ledger", str(case), "--verify")[0] == 0
    _check_queries(case)


def _check_queries(case: Path) -> None:
    """The helpers the desktop app and the report use."""
    db = CaseDatabase.open(case)
    try:
        assert hit_counts(db) == {"known": 1, "notable": 1}
        (finding,) = notable_files(db)
        assert (finding["path"], finding["sets"]) == ("/media/drama-e01.mkv", ["KOFIC drama"])
        launcher = db.conn.execute("SELECT id FROM files WHERE name = 'liblauncher.so'").fetchone()[0]
        (hit,) = file_hits(db, launcher)  # one hit per file and set, naming every algorithm that matched
        assert (hit.set_name, hit.category, hit.algorithm) == ("Vendor firmware", "known", "md5,sha256")
        assert [row["files"] for row in hit_counts_per_set(db)] == [1, 1]
    finally:
        db.close()


def test_match_on_demand_after_library_changes(
    env: Path, image: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = env / "case"
    assert _cli(capsys, "case", "new", str(case), "--number", "2026-HS-2", "--title", "later")[0] == 0
    assert _cli(capsys, "evidence", "add", str(case), str(image))[0] == 0
    assert not (env / "library").exists()  # importing without a library neither matches nor creates one
    assert _events(capsys, case, "hash_sets_matched") == []
    code, output = _cli(capsys, "hashset", "match", str(case))
    assert code == 2 and "holds no sets" in output
    _write_sets(env)
    _import_set(capsys, env / "vendor.txt", "V", "--category", "known")
    code, output = _cli(capsys, "hashset", "match", str(case))
    assert code == 0 and "0 notable, 1 known" in output
    assert _hits(capsys, case)["/system/liblauncher.so"] == ["V"]
    assert _cli(capsys, "hashset", "remove", "V")[0] == 0
    _import_set(capsys, env / "rightsholder.md5", "R", "--category", "notable")
    assert _cli(capsys, "hashset", "match", str(case))[0] == 0
    hits = _hits(capsys, case)
    assert hits["/system/liblauncher.so"] == [] and hits["/media/drama-e01.mkv"] == ["R"]
    runs = _events(capsys, case, "hash_sets_matched")
    assert [e["details"]["trigger"] for e in runs] == ["examiner", "examiner"]
    assert [s["name"] for s in runs[-1]["details"]["sets"]] == ["R"]
    assert _cli(capsys, "ledger", str(case), "--verify")[0] == 0


def test_tagged_files_of_an_earlier_case_become_a_notable_set(
    env: Path, image: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = env / "first"
    assert _cli(capsys, "case", "new", str(first), "--number", "2025-OLD", "--title", "earlier")[0] == 0
    assert _cli(capsys, "evidence", "add", str(first), str(image))[0] == 0
    records = _jsonl(capsys, "files", str(first))
    playlist = next(r for r in records if r["path"] == "/playlist.m3u")
    assert _cli(capsys, "tag", str(first), str(playlist["id"]), "--tag", "IPTV", "--note", "panel")[0] == 0
    exported = env / "findings.csv"
    code, output = _cli(capsys, "hashset", "export-tagged", str(first), "--out", str(exported))
    assert code == 0, output
    assert exported.read_text().startswith("# haechi-hashset 1\n# case: 2025-OLD earlier\n")
    (event,) = _events(capsys, first, "hashset_exported")
    assert event["details"]["sha256"] == hashlib.sha256(exported.read_bytes()).hexdigest()
    taken = env / "taken"  # a folder where the file should go: the rename fails, nothing is left
    taken.mkdir()
    code, output = _cli(capsys, "hashset", "export-tagged", str(first), "--out", str(taken))
    assert code == 2 and "taken" in output and not [p for p in env.iterdir() if ".partial" in p.name]
    assert len(_events(capsys, first, "hashset_exported")) == 1
    output = _import_set(capsys, exported, "2025-OLD findings", "--category", "notable")
    assert "(notable, haechi)" in output and "1 md5, 1 sha1, 1 sha256" in output
    second = env / "second"
    assert _cli(capsys, "case", "new", str(second), "--number", "2026-NEW", "--title", "repeat")[0] == 0
    assert _cli(capsys, "evidence", "add", str(second), str(image))[0] == 0
    assert list(_hits(capsys, second, "--hits", "notable")) == ["/playlist.m3u"]
    code, output = _cli(capsys, "hashset", "export-tagged", str(second), "--out", str(env / "none.csv"))
    assert code == 2 and "nothing to export" in output and not (env / "none.csv").exists()


def test_an_unreadable_library_does_not_fail_the_import(
    env: Path, image: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (env / "library").mkdir()
    (env / "library" / "library.sqlite").write_bytes(b"this is not a database" * 100)
    case = env / "case"
    assert _cli(capsys, "case", "new", str(case), "--number", "2026-HS-3", "--title", "bad library")[0] == 0
    assert _cli(capsys, "evidence", "add", str(case), str(image))[0] == 0
    (event,) = _events(capsys, case, "hash_match_failed")
    assert "cannot be opened" in event["details"]["reason"]
    assert _events(capsys, case, "import_finished") and _cli(capsys, "ledger", str(case), "--verify")[0] == 0


CORPUS = Path(os.environ.get("HAECHI_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "dfvfs" / "ext2.E01").is_file(), reason="third-party corpus absent")
def test_third_party_list_against_third_party_image(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """dfvfs's own SHA-256 list of its ext2.E01 files ('hash<TAB>path' lines) hits every file."""
    listing = CORPUS / "dfvfs-groundtruth" / "ext2.E01.hashes"
    output = _import_set(capsys, listing, "dfvfs ext2", "--category", "notable", "--source", "dfvfs")
    assert "3 sha256" in output and "0 bad lines" in output
    case = env / "case"
    assert _cli(capsys, "case", "new", str(case), "--number", "2026-HS-C", "--title", "corpus")[0] == 0
    assert _cli(capsys, "evidence", "add", str(case), str(CORPUS / "dfvfs" / "ext2.E01"))[0] == 0
    expected = {line.split("\t")[1] for line in listing.read_text().splitlines() if line}
    assert set(_hits(capsys, case, "--hits", "notable")) == expected
