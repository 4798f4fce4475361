"""The custody procedure of exhibits (seize, seal, unseal, image, confirm hashes...), recorded as events.

steps.py: recording a step after checking it against the exhibit's state.
"""
