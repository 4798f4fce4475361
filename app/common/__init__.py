"""What every capability of app/ shares: errors, output files, progress, times in the examiner's zone.

errors.py: HaechiError (refused, problem, cancelled), the crash log; output.py: atomic output files,
hashed, then a ledger event; progress.py: CancelToken, ImportProgress, human sizes and durations;
refusals.py: refused actions recorded in the ledger (command line and desktop);
timeview.py: UTC to local text.
"""
