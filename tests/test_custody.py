"""The custody procedure end to end through the CLI: one TV box from seizure to report-ready record."""

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from conftest import make_examiner

from app.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
HAECHI = [sys.executable, "-m", "ui.launcher"]
VERIFIER = [sys.executable, str(ROOT / "tools" / "verify_ledger.py")]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    make_examiner(tmp_path / "config", "Kim Examiner")
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HAECHI_EXAMINER": "Kim Examiner",
        "HAECHI_PASSPHRASE": "correct horse battery",
        "HAECHI_TZ": "Asia/Seoul",
    }


def run(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """The CLI in this process (fast), with its own environment and captured output."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.run(list(args))
    result = subprocess.CompletedProcess([*HAECHI, *args], code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.stderr
    if ok:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def tv_box_image(tmp_path: Path) -> Path:
    tree = tmp_path / "tree" / "data" / "com.nst.iptvsmarterstvbox"
    tree.mkdir(parents=True)
    (tree / "loginPrefs.xml").write_text("<map><string name='username'>demo</string></map>")
    image = tmp_path / "tvbox-userdata.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tmp_path / "tree"), str(image), "4M"], check=True)
    return image


def actions(case: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT action FROM ledger ORDER BY seq")]
    finally:
        conn.close()


def test_full_custody_story_of_a_tv_box(env: dict[str, str], tmp_path: Path, tv_box_image: Path) -> None:
    case = str(tmp_path / "case")
    run(
        env,
        "case",
        "new",
        case,
        "--number",
        "2026-IPTV-07",
        "--title",
        "Illegal IPTV reseller",
        "--agency",
        "MCST",
    )
    run(
        env,
        "custody",
        case,
        "seize",
        "TVBOX-01",
        "--description",
        "Android TV box X96 Max",
        "--from",
        "Park (suspect)",
        "--location",
        "Seoul Gangnam-gu",
        "--authority",
        "Seoul Central 2026-1234",
        "--scope",
        "IPTV apps, credentials, playlists",
        "--participant",
        "Park (suspect)",
        "--serial",
        "X96M-00042",
        "--at",
        "2026-11-20T14:30",
    )
    run(env, "custody", case, "seal", "TVBOX-01", "--seal", "S-0001")
    run(env, "custody", case, "transfer", "TVBOX-01", "--to", "Forensic lab", "--storage", "Locker 7")
    run(
        env,
        "custody",
        case,
        "unseal",
        "TVBOX-01",
        "--seal",
        "S-0001",
        "--intact",
        "yes",
        "--participant",
        "Park (suspect)",
        "--participant",
        "Choi (counsel)",
    )
    run(
        env,
        "custody",
        case,
        "image",
        "TVBOX-01",
        "--tool",
        "ewfacquire 20140816",
        "--write-blocker",
        "Tableau T35u",
        "--serial",
        "X96M-00042",
    )
    added = json.loads(
        run(env, "evidence", "add", case, str(tv_box_image), "--exhibit", "TVBOX-01", "--json").stdout
    )
    run(
        env,
        "custody",
        case,
        "confirm-hash",
        "TVBOX-01",
        "--evidence",
        str(added["evidence_id"]),
        "--participant",
        "Park (suspect)",
        "--participant-role",
        "suspect",
    )
    run(env, "custody", case, "check-out", "TVBOX-01", "--to", "Lee (examiner)", "--purpose", "analysis")
    run(env, "custody", case, "check-in", "TVBOX-01", "--storage", "Locker 7")

    assert [a for a in actions(Path(case)) if a.startswith("custody.")] == [
        "custody.seized",
        "custody.sealed",
        "custody.transferred",
        "custody.unsealed",
        "custody.imaged",
        "custody.hash_confirmed",
        "custody.checked_out",
        "custody.checked_in",
    ]
    status = run(env, "custody", case, "status", "TVBOX-01").stdout
    assert "unsealed" in status and "hash confirmations: 1" in status and "Locker 7" in status
    conn = sqlite3.connect(f"file:{case}/case.sqlite?mode=ro", uri=True)
    confirmed = json.loads(
        conn.execute("SELECT details FROM ledger WHERE action = 'custody.hash_confirmed'").fetchone()[0]
    )
    conn.close()
    assert confirmed["hashes"]["sha256"] == added["sha256"] and confirmed["participant"] == "Park (suspect)"
    report = tmp_path / "report.pdf"
    run(env, "report", case, "--out", str(report), "--lang", "ko")
    assert actions(Path(case))[-1] == "report_issued" and report.is_file()
    assert run(env, "ledger", case, "--verify").returncode == 0


def _seized_case(env: dict[str, str], tmp_path: Path, *seizure: str) -> str:
    """A new case in which exhibit TVBOX-01 was seized from Park in Seoul under warrant W-1."""
    case = str(tmp_path / "case")
    run(env, "case", "new", case, "--number", "2026-7", "--title", "T")
    seize = ("seize", "TVBOX-01", "--from", "Park", "--location", "Seoul", "--authority", "W-1")
    run(env, "custody", case, *seize, *seizure)
    return case


@pytest.mark.parametrize(
    ("steps", "refused", "message"),
    [
        ([], ["seal", "TVBOX-09", "--seal", "S-1"], "not in custody"),
        ([["seal", "TVBOX-01", "--seal", "S-1"]], ["image", "TVBOX-01", "--tool", "dd"], "unseal it"),
        (
            [["seal", "TVBOX-01", "--seal", "S-1"]],
            ["unseal", "TVBOX-01", "--seal", "S-2", "--intact", "yes"],
            "under seal S-1",
        ),
        ([], ["unseal", "TVBOX-01", "--seal", "S-1", "--intact", "yes"], "not sealed"),
        ([], ["check-in", "TVBOX-01", "--storage", "L1"], "not checked out"),
        ([], ["confirm-hash", "TVBOX-01", "--participant", "Park"], "not been imaged"),
        (
            [["dispose", "TVBOX-01", "--method", "shredded"]],
            ["transfer", "TVBOX-01", "--to", "x"],
            "disposed",
        ),
        (
            [],
            ["seize", "TVBOX-01", "--from", "a", "--location", "b", "--authority", "c"],
            "already in custody",
        ),
        ([], ["seal", "TVBOX-01"], "needs seal"),
    ],
)
def test_the_state_machine_refuses_what_did_not_happen(
    env: dict[str, str], tmp_path: Path, steps: list[list[str]], refused: list[str], message: str
) -> None:
    case = _seized_case(env, tmp_path)
    for step in steps:
        run(env, "custody", case, *step)
    result = run(env, "custody", case, *refused, ok=False)
    assert (
        result.returncode == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    )
    assert actions(Path(case))[-1] == "input_refused"
    assert run(env, "ledger", case, "--verify").returncode == 0


def _story_case(env: dict[str, str], tmp_path: Path, image: Path) -> str:
    case = _seized_case(env, tmp_path, "--serial", "SN1", "--model", "X96")
    run(env, "custody", case, "image", "TVBOX-01", "--tool", "dd")
    run(env, "evidence", "add", case, str(image), "--exhibit", "TVBOX-01", "--json")
    return case


def test_case_uco_export_validates(env: dict[str, str], tmp_path: Path, tv_box_image: Path) -> None:
    validator = shutil.which("case_validate") or str(Path(sys.executable).parent / "case_validate")
    if not Path(validator).exists():
        pytest.skip("case_validate (case-utils) is not installed")
    case = _story_case(env, tmp_path, tv_box_image)
    out = tmp_path / "case.jsonld"
    run(env, "export", case, "--format", "case-uco", "--out", str(out))
    graph = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    types = {node["@type"] for node in graph}
    assert {
        "case-investigation:Investigation",
        "case-investigation:ProvenanceRecord",
        "case-investigation:InvestigativeAction",
        "case-investigation:Authorization",
    } <= types
    assert any(node.get("case-investigation:exhibitNumber") == "TVBOX-01" for node in graph)
    result = subprocess.run([validator, str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "exported" in actions(Path(case))


@pytest.mark.parametrize("source", ["sqlite", "jsonl"])
def test_standalone_verifier_agrees_with_haechi(
    env: dict[str, str], tmp_path: Path, tv_box_image: Path, source: str
) -> None:
    case = Path(_story_case(env, tmp_path, tv_box_image))

    def both() -> tuple[int, int]:
        ours = run(env, "ledger", str(case), "--verify", ok=False).returncode
        if source == "jsonl":
            exported = tmp_path / "ledger.jsonl"
            exported.write_text(run(env, "ledger", str(case), "--format", "jsonl").stdout, encoding="utf-8")
            target = exported
        else:
            target = case / "case.sqlite"
        theirs = subprocess.run(
            [*VERIFIER, str(target)], capture_output=True, text=True, timeout=60
        ).returncode
        return ours, theirs

    assert both() == (0, 0)
    conn = sqlite3.connect(case / "case.sqlite")
    conn.executescript("DROP TRIGGER ledger_no_update;")
    conn.execute(
        "UPDATE ledger SET details = replace(details, 'Park', 'Kang') WHERE action = 'custody.seized'"
    )
    conn.commit()
    conn.close()
    assert both() == (1, 1)
