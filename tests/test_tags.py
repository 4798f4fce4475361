"""Tags and bookmarks: each is a ledger event; removal is recorded, not erased."""

import json
import subprocess
from pathlib import Path

import pytest

from app.cli.main import run


@pytest.fixture
def case(tmp_path: Path, examiner_env: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "playlist.m3u").write_text("#EXTM3U\n")
    image = tmp_path / "small.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(image), "2M"], check=True)
    folder = tmp_path / "case"
    assert run(["case", "new", str(folder), "--number", "2026-T", "--title", "tags"]) == 0
    assert run(["evidence", "add", str(folder), str(image)]) == 0
    return folder


def _file_id(case: Path, capsys: pytest.CaptureFixture[str], name: str) -> int:
    capsys.readouterr()
    assert run(["files", str(case)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return int(next(record["id"] for record in records if record["name"] == name))


def test_tag_untag_and_list(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file_id = _file_id(case, capsys, "playlist.m3u")
    assert run(["tag", str(case), str(file_id), "--note", "customer playlist"]) == 0
    assert run(["tag", str(case), str(file_id), "--tag", "IPTV"]) == 0
    capsys.readouterr()
    assert run(["tags", str(case), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["tag"], r["note"], r["path"]) for r in rows] == [
        ("bookmark", "customer playlist", "/playlist.m3u"),
        ("IPTV", "", "/playlist.m3u"),
    ]
    assert run(["untag", str(case), str(rows[0]["tag_id"])]) == 0
    capsys.readouterr()
    assert run(["tags", str(case), "--format", "jsonl"]) == 0
    assert [json.loads(line)["tag"] for line in capsys.readouterr().out.splitlines()] == ["IPTV"]
    capsys.readouterr()
    assert run(["ledger", str(case), "--format", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    tagged = [e for e in events if e["action"] in ("file_tagged", "file_untagged")]
    assert [e["action"] for e in tagged] == ["file_tagged", "file_tagged", "file_untagged"]
    assert tagged[0]["details"]["path"] == "/playlist.m3u" and tagged[0]["details"]["sha256"]
    assert run(["ledger", str(case), "--verify"]) == 0


def test_tagging_a_missing_file_is_refused(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["tag", str(case), "99999"]) == 2
    assert "no catalogued file has id 99999" in capsys.readouterr().err
