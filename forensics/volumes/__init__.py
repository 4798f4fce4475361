"""Volume systems: partitions of an image, from TSK (MBR, GPT...) and the Android layouts TSK does not
know (Amlogic EPT, Allwinner sunxi_mbr, Rockchip parameter, LP `super`).

tsk.py: TSK partition tables; android.py: the Android layouts as volumes; ept.py, sunxi.py, rockchip.py,
vendor.py, lp.py: the tables themselves; views.py: a volume that is not one contiguous byte range.
"""
