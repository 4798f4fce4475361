# ruff: noqa: E501 - sample data lines are kept as the programs write them
"""Realistic TV-box and panel data for the artifact tests (fictitious hosts under .invalid).

Builders only (no tests here): SQLite databases made with the sqlite3 module, XML as Android and Kodi
write it, Android binary XML (ABX) written by a small serializer following the documented format.
"""

import sqlite3
import struct
from pathlib import Path

IPTV_APP = "data/data/com.nst.iptvsmarterstvbox"
REBRAND_APP = "data/data/com.koreatv.plus"
KODI = "data/media/0/Android/data/org.xbmc.kodi/files/.kodi"
EXP_2026 = 1767225600  # 2026-01-01T00:00:00Z
MS_2024 = 0x18CC251F400  # 2024-01-01T00:00:00Z in ms


class AbxWriter:
    """Android BinaryXmlSerializer's wire format: token | type<<4, big-endian, interned strings."""

    def __init__(self) -> None:
        self.out = bytearray(b"ABX\x00")
        self.strings: list[str] = []
        self.out.append(0x10)  # START_DOCUMENT, TYPE_NULL

    def _utf(self, text: str) -> None:
        raw = text.encode("utf-8")
        self.out += struct.pack(">H", len(raw)) + raw

    def _interned(self, text: str) -> None:
        if text in self.strings:
            self.out += struct.pack(">H", self.strings.index(text))
        else:
            self.out += struct.pack(">H", 0xFFFF)
            self._utf(text)
            self.strings.append(text)

    def start(self, tag: str, **attributes: str | int | bool) -> "AbxWriter":
        self.out.append(0x32)  # START_TAG, TYPE_STRING_INTERNED
        self._interned(tag)
        for name, value in attributes.items():
            self.attribute(name, value)
        return self

    def attribute(self, name: str, value: str | int | bool, long_hex: bool = False) -> None:
        if isinstance(value, bool):
            self.out.append(((12 if value else 13) << 4) | 15)
            self._interned(name)
        elif isinstance(value, int):
            self.out.append(((9 if long_hex else 6) << 4) | 15)
            self._interned(name)
            self.out += struct.pack(">q" if long_hex else ">i", value)
        else:
            self.out.append((2 << 4) | 15)
            self._interned(name)
            self._utf(value)

    def text(self, text: str) -> "AbxWriter":
        self.out.append((2 << 4) | 4)
        self._utf(text)
        return self

    def end(self, tag: str) -> "AbxWriter":
        self.out.append(0x33)
        self._interned(tag)
        return self

    def finish(self) -> bytes:
        self.out.append(0x11)  # END_DOCUMENT
        return bytes(self.out)


def packages_abx() -> bytes:
    writer = AbxWriter().start("packages")
    writer.start("version", sdkVersion=33, fingerprint="BoxVendor/x96/x96:13/TP1A/20240101:user/release-keys")
    writer.end("version")
    writer.start(
        "package",
        name="com.nst.iptvsmarterstvbox",
        codePath="/data/app/~~Zm9v==/com.nst.iptvsmarterstvbox-YmFy==",
        version=512,
    )
    writer.attribute("ft", MS_2024, long_hex=True)
    writer.attribute("it", MS_2024, long_hex=True)
    writer.attribute("ut", MS_2024 + 86_400_000, long_hex=True)
    writer.attribute("userId", 10123)
    writer.attribute("installer", "com.android.vending")
    writer.end("package")
    writer.start(
        "package", name="com.boxvendor.iptvlauncher", codePath="/system/priv-app/IptvLauncher", userId=10050
    )
    writer.attribute("it", MS_2024 - 86_400_000, long_hex=True)
    writer.attribute("isOrphaned", True)
    writer.end("package")
    return writer.end("packages").finish()


def wifi_abx() -> bytes:
    writer = AbxWriter().start("WifiConfigStoreData").start("NetworkList").start("Network")
    writer.start("WifiConfiguration")
    for name, value in (
        ("ConfigKey", '"Reseller-Shop"WPA_PSK'),
        ("SSID", '"Reseller-Shop"'),
        ("PreSharedKey", '"shop-secret-9"'),
        ("CreatorName", "android.uid.system:1000"),
    ):
        writer.start("string", name=name).text(value).end("string")
    writer.end("WifiConfiguration").end("Network").end("NetworkList")
    return writer.end("WifiConfigStoreData").finish()


def settings_secure_abx() -> bytes:
    writer = AbxWriter().start("settings", version=213)
    for number, (name, value) in enumerate(
        (
            ("android_id", "a1b2c3d4e5f60718"),
            ("bluetooth_name", "X96 Max Plus"),
            ("install_non_market_apps", "1"),
        )
    ):
        writer.start("setting", id=number, name=name, value=value, package="android").end("setting")
    return writer.end("settings").finish()


SETTINGS_GLOBAL = (
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<settings version=\"213\">\n"
    '  <setting id="1" name="device_name" value="Shop Box 7" package="android" />\n'
    '  <setting id="2" name="adb_enabled" value="1" package="com.android.shell" />\n'
    "</settings>\n"
)
PACKAGES_XML = (
    "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<packages>\n"
    '<package name="org.xbmc.kodi" codePath="/data/app/org.xbmc.kodi-1" ft="18cc251f400" it="18cc251f400" '
    'ut="18cc251f400" version="201" userId="10130" installer="com.android.packageinstaller" />\n'
    "</packages>\n"
)
PACKAGES_LIST = (
    "com.nst.iptvsmarterstvbox 10123 0 /data/user/0/com.nst.iptvsmarterstvbox default:targetSdkVersion=30 3003\n"
    "org.xbmc.kodi 10130 0 /data/user/0/org.xbmc.kodi default:targetSdkVersion=31 3003\n"
)
BUILD_PROP = """# begin build properties
ro.build.id=TP1A.220624.014
ro.build.display.id=x96-13.0-20240101
ro.build.version.release=13
ro.build.version.sdk=33
ro.build.date=Mon Jan  1 09:00:00 KST 2024
ro.build.date.utc=1704067200
ro.product.model=X96 Max Plus
ro.product.brand=BoxVendor
ro.product.manufacturer=Amlogic
ro.product.device=x96max
ro.build.fingerprint=BoxVendor/x96/x96:13/TP1A/20240101:user/release-keys
ro.product.ota.host=http://ota.boxvendor.invalid/update
persist.sys.iptv.portal=http://portal.stb.invalid/stalker_portal/c/
"""
LOGIN_PREFS = """<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="username">cust0999</string>
    <string name="password">hunter22</string>
    <string name="serverUrl">http://dns.rebrand.invalid:25461</string>
    <string name="expDate">1798761600</string>
    <boolean name="loginStatus" value="true" />
</map>
"""
PLAYLIST = """#EXTM3U x-tvg-url="http://epg.korea-tv.invalid/xmltv.php?username=cust0412&password=p4ssw0rd"
#EXTINF:-1 tvg-id="kbs1.kr" tvg-name="KBS 1" tvg-logo="http://logo.invalid/kbs1.png" group-title="Korea | Live" catchup="default" catchup-days="7",KBS 1 HD
http://line.korea-tv.invalid:8080/live/cust0412/p4ssw0rd/101.ts
#EXTINF:-1 tvg-id="mbc.kr" tvg-name="MBC" group-title="Korea | Live",MBC, Seoul
http://line.korea-tv.invalid:8080/live/cust0412/p4ssw0rd/102.ts
#EXTINF:-1 tvg-name="Drama Ep1" group-title="VOD | Drama",Drama Ep1
http://line.korea-tv.invalid:8080/movie/cust0412/p4ssw0rd/9001.mkv
"""
XMLTV = """<?xml version="1.0" encoding="UTF-8"?>
<tv generator-info-name="XMLTV panel" source-info-url="http://epg.korea-tv.invalid/">
  <channel id="kbs1.kr"><display-name>KBS 1</display-name></channel>
  <channel id="mbc.kr"><display-name>MBC</display-name></channel>
  <programme start="20240101090000 +0900" channel="kbs1.kr"><title>News</title></programme>
  <programme start="20240101100000 +0900" channel="kbs1.kr"><title>Drama</title></programme>
  <programme start="20240101090000 +0900" channel="mbc.kr"><title>Show</title></programme>
</tv>
"""
PLAYER_CONFIG = (
    '{"portal": "http://panel.iptv.invalid:8080/get.php?username=u1&password=p1&type=m3u_plus", '
    '"api": "http://panel.iptv.invalid:8080/player_api.php?username=u1&password=p1", '
    '"again": "http://panel.iptv.invalid:8080/get.php?username=u1&password=p1&type=m3u_plus", '
    '"stb": "00:1a:79:ab:cd:ef"}'
)
SOURCES_XML = """<sources>
    <programs><default pathversion="1"></default></programs>
    <video>
        <default pathversion="1"></default>
        <source><name>Pirate Repo</name><path pathversion="1">http://repo.pirate.invalid/</path></source>
    </video>
</sources>
"""
PVR_SETTINGS = """<settings version="2">
    <setting id="m3uPathType">1</setting>
    <setting id="m3uUrl">http://line.korea-tv.invalid:8080/get.php?username=cust0412&amp;password=p4ssw0rd&amp;type=m3u_plus</setting>
    <setting id="epgUrl">http://epg.korea-tv.invalid/xmltv.php</setting>
</settings>
"""
REPOSITORY_ADDON = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<addon id="repository.pirate" name="Pirate Repo" version="1.0.2" provider-name="PirateTV">
    <extension point="xbmc.addon.repository" name="Pirate Repo">
        <dir>
            <info compressed="false">http://repo.pirate.invalid/addons.xml</info>
            <checksum>http://repo.pirate.invalid/addons.xml.md5</checksum>
            <datadir zip="true">http://repo.pirate.invalid/zips/</datadir>
        </dir>
    </extension>
    <extension point="xbmc.addon.metadata"><summary lang="en_GB">Everything, free</summary></extension>
</addon>
"""
WPA_SUPPLICANT = """ctrl_interface=wlan0
network={
\tssid="Home-5G"
\tpsk="home-pass-1"
\tkey_mgmt=WPA-PSK
}
"""


def smarters_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE multi_user (auto_id INTEGER PRIMARY KEY, name TEXT, username TEXT, password TEXT, "
            "server_url TEXT, magportal TEXT);"
            "CREATE TABLE multi_user_stalker (auto_id INTEGER PRIMARY KEY, name TEXT, mac_address TEXT, "
            "server_url TEXT);"
            "CREATE TABLE login_user (id INTEGER PRIMARY KEY, username TEXT, password TEXT, url TEXT, "
            "exp_date TEXT);"
            "INSERT INTO multi_user VALUES (1, 'Korea Premium', 'cust0412', 'p4ssw0rd', "
            "'http://line.korea-tv.invalid:8080', NULL);"
            "INSERT INTO multi_user_stalker VALUES (1, 'MAG box', '00:1A:79:12:34:56', "
            "'http://portal.stb.invalid/stalker_portal/c/');"
            f"INSERT INTO login_user VALUES (1, 'cust0412', 'p4ssw0rd', 'http://line.korea-tv.invalid:8080', "
            f"'{EXP_2026}');"
        )
    conn.close()


def kodi_addons_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE installed (id INTEGER PRIMARY KEY, addonID TEXT UNIQUE, enabled BOOLEAN, "
            "installDate TEXT, lastUpdated TEXT, lastUsed TEXT, origin TEXT NOT NULL DEFAULT '');"
            "INSERT INTO installed VALUES (1, 'pvr.iptvsimple', 1, '2024-01-02 10:00:00', NULL, NULL, "
            "'repository.xbmc.org');"
            "INSERT INTO installed VALUES (2, 'plugin.video.piratetv', 1, '2024-01-03 21:15:00', "
            "'2024-02-01 08:00:00', NULL, 'repository.pirate');"
        )
    conn.close()


def kodi_videos_db(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE path (idPath INTEGER PRIMARY KEY, strPath TEXT);"
            "CREATE TABLE files (idFile INTEGER PRIMARY KEY, idPath INTEGER, strFilename TEXT, "
            "playCount INTEGER, lastPlayed TEXT, dateAdded TEXT);"
            "INSERT INTO path VALUES (1, 'http://line.korea-tv.invalid:8080/movie/cust0412/p4ssw0rd/');"
            "INSERT INTO files VALUES (1, 1, '9001.mkv', 2, '2024-01-05 22:10:00', '2024-01-05 21:00:00');"
            "INSERT INTO files VALUES (2, 1, '9002.mkv', NULL, NULL, '2024-01-05 21:00:00');"
        )
    conn.close()


def chrome_history(path: Path) -> None:
    visit = 13_348_000_000_000_000  # WebKit microseconds: 2023-12-23T...Z
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE urls (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, "
            "visit_count INTEGER, typed_count INTEGER, last_visit_time INTEGER, hidden INTEGER);"
            "CREATE TABLE downloads (id INTEGER PRIMARY KEY, target_path LONGVARCHAR, start_time INTEGER, "
            "end_time INTEGER, total_bytes INTEGER, mime_type VARCHAR, tab_url VARCHAR);"
            "CREATE TABLE downloads_url_chains (id INTEGER, chain_index INTEGER, url LONGVARCHAR);"
            f"INSERT INTO urls VALUES (1, 'http://reseller.korea-tv.invalid/buy', 'Buy lines', 3, 0, {visit}, 0);"
            f"INSERT INTO downloads VALUES (1, '/storage/emulated/0/Download/smarters.apk', {visit}, "
            f"{visit + 5_000_000}, 31457280, 'application/vnd.android.package-archive', "
            "'http://apk.korea-tv.invalid/');"
            "INSERT INTO downloads_url_chains VALUES (1, 0, 'http://apk.korea-tv.invalid/smarters.apk');"
        )
    conn.close()


def smarters_db_in_wal(path: Path) -> None:
    """A database in WAL mode whose last login exists only in the write-ahead log (copied while open)."""
    work = path.parent / "wal-build"
    work.mkdir()
    conn = sqlite3.connect(work / path.name)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute(
        "CREATE TABLE multi_user (auto_id INTEGER PRIMARY KEY, name TEXT, username TEXT, password TEXT, server_url TEXT)"
    )
    conn.commit()
    conn.execute(
        "INSERT INTO multi_user VALUES (1, 'New line', 'walonly', 'w4lpass', 'http://wal.korea-tv.invalid')"
    )
    conn.commit()
    for suffix in ("", "-wal"):
        (path.parent / f"{path.name}{suffix}").write_bytes((work / f"{path.name}{suffix}").read_bytes())
    conn.close()
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()


def player_accounts_db(path: Path) -> None:
    """An unknown player's database: a live account (URL column next to a text column) and a deleted one."""
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "PRAGMA secure_delete = OFF;"
            "CREATE TABLE accounts (url TEXT, note TEXT);"
            "INSERT INTO accounts VALUES ('http://live.iptv.invalid/player_api.php?username=live&password=pw', 'Korea');"
            "INSERT INTO accounts VALUES ('http://old.iptv.invalid/get.php?username=del&password=gone', 'old');"
            "DELETE FROM accounts WHERE note = 'old';"
        )
    conn.close()


def corrupt_sqlite(path: Path) -> None:
    """A database whose header survived but whose pages did not (as after a bad NAND read)."""
    smarters_db(path)
    data = bytearray(path.read_bytes())
    data[100:] = bytes((i * 37) & 0xFF for i in range(len(data) - 100))
    path.write_bytes(bytes(data))


def box_tree(root: Path) -> None:
    """A TV box's system and data partitions in one tree (the test image is one ext4 file system)."""
    files: dict[str, str | bytes] = {
        "system/build.prop": BUILD_PROP,
        "data/system/packages.xml": packages_abx(),
        "data/system/packages-backup.xml": PACKAGES_XML,
        "data/system/packages.list": PACKAGES_LIST,
        "data/system/users/0/settings_secure.xml": settings_secure_abx(),
        "data/system/users/0/settings_global.xml": SETTINGS_GLOBAL,
        f"{REBRAND_APP}/shared_prefs/loginPrefs.xml": LOGIN_PREFS,
        "data/media/0/Download/korea.m3u": PLAYLIST,
        "data/media/0/Download/guide.xml": XMLTV,
        "data/data/com.other.player/files/config.json": PLAYER_CONFIG,
        f"{KODI}/userdata/sources.xml": SOURCES_XML,
        f"{KODI}/addons/repository.pirate/addon.xml": REPOSITORY_ADDON,
        f"{KODI}/userdata/addon_data/pvr.iptvsimple/instance-settings-1.xml": PVR_SETTINGS,
        "data/misc/apexdata/com.android.wifi/WifiConfigStore.xml": wifi_abx(),
        "data/misc/wifi/wpa_supplicant.conf": WPA_SUPPLICANT,
        # damaged sources: each must give a warning, never a crash
        "data/data/com.broken.tv/shared_prefs/loginPrefs.xml": LOGIN_PREFS[:150],
        "data/misc/wifi/WifiConfigStore.xml": wifi_abx()[:-20],
        f"{KODI}/userdata/Database/Addons27.db": bytes(range(256)) * 16,
        "vendor/build.prop": "# padding\n" * 210_000 + BUILD_PROP,  # over build.prop's 2 MiB limit
    }
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    builders = {
        f"{IPTV_APP}/databases/iptv_smarters_multi_user.db": smarters_db,
        f"{KODI}/userdata/Database/Addons33.db": kodi_addons_db,
        f"{KODI}/userdata/Database/MyVideos121.db": kodi_videos_db,
        "data/data/com.android.chrome/app_chrome/Default/History": chrome_history,
        "data/data/com.broken.tv/databases/iptv_smarters_multi_user.db": corrupt_sqlite,
        f"{REBRAND_APP}/databases/iptv_smarters_multi_user.db": smarters_db_in_wal,
        "data/data/com.other.player/databases/accounts.db": player_accounts_db,
    }
    for relative, build in builders.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        build(root / relative)


PANEL_DUMP = r"""-- MySQL dump 10.13  Distrib 5.7.42, for Linux (x86_64)
-- Host: localhost    Database: xtream_iptvpro
/*!40101 SET NAMES utf8 */;
DROP TABLE IF EXISTS `users`;
CREATE TABLE `users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `member_id` int(11) DEFAULT NULL,
  `username` varchar(50) NOT NULL,
  `password` varchar(255) NOT NULL,
  `exp_date` int(11) DEFAULT NULL,
  `admin_enabled` int(11) NOT NULL DEFAULT '1',
  `enabled` int(11) NOT NULL DEFAULT '1',
  `admin_notes` mediumtext,
  `max_connections` int(11) NOT NULL DEFAULT '1',
  `created_at` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
INSERT INTO `users` VALUES (1,2,'cust0412','p4ssw0rd',1767225600,1,1,'paid; it\'s \"VIP\"',2,1704067200),(2,2,'cust0999','hunter22',NULL,1,0,NULL,1,1704153600);
CREATE TABLE `reg_users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `username` varchar(50) NOT NULL,
  `owner_id` int(11) NOT NULL DEFAULT '0',
  `credits` float NOT NULL DEFAULT '0',
  `member_group_id` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `reg_users` VALUES (1,'admin',0,0,1),(2,'reseller_kim',1,150.5,2);
INSERT INTO `credits_log` (`id`, `target_id`, `admin_id`, `amount`, `date`, `reason`) VALUES
(1, 2, 1, 200, 1704067200, 'monthly top-up; paid in cash');
CREATE TABLE `streams` (`id` int(11), `type` int(11), `category_id` int(11), `stream_display_name` mediumtext, `stream_source` mediumtext);
INSERT INTO `streams` VALUES (101,1,3,'KBS 1 HD','[\"http:\\/\\/capture01.cable.invalid:8001\\/kbs1\"]');
CREATE TABLE `streaming_servers` (`id` int(11), `server_name` varchar(255), `server_ip` varchar(255), `domain_name` mediumtext, `status` int(11), `can_delete` tinyint(4));
INSERT INTO `streaming_servers` VALUES (1,'Main Server','203.0.113.10','line.korea-tv.invalid',1,0);
CREATE TABLE `user_activity` (`activity_id` int(11), `user_id` int(11), `stream_id` int(11), `server_id` int(11), `user_agent` varchar(255), `user_ip` varchar(39), `container` varchar(50), `date_start` int(11), `date_end` int(11), `geoip_country_code` varchar(22));
INSERT INTO `user_activity` VALUES (1,1,101,1,'IPTVSmartersPlayer','198.51.100.7','ts',1704100000,1704103600,'ID');
CREATE TABLE `mag_devices` (`mag_id` int(11), `user_id` int(11), `mac` varchar(50), `sn` varchar(255));
INSERT INTO `mag_devices` VALUES (1,2,'MDA6MUE6Nzk6MTI6MzQ6NTY=','SN123');
-- Dump completed
"""

NGINX_RTMP = """worker_processes auto;
rtmp {
    server {
        listen 1935;
        chunk_size 4096;
        application live {
            live on;
            # the capture card's multicast, re-packed for the HLS application
            exec_pull ffmpeg -i udp://239.1.1.1:5000 -c copy -f flv rtmp://127.0.0.1/hls/kbs1;
            pull rtmp://capture01.cable.invalid/live/mbc name=mbc static;
            push rtmp://relay.korea-tv.invalid/live;
        }
        application hls {
            live on;
            hls on;
            hls_path /var/www/hls;
        }
    }
}
http {
    server { listen 8080; location /hls { root /var/www; } }
}
"""
