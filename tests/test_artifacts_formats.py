"""The extractors' format readers on their own: ABX, SQL dumps, IPTV URLs, playlists, damaged input."""

import struct
from pathlib import Path

import pytest
from test_artifacts_samples import AbxWriter, packages_abx

from app.artifacts.extract import KEY_FIELDS, TYPE_LABELS, all_artifact_types
from forensics.artifacts.abx import AbxError, abx_to_element
from forensics.artifacts.base import ArtifactRow, SourceFile, Truncated, run_extractor
from forensics.artifacts.build_prop import BuildProp
from forensics.artifacts.iptv_smarters import IptvSmartersDatabase, IptvSmartersPrefs
from forensics.artifacts.playlists import M3uPlaylist
from forensics.artifacts.registry import EXTRACTORS, artifact_types
from forensics.artifacts.sql_dump import fast_value_tuples, table_rows, value_tuples
from forensics.artifacts.xtream_panel import XtreamPanel, panel_rows
from forensics.artifacts.xtream_urls import classify_url


def _source(tmp_path: Path, name: str, content: bytes | str) -> SourceFile:
    local = tmp_path / name
    local.write_bytes(content.encode() if isinstance(content, str) else content)
    return SourceFile(f"/data/{name}", local, local.stat().st_size)


def test_abx_packages_decode_with_typed_attributes() -> None:
    root = abx_to_element(packages_abx())
    assert root.tag == "packages"
    package = root.find("package")
    assert package is not None
    assert package.get("name") == "com.nst.iptvsmarterstvbox"
    assert package.get("it") == "18cc251f400" and package.get("userId") == "10123"
    launcher = root.findall("package")[1]
    assert launcher.get("isOrphaned") == "true"
    version = root.find("version")
    assert version is not None and version.get("sdkVersion") == "33"


def test_abx_modified_utf8_text_and_interning() -> None:
    writer = AbxWriter().start("map").start("string", name="title")
    writer.out.append((2 << 4) | 4)  # TEXT, a Java string with an emoji as two 3-byte surrogates
    raw = "한국 채널 ".encode() + "\ud83d\ude00".encode("utf-8", "surrogatepass")
    writer.out += struct.pack(">H", len(raw)) + raw
    writer.end("string").start("string", name="title").text("again").end("string")
    root = abx_to_element(writer.end("map").finish())
    assert [(e.get("name"), e.text) for e in root] == [("title", "한국 채널 😀"), ("title", "again")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (packages_abx()[:-9], "truncated|ends inside"),
        (b"ABX\x00\x32\x00\x05", "interned string 5 not defined"),
        (b"ABX\x00\x10\x32\xff\xff\x00\x01a\x3e", "unknown token 14"),
        (b"<?xml version='1.0'?><x/>", "magic"),
    ],
)
def test_abx_damage_is_reported(data: bytes, reason: str) -> None:
    with pytest.raises(AbxError, match=reason):
        abx_to_element(data)


def test_sql_dump_phpmyadmin_style() -> None:
    dump = (
        "-- phpMyAdmin SQL Dump; a comment with ; and 'quote\n"
        "CREATE TABLE `lines` (\n  `id` int(11) NOT NULL,\n  `username` varchar(255),\n"
        "  `password` varchar(255),\n  `exp_date` int(11),\n  `price` decimal(10,2),\n"
        "  PRIMARY KEY (`id`),\n  KEY `username` (`username`)\n) ENGINE=InnoDB;\n"
        "INSERT INTO `lines` (`id`, `username`, `password`, `exp_date`, `price`) VALUES\n"
        "(1, 'a;b', 'it''s\\\\x', -1, 9.50),\n(2, _binary 'bin', 0x6869, NULL, 1e3);\n"
        "INSERT INTO `other` VALUES (1,'ignored');\n"
    )
    rows = list(table_rows(dump, {"lines"}))
    assert rows == [
        ("lines", {"id": 1, "username": "a;b", "password": "it's\\x", "exp_date": -1, "price": "9.50"}),
        ("lines", {"id": 2, "username": "bin", "password": "hi", "exp_date": None, "price": "1e3"}),
    ]


def test_row_limit_keeps_rows_and_warns() -> None:
    rows = [
        ("user_activity", {"user_id": i, "user_ip": f"198.51.100.{i}", "container": "ts"}) for i in range(5)
    ]
    rows.insert(1, ("lines", {"username": "u", "password": "p", "exp_date": 1767225600}))
    with pytest.raises(Truncated, match="user_activity: first 2 of 5 rows") as stop:
        panel_rows(rows, limit=2)
    assert [r.type for r in stop.value.rows] == ["panel_activity", "panel_line", "panel_activity"]

    class Limited(XtreamPanel):
        def parse(self, source: SourceFile) -> list[ArtifactRow]:
            return panel_rows(rows, limit=2)

    result = run_extractor(Limited(), SourceFile("/p.sql", Path("/nonexistent"), 1))
    assert len(result.rows) == 3 and "row limit" in (result.warning or "")


def test_other_web_applications_dumps_are_not_panels(tmp_path: Path) -> None:
    dump = (
        "CREATE TABLE `users` (`id` int, `username` varchar(50), `email` text, `password` text);\n"
        "INSERT INTO `users` VALUES (1,'alice','alice@example.invalid','$2y$10$hash');\n"
        "CREATE TABLE `user_activity` (`id` int, `user_id` int, `action` text, `created_at` datetime);\n"
        "INSERT INTO `user_activity` VALUES (1,1,'login','2025-12-03 16:23:07');\n"
    )
    result = run_extractor(XtreamPanel(), _source(tmp_path, "shop.sql", dump))
    assert result.rejected and result.rows == [] and result.warning is None


@pytest.mark.parametrize(
    "values",
    [
        "(1,'a\\'b','c\\\\d','line\\nbreak','한국어 채널'),(2,'',NULL,-0,'(x)')",
        "(1, 'x' ,\n 2.5e-3 , 0x41)",
        "(7,_binary '\\0\\Z','[\\\"http:\\/\\/h.invalid\\/a\\\"]')",
    ],
)
def test_fast_and_careful_value_readers_agree(values: str) -> None:
    assert fast_value_tuples(values) == list(value_tuples(values))


def test_truncated_sql_dump_gives_a_warning(tmp_path: Path) -> None:
    source = _source(tmp_path, "panel.sql", "INSERT INTO `users` VALUES (1,'u','p',1767225600),(2,'v")
    result = run_extractor(XtreamPanel(), source)
    assert result.rows == [] and result.warning and "truncated" in result.warning


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://h.invalid:8080/get.php?username=a&password=b&type=m3u_plus",
            {"kind": "xtream_playlist", "username": "a", "password": "b", "output": "m3u_plus"},
        ),
        (
            "http://h.invalid/player_api.php?username=a&password=b",
            {"kind": "xtream_api", "username": "a", "password": "b", "output": None},
        ),
        (
            "http://h.invalid:80/live/a/b/12.m3u8",
            {"kind": "xtream_stream", "stream_type": "live", "username": "a", "password": "b"},
        ),
        (
            "http://h.invalid/timeshift/a/b/60/2024-01-01:10-00/12.ts",
            {"kind": "xtream_stream", "stream_type": "timeshift", "username": "a", "password": "b"},
        ),
        ("http://h.invalid/stalker_portal/server/load.php", {"kind": "stalker_portal"}),
        ("http://h.invalid/portal.php", {"kind": "stalker_portal"}),
        ("http://h.invalid/get.php?id=3", None),
        ("http://h.invalid/live/news.html", None),
    ],
)
def test_iptv_url_classes(url: str, expected: dict[str, str] | None) -> None:
    assert classify_url(url) == expected


def test_playlist_credentials_in_the_short_live_form(tmp_path: Path) -> None:
    playlist = (
        '#EXTM3U\n#EXTINF:-1 tvg-id="a" group-title="KR",A\nhttp://h.invalid:8080/cust/pw/101\n'
        "#EXTINF:-1,B\nhttp://h.invalid:8080/cust/pw/102.ts\n#EXTINF:-1,Logo\nhttp://cdn.invalid/img/2024/1.png\n"
    )
    result = run_extractor(M3uPlaylist(), _source(tmp_path, "tv.m3u", playlist))
    assert result.rows[0].fields["credentials"] == [
        {"host": "h.invalid:8080", "username": "cust", "password": "pw", "streams": 2}
    ]


def test_login_prefs_with_separate_protocol_and_port(tmp_path: Path) -> None:
    prefs = (
        '<map><string name="username">u7</string><string name="password">p7</string>'
        '<string name="serverUrl">dns.rebrand.invalid</string><string name="serverPort">25461</string>'
        '<string name="serverProtocol">https</string></map>'
    )
    local = tmp_path / "shared_prefs" / "loginPrefs.xml"
    local.parent.mkdir()
    local.write_text(prefs)
    result = run_extractor(
        IptvSmartersPrefs(), SourceFile(f"/data/{local.name}", local, local.stat().st_size)
    )
    fields = result.rows[0].fields
    assert (fields["server_url"], fields["host"], fields["username"]) == (
        "https://dns.rebrand.invalid:25461",
        "dns.rebrand.invalid:25461",
        "u7",
    )


def test_hls_and_non_playlists(tmp_path: Path) -> None:
    hls = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\nseg1.ts\n#EXTINF:10.0,\nseg2.ts\n"
    result = run_extractor(M3uPlaylist(), _source(tmp_path, "index.m3u8", hls))
    assert [(r.fields["kind"], r.fields["entries"]) for r in result.rows] == [("hls_media", 2)]
    other = run_extractor(M3uPlaylist(), _source(tmp_path, "notes.m3u", "just text"))
    assert other.rejected and other.warning is None and other.rows == []


def test_garbage_named_like_sources_gives_warnings(tmp_path: Path) -> None:
    """Binary garbage under a source's name: a warning from every extractor of a specific format."""
    generic = ("iptv_url_sweeper", "xmltv_guide", "xtream_panel")  # *.xml, *.db...: many files are not theirs
    garbage = bytes(range(256)) * 8
    for extractor in EXTRACTORS:
        for name in extractor.source.names:
            source = _source(tmp_path, name.replace("*", "x").replace("?", "x"), garbage)
            result = run_extractor(extractor, source)
            assert result.rows == [], extractor.name
            assert bool(result.warning) is (extractor.name not in generic), (extractor.name, name)


def test_schema_mismatch_is_not_a_warning(tmp_path: Path) -> None:
    import sqlite3

    local = tmp_path / "iptv_smarters_multi_user.db"
    with sqlite3.connect(local) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    result = run_extractor(IptvSmartersDatabase(), SourceFile("/x.db", local, local.stat().st_size))
    assert result.rejected and result.warning is None
    assert local.read_bytes()[:16] == b"SQLite format 3\x00"


def test_size_limit_and_declared_types(tmp_path: Path) -> None:
    big = _source(tmp_path, "build.prop", "ro.product.model=x\n")
    oversized = SourceFile(big.path, big.local, BuildProp.source.max_size + 1)
    assert "limit" in (run_extractor(BuildProp(), oversized).warning or "")
    assert not BuildProp().wants("/system/build.prop", "build.prop", BuildProp.source.max_size + 1)
    assert "iptv_credential" in artifact_types() and "panel_line" in artifact_types()
    assert len({e.name for e in EXTRACTORS}) == len(EXTRACTORS)
    assert set(TYPE_LABELS) == set(KEY_FIELDS) == set(all_artifact_types())  # every type: a title, columns
