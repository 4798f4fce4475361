"""Kodi: media sources, the IPTV Simple PVR client's playlist and guide addresses, installed add-ons
(with the repository they came from) and played files.

Kodi writes its database times as local time of the box without a zone: they are kept as written,
in fields ending in `_local`.
"""

import sqlite3
from collections.abc import Iterable

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import (
    as_int,
    as_text,
    dict_rows,
    local_name,
    parse_xml,
    require_tables,
    sqlite_readonly,
    url_host,
)

SOURCE = "kodi_source"
PVR = "kodi_pvr_setting"
ADDON = "kodi_addon"
PLAYED = "kodi_played"
PVR_KEYS = {
    "m3uurl": "m3u_url",
    "epgurl": "epg_url",
    "m3upath": "m3u_path",
    "epgpath": "epg_path",
    "logobaseurl": "logo_base_url",
    "catchupqueryformat": "catchup_query_format",
}


class KodiSources(Extractor):
    name = "kodi_sources"
    version = 1
    types = (SOURCE,)
    source = SourceSpec(names=("sources.xml",), path_fragments=("userdata",), max_size=4 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if root.tag != "sources":
            raise SourceRejected("root element is not <sources>")
        rows = []
        for section in root:
            for entry in section.findall("source"):
                paths = [as_text(p.text) for p in entry.findall("path")]
                fields = {
                    "section": section.tag,
                    "name": as_text(entry.findtext("name")),
                    "paths": [p for p in paths if p],
                    "hosts": sorted({h for p in paths if (h := url_host(p)) and "://" in (p or "")}),
                }
                rows.append(ArtifactRow(SOURCE, compact(fields)))
        return rows


class KodiPvrSettings(Extractor):
    name = "kodi_pvr_iptvsimple"
    version = 1
    types = (PVR,)
    source = SourceSpec(
        names=("settings*.xml", "instance-settings*.xml"),
        path_fragments=("addon_data/pvr.iptvsimple",),
        max_size=4 << 20,
    )

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if local_name(root.tag) != "settings":
            raise SourceRejected("root element is not <settings>")
        values: dict[str, str] = {}
        for setting in root.iter("setting"):
            key = (setting.get("id") or "").lower()
            value = setting.get("value") if setting.get("value") is not None else setting.text
            if key in PVR_KEYS and value and value.strip():
                values[PVR_KEYS[key]] = value.strip()
        if not values:
            return []
        hosts = sorted({h for k in ("m3u_url", "epg_url") if (h := url_host(values.get(k)))})
        return [ArtifactRow(PVR, compact({**values, "hosts": hosts}))]


class KodiAddons(Extractor):
    name = "kodi_addons"
    version = 1
    types = (ADDON,)
    source = SourceSpec(names=("addons*.db",), max_size=64 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with sqlite_readonly(source) as conn:
            present = require_tables(conn, {"installed": {"addonid", "installdate"}})
            origin = "origin" in present["installed"]
            query = "SELECT * FROM installed ORDER BY id"
            return [
                ArtifactRow(
                    ADDON,
                    compact(
                        {
                            "addon_id": row.get("addonid"),
                            "enabled": bool(row["enabled"]) if row.get("enabled") is not None else None,
                            "install_date_local": as_text(row.get("installdate")),
                            "last_updated_local": as_text(row.get("lastupdated")),
                            "last_used_local": as_text(row.get("lastused")),
                            "origin": as_text(row.get("origin")) if origin else None,
                            "source_format": "addons_db",
                        }
                    ),
                )
                for row in dict_rows(conn, query)
            ]


class KodiPlayed(Extractor):
    name = "kodi_played"
    version = 1
    types = (PLAYED,)
    source = SourceSpec(names=("myvideos*.db",), max_size=512 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with sqlite_readonly(source) as conn:
            require_tables(conn, {"files": {"strfilename", "playcount", "lastplayed"}})
            return list(self._rows(conn))

    @staticmethod
    def _rows(conn: sqlite3.Connection) -> Iterable[ArtifactRow]:
        query = (
            "SELECT f.strFilename AS file, p.strPath AS folder, f.playCount AS plays, "
            "f.lastPlayed AS last, f.dateAdded AS added FROM files f LEFT JOIN path p ON p.idPath = f.idPath "
            "WHERE f.playCount > 0 OR f.lastPlayed IS NOT NULL ORDER BY f.idFile"
        )
        for row in dict_rows(conn, query):
            location = f"{row['folder'] or ''}{row['file'] or ''}"
            yield ArtifactRow(
                PLAYED,
                compact(
                    {
                        "location": location,
                        "host": url_host(location) if "://" in location else None,
                        "play_count": as_int(row["plays"]),
                        "last_played_local": as_text(row["last"]),
                        "date_added_local": as_text(row["added"]),
                    }
                ),
            )


class KodiAddonManifests(Extractor):
    """Add-ons present on disk (.kodi/addons/ID/addon.xml), even when Addons*.db is gone; for
    repositories, the addresses they install from."""

    name = "kodi_addon_manifests"
    version = 1
    types = (ADDON,)
    source = SourceSpec(names=("addon.xml",), path_fragments=(".kodi/addons/",), max_size=1 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if root.tag != "addon" or not root.get("id"):
            raise SourceRejected("not a Kodi add-on manifest")
        points = [extension.get("point", "") for extension in root.iter("extension")]
        urls = [
            text.strip()
            for tag in ("info", "checksum", "datadir")
            for element in root.iter(tag)
            if (text := element.text) and "://" in text
        ]
        fields = {
            "addon_id": root.get("id"),
            "name": root.get("name"),
            "version": root.get("version"),
            "provider": root.get("provider-name"),
            "kinds": [point for point in points if point and point != "xbmc.addon.metadata"],
            "repository_urls": urls,
            "hosts": sorted({host for url in urls if (host := url_host(url))}),
            "source_format": "addon.xml",
        }
        return [ArtifactRow(ADDON, compact(fields))]
