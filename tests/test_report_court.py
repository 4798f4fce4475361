"""Court-level defects of issue 17: a broken seal is a highlighted deviation everywhere, the holder after
check-in, one report ID per document, a picture that cannot be decoded explained in plain words."""

import contextlib
import hashlib
import io
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PASSPHRASE, make_examiner
from PIL import Image

from app.cases.settings import Settings, save_settings
from app.cli.main import run
from app.common.progress import CancelToken
from app.report.appendix import AppendixPlan
from app.report.builder import ReportRequest, _identified, _write_pdf
from app.report.gather import gather_case
from app.report.thumbnails import decode_thumbnail
from chain_of_custody.case_db import CaseDatabase
from chain_of_custody.ledger import utc_now

SEIZE = ("--from", "Park", "--location", "Seoul", "--authority", "W-1234", "--description", "TV box")


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(list(args))
        except SystemExit as leaving:  # argparse refuses bad usage by exiting with 2
            code = int(leaving.code or 0)
    return code, out.getvalue(), err.getvalue()


def _ok(*args: str) -> str:
    code, out, err = _cli(*args)
    assert code == 0, (args, err)
    return out


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Exhibit TVBOX-01 sealed, unsealed with the seal broken, imaged, checked out and in; a JPEG that
    is not a picture is tagged."""
    root = tmp_path_factory.mktemp("court")
    environment = {
        "XDG_CONFIG_HOME": root / "config",
        "HAECHI_HASHSETS": root / "hashsets",
        "HAECHI_EXAMINER": "Kim Examiner",
        "HAECHI_PASSPHRASE": PASSPHRASE,
        "HAECHI_TZ": "Asia/Seoul",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, str(value))
        make_examiner(root / "config", "Kim Examiner")
        tree = root / "tree"
        tree.mkdir()
        # JPEG magic, then garbage: libmagic calls it image/jpeg, Pillow cannot decode it
        (tree / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x17" * 3000)
        image = root / "tvbox.img"
        subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(image), "2M"], check=True)
        folder = root / "case"
        c = str(folder)
        _ok("case", "new", c, "--number", "2026-IPTV-17", "--title", "Seal")
        _ok("custody", c, "seize", "TVBOX-01", *SEIZE)
        _ok("custody", c, "transfer", "TVBOX-01", "--to", "Choi (evidence officer)", "--storage", "Locker 3")
        _ok("custody", c, "seal", "TVBOX-01", "--seal", "S-0001")
        _ok("custody", c, "unseal", "TVBOX-01", "--seal", "S-0001", "--intact", "no")
        _ok("custody", c, "image", "TVBOX-01", "--tool", "dd")
        _ok("evidence", "add", c, str(image), "--exhibit", "TVBOX-01", "--label", "userdata")
        _ok("custody", c, "check-out", "TVBOX-01", "--to", "Lee (analyst)", "--purpose", "analysis")
        _ok("custody", c, "check-in", "TVBOX-01", "--storage", "Locker 7")
        conn = sqlite3.connect(folder / "case.sqlite")
        file_id = conn.execute("SELECT id FROM files WHERE path = '/broken.jpg'").fetchone()[0]
        conn.close()
        _ok("tag", c, str(file_id), "--note", "picture")
        yield folder


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _issued(case: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(case / "case.sqlite")
    try:
        rows = conn.execute("SELECT details FROM ledger WHERE action = 'report_issued' ORDER BY seq")
        return [json.loads(row[0]) for row in rows]
    finally:
        conn.close()


def test_status_names_the_holder_after_check_in_and_the_broken_seal(case: Path) -> None:
    status = _ok("custody", str(case), "status", "TVBOX-01")
    first = status.splitlines()[0]
    assert "holder: Choi (evidence officer)" in first and "location: Locker 7" in first  # not Lee any more
    assert "!! DEVIATION: seal S-0001 was found BROKEN when unsealed" in status


def test_an_answer_other_than_yes_or_no_is_refused(case: Path) -> None:
    code, _, err = _cli("custody", str(case), "seal", "TVBOX-01", "--seal", "S-0002")
    assert code == 0, err
    code, _, err = _cli("custody", str(case), "unseal", "TVBOX-01", "--seal", "S-0002", "--intact", "maybe")
    assert code == 2 and "Traceback" not in err
    code, _, err = _cli("custody", str(case), "unseal", "TVBOX-01", "--seal", "S-0002", "--intact", "yes")
    assert code == 0, err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "DEVIATION - exhibit TVBOX-01: seal S-0001 was found BROKEN when it was unsealed",
                "S-0001: found BROKEN when unsealed",
                "Deviations from the custody procedure:",
                "seal found broken",
                "picture could not be decoded: the data is not in a picture format",
            ],
        ),
        (
            "ko",
            [
                "예외 사항 - 압수물 TVBOX-01: 봉인 S-0001이(가)",
                "S-0001: 봉인 해제 시 훼손 확인",
                "증거 관리 절차상 예외 사항:",
                "봉인 훼손 확인",
                "사진을 디코딩할 수 없음: 인식할 수 있는 사진 형식의 데이터가 아닙니다",
            ],
        ),
    ],
)
def test_broken_seal_and_undecodable_picture_in_the_report(
    case: Path, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    pdf = tmp_path / f"report-{lang}.pdf"
    _ok("report", str(case), "--out", str(pdf), "--lang", lang)
    text = " ".join(_text(pdf).split())  # lines joined: the sentences wrap
    for sentence in expected:
        assert " ".join(sentence.split()) in text, sentence
    summary = text[: text.index("2. ")] if lang == "en" else text[: text.index("2. 증거물")]
    assert "S-0001" in summary.split("1. ")[-1]  # the summary itself says it, not only section 4
    assert "BytesIO" not in text and " at 0x" not in text and "cannot identify" not in text


def test_the_decoder_gives_a_reason_key_never_pillows_words() -> None:
    assert decode_thumbnail(b"not a picture at all", (64, 64)) == "pic_unknown_format"
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture, "JPEG")
    assert decode_thumbnail(picture.getvalue()[:200], (64, 64)) == "pic_damaged"
    preview = decode_thumbnail(picture.getvalue(), (32, 32))
    assert isinstance(preview, tuple) and preview[1] == (32, 24)


def test_two_different_documents_never_share_a_report_id(case: Path, tmp_path: Path) -> None:
    """Issue 17: before and after changing the lab name and the appendix, the same ID was printed."""
    pdfs = []
    for number, (lab, appendix) in enumerate([("Lab A", "none"), ("Lab B", "none"), ("Lab B", "pdf")]):
        save_settings(Settings(lab_name=lab, timezone="Asia/Seoul"))
        pdf = tmp_path / f"{number}.pdf"
        _ok("report", str(case), "--out", str(pdf), "--lang", "en", "--appendix", appendix)
        pdfs.append(pdf)
    issued = _issued(case)[-3:]
    assert len({details["report_id"] for details in issued}) == 3
    assert len({hashlib.sha256(pdf.read_bytes()).hexdigest() for pdf in pdfs}) == 3
    for pdf, details in zip(pdfs, issued, strict=True):
        assert str(details["report_id"]) in _text(pdf)
    by_id: dict[object, set[object]] = {}
    for details in _issued(case):  # every report of the case: one ID, one file
        by_id.setdefault(details["report_id"], set()).add(details["sha256"])
    assert all(len(digests) == 1 for digests in by_id.values())


def test_the_same_inputs_give_the_same_id_and_the_same_bytes(case: Path, tmp_path: Path) -> None:
    db = CaseDatabase.open(case)
    try:
        request = ReportRequest(tmp_path / "x.pdf", "ko")
        facts = gather_case(db, "ko", ("Lab", ""), "Asia/Seoul", utc_now())
        first, inputs, _ = _identified(facts, db, request)
        again, inputs_again, _ = _identified(replace(facts), db, request)
        later, _, _ = _identified(replace(facts, issued_at=utc_now()), db, request)
        assert (first.report_id, inputs) == (
            again.report_id,
            inputs_again,
        ) and later.report_id != first.report_id
        written = []
        for name in ("a.pdf", "b.pdf"):
            _write_pdf(tmp_path / name, first, db, AppendixPlan("none"), None, CancelToken())
            written.append((tmp_path / name).read_bytes())
        assert written[0] == written[1]
    finally:
        db.close()
