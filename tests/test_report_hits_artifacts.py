"""Hash-set hits and TV-box artifacts in the PDF report, read back with poppler: a TV box imported with
a notable and a known hash set in the library, artifacts extracted after import, one file tagged."""

import hashlib
import json
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import PASSPHRASE, make_examiner
from test_artifacts_samples import IPTV_APP, box_tree

from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cli.main import run
from app.report.sections_artifacts import ROW_LIMIT, ordered_types, source_cell

MOVIE_1 = b"\x1a\x45\xdf\xa3 pirated drama episode 1" * 50
MOVIE_2 = b"\x1a\x45\xdf\xa3 pirated drama episode 2" * 50
LAUNCHER = b"\x7fELF android launcher library" * 40
CODEC = b"\x7fELF android codec library" * 40
NOTABLE = ("/data/media/0/Movies/drama-e01.mkv", "/data/media/0/Movies/drama-e02.mkv")
KNOWN = ("/system/lib/liblauncher.so", "/system/lib/libcodec.so")
PACKAGES = ROW_LIMIT + 60  # installed packages: more than the report prints of one type


def _tree(root: Path) -> None:
    box_tree(root)
    files = {
        NOTABLE[0]: MOVIE_1,
        NOTABLE[1]: MOVIE_2,
        KNOWN[0]: LAUNCHER,
        KNOWN[1]: CODEC,
        "/data/system/packages.list": "".join(
            f"com.example.app{n:03d} {10200 + n} 0 /data/user/0/com.example.app{n:03d} default 3003\n"
            for n in range(PACKAGES)
        ).encode(),
    }
    for path, content in files.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _hash_sets(root: Path) -> tuple[Path, Path]:
    notable = root / "rightsholder.md5"
    notable.write_text("".join(f"{hashlib.md5(m).hexdigest()}  drama.mkv\n" for m in (MOVIE_1, MOVIE_2)))
    known = root / "vendor.txt"
    known.write_text("".join(f"{hashlib.sha256(data).hexdigest()}\n" for data in (LAUNCHER, CODEC)))
    return notable, known


def _one(case: Path, query: str, *args: object) -> Any:
    """The first column of the first row a query gives on the case database."""
    conn = sqlite3.connect(case / "case.sqlite")
    try:
        return conn.execute(query, args).fetchone()[0]
    finally:
        conn.close()


def _issued(case: Path) -> dict[str, Any]:
    """The details of the last report_issued event."""
    return dict(
        json.loads(_one(case, "SELECT details FROM ledger WHERE action = 'report_issued' ORDER BY seq DESC"))
    )


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hits_artifacts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(root / "config"))
        patch.setenv("HAECHI_EXAMINER", "Kim")
        patch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
        patch.setenv("HAECHI_HASHSETS", str(root / "library"))
        patch.setenv("HAECHI_TZ", "Asia/Seoul")
        make_examiner(root / "config")
        _tree(root / "box")
        image = root / "box.img"
        subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(root / "box"), str(image), "8M"], check=True)
        notable, known = _hash_sets(root)
        folder = root / "case"
        steps = [
            ["hashset", "import", str(notable), "--name", "KOFIC drama", "--category", "notable",
             "--source", "rightsholder", "--version", "2026-11"],
            ["hashset", "import", str(known), "--name", "Vendor firmware", "--category", "known"],
            ["case", "new", str(folder), "--number", "2026-IPTV-9", "--title", "TV box with hash sets"],
            ["evidence", "add", str(folder), str(image), "--label", "TV box userdata"],
        ]  # fmt: skip
        for step in steps:
            assert run(step) == 0, step
        assert (
            run(
                [
                    "tag",
                    str(folder),
                    str(_one(folder, "SELECT id FROM files WHERE path = ?", NOTABLE[0])),
                    "--note",
                    "episode 1",
                ]
            )
            == 0
        )
        yield folder


def _report(case: Path, out: Path, *options: str) -> Path:
    assert run(["report", str(case), "--out", str(out), *options]) == 0
    return out


def _text(pdf: Path, mode: str = "-layout") -> str:
    """-layout for lines as printed; -raw keeps each table cell's lines together (drawing order)."""
    done = subprocess.run(["pdftotext", mode, str(pdf), "-"], check=True, capture_output=True, text=True)
    return done.stdout


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


@pytest.fixture(scope="module")
def english(case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(case, tmp_path_factory.mktemp("en") / "report-en.pdf", "--lang", "en")


def test_hash_set_section_names_sets_runs_and_hits(case: Path, english: Path) -> None:
    text = _text(english)
    section = _between(text, "6. Hash-set matching", "7. Artifacts")
    assert "KOFIC drama" in section and "Vendor firmware" in section and "rightsholder" in section
    digest = hashlib.sha256((case.parent / "rightsholder.md5").read_bytes()).hexdigest()
    assert digest[:32] in section and digest[32:] in section
    assert "2 are in notable sets, 2 in known sets" in section
    assert re.search(r"KOFIC drama 2026-11 \(notable\)\s+2\b", section)
    assert re.search(r"Vendor firmware \S* ?\(known\)\s+2\b", section)
    summary = _between(text, "1. Summary of findings", "2. Evidence items")
    assert "2 file(s) are in notable sets, 2 in known sets (section 6)" in " ".join(summary.split())


def test_notable_files_are_findings_and_a_tagged_one_appears_once(english: Path) -> None:
    text = _text(english)
    tagged = _between(text, "5.1 Tagged files", "5.2 Files in notable hash sets")
    notable = _between(text, "5.2 Files in notable hash sets", "6. Hash-set matching")
    assert NOTABLE[0] in tagged and "KOFIC drama 2026-11 (notable)" in tagged
    assert NOTABLE[1] in notable and NOTABLE[0] not in notable
    assert "2 catalogued file(s) are in notable hash sets" in " ".join(notable.split())
    assert hashlib.sha256(MOVIE_2).hexdigest()[:32] in notable


def test_artifacts_section_credentials_first_counts_and_cap(case: Path, english: Path) -> None:
    raw = _text(english, "-raw")
    section = _between(raw, "7. Artifacts", "8. Hash value confirmation")
    joined = section.replace("\n", "")
    first = section.index("IPTV credentials (iptv_credential)")
    assert first < section.index("Installed packages (installed_package)")
    for value in (
        "http://line.korea-tv.invalid:8080",
        "cust0412",
        "p4ssw0rd",
        "hunter22",
        "2027-01-01T00:00:00Z",
    ):
        assert value in joined, value
    assert f"/{IPTV_APP}/databases/iptv_smarters_multi_user.db" in joined
    packages = _one(case, "SELECT COUNT(*) FROM artifacts WHERE type = ?", "installed_package")
    assert packages > PACKAGES and f"Installed packages (installed_package): {packages} row(s)" in section
    assert f"Only the first {ROW_LIMIT} of {packages} rows are printed" in " ".join(section.split())
    assert "com.example.app000" in joined and "com.example.app259" not in joined
    assert "--type installed_package --format csv" in joined
    assert "Damaged or unreadable sources" in section and "/vendor/build.prop" in joined
    assert "haechi artifacts CASE_DIR --format csv" in section


def test_utc_times_in_artifact_tables_are_local_over_the_utc_original(case: Path, english: Path) -> None:
    """The report's zone is Asia/Seoul (HAECHI_TZ): a UTC value reads as KST with the original below;
    a time the box kept by its own clock (Kodi's install date) is printed as stored."""
    section = _between(_text(english, "-raw"), "7. Artifacts", "8. Hash value confirmation")
    assert "Times the sources hold in UTC are shown local (Asia/Seoul)" in " ".join(section.split())
    assert re.search(r"2027-01-01\s09:00:00\sKST\s2027-01-01T\s00:00:00Z", section)  # a credential's expiry
    query = "SELECT json_extract(fields, '$.last_visit') FROM artifacts WHERE type = 'browser_history'"
    utc = datetime.fromisoformat(_one(case, query).replace("Z", "+00:00"))
    local = utc.astimezone(ZoneInfo("Asia/Seoul"))
    shown = rf"{local:%Y-%m-%d}\s{local:%H:%M:%S}\sKST\s{utc:%Y-%m-%d}T\s{utc:%H:%M:%S}Z"
    assert re.search(shown, section), shown  # a browser visit
    assert "2024-01-02 10:00:00" in section and not re.search(r"2024-01-02\s10:00:00\sKST", section)


def test_korean_report_has_both_sections(case: Path, tmp_path: Path) -> None:
    pdf = _report(case, tmp_path / "보고서.pdf", "--lang", "ko")
    text = _text(pdf)
    assert "6. 해시셋 비교" in text and "7. 아티팩트" in text and "8. 해시값 확인서" in text
    assert "IPTV 계정 정보 (iptv_credential)" in text and "KOFIC drama 2026-11 (주의)" in text
    assert "5.2 주의 해시셋에 포함된 파일" in text and NOTABLE[1] in text
    assert "cust0412" in text and "비밀번호" in text


def test_exclude_known_leaves_known_files_out_of_the_appendix(case: Path, tmp_path: Path) -> None:
    full = _text(_report(case, tmp_path / "full.pdf", "--lang", "en", "--appendix", "pdf"))
    appendix = full[full.index("Appendix: catalogued files") :]
    assert all(path in appendix for path in KNOWN) and "omitted" not in appendix
    assert _issued(case)["exclude_known"] is False
    pdf = _report(case, tmp_path / "lean.pdf", "--lang", "en", "--appendix", "pdf", "--exclude-known")
    appendix = _text(pdf)[_text(pdf).index("Appendix: catalogued files") :]
    assert "2 file(s) matching known hash sets are omitted from this list." in appendix
    assert not any(path in appendix for path in KNOWN) and NOTABLE[1] in appendix
    details = _issued(case)
    assert details["exclude_known"] is True and details["known_files_omitted"] == 2
    assert details["notable_files"] == 2 and details["appendix"] == "pdf"
    _report(case, tmp_path / "csv.pdf", "--lang", "en", "--appendix", "csv", "--exclude-known")
    (listing,) = tmp_path.glob("*-files.csv")
    rows = listing.read_text(encoding="utf-8")
    assert not any(path in rows for path in KNOWN) and NOTABLE[0] in rows
    assert "2 file(s) matching known hash sets are omitted" in _text(tmp_path / "csv.pdf")


def test_nothing_runs_over_the_right_margin(english: Path) -> None:
    """Every word lies inside the page's text frame (A4, 18 mm margins) or, at most, in a table's
    right cell padding (3 pt): no table runs over the margin."""
    done = subprocess.run(
        ["pdftotext", "-bbox", str(english), "-"], check=True, capture_output=True, text=True
    )
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', done.stdout)]
    frame_right = 595.28 - 18 * 72 / 25.4
    assert right and max(right) <= frame_right + 3.5, max(right)


def test_a_source_that_is_not_a_file_is_shown_as_image_bytes() -> None:
    record = {
        "fields": {"name": "mac", "value": "00:11:22:33:44:55"},
        "source": {"evidence_id": 1, "volume": 3, "path": "<key store @ 0x2404000>", "inode": None,
                   "sha256": "ab" * 32, "file_id": None},
        "extractor": "amlogic_keystore/1",
    }  # fmt: skip
    text = source_cell(record, "en").text
    assert "&lt;key store @ 0x2404000&gt;" in text and "bytes of the image, not a file" in text
    assert "inode" not in text and "ab" * 16 in text
    assert ordered_types(["installed_package", "device_key", "iptv_credential", "device_identity"]) == [
        "iptv_credential",
        "device_key",
        "device_identity",
        "installed_package",
    ]


@pytest.mark.gui
def test_report_dialog_leaves_known_files_out_when_asked(qtbot, case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.cases.session import open_case
    from ui.operations import CaseContext
    from ui.report_dialog import ReportDialog

    examiner = unlock_examiner("Kim", EnvironmentPassphrase())[0]
    context = CaseContext(open_case(case, examiner))
    dialog = ReportDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.exclude_known.isEnabled()  # nothing to leave out without a file list
    dialog.appendix.setCurrentIndex(dialog.appendix.findData("pdf"))
    assert dialog.exclude_known.isEnabled()
    dialog.exclude_known.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.out.setText(str(tmp_path / "dialog.pdf"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60_000)
    assert "2 file(s) matching known hash sets are omitted" in _text(tmp_path / "dialog.pdf")
    assert _issued(case)["exclude_known"] is True
    context.close()


def test_key_store_rows_show_image_bytes_as_their_source(
    tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Amlogic eMMC dump: its key store is no file; the report names the byte range and its hash."""
    from conftest import add_evidence
    from test_android_layouts import KEYS, USID, emmc_dump

    add_evidence(capsys, new_case, emmc_dump(tmp_path))
    raw = _text(_report(new_case, tmp_path / "keys.pdf", "--lang", "en"), "-raw")
    section = _between(raw, "7. Artifacts", "8. Hash value confirmation")
    keys = _between(
        section, "Device keys", "Installed packages" if "Installed packages" in section else "7.2"
    )
    assert "<key store @ 0x2404000>" in keys and "bytes of the image, not a file" in keys
    assert all(value in keys.replace("\n", "") for value in [*KEYS.values(), USID])
    area = _one(new_case, "SELECT sha256 FROM image_sources")
    assert area[:32] in keys and area[32:] in keys
    tables = re.findall(r"\((\w+)\): \d+ row", section)
    assert tables == ["iptv_credential", "device_key", "device_identity"]  # credentials and keys first


def test_every_artifact_type_and_key_field_has_korean_and_english_labels() -> None:
    from app.artifacts.extract import KEY_FIELDS, TYPE_LABELS, all_artifact_types
    from app.artifacts.labels import FIELD_LABELS

    assert set(all_artifact_types()) <= set(TYPE_LABELS) and set(KEY_FIELDS) <= set(TYPE_LABELS)
    missing = {name for fields in KEY_FIELDS.values() for name in fields} - set(FIELD_LABELS)
    assert not missing, f"fields without labels (app/artifacts/labels.py): {sorted(missing)}"
    assert all(english and korean for english, korean in FIELD_LABELS.values())
