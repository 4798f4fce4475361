"""IPTV playlists: M3U/M3U8 channel lists (and HLS playlists) and XMLTV programme guides.

One summary row per file: how many channels, their groups, the hosts streams come from, the EPG
address and the credentials embedded in stream URLs (each one a customer line on a panel).
"""

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import local_name, url_host
from forensics.artifacts.xtream_urls import classify_url

PLAYLIST = "playlist"
ATTRIBUTE = re.compile(r'([A-Za-z0-9_-]+)="([^"]*)"')
LIST_LIMIT = 50
SHORT_STREAM = re.compile(r"^/([^/]+)/([^/]+)/(\d+)(?:\.(?:ts|m3u8))?$", re.IGNORECASE)


def _extinf(line: str) -> tuple[dict[str, str], str]:
    """Attributes and title of an #EXTINF line."""
    body = line.split(":", 1)[1] if ":" in line else ""
    head, _, title = _split_title(body)
    return {key.lower(): value for key, value in ATTRIBUTE.findall(head)}, title.strip()


def _split_title(body: str) -> tuple[str, str, str]:
    """Split at the first comma outside quotes (titles may hold commas, attributes may too)."""
    quoted = False
    for index, char in enumerate(body):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            return body[:index], ",", body[index + 1 :]
    return body, "", ""


class M3uPlaylist(Extractor):
    name = "m3u_playlist"
    version = 1
    types = (PLAYLIST,)
    source = SourceSpec(names=("*.m3u", "*.m3u8", "get.php*", "*.m3u_plus"), max_size=256 << 20, text=True)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        text = source.text().lstrip("\ufeff \r\n\t")
        if not text.startswith("#EXTM3U"):
            raise SourceRejected("no #EXTM3U header")
        return [ArtifactRow(PLAYLIST, self._summary(text))]

    def _summary(self, text: str) -> dict[str, Any]:
        lines = [line.strip() for line in text.splitlines()]
        header = _extinf(lines[0].replace("#EXTM3U", "#EXTM3U:", 1))[0]
        entries, groups, hosts, catchup = 0, Counter[str](), Counter[str](), 0
        credentials: dict[tuple[Any, ...], dict[str, Any]] = {}
        examples: list[str] = []
        for index, line in enumerate(lines):
            if not line.startswith("#EXTINF"):
                continue
            entries += 1
            attributes, title = _extinf(line)
            groups[attributes.get("group-title", "")] += 1
            catchup += 1 if attributes.get("catchup") or attributes.get("catchup-days") else 0
            url = _next_url(lines, index)
            if len(examples) < 5:
                examples.append(title or attributes.get("tvg-name", ""))
            if url:
                hosts[url_host(url) or ""] += 1
                _add_credential(credentials, url)
        return compact(
            {
                "format": "m3u",
                "kind": _kind(lines, entries),
                "entries": entries,
                "group_count": len([g for g in groups if g]),
                "groups": [g for g, _ in groups.most_common(LIST_LIMIT) if g],
                "hosts": [h for h, _ in hosts.most_common(LIST_LIMIT) if h],
                "epg_url": header.get("x-tvg-url") or header.get("url-tvg"),
                "catchup_entries": catchup,
                "credentials": list(credentials.values())[:LIST_LIMIT],
                "example_titles": examples,
            }
        )


def _kind(lines: list[str], entries: int) -> str:
    if any(line.startswith("#EXT-X-STREAM-INF") for line in lines):
        return "hls_master"
    if any(line.startswith("#EXT-X-TARGETDURATION") for line in lines):
        return "hls_media"
    return "channel_list" if entries else "empty"


def _next_url(lines: list[str], index: int) -> str | None:
    for line in lines[index + 1 : index + 6]:
        if line and not line.startswith("#"):
            return line
    return None


def _short_stream(url: str) -> dict[str, Any] | None:
    """Xtream's live form without a type folder, http://HOST/USER/PASS/ID[.ts]: trusted only in a playlist."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    match = SHORT_STREAM.match(path)
    return {"username": match.group(1), "password": match.group(2)} if match else None


def _add_credential(found: dict[tuple[Any, ...], dict[str, Any]], url: str) -> None:
    facts = classify_url(url) or _short_stream(url)
    if not facts or not facts.get("username"):
        return
    host = url_host(url)
    key = (host, facts["username"], facts.get("password"))
    if key in found:
        found[key]["streams"] += 1
    else:
        found[key] = {
            "host": host,
            "username": facts["username"],
            "password": facts.get("password"),
            "streams": 1,
        }


class XmltvGuide(Extractor):
    sweeping = True
    name = "xmltv_guide"
    version = 1
    types = (PLAYLIST,)
    source = SourceSpec(names=("*.xml", "*.xmltv"), max_size=256 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        with source.local.open("rb") as handle:
            head = handle.read(4096)
        if b"<tv" not in head or not (b"<channel" in head or b"<programme" in head or b"generator" in head):
            raise SourceRejected("not XMLTV")
        channels, programmes, first, last = 0, 0, None, None
        root_attributes: dict[str, str] = {}
        names: list[str] = []
        for event, element in ET.iterparse(source.local, events=("start", "end")):
            tag = local_name(element.tag)
            if event == "start" and tag == "tv":
                root_attributes = dict(element.attrib)
            if event != "end":
                continue
            if tag == "channel":
                channels += 1
                name = element.findtext("display-name")
                if name and len(names) < LIST_LIMIT:
                    names.append(name)
                element.clear()
            elif tag == "programme":
                programmes += 1
                start = element.get("start", "")
                first = start if first is None or start < first else first
                last = start if last is None or start > last else last
                element.clear()
        fields = {
            "format": "xmltv",
            "kind": "epg",
            "entries": channels,
            "programmes": programmes,
            "channel_names": names,
            "first_programme_start": first,
            "last_programme_start": last,
            "generator": root_attributes.get("generator-info-name"),
            "source_url": root_attributes.get("source-info-url"),
            "hosts": [h for h in [url_host(root_attributes.get("source-info-url"))] if h],
        }
        return [ArtifactRow(PLAYLIST, compact(fields))]
