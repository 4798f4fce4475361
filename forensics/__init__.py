"""Reading evidence, by layer: base < containers < volumes < filesystems | artifacts < scan | file_access.

No database, no Qt. Each layer imports only the layers below it (import-linter holds this); each lists
its formats once, in its registry.py.
"""
