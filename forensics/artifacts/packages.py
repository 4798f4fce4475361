"""Installed packages: /data/system/packages.xml (plain XML or binary ABX) and packages.list.

A code path under /system, /product, /vendor or /odm means the app was built into the firmware:
the box was customised before it was sold.
"""

from collections.abc import Iterable
from typing import Any

from forensics.artifacts.base import ArtifactRow, Extractor, SourceFile, SourceRejected, SourceSpec, compact
from forensics.artifacts.common import as_int, hex_ms_to_iso, parse_xml

PACKAGE = "installed_package"
FIRMWARE_ROOTS = ("/system/", "/product/", "/vendor/", "/odm/", "/system_ext/", "/apex/")


def in_firmware(code_path: str | None) -> bool | None:
    if not code_path:
        return None
    return code_path.startswith(FIRMWARE_ROOTS)


class PackagesXml(Extractor):
    name = "packages_xml"
    version = 1
    types = (PACKAGE,)
    source = SourceSpec(names=("packages.xml", "packages-backup.xml"), max_size=64 << 20)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        root = parse_xml(source)
        if root.tag != "packages":
            raise SourceRejected("root element is not <packages>")
        binary = source.read_bytes()[:4] == b"ABX\x00"
        rows = []
        for element in root:
            if element.tag in ("package", "updated-package"):
                rows.append(ArtifactRow(PACKAGE, self._package(element.attrib, element.tag, binary)))
        return rows

    @staticmethod
    def _package(attrs: dict[str, str], tag: str, binary: bool) -> dict[str, Any]:
        code_path = attrs.get("codePath")
        return compact(
            {
                "package": attrs.get("name"),
                "code_path": code_path,
                "built_into_firmware": in_firmware(code_path),
                "installer": attrs.get("installer") or attrs.get("installerPackageName"),
                "install_initiator": attrs.get("installInitiator"),
                "first_install": hex_ms_to_iso(attrs.get("it")),
                "last_update": hex_ms_to_iso(attrs.get("ut")),
                "file_time": hex_ms_to_iso(attrs.get("ft")),
                "version_code": as_int(attrs.get("version")),
                "uid": as_int(attrs.get("userId") or attrs.get("sharedUserId")),
                "updated_system_app": tag == "updated-package" or None,
                "source_format": "abx" if binary else "xml",
            }
        )


class PackagesList(Extractor):
    name = "packages_list"
    version = 1
    types = (PACKAGE,)
    source = SourceSpec(names=("packages.list",), max_size=16 << 20, text=True)

    def parse(self, source: SourceFile) -> Iterable[ArtifactRow]:
        rows = []
        for line in source.text().splitlines():
            parts = line.split()
            if len(parts) < 4 or as_int(parts[1]) is None:
                continue
            rows.append(
                ArtifactRow(
                    PACKAGE,
                    compact(
                        {
                            "package": parts[0],
                            "uid": as_int(parts[1]),
                            "debuggable": parts[2] == "1",
                            "data_dir": parts[3],
                            "seinfo": parts[4] if len(parts) > 4 else None,
                            "source_format": "packages.list",
                        }
                    ),
                )
            )
        if not rows:
            raise SourceRejected("no package lines")
        return rows
