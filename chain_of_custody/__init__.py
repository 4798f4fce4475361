"""The case database and its custody ledger. No Qt, no evidence readers."""
