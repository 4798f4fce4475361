"""Links between exhibits: a TV box (Amlogic key store + IPTV Smarters login) and the panel that sold
its line (an Xtream-UI SQL dump whose MAG device and customer line match), in the CLI, the report and
the desktop.

The box is an EPT eMMC dump (test_android_layouts' builders, real ext4 by mke2fs -d) with a unifykey
store written by tests/amlogic_keys.py; the panel an ext4 image (mke2fs -d) holding the SQL dump.
"""

import base64
import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from amlogic_keys import UNIFY_KEYS, key_area, store_copy
from conftest import add_evidence, cli, ledger_intact
from imaging import sha256_file
from test_android_layouts import MIB, SYSTEM_TREE, _place, ept_bytes, ext4_of

from app.cli.main import run
from app.links.identifiers import normal_credential, normal_host, normal_mac

BOX_MAC = UNIFY_KEYS["mac_wifi"].decode()  # 00:1A:79:12:34:58
USER, PASSWORD = "cust0136", "s3cret-136"
LOGIN_PREFS = (
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n"
    '  <string name="serverurl">http://LINE.Korea-TV.invalid:8080</string>\n'
    f'  <string name="username">{USER}</string>\n  <string name="password">{PASSWORD}</string>\n</map>\n'
).encode()
PANEL_SQL = f"""-- MySQL dump 10.13  Distrib 5.7.42, for Linux (x86_64)
CREATE TABLE `users` (`id` int(11), `member_id` int(11), `username` varchar(50), `password` varchar(255),
  `exp_date` int(11), `enabled` int(11), `max_connections` int(11), `created_at` int(11));
INSERT INTO `users` VALUES (135,2,'cust0135','x',1767225600,1,1,1704067200),
  (136,2,'{USER}','{PASSWORD}',1767225600,1,1,1704067200);
CREATE TABLE `streaming_servers` (`id` int(11), `server_name` varchar(255), `server_ip` varchar(255),
  `domain_name` mediumtext, `status` int(11), `can_delete` tinyint(4));
INSERT INTO `streaming_servers` VALUES (1,'Main Server','203.0.113.10','line.korea-tv.invalid',1,0);
CREATE TABLE `mag_devices` (`mag_id` int(11), `user_id` int(11), `mac` varchar(50), `sn` varchar(255));
INSERT INTO `mag_devices` VALUES (1,136,'{base64.b64encode(BOX_MAC.encode()).decode()}','SN0136'),
  (2,135,'MDA6MUE6Nzk6OTk6OTk6OTk=','SN0135');
-- Dump completed
""".encode()


def box_dump(work: Path) -> Path:
    """bootloader .. reserved at 36 MiB (EPT + unifykey store) .. system, data (ext4, the app's login)."""
    data_tree = {"data/com.nst.iptvsmarterstvbox/shared_prefs/loginPrefs.xml": LOGIN_PREFS}
    system, data = ext4_of(work, "system", SYSTEM_TREE), ext4_of(work, "data", data_tree)
    parts = [("bootloader", 4 * MIB, 0, 0), ("reserved", MIB, 36 * MIB, 0), ("system", 2 * MIB, 37 * MIB, 2),
             ("data", 2 * MIB, 39 * MIB, 4)]  # fmt: skip
    disk = work / "box.img"
    disk.write_bytes(b"")
    os.truncate(disk, 41 * MIB)
    _place(disk, 36 * MIB, ept_bytes(parts))
    _place(disk, 36 * MIB + 0x4000, key_area(store_copy(UNIFY_KEYS)))
    _place(disk, 37 * MIB, system.read_bytes())
    _place(disk, 39 * MIB, data.read_bytes())
    return disk


def panel_image(work: Path) -> Path:
    return ext4_of(work, "panel", {"var/backups/xtream_iptvpro.sql": PANEL_SQL}, size_kib=1024)


def _times(image: Path) -> tuple[int, int]:
    return image.stat().st_mtime_ns, image.stat().st_atime_ns


@pytest.fixture
def linked_case(tmp_path: Path, new_case: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    panel, box = panel_image(tmp_path), box_dump(tmp_path)
    before = {image: (sha256_file(image), _times(image)) for image in (panel, box)}
    assert add_evidence(capsys, new_case, panel, "--label", "Panel server")["evidence_id"] == 1
    assert add_evidence(capsys, new_case, box, "--label", "TV box")["evidence_id"] == 2
    after = {image: _times(image) for image in (panel, box)}  # read before hashing them again
    assert {image: (sha256_file(image), after[image]) for image in (panel, box)} == before
    return new_case


def _links(capsys: pytest.CaptureFixture[str], case: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "links", str(case), *extra)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_normal_forms() -> None:
    assert normal_mac("00-1a-79-12-34-58") == normal_mac("001a.7912.3458") == "00:1A:79:12:34:58"
    assert normal_mac("00:00:00:00:00:00") is None and normal_mac("00:1A:79:12:34") is None
    assert normal_host("HTTP://Line.Korea-TV.invalid.:8080/get.php?x=1") == "line.korea-tv.invalid"
    assert normal_host("Bücher.example") == "xn--bcher-kva.example"
    assert normal_host("http://127.0.0.1/x") is None and normal_host("203.0.113.10:25461") == "203.0.113.10"
    assert (
        normal_credential("cust0136", "http://LINE.korea-tv.invalid:8080") == "cust0136@line.korea-tv.invalid"
    )


def test_the_box_and_its_panel_are_linked_in_the_cli(
    linked_case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = _links(capsys, linked_case)
    across = [link for link in links if len(link["evidence_ids"]) > 1]
    assert links[: len(across)] == across  # values on two or more evidence items first
    by_value = {(link["kind"], link["value"]): link for link in across}
    mac = by_value[("mac", BOX_MAC)]
    assert {(o["evidence_id"], o["type"]) for o in mac["occurrences"]} == {
        (1, "panel_mag_device"), (2, "device_key"),
    }  # fmt: skip
    mag = next(o for o in mac["occurrences"] if o["type"] == "panel_mag_device")
    assert (
        mag["detail"] == {"line_id": 136, "username": USER}
        and mag["path"] == "/var/backups/xtream_iptvpro.sql"
    )
    key = next(o for o in mac["occurrences"] if o["type"] == "device_key")
    assert (
        key["detail"] == {"name": "mac_wifi", "verified": True} and key["path"] == "<key store @ 0x2404000>"
    )
    credential = by_value[("credential", f"{USER}@line.korea-tv.invalid")]
    assert {(o["evidence_id"], o["type"]) for o in credential["occurrences"]} == {
        (1, "panel_line"), (2, "iptv_credential"),
    }  # fmt: skip
    assert ("host", "line.korea-tv.invalid") in by_value
    assert not any(link["value"].startswith("cust0135@") for link in across)  # the other line: no link
    for link in links:
        for occurrence in link["occurrences"]:
            assert set(occurrence) >= {"evidence_id", "artifact_id", "type", "path"}
    assert [link["kind"] for link in _links(capsys, linked_case, "--kind", "mac")] == ["mac"] * len(
        [link for link in links if link["kind"] == "mac"]
    )
    code, out, err = cli(capsys, "links", str(linked_case), "--kind", "credential", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {
        (r["value"], r["evidence_id"], r["type"]) for r in rows if r["evidence_items"] == "2"
    } == {
        (f"{USER}@line.korea-tv.invalid", "1", "panel_line"),
        (f"{USER}@line.korea-tv.invalid", "2", "iptv_credential"),
    }, err
    assert ledger_intact(capsys, linked_case)


def _pdf_text(case: Path, out: Path, lang: str) -> str:
    assert run(["report", str(case), "--out", str(out), "--lang", lang]) == 0
    done = subprocess.run(["pdftotext", "-raw", str(out), "-"], check=True, capture_output=True, text=True)
    return " ".join(done.stdout.split())  # lines joined: sentences wrap


def test_the_report_states_each_link_citing_both_sources(
    linked_case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = _pdf_text(linked_case, tmp_path / "en.pdf", "en")
    section = english[english.index("Links between exhibits") : english.index("8. Hash value confirmation")]
    quote = "\u201c{}\u201d".format
    assert (
        f"The MAC address {BOX_MAC} was read as a MAG device of customer line 136 (user name {quote(USER)}) "
        "in the panel database of item 1 (Panel server) (source: /var/backups/xtream_iptvpro.sql); "
        f"and as key {quote('mac_wifi')} of the Amlogic key store of item 2 (TV box), whose hashes "
        "verify (source: <key store @ 0x2404000>)." in section
    ), section
    assert (
        f"The account (user name@server) {USER}@line.korea-tv.invalid was read as customer line 136 "
        f"(user name {quote(USER)}) in the panel database of item 1 (Panel server)" in section
    )
    assert "as the login saved in IPTV Smarters (user name" in section and "loginPrefs.xml)" in section
    assert "cust0135" not in section
    korean = _pdf_text(linked_case, tmp_path / "ko.pdf", "ko")
    section = korean[korean.index("증거물 간 연결") :]
    assert f"MAC 주소 {BOX_MAC}은(는) 증거물 1(Panel server) 패널 데이터베이스의 가입자 회선 136" in section
    assert "증거물 2(TV box)의 Amlogic 키 저장소 키 \u201cmac_wifi\u201d(해시 검증됨)" in section
    assert ledger_intact(capsys, linked_case)
