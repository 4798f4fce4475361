"""Links between exhibits: identifiers the artifact rows hold (MACs, credentials, hosts, serials, Android
IDs), normalised and indexed per case, grouped by value with every occurrence.

identifiers.py: which artifact fields hold which kind of identifier, and how each kind is normalised;
index.py: building the case's index after an artifact run, reading it back as links (values on two or
more evidence items first).
"""
