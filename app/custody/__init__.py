"""The custody procedure of exhibits (seize, seal, unseal, image, confirm hashes...), recorded as events.

steps.py: the one list of steps (from chain_of_custody.custody) for the front ends, the event details
built from what was entered, recording a step after checking it against the exhibit's state.
"""
