"""The CSV format of export_jobapps.csv / import_jobapps_csv: one row per application, its
status history in one cell, every cell safe to open in a spreadsheet."""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

COLUMNS = [
    "id", "job_title", "company", "status", "apply_date", "source", "is_rejected", "msg_id",
    "job_url", "location", "salary", "status_history",
]
REQUIRED_COLUMNS = {"job_title", "company", "status", "apply_date"}

# Spreadsheets run a cell that starts with one of these as a formula. Such a cell is written
# with a leading apostrophe (which spreadsheets show as text); the apostrophe itself is escaped
# the same way, so an import gives back exactly what was exported.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
HISTORY_SEPARATOR = "; "


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (not a row-level problem)."""


def neutralise(value: str) -> str:
    if value.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + value
    return value


def unneutralise(value: str) -> str:
    if value.startswith(ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return value[1:]
    return value


def format_history(entries: Iterable[tuple[str, str]]) -> str:
    """`2019-01-23T14:18:12Z Applied; 2019-02-01T10:00:00Z Phone Screen` from (date, status)."""
    return HISTORY_SEPARATOR.join(f"{when} {status}".rstrip() for when, status in entries)


def parse_history(cell: str) -> list[tuple[str, str]]:
    """(date text, status text) pairs; the caller validates both."""
    entries = []
    for chunk in cell.split(HISTORY_SEPARATOR.strip()):
        chunk = chunk.strip()
        if chunk:
            when, _, status = chunk.partition(" ")
            entries.append((when, status.strip()))
    return entries


def write_csv(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([neutralise(_cell(row[name])) for name in COLUMNS])
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        raise TypeError("format datetimes before writing them")
    return str(value)


def read_csv(text: str, *, max_rows: int) -> Iterator[tuple[int, dict]]:
    """(line number, {column: text}) for each data row, cells un-neutralised."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = set(reader.fieldnames or [])
    except csv.Error as exc:
        raise CsvFormatError(f"Unreadable CSV: {exc}") from exc
    missing = REQUIRED_COLUMNS - header
    if missing:
        raise CsvFormatError(f"Missing columns: {', '.join(sorted(missing))}.")
    try:
        for index, raw in enumerate(reader):
            if index >= max_rows:
                raise CsvFormatError(f"At most {max_rows} rows per file.")
            yield reader.line_num, {
                name: unneutralise(value or "") for name, value in raw.items()
                if name in COLUMNS and isinstance(value, str)
            }
    except csv.Error as exc:
        raise CsvFormatError(f"Unreadable CSV: {exc}") from exc
