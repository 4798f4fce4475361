"""Every container Haechi opens, listed once in the order an image is tested against them."""

from forensics.containers.ewf import EwfContainer
from forensics.containers.image import ContainerFormat
from forensics.containers.raw import RawContainer
from forensics.containers.refused import RefusedContainers
from forensics.containers.sparse import AndroidSparseContainer
from forensics.containers.split_raw import SplitRawContainer

CONTAINERS: tuple[ContainerFormat, ...] = (
    EwfContainer(),  # by signature ("EVF", "EVF2")
    AndroidSparseContainer(),  # by signature (0xED26FF3A)
    RefusedContainers(),  # known signatures Haechi does not read: refused before raw takes them
    SplitRawContainer(),  # by name: .000/.001..., .aa/.ab... with their siblings
    RawContainer(),  # anything else is media, byte for byte
)
