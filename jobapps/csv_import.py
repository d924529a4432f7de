"""Importing the CSV format (csv_io) into a user's tracker: every row or none.

Each row is matched against the user's live applications, in this order: its `id` (the file
came from this account), its normalised `job_url`, its `msg_id`, then company + title + apply
day (in TIME_ZONE, compared ignoring case). A matched application is updated with the row's
non-empty cells, and the status history entries, notes, contacts (by email, else name) and
events (by start, or the message they came from) it does not have yet are added; a row that
matches nothing is created. A contact or event the user deleted is not brought back. Importing
a file twice, or an account's own export, therefore changes nothing; importing it into another
account creates everything once.

A bad row (or two rows describing one application) fails the whole file: it is validated and
matched entirely before anything is written, then written in one transaction with a fixed
number of bulk queries (per batch, never per row), so a file within the csv_io limits finishes
in seconds.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.serializers import ValidationError

from jobhax.api.errors import ApiError, ErrorCode, InvalidParameters

from . import csv_io
from .answers import refresh_first_answers
from .events import applications_changed_for
from .job_urls import normalize_job_url
from .live_counts import live_count_add
from .models import (
    ApplicationStatus,
    Contact,
    Event,
    JobApplication,
    Note,
    Source,
    StatusHistory,
)
from .serializers import CsvRowInput, FlexibleDateTimeField, local_zone

BATCH_SIZE = 500
NOTE_MAX_LENGTH = 5000  # as add_jobapp_note takes them
ERRORS_LISTED = 100
# Text columns an import writes onto an application (CsvRowInput and model use one name).
TEXT_FIELDS = ("job_title", "company", "source", "location", "salary", "msg_id", "job_url")
# Cells an import writes onto an application as they are (an empty cell changes nothing).
PLAIN_FIELDS = (*TEXT_FIELDS, "follow_up_on")
CONTACT_TEXT = {
    "name": 200,
    "email": 254,
    "phone": 50,
    "role": 100,
    "linkedin_url": 500,
    "notes": NOTE_MAX_LENGTH,
}
EVENT_TEXT = {"location": 500, "notes": NOTE_MAX_LENGTH, "msg_id": 200, "evidence": NOTE_MAX_LENGTH}


class _RowError(Exception):
    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields


@dataclass
class _Row:
    """One validated row: `given` holds only its non-empty cells (an empty cell changes
    nothing on a matched application and takes the default on a new one)."""

    line: int
    given: dict
    status_id: int | None
    history: list[tuple[datetime, int | None]]
    notes: list[dict]
    contacts: list[dict]
    events: list[dict]


@dataclass(eq=False)
class _Application:
    """An application as the import sees it: loaded from the database, or planned from a row."""

    values: dict
    id: int | None = None
    claimed_by: int | None = None  # the line of the row that matched or created it
    changed: set = field(default_factory=set)
    history_keys: set = field(default_factory=set)  # (second, status id)
    note_keys: set = field(default_factory=set)  # (second created, text) and (None, text)
    contact_keys: set = field(default_factory=set)  # _contact_key of its contacts
    event_keys: set = field(default_factory=set)  # ("start", second) and ("msg", msg_id)

    def key(self) -> tuple:
        return _match_key(
            self.values["company"], self.values["job_title"], self.values["apply_date"]
        )

    @property
    def saved_id(self) -> int:
        """Its id, once written (a planned application gets one in _Tracker.write)."""
        if self.id is None:
            raise RuntimeError("the application is not written yet")
        return self.id


def import_csv(*, user, text: str) -> dict:
    """`{imported, created, matched, updated}`; code 10 naming each bad row's problems (and
    nothing imported), or code 18 beyond the csv_io limits."""
    try:
        lines = list(csv_io.read_csv(text))
        reader = _RowReader()
        rows, errors = [], []
        for line, cells in lines:
            try:
                rows.append(reader.read(line, cells))
            except _RowError as exc:
                errors.append({"row": line, "fields": exc.fields})
    except csv_io.CsvTooLarge as exc:
        raise ApiError(
            ErrorCode.REQUEST_TOO_LARGE, data={"fields": {exc.column: [str(exc)]}}
        ) from None
    except csv_io.CsvFormatError as exc:
        raise InvalidParameters({"file": [str(exc)]}) from None
    try:
        with transaction.atomic():
            # One import at a time per user: a retried upload waits for the first one and then
            # matches what it wrote instead of duplicating it.
            list(get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk"))
            tracker = _Tracker.load(user)
            errors += tracker.plan(rows)
            if errors:
                raise _failed(errors)
            summary = tracker.write(user)
            if summary["created"] or summary["updated"]:
                applications_changed_for(user.id)
    except IntegrityError:
        # A capture or a sync tracked one of these postings meanwhile: nothing was written.
        raise InvalidParameters(
            {
                "file": [
                    "Your applications changed during the import; nothing was imported. Try again."
                ]
            }
        ) from None
    return summary


def _failed(errors: list[dict]) -> InvalidParameters:
    """Code 10 naming every problem as the contract shapes validation failures: `fields` maps
    `row <line>: <column>` to its messages (the first ERRORS_LISTED rows), after a `file` entry
    that says how many rows failed."""
    errors.sort(key=lambda error: error["row"])
    count = len(errors)
    fields = {
        "file": [
            f"{count} row{'s' if count > 1 else ''} cannot be imported; nothing was "
            "imported."
            + (f" The first {ERRORS_LISTED} are listed." if count > ERRORS_LISTED else "")
        ]
    }
    for error in errors[:ERRORS_LISTED]:
        for column, messages in error["fields"].items():
            fields[f"row {error['row']}: {column}"] = messages
    return InvalidParameters(fields)


# --- reading rows -------------------------------------------------------------------------------


class _RowReader:
    """Validates the rows of one file. One serializer instance serves every row: building a DRF
    serializer deep-copies its fields, which cost five times the validation itself."""

    def __init__(self):
        self.statuses = _status_lookup()
        self.row_serializer = CsvRowInput()
        self.date_field = FlexibleDateTimeField()
        self.entries = 0  # status changes and notes read so far

    def read(self, line: int, cells: dict) -> _Row:
        given_cells = {name: value for name, value in cells.items() if value.strip()}
        data = self._validated(self.row_serializer, given_cells)
        given = {name: data[name] for name in given_cells if name in data}
        if given.get("job_url"):
            given["job_url"] = normalize_job_url(given["job_url"])
        row = _Row(
            line=line,
            given=given,
            status_id=self._status(data["status"], column="status"),
            history=self._history(line, data["status_history"]),
            notes=self._notes(line, data["notes"]),
            contacts=self._entries(
                line, data["contacts"], "contacts", csv_io.MAX_CONTACTS, self._contact
            ),
            events=self._entries(line, data["events"], "events", csv_io.MAX_EVENTS, self._event),
        )
        self.entries += len(row.history) + len(row.notes) + len(row.contacts) + len(row.events)
        if self.entries > csv_io.MAX_ENTRIES:
            raise csv_io.CsvTooLarge(
                "file",
                f"At most {csv_io.MAX_ENTRIES} status changes, "
                "notes, contacts and events per file.",
            )
        return row

    @staticmethod
    def _validated(serializer, data) -> dict:
        try:
            return serializer.run_validation(data)
        except ValidationError as exc:
            detail = cast(dict, exc.detail)  # a serializer's errors are by field
            raise _RowError(
                {name: [str(message) for message in messages] for name, messages in detail.items()}
            ) from None

    def _status(self, text: str, *, column: str) -> int | None:
        if not text:
            return None
        status_id = self.statuses.get(text.strip().lower())
        if status_id is None:
            raise _RowError({column: [f"Unknown status: {text[:50]}"]})
        return status_id

    def _history(self, line: int, cell: str) -> list[tuple[datetime, int | None]]:
        entries = csv_io.parse_history(cell)
        if len(entries) > csv_io.MAX_HISTORY_ENTRIES:
            raise csv_io.CsvTooLarge(
                "status_history",
                f"Line {line}: at most "
                f"{csv_io.MAX_HISTORY_ENTRIES} status changes per "
                "application.",
            )
        parsed = []
        for when_text, status_text in entries:
            try:
                when = self.date_field.to_internal_value(when_text)
            except ValidationError:
                raise _RowError({"status_history": [f"Bad date: {when_text[:40]}"]}) from None
            parsed.append((when, self._status(status_text, column="status_history")))
        return parsed

    def _notes(self, line: int, cell: str) -> list[dict]:
        if not cell:
            return []
        try:
            notes = csv_io.parse_notes(cell)
        except ValueError:
            raise _RowError({"notes": ["Expected a JSON list of notes."]}) from None
        if len(notes) > csv_io.MAX_NOTES:
            raise csv_io.CsvTooLarge(
                "notes", f"Line {line}: at most {csv_io.MAX_NOTES} notes per application."
            )
        return [self._note(note) for note in notes]

    def _note(self, note) -> dict:
        """`{description, created_date?, update_date?}`, checked by hand: a file holds up to
        MAX_ENTRIES notes, and a DRF serializer per note (its CharField scans every character
        for surrogates in Python) took a third of the largest import's time."""
        if not isinstance(note, dict):
            raise _RowError({"notes": ["Each note must be an object."]})
        description = note.get("description")
        if not isinstance(description, str) or not description.strip():
            raise _RowError({"notes": ["description: A note needs a non-empty description."]})
        description = description.strip()
        if (
            len(description) > NOTE_MAX_LENGTH
            or "\x00" in description
            or not _encodable(description)
        ):
            raise _RowError(
                {"notes": [f"description: At most {NOTE_MAX_LENGTH} characters of text."]}
            )
        return {
            "description": description,
            "created_date": self._note_date(note, "created_date"),
            "update_date": self._note_date(note, "update_date"),
        }

    def _note_date(self, note: dict, key: str, column: str = "notes") -> datetime | None:
        value = note.get(key)
        if value is None:
            return None
        try:
            return self.date_field.to_internal_value(value)
        except ValidationError:
            raise _RowError({column: [f"{key}: Bad date: {str(value)[:40]}"]}) from None

    def _entries(self, line: int, cell: str, column: str, limit: int, read) -> list[dict]:
        """A JSON-list cell of contacts or events, each checked by `read`."""
        if not cell:
            return []
        try:
            entries = csv_io.parse_notes(cell)
        except ValueError:
            raise _RowError({column: [f"Expected a JSON list of {column}."]}) from None
        if len(entries) > limit:
            raise csv_io.CsvTooLarge(
                column, f"Line {line}: at most {limit} {column} per application."
            )
        return [read(entry, column) for entry in entries]

    @staticmethod
    def _texts(entry, column: str, limits: dict[str, int]) -> dict:
        """The entry's text fields ("" when missing), each a string within its length."""
        if not isinstance(entry, dict):
            raise _RowError({column: ["Each entry must be an object."]})
        texts = {}
        for name, limit in limits.items():
            value = entry.get(name) or ""
            if (
                not isinstance(value, str)
                or len(value) > limit
                or "\x00" in value
                or not (_encodable(value))
            ):
                raise _RowError({column: [f"{name}: At most {limit} characters of text."]})
            texts[name] = value.strip()
        return texts

    def _contact(self, entry, column: str) -> dict:
        contact = self._texts(entry, column, CONTACT_TEXT)
        if not contact["name"] and not contact["email"]:
            raise _RowError({column: ["A contact needs a name or an email."]})
        for name, validate in (("email", validate_email), ("linkedin_url", URLValidator())):
            try:
                if contact[name]:
                    validate(contact[name])
            except DjangoValidationError:
                raise _RowError({column: [f"{name}: Not valid: {contact[name][:60]}"]}) from None
        contact["created_date"] = self._note_date(entry, "created_date", column)
        return contact

    def _event(self, entry, column: str) -> dict:
        event = self._texts(entry, column, EVENT_TEXT)
        if entry.get("kind") not in Event.Kind.values:
            raise _RowError({column: [f"kind: One of {', '.join(Event.Kind.values)}."]})
        event["kind"] = entry["kind"]
        event["start"] = self._note_date(entry, "start", column)
        event["end"] = self._note_date(entry, "end", column)
        if event["start"] is None:
            raise _RowError({column: ["start: An event needs its start."]})
        if event["end"] is not None and event["end"] < event["start"]:
            raise _RowError({column: ["end: Must not be before start."]})
        return event


def _status_lookup() -> dict[str, int]:
    """Status value (any case) or id, as text -> id."""
    lookup = {}
    for status_id, value in ApplicationStatus.objects.values_list("id", "value"):
        lookup[value.strip().lower()] = status_id
        lookup[str(status_id)] = status_id
    return lookup


# --- matching and writing -----------------------------------------------------------------------


def _match_key(company: str, job_title: str, apply_date: datetime) -> tuple:
    return (
        company.strip().lower(),
        job_title.strip().lower(),
        apply_date.astimezone(local_zone()).date(),
    )


def _second(moment: datetime) -> datetime:
    """The CSV keeps whole seconds: an exported date matches its stored one to the second."""
    return moment.replace(microsecond=0)


class _Tracker:
    """The user's live applications, indexed the four ways a row can match one."""

    def __init__(self, applications: list[_Application]):
        self.by_id = {app.id: app for app in applications}
        self.by_url: dict[str, _Application] = {}
        self.by_msg_id: dict[str, _Application] = {}
        self.by_key: dict[tuple, list[_Application]] = {}
        for app in applications:  # oldest first: the first candidate is the oldest
            self._index(app)
        self.created: list[_Application] = []
        self.new_history: list[tuple[_Application, datetime, int | None]] = []
        self.new_notes: list[tuple[_Application, dict]] = []
        self.new_contacts: list[tuple[_Application, dict]] = []
        self.new_events: list[tuple[_Application, dict]] = []
        self.matched = 0

    @classmethod
    def load(cls, user) -> "_Tracker":
        live = JobApplication.objects.filter(user=user, is_deleted=False)
        applications = [
            _Application(values=cast(dict, values), id=values["id"])  # a plain dict at run time
            for values in live.order_by("id").values(
                "id",
                "job_title",
                "company",
                "apply_date",
                "application_status_id",
                "source",
                "is_rejected",
                "msg_id",
                "job_url",
                "location",
                "salary",
                "rejection_changed_at",
                "rejection_changed_by",
                "follow_up_on",
            )
        ]
        tracker = cls(applications)
        history = StatusHistory.objects.filter(
            job_application__user=user, job_application__is_deleted=False
        ).values_list("job_application_id", "changed_at", "application_status_id")
        for jobapp_id, changed_at, status_id in history:
            tracker.by_id[jobapp_id].history_keys.add((_second(changed_at), status_id))
        notes = Note.objects.filter(
            job_application__user=user, job_application__is_deleted=False
        ).values_list("job_application_id", "created_date", "description")
        for jobapp_id, created_date, description in notes:
            tracker.by_id[jobapp_id].note_keys.update(_note_keys(created_date, description))
        # Deleted ones too: what the user deleted is not brought back.
        of_live = {"job_application__user": user, "job_application__is_deleted": False}
        contacts = Contact.objects.filter(**of_live).values_list(
            "job_application_id", "name", "email"
        )
        for jobapp_id, name, email in contacts:
            tracker.by_id[jobapp_id].contact_keys.add(_contact_key(name, email))
        events = Event.objects.filter(**of_live).values_list(
            "job_application_id", "start", "msg_id"
        )
        for jobapp_id, start, msg_id in events:
            tracker.by_id[jobapp_id].event_keys.update(_event_keys(start, msg_id))
        return tracker

    def _index(self, app: _Application) -> None:
        values = app.values
        if values["job_url"]:
            self.by_url.setdefault(values["job_url"], app)
        if values["msg_id"]:
            self.by_msg_id.setdefault(values["msg_id"], app)
        self.by_key.setdefault(app.key(), []).append(app)

    # planning: everything is decided in memory, nothing written yet

    def plan(self, rows: list[_Row]) -> list[dict]:
        errors = []
        for row in rows:
            try:
                self._plan_row(row)
            except _RowError as exc:
                errors.append({"row": row.line, "fields": exc.fields})
        return errors

    def _plan_row(self, row: _Row) -> None:
        app, column = self._match(row)
        if app is not None and app.claimed_by is not None:
            raise _RowError(
                {column: [f"Line {app.claimed_by} already describes this application."]}
            )
        self._check_unique(row, app)
        if app is None:
            self._plan_create(row)
        else:
            self._plan_update(row, app)

    def _match(self, row: _Row) -> tuple[_Application | None, str]:
        given = row.given
        for column, index in (
            ("id", self.by_id),
            ("job_url", self.by_url),
            ("msg_id", self.by_msg_id),
        ):
            if given.get(column) and given[column] in index:
                return index[given[column]], column
        key = _match_key(given["company"], given["job_title"], given["apply_date"])
        candidates = [
            candidate
            for candidate in self.by_key.get(key, [])
            if candidate.claimed_by is None and not _other_posting(row, candidate)
        ]
        # Several on that day: the one applied for at the same second, else the oldest.
        same_second = [
            candidate
            for candidate in candidates
            if _second(candidate.values["apply_date"]) == _second(given["apply_date"])
        ]
        return next(iter(same_second + candidates), None), "job_title"

    def _check_unique(self, row: _Row, app: _Application | None) -> None:
        """A posting or an email is tracked once: the row may not give its application a
        job_url or msg_id another application has."""
        for column, index in (("job_url", self.by_url), ("msg_id", self.by_msg_id)):
            holder = index.get(row.given.get(column, ""))
            if holder is not None and holder is not app:
                line = holder.claimed_by
                raise _RowError(
                    {
                        column: [
                            f"Line {line} already uses this."
                            if line and holder.id is None
                            else "Another application already tracks this."
                        ]
                    }
                )

    def _plan_create(self, row: _Row) -> None:
        given = row.given
        values = {
            "job_title": given["job_title"],
            "company": given["company"],
            "apply_date": given["apply_date"],
            "application_status_id": row.status_id,
            "is_rejected": given.get("is_rejected", False),
            **{
                name: given.get(name, "")
                for name in TEXT_FIELDS
                if name not in ("job_title", "company")
            },
            "follow_up_on": given.get("follow_up_on"),
        }
        app = _Application(values=values, claimed_by=row.line)
        self._index(app)
        self.created.append(app)
        history = row.history or [(timezone.now(), row.status_id)]
        self._add_history(app, history)
        self._add_notes(app, row.notes)
        self._add_people_and_events(app, row)

    def _plan_update(self, row: _Row, app: _Application) -> None:
        app.claimed_by = row.line
        self.matched += 1
        values, given = app.values, row.given
        for name in PLAIN_FIELDS:
            if name in given and given[name] != values[name]:
                self._set(app, name, given[name])
        if "apply_date" in given and _second(given["apply_date"]) != _second(values["apply_date"]):
            self._set(app, "apply_date", given["apply_date"])
        if "is_rejected" in given and given["is_rejected"] != values["is_rejected"]:
            self._set(app, "is_rejected", given["is_rejected"])
            self._set(app, "rejection_changed_at", timezone.now())
            self._set(app, "rejection_changed_by", Source.IMPORT)
        new_history = [
            entry for entry in row.history if (_second(entry[0]), entry[1]) not in app.history_keys
        ]
        status_changed = row.status_id is not None and (
            row.status_id != values["application_status_id"]
        )
        if status_changed:
            self._set(app, "application_status_id", row.status_id)
            if row.status_id not in {status for _, status in row.history}:
                new_history.append((timezone.now(), row.status_id))
        self._add_history(app, new_history)
        self._add_notes(app, row.notes)
        self._add_people_and_events(app, row)

    def _set(self, app: _Application, name: str, value) -> None:
        if name in ("job_url", "msg_id") and value:
            (self.by_url if name == "job_url" else self.by_msg_id)[value] = app
        app.values[name] = value
        app.changed.add(name)

    def _add_history(self, app: _Application, entries: list) -> None:
        for changed_at, status_id in entries:
            self.new_history.append((app, changed_at, status_id))
            app.changed.add("history")

    def _add_notes(self, app: _Application, notes: list[dict]) -> None:
        """The notes the application did not have: a stored note with the same text written
        the same second (or, for a note without its date, the same text) is that note."""
        for note in notes:
            key = (note.get("created_date") and _second(note["created_date"]), note["description"])
            if key not in app.note_keys:
                self.new_notes.append((app, note))
                app.changed.add("notes")

    def _add_people_and_events(self, app: _Application, row: _Row) -> None:
        """The contacts (same email, else same name without email) and events (same start to
        the second, or same message) the application does not have yet."""
        for contact in row.contacts:
            key = _contact_key(contact["name"], contact["email"])
            if key not in app.contact_keys:
                app.contact_keys.add(key)
                self.new_contacts.append((app, contact))
                app.changed.add("contacts")
        for event in row.events:
            keys = _event_keys(event["start"], event["msg_id"])
            if not keys & app.event_keys:
                app.event_keys.update(keys)
                self.new_events.append((app, event))
                app.changed.add("events")

    # writing: a fixed number of bulk queries

    def write(self, user) -> dict:
        now = timezone.now()
        created = JobApplication.objects.bulk_create(
            [_new_jobapp(user, app, now) for app in self.created], batch_size=BATCH_SIZE
        )
        for app, jobapp in zip(self.created, created, strict=True):
            app.id = jobapp.id
        live_count_add(user_id=user.id, delta=len(created))
        updated = [app for app in self.by_id.values() if app.claimed_by and app.changed]
        self._write_updates(updated, now)
        StatusHistory.objects.bulk_create(
            [
                StatusHistory(
                    job_application_id=app.saved_id,
                    application_status_id=status_id,
                    changed_at=changed_at,
                    changed_by=Source.IMPORT,
                )
                for app, changed_at, status_id in self.new_history
            ],
            batch_size=BATCH_SIZE,
        )
        refresh_first_answers(app.saved_id for app, _, _ in self.new_history)
        Note.objects.bulk_create(
            [
                Note(
                    job_application_id=app.saved_id,
                    description=note["description"],
                    created_date=note.get("created_date") or now,
                    update_date=note.get("update_date"),
                )
                for app, note in self.new_notes
            ],
            batch_size=BATCH_SIZE,
        )
        Contact.objects.bulk_create(
            [
                Contact(
                    job_application_id=app.saved_id,
                    source=Source.IMPORT,
                    **{**contact, "created_date": contact["created_date"] or now},
                )
                for app, contact in self.new_contacts
            ],
            batch_size=BATCH_SIZE,
        )
        Event.objects.bulk_create(
            [
                Event(job_application_id=app.saved_id, source=Source.IMPORT, **event)
                for app, event in self.new_events
            ],
            batch_size=BATCH_SIZE,
        )
        return {
            "imported": len(self.created) + self.matched,
            "created": len(self.created),
            "matched": self.matched,
            "updated": len(updated),
        }

    @staticmethod
    def _write_updates(updated: list[_Application], now: datetime) -> None:
        fields = sorted(
            {name for app in updated for name in app.changed}
            - {"history", "notes", "contacts", "events"}
        )
        jobapps = []
        for app in updated:
            jobapp = JobApplication(id=app.id, updated_at=now)
            for name in fields:
                setattr(jobapp, name, app.values.get(name))
            jobapps.append(jobapp)
        # Unchanged fields are written back with the value they have (loaded above, under the
        # user lock); updated_at marks every application the import touched.
        JobApplication.objects.bulk_update(jobapps, [*fields, "updated_at"], batch_size=BATCH_SIZE)


def _encodable(text: str) -> bool:
    """False for lone surrogates, which JSON can carry and no database column can store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _note_keys(created_date: datetime | None, description: str) -> tuple:
    if created_date is None:
        return ((None, description),)
    return (_second(created_date), description), (None, description)


def _contact_key(name: str, email: str) -> tuple:
    return ("email", email.lower()) if email else ("name", name.strip().lower())


def _event_keys(start: datetime, msg_id: str) -> set:
    keys: set[tuple[str, object]] = {("start", _second(start))}
    if msg_id:
        keys.add(("msg", msg_id))
    return keys


def _other_posting(row: _Row, candidate: _Application) -> bool:
    """Both name a posting or an email, and not the same: two jobs, not one."""
    return any(
        row.given.get(column)
        and candidate.values[column]
        and row.given[column] != candidate.values[column]
        for column in ("job_url", "msg_id")
    )


def _new_jobapp(user, app: _Application, now: datetime) -> JobApplication:
    values = app.values
    return JobApplication(
        user=user,
        **values,
        rejection_changed_at=now if values["is_rejected"] else None,
        rejection_changed_by=Source.IMPORT if values["is_rejected"] else "",
    )
