"""Wi-Fi networks the device knew: WifiConfigStore.xml (plain XML or ABX) and wpa_supplicant.conf.

A network name places the box at a site (a shop, a reseller's office); keys are kept as stored.
"""

import re
from collections.abc import Iterable
from typing import Any

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import parse_xml

WIFI = "wifi_network"
NETWORK_BLOCK = re.compile(r"network\s*=\s*\{(.*?)\n\s*\}", re.DOTALL)


def _unquote(value: str | None) -> str | None:
    if value and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


class WifiConfigStore(Extractor):
    name = "wifi_config_store"
    version = 1
    types = (WIFI,)
    source = SourceSpec(names=("wificonfigstore*.xml",), max_size=16 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if root.tag != "WifiConfigStoreData":
            raise SourceRejected("root element is not <WifiConfigStoreData>")
        return [ArtifactRow(WIFI, self._network(network)) for network in root.iter("Network")]

    @staticmethod
    def _network(network: Any) -> dict[str, Any]:
        values: dict[str, str] = {}
        for entry in network.iter():
            key = entry.get("name")
            if key and key not in values:
                values[key] = entry.text if entry.get("value") is None else entry.get("value")
        return compact(
            {
                "ssid": _unquote(values.get("SSID")),
                "bssid": values.get("BSSID"),
                "config_key": values.get("ConfigKey"),
                "psk": _unquote(values.get("PreSharedKey")),
                "hidden": values.get("HiddenSSID") == "true" or None,
                "creator": values.get("CreatorName"),
                "last_updater": values.get("LastUpdateName"),
                "created": values.get("CreationTime"),
                "source_format": "wifi_config_store",
            }
        )


class WpaSupplicant(Extractor):
    name = "wpa_supplicant"
    version = 1
    types = (WIFI,)
    source = SourceSpec(names=("wpa_supplicant*.conf",), max_size=4 << 20, text=True)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        rows = []
        for block in NETWORK_BLOCK.findall(source.text()):
            values = dict(
                line.strip().split("=", 1)
                for line in block.splitlines()
                if "=" in line and not line.strip().startswith("#")
            )
            rows.append(
                ArtifactRow(
                    WIFI,
                    compact(
                        {
                            "ssid": _unquote(values.get("ssid")),
                            "bssid": values.get("bssid"),
                            "psk": _unquote(values.get("psk")),
                            "key_mgmt": values.get("key_mgmt"),
                            "source_format": "wpa_supplicant",
                        }
                    ),
                )
            )
        return rows
