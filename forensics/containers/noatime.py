"""Opening image files read-only with O_NOATIME where the kernel allows it, so reading leaves atime alone."""

import os
from pathlib import Path
from typing import BinaryIO

_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
_NOATIME = getattr(os, "O_NOATIME", 0)  # Linux only; elsewhere the plain read-only open


def open_fd(path: Path) -> int:
    """A read-only descriptor. O_NOATIME is allowed to the file's owner and to root (CAP_FOWNER); for
    anyone else the kernel answers EPERM and the file is opened without it (its atime may then change
    on a mount without noatime/relatime, as with any reader)."""
    if _NOATIME:
        try:
            return os.open(path, _READ | _NOATIME)
        except PermissionError:
            pass
    return os.open(path, _READ)


def open_binary(path: Path) -> BinaryIO:
    """A buffered binary file object on open_fd (for libraries that take Python file objects)."""
    return os.fdopen(open_fd(path), "rb")
