"""Artifact records written as `haechi artifacts` prints them: JSON lines, or CSV (one column per field
with one type, the fields as one JSON column otherwise). Shared by the command line and the desktop export."""

import csv
from collections.abc import Iterator
from typing import Any, TextIO

from app.common.neutral import csv_row, json_text

SOURCE_KEYS = ("evidence_id", "volume", "path", "inode", "sha256", "allocated", "file_id")


def write_artifacts(records: Iterator[dict[str, Any]], out: TextIO, fmt: str, one_type: str | None) -> int:
    if fmt == "jsonl":
        count = 0
        for record in records:
            out.write(json_text(record) + "\n")
            count += 1
        return count
    return _write_csv(list(records), out, one_type)


def _write_csv(records: list[dict[str, Any]], out: TextIO, one_type: str | None) -> int:
    """With --type, one column per field; otherwise the fields as one JSON column."""
    field_keys = sorted({key for r in records for key in r["fields"]}) if one_type else ["fields"]
    writer = csv.writer(out)
    writer.writerow(
        csv_row(["id", "type", *field_keys, *(f"source_{key}" for key in SOURCE_KEYS), "extractor"])
    )
    for record in records:
        if one_type:
            values = [_cell(record["fields"].get(key)) for key in field_keys]
        else:
            values = [json_text(record["fields"], sort_keys=True)]
        source = [_cell(record["source"][key]) for key in SOURCE_KEYS]
        writer.writerow(csv_row([record["id"], record["type"], *values, *source, record["extractor"]]))
    return len(records)


def _cell(value: Any) -> Any:
    return json_text(value) if isinstance(value, list | dict) else value
