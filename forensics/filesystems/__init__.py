"""File systems: opening one on a volume, walking every entry into FileRecords, reading content back.

registry.py: every file-system format, listed once in the order tried (FILE_SYSTEMS), and
open_file_system; protocol.py: what an opened file system offers (FileSystem: fs_type, block_size,
open_meta, walker) and what a format offers (FileSystemFormat.open -> Attempt), and OwnFileSystem,
which pairs one of our readers with its walker; tsk.py + tsk_walker.py: every file system TSK reads;
squashfs.py, erofs.py, f2fs.py + f2fs_walk.py: the ones it does not; hashed.py: one file's content read
once into its record; mounting.py: each volume found paired with the file system opened on it.

To add a file system (XFS through another reader...): one module with a class whose `open(image, offset)`
returns an Attempt (the opened FileSystem; or a reason, conclusive when its magic is there but it cannot
be read; or nothing when it is not this format), the file system being a class of its own that follows
the FileSystem protocol or an OwnFileSystem(reader, walker class); and one entry in FILE_SYSTEMS.
File systems import forensics.base, forensics.containers and forensics.volumes.
"""
