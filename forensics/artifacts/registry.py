"""Every artifact extractor, listed once, in priority order (no registration by import side effect)."""

from forensics.artifacts.base import Extractor
from forensics.artifacts.browser import ChromeHistory
from forensics.artifacts.build_prop import AndroidSettings, BuildProp
from forensics.artifacts.iptv_smarters import IptvSmartersDatabase, IptvSmartersPrefs
from forensics.artifacts.kodi import KodiAddonManifests, KodiAddons, KodiPlayed, KodiPvrSettings, KodiSources
from forensics.artifacts.packages import PackagesList, PackagesXml
from forensics.artifacts.playlists import M3uPlaylist, XmltvGuide
from forensics.artifacts.streaming_server import NginxRtmp
from forensics.artifacts.wifi import WifiConfigStore, WpaSupplicant
from forensics.artifacts.xtream_panel import XtreamPanel
from forensics.artifacts.xtream_urls import XtreamSweeper

EXTRACTORS: tuple[Extractor, ...] = (
    IptvSmartersDatabase(),
    IptvSmartersPrefs(),
    M3uPlaylist(),
    XmltvGuide(),
    XtreamSweeper(),
    BuildProp(),
    AndroidSettings(),
    PackagesXml(),
    PackagesList(),
    KodiSources(),
    KodiPvrSettings(),
    KodiAddons(),
    KodiAddonManifests(),
    KodiPlayed(),
    WifiConfigStore(),
    WpaSupplicant(),
    ChromeHistory(),
    XtreamPanel(),
    NginxRtmp(),
)


def extractor_versions() -> dict[str, int]:
    return {extractor.name: extractor.version for extractor in EXTRACTORS}


def artifact_types() -> list[str]:
    return sorted({kind for extractor in EXTRACTORS for kind in extractor.types})
