"""What every layer of forensics/ shares: errors, plain records, hashing, content reading, file types,
times and TSK names, reader versions.
"""
