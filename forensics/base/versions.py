"""Exact versions of the readers in use, for the ledger and the report."""

import platform

import pytsk3


def reader_versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), "sleuthkit": str(pytsk3.TSK_VERSION_STR)}
    try:
        import pyewf  # local: libewf is optional; its absence is a version to report, not a failure

        versions["libewf"] = str(pyewf.get_version())
    except ImportError:
        versions["libewf"] = "absent"
    try:
        import magic  # local: as libewf, libmagic may be missing where only versions are asked for

        versions["libmagic"] = str(magic.version())
    except (ImportError, AttributeError, OSError):
        versions["libmagic"] = "unknown"
    return versions
