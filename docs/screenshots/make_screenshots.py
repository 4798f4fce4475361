"""Rebuild the screenshots in docs/screenshots/ (Korean and English), from a small real case.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/make_screenshots.py

Builds an ext4 image with mke2fs -d, imports it through the CLI into a temporary case, then opens
each main screen and saves what it shows. Nothing here is used by the application or the tests.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

TREE = {
    "data/com.iptvsmarters/playlist.m3u": b'#EXTM3U\n#EXTINF:-1 tvg-id="kbs1" group-title="KR",KBS1\n'
    b"http://panel.example:8080/live/user01/pass01/101.ts\n",
    "data/com.iptvsmarters/고객명단.txt": "고객 명단\n홍길동 user01 2027-01-31\n김철수 user02\n".encode(
        "cp949"
    ),
    "system/build.prop": b"ro.product.model=X96 Max\nro.build.fingerprint=Amlogic/x96max\n",
    "media/poster.jpg": b"not really a JPEG\n" * 20,
    "media/clip.ts": bytes(range(256)) * 400,
    "deleted/old_customers.csv": b"user,password,expiry\nuser09,secret,2025-10-01\n" * 20,
}


def pump(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def build_case(work: Path) -> Path:
    from test_gui_windows import _png

    tree = work / "tree"
    for name, data in {**TREE, "media/thumb.png": _png(360, 220)}.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(data)
    image = work / "tvbox-emmc.img"
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", tree, image, "4096k"], check=True)
    subprocess.run(
        ["debugfs", "-w", "-R", "rm /deleted/old_customers.csv", image], check=True, capture_output=True
    )
    from app.cli.main import run

    case = work / "case"
    run(
        [
            "case",
            "new",
            str(case),
            "--number",
            "2026-형제-0412",
            "--title",
            "불법 IPTV 셋톱박스",
            "--agency",
            "MCST",
        ]
    )
    run(
        [
            "custody",
            str(case),
            "seize",
            "TVBOX-01",
            "--from",
            "Hong",
            "--location",
            "Seoul",
            "--authority",
            "W-2026-77",
        ]
    )
    run(["evidence", "add", str(case), str(image), "--label", "TV box eMMC", "--exhibit", "TVBOX-01"])
    return case


def shoot(language: str, case: Path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.cases.identity import EnvironmentPassphrase, unlock_examiner
    from app.cases.session import open_case
    from app.evidence.importer import ImportRequest
    from ui.custody_dialog import CustodyDialog
    from ui.i18n import install_language
    from ui.import_wizard import ImportWizard
    from ui.main_window import MainWindow
    from ui.report_dialog import ReportDialog
    from ui.start_dialog import StartDialog, remember_case
    from ui.tag_dialog import TagDialog

    app = QApplication.instance()
    install_language(language)

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        pump(app, 0.4)
        widget.grab().save(str(OUT / f"{name}-{language}.png"), "PNG", 0)  # 0: smallest file

    start = StartDialog()
    start.show()
    start.name.setEditText("Kim")
    save(start, "01-start")
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    start.examiner = examiner
    remember_case(case)
    start._show_cases()
    save(start, "02-open-case")
    start.close()
    window = MainWindow(open_case(case, examiner))
    window.resize(1560, 960)
    window.show()
    pump(app, 0.5)
    tree = window.tree_model
    evidence = tree.index(0, 0)
    window.tree.expand(evidence)
    volume = tree.index(0, 0, evidence)
    window.tree.expand(volume)
    window.tree.setCurrentIndex(evidence)
    save(window, "00-evidence")
    window.filters.text.setText("고객명단")
    pump(app, 0.6)
    window.select_row(0)
    window.details.tabs.setCurrentIndex(2)
    pump(app, 4)
    save(window, "03-text-korean")
    window.filters.text.setText("")
    pump(app, 0.6)
    window.filters.deleted.setChecked(True)
    pump(app, 0.3)
    window.select_row(0)
    window.details.tabs.setCurrentIndex(0)
    save(window, "04-deleted-details")
    window.filters.deleted.setChecked(False)
    window.filters.text.setText("clip.ts")
    pump(app, 0.6)
    window.select_row(0)
    window.details.tabs.setCurrentIndex(1)
    pump(app, 2)
    save(window, "05-hex")
    window.filters.text.setText("thumb")
    pump(app, 0.6)
    window.select_row(0)
    window.details.tabs.setCurrentIndex(3)
    pump(app, 2)
    save(window, "06-picture")
    tag = TagDialog(window.case, window.selected_file_ids(), [], window)
    tag.tag.setEditText("IPTV")
    tag.note.setPlainText("고객 목록 / customer list")
    tag.show()
    save(tag, "07-tag")
    tag.close()
    window.verify_ledger()
    pump(app, 3)
    save(window, "08-ledger-verified")
    custody = CustodyDialog(window.session, window)
    custody.step.setCurrentIndex(custody.step.findData("sealed"))
    custody.exhibit.setText("TVBOX-01")
    custody.show()
    save(custody, "09-custody")
    custody.close()
    wizard = ImportWizard(window)
    wizard.image_page.image.setText("/evidence/tvbox-emmc.E01")
    wizard.image_page.label.setText("TV box eMMC")
    wizard.show()
    save(wizard, "10-add-evidence")
    wizard.close()
    report = ReportDialog(window.case, window)
    report.language.setCurrentIndex(report.language.findData(language))
    report.out.setText(str(case.parent / f"report-{language}.pdf"))
    report.show()
    report.start()
    deadline = time.monotonic() + 120
    while report.outcome is None and time.monotonic() < deadline:
        pump(app, 0.2)
    save(report, "11-report")
    report.close()
    import imaging

    window.tabs.setCurrentIndex(0)
    big = imaging.many_files_ext4(count=4000 if language == "en" else 4001)  # a fresh import in each language
    window.start_import(ImportRequest(big, label="NVR disk"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pump(app, 0.1)
        last = window.import_panel.last
        if last is not None and last.entries > 1000:
            break
    window.tree.expand(window.tree_model.index(window.tree_model.rowCount() - 1, 0))
    save(window, "12-import-running")
    window.import_panel.cancel.click()
    while window.import_panel.running:
        pump(app, 0.2)
    for box in window.findChildren(QMessageBox):
        box.close()
    window.close()


def in_scratch_case(
    build: Callable[[Path], Path], shoot_one: Callable[[str, Path], None], fonts: bool = False
) -> None:
    """Build a case in a temporary folder (settings and data folders there too) and shoot it in English,
    then Korean. `fonts`: the bundled Nanum fonts, for Hangul on a machine without Korean fonts."""
    os.environ.setdefault("HAECHI_PASSPHRASE", "screenshots only")
    os.environ.setdefault("HAECHI_EXAMINER", "Kim")
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    for font in (ROOT / "resources" / "fonts").glob("NanumGothic*.ttf") if fonts else ():
        QFontDatabase.addApplicationFont(str(font))
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")
        os.environ["XDG_DATA_HOME"] = str(work / "data")
        from app.cases.identity import EnvironmentPassphrase, create_examiner

        create_examiner("Kim", EnvironmentPassphrase())  # profiles are made explicitly, never on first use
        case = build(work)
        for language in ("en", "ko"):
            shoot_one(language, case)
    del app


def main() -> None:
    in_scratch_case(build_case, shoot)


if __name__ == "__main__":
    main()
