"""The CSV format of export_jobapps.csv / import_jobapps_csv: one row per application, its
status history, notes, contacts and events in one cell each, every cell safe to open in a
spreadsheet."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime

COLUMNS = [
    "id",
    "job_title",
    "company",
    "status",
    "apply_date",
    "source",
    "is_rejected",
    "msg_id",
    "job_url",
    "location",
    "salary",
    "status_history",
    "notes",
    "follow_up_on",
    "contacts",
    "events",
]
REQUIRED_COLUMNS = {"job_title", "company", "status", "apply_date"}

# What one import may hold (beyond these: code 18, HTTP 413, nothing imported). The largest file
# they allow imports in a few seconds, well inside the web worker's 30 s timeout
# (bench/csv_import.py measures it). Writing a status change or a note costs about as much as
# writing an application, so their total is bounded too: bytes alone would let 150,000 short
# ones through (contacts and events count with them). A tracker of 5,000 applications with four
# changes and two notes each fits.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_HISTORY_ENTRIES = 100  # per application
MAX_NOTES = 100  # per application
MAX_CONTACTS = 100  # per application
MAX_EVENTS = 100  # per application
MAX_ENTRIES = 30_000  # status changes, notes, contacts and events in the whole file

# Spreadsheets run a cell that starts with one of these as a formula. Such a cell is written
# with a leading apostrophe (which spreadsheets show as text); the apostrophe itself is escaped
# the same way, so an import gives back exactly what was exported.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
HISTORY_SEPARATOR = "; "


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (not a row-level problem)."""


class CsvTooLarge(CsvFormatError):
    """The file is over one of the limits above."""

    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


def neutralise(value: str) -> str:
    if value.startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return ESCAPE + value
    return value


def unneutralise(value: str) -> str:
    if value.startswith(ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, ESCAPE)):
        return value[1:]
    return value


def format_history(entries: Iterable[tuple[str | None, str]]) -> str:
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


def format_notes(notes: list[dict]) -> str:
    """A JSON list of `{description, created_date, update_date}`, or "" without notes: free
    text may hold any separator, JSON quotes it unambiguously. Contacts (`{name, email, phone,
    role, linkedin_url, notes, created_date}`) and events (`{start, end, kind, location, notes,
    msg_id, evidence}`) are written the same way."""
    return json.dumps(notes, ensure_ascii=False) if notes else ""


def parse_notes(cell: str) -> list:
    """The cell's JSON list (the caller validates each entry). ValueError if it is none."""
    notes = json.loads(cell)
    if not isinstance(notes, list):
        raise ValueError("not a list")
    return notes


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


def read_csv(text: str) -> Iterator[tuple[int, dict]]:
    """(line number, {column: text}) for each data row, cells un-neutralised; CsvTooLarge
    past MAX_ROWS rows."""
    # A notes cell may be longer than the csv module's default bound (128 KiB); the file's
    # own bound (MAX_BYTES, checked before) is the one that matters.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
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
            if index >= MAX_ROWS:
                raise CsvTooLarge("file", f"At most {MAX_ROWS} applications per file.")
            yield (
                reader.line_num,
                {
                    name: unneutralise(value or "")
                    for name, value in raw.items()
                    if name in COLUMNS and isinstance(value, str)
                },
            )
    except csv.Error as exc:
        raise CsvFormatError(f"Unreadable CSV: {exc}") from exc
