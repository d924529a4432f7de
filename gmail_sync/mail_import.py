"""Import mail without the Gmail API: a Google Takeout `.mbox` file or a folder of `.eml` files,
through the same parsing, classification and `apply_mail` as the Gmail sync.

Every message is imported whatever its age, oldest first (so a confirmation precedes its
rejection whatever the file order), keyed by its Message-ID (a hash of its bytes without one):
a rerun changes nothing.
"""

from __future__ import annotations

import email.utils
import logging
import mailbox
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

from gmail_sync.apply import apply_mail, record_failure
from gmail_sync.classifier import classify
from gmail_sync.parsing import MalformedMessage, ParsedMail, parse_rfc822, rfc822_message_id
from jobapps.models import JobEmail

logger = logging.getLogger(__name__)

# Undated messages sort first; they fail unless the mbox From_ line dates them.
UNDATED = datetime.min.replace(tzinfo=UTC)


class MailSourceError(Exception):
    """The path cannot be read as an mbox file or a folder of messages."""


@dataclass(frozen=True)
class StoredMessage:
    """One message of the source, dated for sorting; its bytes are read again when imported
    so a large Takeout file is never held in memory."""

    label: str  # file name or mbox position, for log lines
    date: datetime
    received_at: datetime | None  # the mbox From_ line: stands in for a missing Date header
    read: Callable[[], bytes]


@dataclass
class ImportSummary:
    read: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0  # not job mail, nothing to change, or a suggestion
    suggestions: int = 0
    already_imported: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.read} messages read: {self.created} applications created, "
            f"{self.updated} updated, {self.skipped} skipped ({self.already_imported} already "
            f"imported, {self.suggestions} suggestions), {self.failed} failed."
        )


def messages_in(path: Path) -> list[StoredMessage]:
    """The messages of an mbox file or of a folder of message files, oldest first."""
    try:
        if path.is_dir():
            found = list(_folder_messages(path))
        elif path.is_file():
            found = list(_mbox_messages(path))
        else:
            raise MailSourceError(f"{path} is neither a file nor a folder.")
    except OSError as error:
        raise MailSourceError(f"Cannot read {path}: {error.strerror or error}") from error
    return sorted(found, key=lambda message: message.date)


def _folder_messages(folder: Path) -> Iterator[StoredMessage]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.parts[-1:]):
            raw = path.read_bytes()
            yield StoredMessage(str(path.relative_to(folder)), _sort_date(raw, None), None,
                                path.read_bytes)


def _mbox_messages(path: Path) -> Iterator[StoredMessage]:
    box = mailbox.mbox(path, create=False)
    for position, key in enumerate(box.keys(), start=1):
        from_line, _, raw = box.get_bytes(key, from_=True).partition(b"\n")
        received_at = _from_line_date(from_line)
        yield StoredMessage(f"message {position}", _sort_date(raw, received_at), received_at,
                            lambda key=key: box.get_bytes(key))


def _sort_date(raw: bytes, received_at: datetime | None) -> datetime:
    headers = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    try:
        date = email.utils.parsedate_to_datetime(headers.get("Date", ""))
    except (TypeError, ValueError, IndexError, OverflowError):
        date = None
    if date is None:
        return received_at or UNDATED
    return date if date.tzinfo else date.replace(tzinfo=UTC)


def _from_line_date(from_line: bytes) -> datetime | None:
    """`From MAILER-DAEMON Mon Mar 24 07:06:40 2025` -> that moment (UTC, as Takeout writes)."""
    words = from_line.decode("ascii", "replace").split()
    try:
        parsed = time.strptime(" ".join(words[-5:]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        return None
    return datetime(*parsed[:6], tzinfo=UTC)


def import_messages(*, user, messages: Iterable[StoredMessage]) -> ImportSummary:
    """Parse, classify and apply each message for `user`, in the given order."""
    summary = ImportSummary()
    for message in messages:
        summary.read += 1
        _import_one(user=user, message=message, summary=summary)
    return summary


def _import_one(*, user, message: StoredMessage, summary: ImportSummary) -> None:
    raw = message.read()
    mail, reason = _parse(raw, message)
    if mail is None:
        date = None if message.date == UNDATED else message.date
        if record_failure(user=user, msg_id=rfc822_message_id(raw), reason=reason, date=date):
            summary.failed += 1
            summary.failures.append(f"{message.label}: {reason}")
        else:
            summary.skipped += 1
            summary.already_imported += 1
        return
    result = apply_mail(user=user, mail=mail, classification=classify(mail))
    summary.created += result.created
    summary.updated += result.updated
    if not (result.created or result.updated):
        summary.skipped += 1
        summary.already_imported += result.already_processed
        summary.suggestions += result.outcome == JobEmail.Outcome.SUGGESTION


def _parse(raw: bytes, message: StoredMessage) -> tuple[ParsedMail | None, str]:
    try:
        return parse_rfc822(raw, received_at=message.received_at), ""
    except MalformedMessage as error:
        return None, error.reason
    except Exception as error:  # a parser bug costs one message, not the import
        logger.exception("Could not parse %s", message.label)
        return None, f"could not be read ({type(error).__name__})"
