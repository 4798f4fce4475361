"""What every layer of forensics/ shares: the reader protocol (reader.py: ByteSource, ReadAt, safe_reader),
errors, plain records, hashing, content reading, file types, times and TSK names, reader versions.
"""
