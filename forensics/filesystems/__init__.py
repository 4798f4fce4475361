"""File systems: walking every entry into FileRecords and reading content back.

tsk_walker.py: every file system TSK reads; foreign.py: those it does not (SquashFS, EROFS, F2FS) and
their openers; squashfs.py, erofs.py, f2fs.py, f2fs_walk.py: the readers; hashed.py: one file's content
read once into its record.
"""
