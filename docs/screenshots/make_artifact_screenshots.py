"""Rebuild docs/screenshots/artifacts_en.png and artifacts_ko.png: the Artifacts tab on a seized TV box.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_artifact_screenshots.py

Builds the TV box of tests/test_artifacts_samples.py (IPTV Smarters, playlists, Kodi, packages,
Wi-Fi, a browser history, some damaged sources) as ext4 with mke2fs -d, imports it through the CLI
(which extracts its artifacts) into a temporary case, and saves the main window with the IPTV
credentials shown and one row (with an expiry) selected. Nothing here is used by the application or
the tests.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
SMARTERS_DB = "/data/data/com.nst.iptvsmarterstvbox/databases/iptv_smarters_multi_user.db"


def build_case(work: Path) -> Path:
    from test_artifacts_samples import box_tree

    from app.cli.main import run

    os.environ["HAECHI_HASHSETS"] = str(work / "hashsets")  # no workstation hash sets in the pictures
    box_tree(work / "box")
    image = work / "tvbox-userdata.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(work / "box"), str(image), "8M"], check=True)
    case = work / "case"
    run(["case", "new", str(case), "--number", "2026-형제-0412", "--title", "불법 IPTV 셋톱박스"])
    run(["evidence", "add", str(case), str(image), "--label", "TV box userdata"])
    return case


def shoot(language: str, case: Path) -> None:
    from make_screenshots import pump
    from PySide6.QtWidgets import QApplication

    from app.cases.identity import EnvironmentPassphrase, unlock_examiner
    from app.cases.session import open_case
    from ui.artifacts_tab import ArtifactsTab
    from ui.i18n import install_language
    from ui.main_window import MainWindow

    install_language(language)
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    window = MainWindow(open_case(case, examiner))
    window.resize(1560, 960)
    window.show()
    tab = window.findChild(ArtifactsTab)
    assert tab is not None
    window.tabs.setCurrentWidget(tab)
    tab.tree.select(1, "iptv_credential")
    rows = [tab.model.row_at(row) for row in range(tab.model.rowCount())]
    with_expiry = [
        n for n, row in enumerate(rows) if row.source["path"] == SMARTERS_DB and row.fields.get("expiry")
    ]
    tab.select_row(with_expiry[0])  # its details show the expiry in local time beside the UTC original
    pump(QApplication.instance(), 0.5)
    window.grab().save(str(OUT / f"artifacts_{language}.png"), "PNG", 0)  # 0: smallest file
    window.close()


def main() -> None:
    from make_screenshots import in_scratch_case

    os.environ.setdefault("HAECHI_TZ", "Asia/Seoul")
    in_scratch_case(build_case, shoot, fonts=True)


if __name__ == "__main__":
    main()
