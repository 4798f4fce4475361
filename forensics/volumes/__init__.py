"""Volume systems: the partitions of an image, from TSK (MBR, GPT...) and the layouts TSK does not know
(Amlogic EPT, Allwinner sunxi_mbr, Rockchip parameter, Android LP `super`).

registry.py: every volume system, listed once in priority order (VOLUME_SYSTEMS: the first that finds
its table wins) and those found inside a volume (INNER_VOLUME_SYSTEMS); protocol.py: what an entry
offers (VolumeSystem.find -> Found; InnerVolumeSystem.holds / inside -> Inside); tsk.py, ept.py,
vendor.py (sunxi.py, rockchip.py), lp.py: the systems; android.py: the layout the lists give, and where
each volume's bytes are (volume_source); views.py: a volume that is not one contiguous byte range
(RunsImage, itself a ByteSource).

To add a volume system: one module and one entry. A table at the start of the image (a whole-disk
LVM physical volume, say) is a class whose `find(read, size, table)` returns Found or None, listed in
VOLUME_SYSTEMS where its priority lies; one inside a partition (LVM in an MBR partition of type 0x8E) is
a class with `held_as`, `holds(read, volume)` and `inside(image, read, volume, first_index)`, listed in
INNER_VOLUME_SYSTEMS. A volume system reads bytes only: it knows no file system. Volumes import
forensics.base and forensics.containers.
"""
