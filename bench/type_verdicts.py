"""libmagic verdicts and CPU of typing rules over real files (run by hand; see bench/README.md).

Usage: type_verdicts.py SOURCE... where SOURCE is a folder (its files, up to --limit) or an
evidence image (every regular file TSK finds in it). Each rule types every distinct head once, on
one thread; the report gives its CPU time and, against the first rule ("32k", the rule before
issue 6), how many files change verdict, grouped by kind of change (numbers masked).
"""

import argparse
import collections
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import magic

from forensics.base.filetype import TEXT_HEAD, TYPE_HEAD, TypeSniffer
from forensics.base.records import FileRecord
from forensics.containers.detect import detect_image
from forensics.containers.opening import open_image
from forensics.filesystems.tsk_walker import FileSystemWalker, WalkOptions
from forensics.scan import _with_file_systems

Rule = Callable[[bytes], tuple[str, str]]
_ENCODING_MAX = 7  # MAGIC_PARAM_ENCODING_MAX


def _folder_heads(root: Path, limit: int) -> Iterator[tuple[str, bytes]]:
    count = 0
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink() and count < limit:
                with path.open("rb") as source:
                    yield str(path), source.read(TYPE_HEAD)
                count += 1


def _image_heads(image_path: Path) -> Iterator[tuple[str, bytes]]:
    image, facts = open_image(detect_image(image_path))
    for volume, fs in _with_file_systems(image, facts.size):
        if fs is None:
            continue
        walker = FileSystemWalker(
            fs, volume, WalkOptions(read_content=False), TypeSniffer(), lambda _: None, lambda: False
        )
        for entry in walker.entries():
            if (
                isinstance(entry, FileRecord)
                and entry.meta_type == "r"
                and entry.inode is not None
                and entry.size
            ):
                data = fs.open_meta(inode=entry.inode).read_random(0, min(TYPE_HEAD, entry.size))
                yield f"{image_path}:{entry.path}", data


def _plain_rule(head_bytes: int, text_bytes: int | None = None) -> Rule:
    """Two libmagic calls on the first `head_bytes`; text tests capped at `text_bytes` when given."""
    handles = [magic.Magic(mime=True), magic.Magic()]
    if text_bytes:
        for handle in handles:
            handle.setparam(_ENCODING_MAX, text_bytes)

    def identify(head: bytes) -> tuple[str, str]:
        head = head[:head_bytes]
        return (handles[0].from_buffer(head), handles[1].from_buffer(head)) if head else ("", "empty")

    return identify


RULES: dict[str, Callable[[], Rule]] = {
    "32k": lambda: _plain_rule(TEXT_HEAD),  # before issue 6: 32 KiB, text tests on all of it
    "current": lambda: TypeSniffer().identify,  # 72 KiB, text tests on the first 32 KiB
    "text16k": lambda: _plain_rule(TYPE_HEAD, 16 << 10),
    "text8k": lambda: _plain_rule(TYPE_HEAD, 8 << 10),
    "text4k": lambda: _plain_rule(TYPE_HEAD, 4 << 10),
}


def _masked(verdict: tuple[str, str]) -> tuple[str, str]:
    return verdict[0], re.sub(r"\d+", "N", verdict[1])[:70]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--rules", default="32k,current,text8k,text4k")
    parser.add_argument("--limit", type=int, default=30_000, help="files per folder at most")
    args = parser.parse_args()
    files: dict[bytes, int] = collections.Counter()
    for source in args.sources:
        found = _folder_heads(source, args.limit) if source.is_dir() else _image_heads(source)
        for _, head in found:
            files[head] += 1
    heads = list(files)
    print(f"{sum(files.values())} files, {len(heads)} distinct heads, load {os.getloadavg()[0]:.2f}")
    base: list[tuple[str, str]] = []
    for name in args.rules.split(","):
        identify = RULES[name]()
        start = time.process_time()
        verdicts = [identify(head) for head in heads]
        cpu = time.process_time() - start
        base = base or verdicts
        changes: collections.Counter[tuple[tuple[str, str], tuple[str, str]]] = collections.Counter()
        for head, old, new in zip(heads, base, verdicts, strict=True):
            if old != new:
                changes[(_masked(old), _masked(new))] += files[head]
        mime_changes = sum(n for (old, new), n in changes.items() if old[0] != new[0])
        print(f"{name:8} CPU {cpu:6.2f} s  changed: {sum(changes.values())} files ({mime_changes} MIME)")
        for (old, new), count in changes.most_common(12):
            print(f"    {count:6}  {old}  ->  {new}")


if __name__ == "__main__":
    main()
