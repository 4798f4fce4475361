"""Cases and who acts on them: creating and opening a case, examiner profiles, settings, the import lock.

session.py: CaseSession, create_case, open_case(_readonly); identity.py: examiner profiles unlocked by a
passphrase; settings.py: workstation settings and folders; locking.py: one import per case at a time.
"""
