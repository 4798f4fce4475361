"""Re-streaming servers: nginx-rtmp configurations.

Each `application` block of an `rtmp { }` section says where channels come in (pull, exec'd ffmpeg
commands reading capture sources), where they go (push) and where HLS output is written - the
plumbing of an illegal IPTV service.
"""

import re
from collections.abc import Iterable
from typing import Any

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import url_host

STREAMING = "streaming_config"
APPLICATION = re.compile(r"^\s*application\s+(\S+)\s*\{", re.MULTILINE)
STREAM_URL = re.compile(r"\b(?:rtmps?|rtsp|srt|udp|rtp|https?)://[^\s;'\"]+", re.IGNORECASE)
DIRECTIVES = ("push", "pull", "exec", "exec_pull", "exec_push", "exec_static", "on_publish", "on_play")
PATHS = ("hls_path", "dash_path", "record_path")


def _blocks(text: str) -> Iterable[tuple[str, str]]:
    """(application name, its body) for every application block (braces counted, comments dropped)."""
    clean = re.sub(r"#[^\n]*", "", text)
    for match in APPLICATION.finditer(clean):
        depth, index = 1, match.end()
        while index < len(clean) and depth:
            depth += {"{": 1, "}": -1}.get(clean[index], 0)
            index += 1
        yield match.group(1), clean[match.end() : index - 1]


def _application(name: str, body: str, ports: list[str]) -> dict[str, Any]:
    directives: dict[str, list[str]] = {}
    for statement in body.split(";"):
        words = statement.split(None, 1)
        if len(words) == 2 and words[0] in DIRECTIVES + PATHS:
            directives.setdefault(words[0], []).append(" ".join(words[1].split()))
    urls = sorted(set(STREAM_URL.findall(body)))
    return compact(
        {
            "application": name,
            "rtmp_ports": ports,
            "live": bool(re.search(r"^\s*live\s+on\b", body, re.MULTILINE)) or None,
            **{key: values for key, values in directives.items() if key in DIRECTIVES},
            **{key: values[0] for key, values in directives.items() if key in PATHS},
            "urls": urls,
            "hosts": sorted({host for url in urls if (host := url_host(url))}),
        }
    )


class NginxRtmp(Extractor):
    name = "nginx_rtmp"
    version = 1
    types = (STREAMING,)
    source = SourceSpec(names=("*.conf",), path_fragments=("nginx",), max_size=4 << 20, text=True)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        text = source.text()
        if not re.search(r"\brtmp\s*\{", text) and not APPLICATION.search(text):
            raise SourceRejected("no rtmp section")
        ports = re.findall(r"^\s*listen\s+(\d+)\s*;", text.split("http {")[0], re.MULTILINE)
        return [ArtifactRow(STREAMING, _application(name, body, ports)) for name, body in _blocks(text)]
