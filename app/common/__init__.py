"""What every capability of app/ shares: progress and cancellation, times shown in the examiner's zone.

progress.py: CancelToken, ImportProgress, human sizes and durations; timeview.py: UTC to local text.
"""
