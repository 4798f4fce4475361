"""Volume systems: the partitions of an image, from TSK (MBR, GPT...) and the layouts TSK does not know
(Amlogic EPT, Allwinner sunxi_mbr, Rockchip parameter, Android LP `super`).

registry.py: every volume system, listed once in priority order (VOLUME_SYSTEMS); protocol.py: what an
entry offers (`find`) and returns (Found); tsk.py, ept.py, sunxi.py, rockchip.py, lp.py: the systems
(vendor.py: what sunxi and Rockchip share); android.py: the first system found, plus the logical
partitions of any volume holding LP metadata, and where each volume's bytes are (volume_source);
views.py: a volume that is not one contiguous byte range (RunsImage, itself a ByteSource).

To add a volume system (LVM...): one module with a class whose `find(read, size, table)` returns the
volumes it finds (Found) or None, and one entry in VOLUME_SYSTEMS where its priority lies. A volume
system reads bytes only; it knows no file system. Volumes import forensics.base and forensics.containers.
"""
