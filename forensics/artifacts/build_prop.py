"""Device identity from build.prop and its partition siblings: model, brand, fingerprint, build date,
and every property holding a URL (OTA and vendor update servers of customised boxes); and from the
settings store (device and Bluetooth names, android_id, unknown sources, ADB)."""

import re
from collections.abc import Iterable
from typing import Any

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import epoch_to_iso, parse_xml

DEVICE = "device_identity"
URL_VALUE = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
# field -> properties, most specific first (Android 10+ repeats product props per partition)
PROPERTIES = {
    "model": (
        "ro.product.model",
        "ro.product.system.model",
        "ro.product.vendor.model",
        "ro.product.odm.model",
    ),
    "brand": ("ro.product.brand", "ro.product.system.brand", "ro.product.vendor.brand"),
    "manufacturer": (
        "ro.product.manufacturer",
        "ro.product.system.manufacturer",
        "ro.product.vendor.manufacturer",
    ),
    "device": ("ro.product.device", "ro.product.system.device", "ro.product.vendor.device"),
    "product": ("ro.product.name", "ro.product.system.name", "ro.product.vendor.name"),
    "board": ("ro.product.board", "ro.board.platform"),
    "fingerprint": (
        "ro.build.fingerprint",
        "ro.system.build.fingerprint",
        "ro.vendor.build.fingerprint",
        "ro.bootimage.build.fingerprint",
    ),
    "build_id": ("ro.build.display.id", "ro.build.id", "ro.system.build.id"),
    "build_date_text": ("ro.build.date", "ro.system.build.date", "ro.vendor.build.date"),
    "android_version": ("ro.build.version.release", "ro.system.build.version.release"),
    "sdk": ("ro.build.version.sdk", "ro.system.build.version.sdk"),
    "security_patch": ("ro.build.version.security_patch",),
    "incremental": ("ro.build.version.incremental", "ro.system.build.version.incremental"),
    "build_user_host": ("ro.build.user", "ro.build.host"),
}
DATE_UTC = ("ro.build.date.utc", "ro.system.build.date.utc", "ro.vendor.build.date.utc")


def parse_properties(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip()
    return values


class BuildProp(Extractor):
    name = "build_prop"
    version = 1
    types = (DEVICE,)
    source = SourceSpec(
        names=("build.prop", "default.prop", "prop.default", "local.prop"), max_size=2 << 20, text=True
    )

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        props = parse_properties(source.text())
        if not any(key.startswith(("ro.", "persist.")) for key in props):
            raise SourceRejected("no Android properties")
        fields: dict[str, Any] = {name: _first(props, keys) for name, keys in PROPERTIES.items()}
        fields["build_user_host"] = "@".join(
            filter(None, (props.get(k) for k in PROPERTIES["build_user_host"]))
        )
        fields["build_date"] = next((epoch_to_iso(props[k]) for k in DATE_UTC if props.get(k)), None)
        fields["urls"] = {key: value for key, value in props.items() if URL_VALUE.match(value)}
        fields["ota_properties"] = {k: v for k, v in props.items() if "ota" in k.lower().split(".") and v}
        fields["property_count"] = len(props)
        return [ArtifactRow(DEVICE, compact(fields))]


def _first(props: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((props[key] for key in keys if props.get(key)), None)


SETTINGS_KEYS = {
    "device_name": "device_name",
    "bluetooth_name": "bluetooth_name",
    "bluetooth_address": "bluetooth_address",
    "android_id": "android_id",
    "install_non_market_apps": "unknown_sources_allowed",
    "adb_enabled": "adb_enabled",
    "time_zone": "time_zone",
    "auto_time_zone": "auto_time_zone",
}


class AndroidSettings(Extractor):
    """Identity and configuration from Android's settings store (plain XML or ABX):
    the device and Bluetooth names the owner chose, android_id, whether apps from unknown sources
    (sideloaded IPTV apps) and ADB were allowed."""

    name = "android_settings"
    version = 1
    types = (DEVICE,)
    source = SourceSpec(
        names=("settings_global.xml", "settings_secure.xml", "settings_system.xml"), max_size=4 << 20
    )

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if root.tag != "settings":
            raise SourceRejected("root element is not <settings>")
        found = {
            SETTINGS_KEYS[name]: element.get("value")
            for element in root.iter("setting")
            if (name := element.get("name")) in SETTINGS_KEYS
        }
        if not any(found.values()):
            return []
        table = source.path.rsplit("/", 1)[-1].removesuffix(".xml")
        return [ArtifactRow(DEVICE, compact({"settings_table": table, **found}))]
