"""Commitments: each row a report relies on is under a signed root; each sqlite3 attack is caught, named."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import imaging
import pytest
from conftest import PASSPHRASE, cli

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import CaseSession, open_case
from app.cli.main import run
from app.common.progress import CancelToken, ImportProgress
from app.custody.integrity import check_record
from app.custody.ledger import verify_case_ledger
from app.evidence.importer import ImportJob, ImportRequest
from app.report.gather import gather_case
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.commitments import encode_row, leaf_hash, merkle_root
from chain_of_custody.identity import ProfileStore
from chain_of_custody.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = ROOT / "tools" / "verify_ledger.py"
SIGNED_MD5 = hashlib.md5(imaging.ext4().read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A case with an ext4 image, a hash-set hit, and a tag; built once, copied by each test."""
    base = tmp_path_factory.mktemp("commitments")
    with pytest.MonkeyPatch.context() as patch:
        _environment(patch, base)
        _run("examiner", "new", "Kim")  # explicitly: an unknown examiner name is refused, never created
        (base / "notable.md5").write_text(hashlib.md5(imaging.TREE["readme.txt"]).hexdigest() + "\n")
        _run("hashset", "import", str(base / "notable.md5"), "--name", "Notable", "--category", "notable")
        _run("case", "new", str(base / "case"), "--number", "2026-C-1", "--title", "commitments")
        _run("evidence", "add", str(base / "case"), str(imaging.ext4()))
        _run("tag", str(base / "case"), str(_file_id(base / "case", "/readme.txt")), "--note", "first")
    yield base


def _environment(patch: pytest.MonkeyPatch, base: Path) -> None:
    patch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    patch.setenv("HAECHI_EXAMINER", "Kim")
    patch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
    patch.setenv("HAECHI_HASHSETS", str(base / "hashsets"))


def _run(*argv: str) -> None:
    assert run(list(argv)) == 0, argv


def _file_id(case: Path, path: str) -> int:
    conn = sqlite3.connect(case / "case.sqlite")
    try:
        return int(conn.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def case(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _environment(monkeypatch, built)
    shutil.copytree(built / "case", tmp_path / "case")
    return tmp_path / "case"


def _tamper(case: Path, *statements: str) -> None:
    conn = sqlite3.connect(case / "case.sqlite")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _ledger_verify(capsys: pytest.CaptureFixture[str], case: Path) -> tuple[int, str]:
    code, out, err = cli(capsys, "ledger", str(case), "--verify")
    assert "Traceback" not in err
    return code, out


def _standalone(case: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, str(VERIFIER), str(case / "case.sqlite")],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout


# the encoding and the tree ---------------------------------------------------------------------------
def test_tree_is_rfc6962_with_domain_separated_leaves_and_nodes() -> None:
    rows = [encode_row("t", ("a", "b"), (n, f"row {n}")) for n in range(5)]
    assert rows[0] == b'{"a":0,"b":"row 0","table":"t"}'
    leaves = [leaf_hash(row) for row in rows]
    assert leaves[0] == hashlib.sha256(b"\x00" + rows[0]).digest()

    def node(left: bytes, right: bytes) -> bytes:
        return hashlib.sha256(b"\x01" + left + right).digest()

    # 5 leaves: k = 4, so MTH = node(node(node(l0,l1), node(l2,l3)), l4)
    expected = node(node(node(leaves[0], leaves[1]), node(leaves[2], leaves[3])), leaves[4])
    assert merkle_root(leaves) == expected
    assert merkle_root([]) == hashlib.sha256(b"").digest()
    assert merkle_root(leaves[:1]) == leaves[0] != rows[0]
    assert encode_row("t", ("raw",), (b"\xff\x00",)) == b'{"raw":{"hex":"ff00"},"table":"t"}'


def test_the_fast_row_encoder_writes_what_json_dumps_writes() -> None:
    columns = ("z", "a", "quote", "ctrl", "korean", "emoji", "none", "neg", "big", "real", "blob")
    row = (
        "last",
        0,
        'say "hi" \\ /',
        "tab\tnl\n\x00\x1f\x7f",
        "고객 명단",
        "\U0001f600",
        None,
        -5,
        2**70,
        1.5,
        b"",
    )
    body = dict(zip(columns, row, strict=True))
    body.update(real={"real": "1.5"}, blob={"hex": ""}, table="files")
    expected = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert encode_row("files", columns, row) == expected


def test_an_untouched_case_verifies_and_both_verifiers_agree(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _ledger_verify(capsys, case)
    assert code == 0, out
    for part in (
        "case details",
        "catalogue of evidence 1",
        "warnings of evidence 1",
        "tags",
        "hash-set hits",
    ):
        assert f"{part}: INTACT" in out
    code, standalone = _standalone(case)
    assert code == 0, standalone
    db = CaseDatabase.open(case)
    try:
        check = check_record(db.conn)
    finally:
        db.close()
    for scope in check.scopes:
        assert scope.status == "intact"
        assert f"commitment {scope.scope} (event {scope.seq}, {scope.rows} rows): ok" in standalone


def test_events_carry_the_roots(case: Path) -> None:
    db = CaseDatabase.open(case)
    try:
        scopes = {
            event.action: [c["scope"] for c in event.details.get("commitments", [])]
            for event in Ledger(db.conn).events()
        }
    finally:
        db.close()
    assert scopes["case_created"] == ["case"]
    assert scopes["import_finished"] == ["catalogue:1", "warnings:1"]
    assert scopes["hash_sets_matched"] == ["hash_hits"]
    assert scopes["file_tagged"] == ["tags"]


# the attacks of issue 14 ------------------------------------------------------------------------------
def test_swapped_image_hashes_fail_verify_ledger_and_never_reach_the_report(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = "0" * 32
    _tamper(case, f"UPDATE evidence SET md5 = '{forged}', sha1 = '{'1' * 40}' WHERE id = 1")
    code, out, _ = cli(capsys, "verify", str(case))
    assert code == 1
    assert out.startswith("evidence 1: RECORD ALTERED - md5 in the evidence table is " + forged)
    assert "the signed import event" in out and f"says {SIGNED_MD5}" in out
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert f"FAILS: acquisition hashes of evidence 1: md5 in the evidence table is {forged}" in out
    assert "catalogue of evidence 1: FAILED - evidence row changed" in out
    assert _standalone(case)[0] == 1
    db = CaseDatabase.open(case)
    try:
        facts = gather_case(db, "en", ("Lab", "Seoul"), "Asia/Seoul", "2026-12-05T00:00:00Z")
        assert facts.evidence[0].md5 == SIGNED_MD5 and facts.evidence[0].sha1 != "1" * 40
    finally:
        db.close()


def test_a_planted_verification_never_reaches_the_report(case: Path) -> None:
    """The report reads re-verifications from the signed `verified` events, not the verifications table."""
    _tamper(
        case,
        "INSERT INTO verifications (evidence_id, at, md5, result) "
        "VALUES (1, '2026-12-01T00:00:00Z', 'x', 'match')",
    )
    db = CaseDatabase.open(case)
    try:
        facts = gather_case(db, "en", ("Lab", "Seoul"), "Asia/Seoul", "2026-12-05T00:00:00Z")
    finally:
        db.close()
    assert facts.evidence[0].verifications == ()


def test_a_scope_this_version_does_not_know_fails_by_name(
    case: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commitment of a newer Haechi cannot be checked here: named and failed, never passed in silence."""
    examiner = ProfileStore(built / "config" / "haechi" / "examiners").unlock("Kim", PASSPHRASE)
    db = CaseDatabase.open(case)
    try:
        with db.transaction():
            newer = {"scope": "videos:1", "root": "0" * 64, "rows": 0, "v": 2}
            db.ledger.append(examiner, "UTC", "videos_matched", 1, {"commitments": [newer]})
    finally:
        db.close()
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert "part videos:1: FAILED - its rows cannot be read (unknown commitment scope 'videos:1')" in out


def test_an_edited_file_hash_is_named(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file_id = _file_id(case, "/media/clip.bin")
    _tamper(case, f"UPDATE files SET md5 = '{'a' * 32}' WHERE id = {file_id}")
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert f"catalogue of evidence 1: FAILED - file {file_id} (volume " in out
    assert "changed (since the commitment in event" in out
    assert "RECORD FAILS" in out
    assert _standalone(case)[0] == 1


def test_a_deleted_and_an_inserted_file_row_are_named(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = _file_id(case, "/fake.jpg")
    _tamper(
        case,
        f"DELETE FROM files WHERE id = {gone}",
        "INSERT INTO files (evidence_id, volume_idx, ordinal, path, parent_path, name, size, allocated, "
        "name_allocated, meta_allocated, orphan, content) "
        "VALUES (1, 0, 9999, '/planted.jpg', '/', 'planted.jpg', 1, 1, 1, 1, 0, 'stored')",
    )
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    line = next(text for text in out.splitlines() if text.startswith("catalogue of evidence 1"))
    assert f"file {gone} (volume" in line and " deleted" in line
    assert "entry 9999) added" in line


def test_edited_case_details_tag_and_hash_hit_are_named(
    case: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(
        case,
        "UPDATE case_info SET value = 'another case' WHERE key = 'title'",
        "UPDATE tags SET note = 'planted note'",
        "UPDATE hash_hits SET set_name = 'Harmless'",
    )
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert "case details: FAILED - case detail title changed" in out
    assert "tags: FAILED - tag 1 (bookmark) changed" in out
    assert "hash-set hits: FAILED - hash hit of file" in out and "in set Harmless (md5) added" in out
    assert "in set Notable (md5) deleted" in out
    store = ProfileStore(built / "config" / "haechi" / "examiners")
    session = CaseSession(CaseDatabase.open(case), store.unlock("Kim", PASSPHRASE), "UTC")
    try:
        verdict = verify_case_ledger(session)  # the desktop's verify
    finally:
        session.close()
    assert not verdict.intact and "case details: case detail title changed" in (verdict.reason or "")


def test_rows_and_their_kept_digests_altered_together_still_fail(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(case, "UPDATE files SET size = size + 1", "UPDATE commitment_leaves SET leaves = zeroblob(64)")
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert "catalogue of evidence 1: FAILED - the rows do not give the root signed in event" in out
    assert "cannot be named" in out


def test_a_planted_evidence_row_fails(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tamper(
        case,
        "INSERT INTO evidence (label, source_path, segments, format, added_at, added_by, import_state) "
        "VALUES ('planted', '/x.dd', '[]', 'raw', '2026-01-01', 'Kim', 'complete')",
    )
    code, out = _ledger_verify(capsys, case)
    assert code == 1
    assert "FAILS: evidence 2 is in the case but no signed event added it" in out
    assert "catalogue of evidence 2: FAILED - rows are present but no signed event commits them" in out


def test_a_case_made_before_commitments_still_verifies_and_says_so(
    tmp_path: Path, examiner_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """case_created without commitments (as every case before them): named, never failed, never silent."""
    store = ProfileStore(examiner_env / "haechi" / "examiners")
    examiner = store.unlock("Kim", PASSPHRASE)  # examiner_env made the profile
    db = CaseDatabase.create(tmp_path / "old")
    with db.transaction():
        db.set_info({"number": "2025-OLD", "title": "old case"})
        db.ledger.register_examiner(examiner, "UTC")
        db.ledger.append(examiner, "UTC", "case_created", None, {"number": "2025-OLD", "title": "old case"})
    db.close()
    code, out = _ledger_verify(capsys, tmp_path / "old")
    assert code == 0, out
    assert "case details: NOT COMMITTED - not committed (case made before commitments)" in out
    code, standalone = _standalone(tmp_path / "old")
    assert code == 0 and "no commitments (case made before commitments)" in standalone


def test_the_report_prints_the_commitments(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = case.parent / "report.pdf"
    code, _, err = cli(capsys, "report", str(case), "--out", str(pdf), "--lang", "en")
    assert code == 0, err
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "4.1 Commitments" in text and "Every committed part matches its signed root." in text
    db = CaseDatabase.open(case)
    try:
        roots = [scope.root for scope in check_record(db.conn).scopes]
    finally:
        db.close()
    flat = text.replace("\n", "").replace(" ", "")
    assert all(root and root[:32] in flat for root in roots)
    assert json.dumps(SIGNED_MD5)[1:9] in flat


class _CancelOnceStored:
    """Presses Cancel as soon as some entries are stored."""

    def __init__(self, token: CancelToken) -> None:
        self.token = token

    def update(self, progress: ImportProgress) -> None:
        if progress.entries > 0:
            self.token.cancel()


def test_an_interrupted_import_commits_what_it_kept_and_the_resumed_one_the_rest(
    new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = imaging.many_files_ext4(2000, 8192)  # the image of test_resume.py (cached)
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(new_case, examiner)
    token = CancelToken()
    try:
        outcome = ImportJob(session, ImportRequest(image), _CancelOnceStored(token), token).run()
        (interrupted,) = [e for e in session.db.ledger.events() if e.action == "import_interrupted"]
    finally:
        session.close()
    assert outcome.status == "cancelled"
    kept = next(c for c in interrupted.details["commitments"] if c["scope"] == "catalogue:1")
    assert kept["rows"] == 1 + outcome.counts["entries"] + len(
        _volumes(new_case)
    )  # evidence row, files, volumes
    code, out = _ledger_verify(capsys, new_case)
    assert code == 0 and f"catalogue of evidence 1: INTACT - {kept['rows']} rows match the root signed" in out
    assert cli(capsys, "evidence", "add", str(new_case), str(image))[0] == 0
    code, out = _ledger_verify(capsys, new_case)
    assert code == 0, out
    assert "catalogue of evidence 1: INTACT" in out and f"{kept['rows']} rows" not in out


def _volumes(case: Path) -> list[int]:
    conn = sqlite3.connect(case / "case.sqlite")
    try:
        return [int(row[0]) for row in conn.execute("SELECT idx FROM volumes")]
    finally:
        conn.close()


def test_a_korean_report_names_the_failures_in_korean(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file_id = _file_id(case, "/media/clip.bin")
    _tamper(
        case,
        f"UPDATE files SET md5 = '{'a' * 32}' WHERE id = {file_id}",
        f"UPDATE evidence SET md5 = '{'0' * 32}' WHERE id = 1",
    )
    pdf = case.parent / "report-ko.pdf"
    code, _, err = cli(capsys, "report", str(case), "--out", str(pdf), "--lang", "ko")
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert (
        "4.1 커밋먼트: 서명 아래의 기록" in flat
        and "기록이 서명된 이벤트의 커밋과 다릅니다: 문제 2건." in flat
    )
    assert f"증거 목록 1: 변경: 증거 행, 파일 {file_id} (볼륨 0, 항목" in flat
    assert f"증거 표의 md5은(는) {'0' * 32}이나" in flat
    assert "since the commitment" not in flat and "FAILED" not in flat
