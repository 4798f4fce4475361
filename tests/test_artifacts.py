"""Artifact extraction end to end: a TV box's ext4 image and a panel server's disk, imported through
the CLI, artifacts extracted after import, listed with provenance, re-run, and damaged sources."""

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, cli, ledger_events, ledger_intact, make_examiner
from test_artifacts_samples import IPTV_APP, KODI, NGINX_RTMP, PANEL_DUMP, REBRAND_APP, box_tree

from app.artifacts.extract import artifact_runs, artifact_type_counts, artifact_warnings, run_artifacts
from app.artifacts.labels import FIELD_LABELS, field_label
from app.cases.identity import EnvironmentPassphrase, unlock_examiner
from app.cases.session import open_case
from app.cli.main import run
from chain_of_custody.case_db import CaseDatabase

SMARTERS_DB = f"/{IPTV_APP}/databases/iptv_smarters_multi_user.db"
DAMAGED = {
    "/data/data/com.broken.tv/shared_prefs/loginPrefs.xml",
    "/data/data/com.broken.tv/databases/iptv_smarters_multi_user.db",
    "/data/misc/wifi/WifiConfigStore.xml",
    f"/{KODI}/userdata/Database/Addons27.db",
    "/vendor/build.prop",
}


def _image(folder: Path, name: str, size: str) -> Path:
    image = folder.parent / f"{name}.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(folder), str(image), size], check=True)
    return image


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(case folder, box tree): evidence 1 is the TV box, evidence 2 the panel server's disk."""
    base = tmp_path_factory.mktemp("artifacts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(base / "config"))
        patch.setenv("HAECHI_EXAMINER", "Kim")
        patch.setenv("HAECHI_PASSPHRASE", PASSPHRASE)
        make_examiner(base / "config")
        box_tree(base / "box")
        dump = base / "server" / "root" / "backups" / "xtream_iptvpro_2024-01-06.sql"
        dump.parent.mkdir(parents=True)
        dump.write_text(PANEL_DUMP, encoding="utf-8")
        (base / "server" / "etc" / "nginx").mkdir(parents=True)
        (base / "server" / "etc" / "nginx" / "nginx.conf").write_text(NGINX_RTMP)
        folder = base / "case"
        assert run(["case", "new", str(folder), "--number", "2026-IPTV-8", "--title", "TV box"]) == 0
        assert run(["evidence", "add", str(folder), str(_image(base / "box", "box", "8M"))]) == 0
        assert run(["evidence", "add", str(folder), str(_image(base / "server", "server", "4M"))]) == 0
        yield folder, base / "box"


def _records(capsys: pytest.CaptureFixture[str], folder: Path, *extra: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "artifacts", str(folder), *extra)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def _fields(records: list[dict[str, Any]], path: str | None = None) -> list[dict[str, Any]]:
    return [r["fields"] for r in records if path is None or r["source"]["path"] == path]


def test_iptv_credentials_with_provenance(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, tree = case
    records = _records(capsys, folder, "--type", "iptv_credential")
    found = {
        (f["table"], f.get("server_url"), f.get("username"), f.get("password"), f.get("mac"), f.get("expiry"))
        for f in _fields(records)
        if f.get("username") != "walonly"
    }
    assert found == {
        ("multi_user", "http://line.korea-tv.invalid:8080", "cust0412", "p4ssw0rd", None, None),
        (
            "multi_user_stalker",
            "http://portal.stb.invalid/stalker_portal/c/",
            None,
            None,
            "00:1A:79:12:34:56",
            None,
        ),
        (
            "login_user",
            "http://line.korea-tv.invalid:8080",
            "cust0412",
            "p4ssw0rd",
            None,
            "2026-01-01T00:00:00Z",
        ),
        (
            "loginPrefs",
            "http://dns.rebrand.invalid:25461",
            "cust0999",
            "hunter22",
            None,
            "2027-01-01T00:00:00Z",
        ),
    }
    main = [
        r for r in records if r["source"]["path"] != f"/{REBRAND_APP}/databases/iptv_smarters_multi_user.db"
    ]
    source = next(r["source"] for r in main if r["fields"]["table"] == "multi_user")
    catalogued = _catalogued(capsys, folder, SMARTERS_DB)
    assert source["path"] == SMARTERS_DB and source["evidence_id"] == 1 and source["allocated"] is True
    assert source["inode"] == catalogued["inode"] and source["volume"] == catalogued["volume"]
    assert source["sha256"] == hashlib.sha256((tree / SMARTERS_DB.lstrip("/")).read_bytes()).hexdigest()
    prefs = next(r["source"] for r in records if r["fields"]["table"] == "loginPrefs")
    assert prefs["path"] == f"/{REBRAND_APP}/shared_prefs/loginPrefs.xml"


def test_write_ahead_log_is_read(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """A login only in the SQLite WAL is found; the row names the WAL and its hash."""
    folder, tree = case
    wal_db = f"/{REBRAND_APP}/databases/iptv_smarters_multi_user.db"
    records = [
        r for r in _records(capsys, folder, "--type", "iptv_credential") if r["source"]["path"] == wal_db
    ]
    assert [(r["fields"]["username"], r["fields"]["password"]) for r in records] == [("walonly", "w4lpass")]
    wal = records[0]["fields"]["sqlite_wal"]
    assert wal["path"] == f"{wal_db}-wal"
    assert wal["sha256"] == hashlib.sha256((tree / wal["path"].lstrip("/")).read_bytes()).hexdigest()


def _catalogued(capsys: pytest.CaptureFixture[str], folder: Path, path: str) -> dict[str, Any]:
    _, out, _ = cli(capsys, "files", str(folder), "--evidence", "1")
    return next(r for r in map(json.loads, out.splitlines()) if r["path"] == path)


def test_playlists_and_guides(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    records = _records(capsys, case[0], "--type", "playlist")
    m3u = _fields(records, "/data/media/0/Download/korea.m3u")[0]
    assert (m3u["kind"], m3u["entries"], m3u["catchup_entries"], m3u["group_count"]) == (
        "channel_list",
        3,
        1,
        2,
    )
    assert m3u["groups"] == ["Korea | Live", "VOD | Drama"]
    assert m3u["hosts"] == ["line.korea-tv.invalid:8080"]
    assert m3u["credentials"] == [
        {"host": "line.korea-tv.invalid:8080", "username": "cust0412", "password": "p4ssw0rd", "streams": 3}
    ]
    assert m3u["epg_url"].startswith("http://epg.korea-tv.invalid/xmltv.php")
    assert m3u["example_titles"] == ["KBS 1 HD", "MBC, Seoul", "Drama Ep1"]
    guide = _fields(records, "/data/media/0/Download/guide.xml")[0]
    assert (guide["format"], guide["entries"], guide["programmes"]) == ("xmltv", 2, 3)
    assert guide["channel_names"] == ["KBS 1", "MBC"] and guide["generator"] == "XMLTV panel"


def test_sweeper_finds_xtream_stalker_and_mag(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(capsys, case[0], "--type", "iptv_url")
    config = {
        (f["kind"], f["host"], f.get("username"), f.get("password"), f["occurrences"])
        for f in _fields(records, "/data/data/com.other.player/files/config.json")
    }
    assert config == {
        ("xtream_playlist", "panel.iptv.invalid:8080", "u1", "p1", 2),
        ("xtream_api", "panel.iptv.invalid:8080", "u1", "p1", 1),
    }
    streams = _fields(records, "/data/media/0/Download/korea.m3u")
    assert {(f["kind"], f.get("stream_type"), f["occurrences"]) for f in streams} == {
        ("xtream_epg", None, 1),
        ("xtream_stream", "live", 2),
        ("xtream_stream", "movie", 1),
    }
    accounts = _fields(records, "/data/data/com.other.player/databases/accounts.db")
    live, deleted = sorted(accounts, key=lambda f: f["found_in"] != "record")
    assert (live["username"], live["password"], live["found_in"]) == ("live", "pw", "record")  # not "pwKorea"
    # a deleted row, still in the free space: raw bytes cannot tell where the value ends
    assert (deleted["username"], deleted["found_in"]) == ("del", "raw")
    assert deleted["password"].startswith("gone") and len(accounts) == 2
    portals = {f["url"] for f in _fields(records) if f["kind"] == "stalker_portal"}
    assert "http://portal.stb.invalid/stalker_portal/c/" in portals
    macs = {(r["source"]["path"], r["fields"]["mac"]) for r in _records(capsys, case[0], "--type", "stb_mac")}
    assert ("/data/data/com.other.player/files/config.json", "00:1A:79:AB:CD:EF") in macs
    assert (SMARTERS_DB, "00:1A:79:12:34:56") in macs


def test_device_identity_and_packages(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    identity = _records(capsys, case[0], "--type", "device_identity")
    device = _fields(identity, "/system/build.prop")
    assert len(device) == 1
    assert (device[0]["model"], device[0]["brand"], device[0]["build_date"]) == (
        "X96 Max Plus",
        "BoxVendor",
        "2024-01-01T00:00:00Z",
    )
    assert device[0]["urls"]["ro.product.ota.host"] == "http://ota.boxvendor.invalid/update"
    assert _fields(identity, "/data/system/users/0/settings_secure.xml") == [
        {
            "settings_table": "settings_secure",
            "android_id": "a1b2c3d4e5f60718",
            "bluetooth_name": "X96 Max Plus",
            "unknown_sources_allowed": "1",
        }
    ]
    assert _fields(identity, "/data/system/users/0/settings_global.xml") == [
        {"settings_table": "settings_global", "device_name": "Shop Box 7", "adb_enabled": "1"}
    ]
    packages = _records(capsys, case[0], "--type", "installed_package")
    abx = {f["package"]: f for f in _fields(packages, "/data/system/packages.xml")}
    assert set(abx) == {"com.nst.iptvsmarterstvbox", "com.boxvendor.iptvlauncher"}
    smarters = abx["com.nst.iptvsmarterstvbox"]
    assert (smarters["source_format"], smarters["installer"], smarters["built_into_firmware"]) == (
        "abx",
        "com.android.vending",
        False,
    )
    assert (smarters["first_install"], smarters["last_update"]) == (
        "2024-01-01T00:00:00Z",
        "2024-01-02T00:00:00Z",
    )
    assert abx["com.boxvendor.iptvlauncher"]["built_into_firmware"] is True
    plain = _fields(packages, "/data/system/packages-backup.xml")
    assert [(f["package"], f["source_format"], f["first_install"]) for f in plain] == [
        ("org.xbmc.kodi", "xml", "2024-01-01T00:00:00Z")
    ]
    listed = _fields(packages, "/data/system/packages.list")
    assert [(f["package"], f["uid"]) for f in listed] == [
        ("com.nst.iptvsmarterstvbox", 10123),
        ("org.xbmc.kodi", 10130),
    ]


def test_kodi_wifi_and_browser(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = case[0]
    assert _fields(_records(capsys, folder, "--type", "kodi_source")) == [
        {
            "section": "video",
            "name": "Pirate Repo",
            "paths": ["http://repo.pirate.invalid/"],
            "hosts": ["repo.pirate.invalid"],
        }
    ]
    pvr = _fields(_records(capsys, folder, "--type", "kodi_pvr_setting"))[0]
    assert pvr["m3u_url"].endswith("get.php?username=cust0412&password=p4ssw0rd&type=m3u_plus")
    assert pvr["hosts"] == ["epg.korea-tv.invalid", "line.korea-tv.invalid:8080"]
    addons = {f["addon_id"]: f for f in _fields(_records(capsys, folder, "--type", "kodi_addon"))}
    assert addons["plugin.video.piratetv"]["origin"] == "repository.pirate"
    repository = addons["repository.pirate"]  # from its addon.xml: where it installs add-ons from
    assert (repository["source_format"], repository["kinds"], repository["hosts"]) == (
        "addon.xml",
        ["xbmc.addon.repository"],
        ["repo.pirate.invalid"],
    )
    assert repository["repository_urls"][0] == "http://repo.pirate.invalid/addons.xml"
    assert addons["plugin.video.piratetv"]["install_date_local"] == "2024-01-03 21:15:00"
    played = _fields(_records(capsys, folder, "--type", "kodi_played"))
    assert [(f["location"], f["play_count"]) for f in played] == [
        ("http://line.korea-tv.invalid:8080/movie/cust0412/p4ssw0rd/9001.mkv", 2)
    ]
    wifi = {
        (f["ssid"], f.get("psk"), f["source_format"])
        for f in _fields(_records(capsys, folder, "--type", "wifi_network"))
    }
    assert wifi == {
        ("Reseller-Shop", "shop-secret-9", "wifi_config_store"),
        ("Home-5G", "home-pass-1", "wpa_supplicant"),
    }
    visits = _fields(_records(capsys, folder, "--type", "browser_history"))
    assert [(f["url"], f["visit_count"]) for f in visits] == [("http://reseller.korea-tv.invalid/buy", 3)]
    assert visits[0]["last_visit"].startswith("2023-12-")
    downloads = _fields(_records(capsys, folder, "--type", "browser_download"))
    assert [(f["url"], f["total_bytes"]) for f in downloads] == [
        ("http://apk.korea-tv.invalid/smarters.apk", 31457280)
    ]


def test_panel_dump_on_the_server_disk(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    records = _records(capsys, case[0], "--evidence", "2")
    assert {r["source"]["path"] for r in records} == {
        "/root/backups/xtream_iptvpro_2024-01-06.sql",
        "/etc/nginx/nginx.conf",
    }
    by_type: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(record["type"], []).append(record["fields"])
    lines = {f["username"]: f for f in by_type["panel_line"]}
    assert (
        lines["cust0412"]["password"] == "p4ssw0rd" and lines["cust0412"]["expiry"] == "2026-01-01T00:00:00Z"
    )
    assert lines["cust0412"]["notes"] == 'paid; it\'s "VIP"' and lines["cust0412"]["reseller_id"] == 2
    assert lines["cust0999"]["enabled"] is False
    assert [(f["username"], f["owner_id"], f["credits"]) for f in by_type["panel_reseller"]] == [
        ("admin", 0, "0"),
        ("reseller_kim", 1, "150.5"),
    ]
    assert by_type["panel_credit"][0]["reason"] == "monthly top-up; paid in cash"
    assert by_type["panel_stream"][0]["sources"] == ["http://capture01.cable.invalid:8001/kbs1"]
    server = by_type["panel_server"][0]
    assert (server["ip"], server["is_main"]) == ("203.0.113.10", True)  # can_delete 0: the main server
    activity = by_type["panel_activity"][0]
    assert (activity["client_ip"], activity["country"], activity["start"]) == (
        "198.51.100.7",
        "ID",
        "2024-01-01T09:06:40Z",
    )
    assert by_type["panel_mag_device"][0]["mac"] == "00:1A:79:12:34:56"
    live, hls = by_type["streaming_config"]
    assert (live["application"], live["rtmp_ports"], live["live"]) == ("live", ["1935"], True)
    assert live["exec_pull"] == ["ffmpeg -i udp://239.1.1.1:5000 -c copy -f flv rtmp://127.0.0.1/hls/kbs1"]
    assert live["pull"] == ["rtmp://capture01.cable.invalid/live/mbc name=mbc static"]
    assert live["push"] == ["rtmp://relay.korea-tv.invalid/live"]
    assert "capture01.cable.invalid" in live["hosts"] and "239.1.1.1:5000" in live["hosts"]
    assert (hls["application"], hls["hls_path"]) == ("hls", "/var/www/hls")
    # the panel's customer line matches the credential found on the box
    box = _fields(_records(capsys, case[0], "--type", "iptv_credential", "--evidence", "1"))
    assert ("cust0412", "p4ssw0rd") in {(f.get("username"), f.get("password")) for f in box}


def test_damaged_sources_give_warnings_never_rows(case: tuple[Path, Path]) -> None:
    db = CaseDatabase.open(case[0])
    try:
        warnings = artifact_warnings(db, 1)
        warned = {w["path"] for w in warnings}
        rows_from = {
            p
            for (p,) in db.conn.execute(
                "SELECT f.path FROM artifacts a JOIN files f ON f.id = a.file_id WHERE a.type != 'iptv_url'"
            )
        }
    finally:
        db.close()
    assert warned == DAMAGED
    too_large = next(w for w in warnings if w["path"] == "/vendor/build.prop")
    assert "not read" in too_large["message"] and "limit 2097152" in too_large["message"]
    assert not warned & rows_from


def test_rerun_supersedes_and_is_recorded(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = case[0]
    db = CaseDatabase.open(folder)
    before = artifact_type_counts(db, 1)
    db.close()
    code, _, err = cli(capsys, "artifacts", str(folder), "--run", "--evidence", "1")
    assert code == 0 and "damaged sources" in err
    db = CaseDatabase.open(folder)
    try:
        assert artifact_type_counts(db, 1) == before
        runs = [(r["id"], r["state"], r["superseded_by"]) for r in artifact_runs(db, 1)]
    finally:
        db.close()
    assert runs[0][1:] == ("superseded", runs[-1][0]) and runs[-1][1] == "current"
    events = [e for e in ledger_events(capsys, folder) if e["action"] == "artifacts_extracted"]
    assert [e["evidence_id"] for e in events] == [1, 2, 1]
    assert events[-1]["details"]["superseded_runs"] == [runs[0][0]]
    assert events[-1]["details"]["counts"] == before
    assert events[-1]["details"]["extractors"]["iptv_smarters_db"] == 1
    assert ledger_intact(capsys, folder)


def test_counts_per_type(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "artifacts", str(case[0]), "--counts", "--evidence", "1")
    lines = dict(line.split("\t", 1) for line in out.splitlines())
    assert code == 0 and lines["iptv_credential"] == "5\tIPTV credentials"
    assert "panel_line" not in lines


def test_every_extracted_field_is_labelled(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The desktop application titles every field a row can have (app/artifacts/labels.py)."""
    fields = {name for record in _records(capsys, case[0]) for name in record["fields"]}
    assert len(fields) > 100
    assert not fields - set(FIELD_LABELS), "fields without labels (app/artifacts/labels.py)"
    assert field_label("ota_properties", "ko") == "OTA 속성" and field_label("table", "en") == "Table"


def test_csv_one_column_per_field(case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "artifacts", str(case[0]), "--type", "wifi_network", "--format", "csv")
    header, *rows = out.splitlines()
    assert code == 0 and len(rows) == 2
    assert header.startswith("id,type,") and "ssid" in header and "source_sha256" in header


def test_same_artifacts_from_an_android_sparse_image(
    case: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The box as its firmware tools ship it (img2simg): the extractors see the same files."""
    folder, tree = case
    sparse = tmp_path / "box.simg"
    subprocess.run(["img2simg", str(tree.parent / "box.img"), str(sparse)], check=True)
    other = tmp_path / "case"
    assert run(["case", "new", str(other), "--number", "2026-IPTV-9", "--title", "sparse"]) == 0
    code, _, err = cli(capsys, "evidence", "add", str(other), str(sparse))
    assert code == 0 and "artifacts: evidence 1 run 1:" in err
    raw_db, sparse_db = CaseDatabase.open(folder), CaseDatabase.open(other)
    try:
        assert artifact_type_counts(sparse_db) == artifact_type_counts(raw_db, 1)
        assert {w["path"] for w in artifact_warnings(sparse_db)} == DAMAGED
    finally:
        raw_db.close()
        sparse_db.close()


def test_cancelled_run_keeps_the_previous_results(
    case: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = case[0]
    examiner, _ = unlock_examiner("Kim", EnvironmentPassphrase())
    session = open_case(folder, examiner)
    try:
        before = artifact_type_counts(session.db, 1)
        asked = iter([False, False, True])  # Ctrl-C while the third source is next
        summary = run_artifacts(session, 1, cancelled=lambda: next(asked))
        assert (summary.state, summary.sources) == ("cancelled", 2)
        assert artifact_type_counts(session.db, 1) == before
        assert artifact_runs(session.db, 1)[-1]["state"] == "cancelled"
    finally:
        session.close()
    event = ledger_events(capsys, folder)[-1]
    assert event["action"] == "artifacts_cancelled"
    assert event["details"]["reason"].startswith("cancelled after 2 of")
    assert ledger_intact(capsys, folder)


def test_unreachable_image_fails_the_run_in_one_line(
    case: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The image moved away after import: the run stops at once, recorded, the last results stay."""
    tree = tmp_path / "tree"
    (tree / "sdcard").mkdir(parents=True)
    (tree / "sdcard" / "tv.m3u").write_text("#EXTM3U\n#EXTINF:-1,A\nhttp://h.invalid/live/u/p/1.ts\n")
    image = _image(tree, "moving", "2M")
    other = tmp_path / "case"
    assert run(["case", "new", str(other), "--number", "2026-IPTV-10", "--title", "moved"]) == 0
    assert run(["evidence", "add", str(other), str(image)]) == 0
    image.rename(image.with_suffix(".moved"))
    code, _, err = cli(capsys, "artifacts", str(other), "--run")
    assert code == 2 and err.count("\n") == 1 and "evidence 1: the evidence image is not reachable" in err
    assert ledger_events(capsys, other)[-1]["action"] == "artifacts_failed"
    db = CaseDatabase.open(other)
    try:
        assert artifact_type_counts(db) == {"iptv_url": 1, "playlist": 1}
    finally:
        db.close()


def test_bad_input_is_one_line(
    case: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "artifacts", str(tmp_path / "nowhere"))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "holds no Haechi case" in err
    code, _, err = cli(capsys, "artifacts", str(case[0]), "--run", "--evidence", "99")
    assert code == 2 and err == "haechi: no evidence 99 in this case\n"
