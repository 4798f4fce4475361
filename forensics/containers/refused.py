"""Containers Haechi recognises but does not read (yet): refused with a way forward, before split raw and raw
could take them for media.

When a reader for one of them is added, its signature leaves this list.
"""

from pathlib import Path

from forensics.base.errors import UnsupportedImage
from forensics.base.reader import ByteSource
from forensics.containers.image import ImageFacts, ImageSpec

_HEAD_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"LVF\x09\x0d\x0a\xff\x00", "an EnCase logical evidence file (L01)"),
    (b"LEF2\x0d\x0a\x81\x00", "an EnCase logical evidence file (Lx01)"),
    (b"QFI\xfb", "a QEMU QCOW image; convert it with 'qemu-img convert -O raw'"),
    (b"KDMV", "a VMware VMDK sparse extent; convert it with 'qemu-img convert -O raw'"),
    (b"# Disk DescriptorFile", "a VMware VMDK descriptor; convert it with 'qemu-img convert -O raw'"),
    (b"vhdxfile", "a Hyper-V VHDX image; convert it with 'qemu-img convert -O raw'"),
    (b"conectix", "a dynamic VHD image; convert it with 'qemu-img convert -O raw'"),
    (b"AFF10\r\n", "an AFF image; convert it with 'affconvert -r'"),
)
_TAIL_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"koly", "an Apple disk image (DMG); convert it with 'qemu-img convert -O raw'"),
)


class RefusedContainers:
    """Claims no image: raises UnsupportedImage for one whose signature it knows."""

    format = "refused"

    def segments(self, path: Path, head: bytes, tail: bytes) -> tuple[Path, ...] | None:
        for signature, what in _HEAD_SIGNATURES:
            if head.startswith(signature):
                raise UnsupportedImage(f"{path.name} is {what}; Haechi does not read this format")
        for signature, what in _TAIL_SIGNATURES:
            if tail.startswith(signature):
                raise UnsupportedImage(f"{path.name} is {what}; Haechi does not read this format")
        return None

    def open(self, spec: ImageSpec, sizes: tuple[int, ...]) -> tuple[ByteSource, ImageFacts]:
        raise UnsupportedImage(f"{spec.first.name}: Haechi does not read this format")
