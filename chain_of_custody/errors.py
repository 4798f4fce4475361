"""Errors of the custody layer."""


class CustodyError(Exception):
    """Base of the custody layer's errors."""


class NotACase(CustodyError):
    """The folder holds no Haechi case."""


class CaseExists(CustodyError):
    """A case already lives in that folder."""


class IdentityError(CustodyError):
    """An examiner profile is missing, damaged, or the passphrase is wrong."""


class LedgerRefused(CustodyError):
    """The ledger would not take an event (bad details, a clock running backwards...)."""


class CaseReadOnly(LedgerRefused):
    """The case is on read-only media: it can be read, verified and reported on, not changed."""
