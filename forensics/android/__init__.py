"""Android and TV-box layouts TSK does not know: sparse images, Amlogic EPT, dynamic partitions, SquashFS."""
