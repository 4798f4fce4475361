"""Opening an image read-only as one ByteSource (a pytsk3 image), whatever its container."""

from forensics.base.errors import ImageReadError
from forensics.base.reader import ByteSource
from forensics.containers.image import ImageFacts, ImageSpec
from forensics.containers.registry import CONTAINERS


def open_image(spec: ImageSpec) -> tuple[ByteSource, ImageFacts]:
    """The image as a ByteSource plus its facts. Raises ImageReadError."""
    sizes = tuple(path.stat().st_size for path in spec.segments)
    container = next((c for c in CONTAINERS if c.format == spec.format), None)
    if container is None:
        raise ImageReadError(f"{spec.first.name}: no container format named {spec.format}")
    try:
        return container.open(spec, sizes)
    except (OSError, RuntimeError, ValueError) as error:
        raise ImageReadError(f"{spec.first.name}: cannot be opened as {spec.format} ({error})") from error
