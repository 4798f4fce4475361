"""The command line of DESIGN.md, one module per command group; no use case lives here.

main.py: argument parsing, `case`, `evidence add`, `files`, `verify`, `ledger`, `export`, exit codes.
artifacts.py `artifacts`; custody.py `custody`; hashsets.py `hashset`; report.py `report`; tags.py `tag`,
`untag`, `tags`; ledger_view.py prints the ledger as text or JSON lines; failures.py: how a command
ends when it fails (refusals recorded, exit codes, the crash log).
"""
