"""PDF reports read back with poppler (pdftotext, pdffonts, pdfinfo, pdfimages): content, pages, fonts."""

import hashlib
import json
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_examiner
from PIL import Image, ImageDraw

from app.cli.main import run

SEIZED = ("--location", "Seoul", "--authority", "W-1234")
TAGS_FOR_A_LONG_LEDGER = 14  # enough tag events for the custody table to run over several pages


def _picture(path: Path) -> None:
    picture = Image.new("RGB", (320, 240), (30, 60, 120))
    ImageDraw.Draw(picture).rectangle((60, 50, 260, 190), fill=(230, 190, 40))
    picture.save(path, "JPEG", quality=90)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A TV-box case: custody story, an imported ext4 image, tagged files, a verification."""
    root = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(root / "config"))
        patch.setenv("HAECHI_EXAMINER", "Kim Examiner")
        patch.setenv("HAECHI_PASSPHRASE", "correct horse battery")
        patch.setenv("HAECHI_TZ", "Asia/Seoul")
        make_examiner(root / "config", "Kim Examiner")
        tree = root / "tree"
        (tree / "pics").mkdir(parents=True)
        (tree / "한글").mkdir()
        _picture(tree / "pics" / "settings.jpg")
        (tree / "playlist.m3u").write_text('#EXTM3U\n#EXTINF:-1 tvg-id="kbs1",KBS1\nhttp://x/live/u/p/1.ts\n')
        (tree / "한글" / "고객.txt").write_text("고객 명단\n", encoding="utf-8")
        image = root / "tvbox.img"
        subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), str(image), "2M"], check=True)
        folder = root / "case"
        steps = [
            ["case", "new", str(folder), "--number", "2026-IPTV-07", "--title", "불법 IPTV 재판매"],
            [
                "custody",
                str(folder),
                "seize",
                "TVBOX-01",
                "--description",
                "TV box",
                "--from",
                "Park",
                *SEIZED,
            ],
            ["custody", str(folder), "seal", "TVBOX-01", "--seal", "S-0001"],
            ["custody", str(folder), "unseal", "TVBOX-01", "--seal", "S-0001", "--intact", "yes"],
            ["custody", str(folder), "image", "TVBOX-01", "--tool", "dd"],
            ["evidence", "add", str(folder), str(image), "--exhibit", "TVBOX-01", "--label", "userdata"],
        ]
        for step in steps:
            assert run(step) == 0, step
        ids = _file_ids(folder)
        assert run(["tag", str(folder), str(ids["/pics/settings.jpg"]), "--note", "설정 화면 사진"]) == 0
        assert run(["tag", str(folder), str(ids["/playlist.m3u"]), "--tag", "IPTV", "--note", "M3U"]) == 0
        for number in range(TAGS_FOR_A_LONG_LEDGER):
            assert run(["tag", str(folder), str(ids["/한글/고객.txt"]), "--tag", f"customer-{number}"]) == 0
        assert run(["verify", str(folder)]) == 0
        assert (
            run(
                [
                    "custody",
                    str(folder),
                    "confirm-hash",
                    "TVBOX-01",
                    "--evidence",
                    "1",
                    "--participant",
                    "Park",
                ]
            )
            == 0
        )
        yield folder


def _file_ids(folder: Path) -> dict[str, int]:
    conn = sqlite3.connect(folder / "case.sqlite")
    try:
        return {path: file_id for file_id, path in conn.execute("SELECT id, path FROM files")}
    finally:
        conn.close()


def _ledger(folder: Path) -> list[tuple[int, str, dict[str, object]]]:
    conn = sqlite3.connect(folder / "case.sqlite")
    try:
        rows = conn.execute("SELECT seq, action, details FROM ledger ORDER BY seq")
        return [(seq, action, json.loads(details)) for seq, action, details in rows]
    finally:
        conn.close()


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _report(case: Path, out: Path, *options: str) -> None:
    assert run(["report", str(case), "--out", str(out), *options]) == 0


@pytest.fixture(scope="module")
def korean(case: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same case reported twice in Korean."""
    folder = tmp_path_factory.mktemp("korean")
    first, second = folder / "보고서.pdf", folder / "again.pdf"
    _report(case, first, "--lang", "ko")
    _report(case, second, "--lang", "ko")
    return first, second


def test_korean_report_holds_case_hashes_custody_and_page_numbers(
    case: Path, korean: tuple[Path, Path]
) -> None:
    pdf = korean[0]
    text = _text(pdf)
    assert "2026-IPTV-07" in text and "디지털 증거 분석 보고서" in text and "해시값 확인서" in text
    conn = sqlite3.connect(case / "case.sqlite")
    image_hashes = conn.execute("SELECT md5, sha1, sha256 FROM evidence").fetchone()
    tagged = conn.execute("SELECT f.sha256 FROM tags t JOIN files f ON f.id = t.file_id").fetchall()
    conn.close()
    for digest in image_hashes:
        assert digest in text
    for (sha256,) in tagged:  # printed in two aligned halves
        assert sha256[:32] in text and sha256[32:] in text
    events = [event for event in _ledger(case) if event[1] != "report_issued"]
    for seq, action, _ in events:
        assert re.search(rf"^\s*{seq}\s+\S.*\s{re.escape(action)}\s", text, re.M), (seq, action)
    assert events[-1][1] == "custody.hash_confirmed"
    assert "Park, " in text and f"(원장 {events[-1][0]}번 이벤트)" in text  # the recorded confirmation
    total = _pages(pdf)
    assert total >= 7
    for page in range(1, total + 1):
        page_text = _text(pdf, page)
        assert f"{page}쪽 / 전체 {total}쪽" in page_text
        assert "2026-IPTV-07" in page_text and "HR-2026-IPTV-07-" in page_text
    custody_pages = [p for p in range(1, total + 1) if "세부 내용" in _text(pdf, p)]
    assert len(custody_pages) >= 2, "the custody table's header is repeated on every page it runs over"


def test_fonts_are_embedded_and_the_picture_is_previewed(korean: tuple[Path, Path]) -> None:
    pdf = korean[0]
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\syes\s+yes\s+yes\s", row) for row in rows), fonts
    assert any("NanumGothic" in row for row in rows)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True)
    assert len(images.stdout.splitlines()[2:]) == 1  # the one tagged JPEG
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Title:" in info and "2026-IPTV-07" in info and "Kim Examiner" in info


def test_issue_is_recorded_and_kept_and_regeneration_gives_the_same_text(
    case: Path, korean: tuple[Path, Path]
) -> None:
    issued = [details for _, action, details in _ledger(case) if action == "report_issued"][:2]
    for pdf, details in zip(korean, issued, strict=True):
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert details["sha256"] == digest and details["out"] == str(pdf)
        kept = Path(str(details["file"]))
        assert kept.parent == case / "reports" and hashlib.sha256(kept.read_bytes()).hexdigest() == digest
    assert issued[0]["report_id"] != issued[1]["report_id"]  # two files (another issue time): two IDs
    assert issued[0]["content_head_hash"] == issued[1]["content_head_hash"]

    def without_issue_time(pdf: Path) -> str:
        text = _text(pdf)
        for details in issued:
            text = text.replace(str(details["report_id"]), "REPORT-ID")
        lines = (" ".join(line.split()) for line in text.splitlines() if "발행일" not in line)
        return "\n".join(lines)  # spaces normalised: -layout spaces columns by the glyphs' widths

    assert without_issue_time(korean[0]) == without_issue_time(korean[1])
    assert run(["ledger", str(case), "--verify"]) == 0


def test_english_report_with_printed_and_csv_appendix(case: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report-en.pdf"
    _report(case, pdf, "--lang", "en", "--appendix", "pdf")
    text = _text(pdf)
    assert "Digital Evidence Examination Report" in text and "Appendix: catalogued files" in text
    for path in _file_ids(case):
        assert path in text
    total = _pages(pdf)
    assert all(f"Page {page} of {total}" in _text(pdf, page) for page in range(1, total + 1))
    with_csv = tmp_path / "with-csv.pdf"
    _report(case, with_csv, "--lang", "en", "--appendix", "csv")
    csv_files = list(tmp_path.glob("*-files.csv"))
    assert len(csv_files) == 1 and (case / "reports" / csv_files[0].name).is_file()
    csv_text = csv_files[0].read_text(encoding="utf-8")
    assert all(path in csv_text for path in _file_ids(case))
    assert hashlib.sha256(csv_files[0].read_bytes()).hexdigest() in _text(with_csv)


def test_bad_output_path_is_refused_with_one_line(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(_ledger(case))
    capsys.readouterr()
    assert run(["report", str(case), "--out", str(tmp_path / "missing" / "r.pdf")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "does not exist" in error and "Traceback" not in error
    assert run(["report", str(case), "--out", str(tmp_path / "report.txt")]) == 2
    assert ".pdf" in capsys.readouterr().err
    after = _ledger(case)[before:]
    assert [action for _, action, _ in after] == ["input_refused", "input_refused"]
    assert not list(tmp_path.iterdir())


def test_a_row_taller_than_a_page_continues_on_the_next_page(tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from app.report.styles import markup, para
    from app.report.tables import StreamTable

    lines = [f"line {number:03d}" for number in range(160)]
    rows = iter([["1", para("short")], ["2", markup("<br/>".join(lines))], ["3", para("after the tall row")]])
    pdf = tmp_path / "tall.pdf"
    SimpleDocTemplate(str(pdf)).build([StreamTable(["No.", para("Text")], rows, [40, 300])])
    text = _text(pdf)
    assert _pages(pdf) >= 2
    assert all(line in text for line in lines) and "after the tall row" in text
