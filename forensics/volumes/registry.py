"""Every volume system Haechi reads, listed once in priority order: the first that finds its table wins;
then, in each volume it found, the first inner volume system that holds one."""

from forensics.volumes.ept import AmlogicEpt
from forensics.volumes.lp import LpContainer, LpSuper
from forensics.volumes.protocol import InnerVolumeSystem, VolumeSystem
from forensics.volumes.rockchip import read_rockchip_parameter
from forensics.volumes.sunxi import read_sunxi_mbr
from forensics.volumes.tsk import TskTable
from forensics.volumes.vendor import VendorSystem

VOLUME_SYSTEMS: tuple[VolumeSystem, ...] = (
    AmlogicEpt(),  # an EPT wins over TSK's view: an Amlogic bootloader can look like an MBR
    TskTable(gpt_only=True),  # a GPT beside a vendor table is the newer layout: it stands
    VendorSystem(read_sunxi_mbr),  # Allwinner sunxi_mbr
    VendorSystem(read_rockchip_parameter),  # Rockchip parameter partition
    TskTable(),  # MBR, BSD, Sun, Mac... as TSK sees them
    LpSuper(),  # a whole `super` image with no table around it
)

INNER_VOLUME_SYSTEMS: tuple[InnerVolumeSystem, ...] = (
    LpContainer(),  # Android dynamic partitions: a `super` in a GPT or an EPT, or a whole `super`
)
