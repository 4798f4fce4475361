"""File type from content (libmagic) and whether the name's extension contradicts it."""

import mimetypes
from functools import lru_cache

import magic

# Extensions libmagic cannot tell apart from their container; never a mismatch.
_EQUIVALENT: dict[str, frozenset[str]] = {
    "application/zip": frozenset(
        {"zip", "apk", "jar", "docx", "xlsx", "pptx", "odt", "ods", "epub", "xpi", "ipa"}
    ),
    "application/x-sqlite3": frozenset({"db", "sqlite", "sqlite3", "db3", "sqlitedb"}),
    "application/vnd.sqlite3": frozenset({"db", "sqlite", "sqlite3", "db3", "sqlitedb"}),
    "video/mp2t": frozenset({"ts", "m2ts", "mts"}),
    "video/mp4": frozenset({"mp4", "m4v", "m4a"}),
    "video/x-matroska": frozenset({"mkv", "mka", "webm"}),
    "video/webm": frozenset({"webm", "mkv"}),
    "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "application/x-mpegurl": frozenset({"m3u", "m3u8"}),
    "audio/x-mpegurl": frozenset({"m3u", "m3u8"}),
}
# Content types that say too little to call any extension wrong.
_UNINFORMATIVE = frozenset({"application/octet-stream", "inode/x-empty", "application/x-empty"})
# Claimed types that text content can never be.
_BINARY_CLAIMS = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/x-sqlite3",
        "application/vnd.sqlite3",
        "application/vnd.android.package-archive",
    }
)

# Claimed types filed under image/audio/video that are text formats (playlists, SVG).
_TEXT_CLAIMS = frozenset(
    {
        "audio/mpegurl",
        "audio/x-mpegurl",
        "application/x-mpegurl",
        "application/vnd.apple.mpegurl",
        "audio/x-scpls",
        "image/svg+xml",
    }
)


# How much of a file libmagic is shown: magic numbers up to 64 KiB in are seen (ISO 9660 at 32769,
# btrfs at 65600, ReiserFS at 65588), and libmagic's costly text tests (encodings, text magic) still
# read only the first TEXT_HEAD bytes: a longer head costs no more on text (docs/performance.md).
TYPE_HEAD = 72 << 10
TEXT_HEAD = 32 << 10
_PARAM_ENCODING_MAX = 7  # MAGIC_PARAM_ENCODING_MAX (libmagic >= 5.40); python-magic does not name it


def _libmagic(mime: bool) -> tuple[magic.Magic, int]:
    """A libmagic handle and the head length it is given (TEXT_HEAD if text tests cannot be capped)."""
    handle = magic.Magic(mime=mime)
    try:
        handle.setparam(_PARAM_ENCODING_MAX, TEXT_HEAD)
    except (magic.MagicException, NotImplementedError):
        return handle, TEXT_HEAD  # an old libmagic: the text tests would read the whole head
    return handle, TYPE_HEAD


class TypeSniffer:
    """One libmagic handle per thread (libmagic handles are not thread-safe)."""

    def __init__(self) -> None:
        self._mime, self._head = _libmagic(mime=True)
        self._text, _ = _libmagic(mime=False)

    def identify(self, head: bytes) -> tuple[str, str]:
        """(MIME type, description) of content starting with `head` (its first TYPE_HEAD bytes)."""
        if not head:
            return "inode/x-empty", "empty"
        head = head[: self._head]
        try:
            return self._mime.from_buffer(head), self._text.from_buffer(head)
        except magic.MagicException as error:
            return "application/octet-stream", f"unidentified ({error})"


@lru_cache(maxsize=512)
def _extensions_for(mime: str) -> frozenset[str]:
    known = {ext.lstrip(".").lower() for ext in mimetypes.guess_all_extensions(mime, strict=False)}
    return frozenset(known | _EQUIVALENT.get(mime, frozenset()))


def extension_of(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem and 0 < len(ext) <= 8 else ""


def extension_mismatch(name: str, mime: str) -> bool:
    """True when the name has an extension that libmagic's verdict contradicts.

    Only extensions that some content type claims are judged; an unknown or absent extension,
    or an uninformative content type, is never a mismatch. Text content contradicts only
    extensions of pictures, audio, video and binary containers.
    """
    ext = extension_of(name)
    if not ext or mime in _UNINFORMATIVE:
        return False
    claimed = mimetypes.guess_type(f"x.{ext}", strict=False)[0]
    if claimed is None and not any(ext in exts for exts in _EQUIVALENT.values()):
        return False
    if ext in _extensions_for(mime):
        return False
    if mime.startswith("text/"):
        return (
            claimed is not None
            and claimed not in _TEXT_CLAIMS
            and (claimed.split("/")[0] in {"image", "audio", "video"} or claimed in _BINARY_CLAIMS)
        )
    return True
