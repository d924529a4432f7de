"""Import mail without the Gmail API: a Google Takeout `.zip` or `.mbox` file, or a folder of
`.eml` files, through the same parsing, classification and `apply_mail` as the Gmail sync.

Every message is imported whatever its age, oldest first (so a confirmation precedes its
rejection whatever the file order), keyed by its Message-ID (a hash of its bytes without one):
a rerun changes nothing, except that messages that failed are tried again. One message that
cannot be parsed, classified or applied is recorded as failed and the import goes on.
"""

from __future__ import annotations

import email.utils
import logging
import mailbox
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from functools import partial
from itertools import islice
from pathlib import Path

from django.db import transaction

from gmail_sync.apply import (
    ApplyResult,
    apply_batch,
    owner_names_of,
    processed_message_ids,
    record_failure,
    storage_msg_id,
)
from gmail_sync.classifier import Classification, classify
from gmail_sync.matching import ApplicationIndex
from gmail_sync.parsing import MalformedMessage, ParsedMail, parse_rfc822, rfc822_message_id
from jobapps.models import JobEmail

logger = logging.getLogger(__name__)

# Undated messages sort first; they fail unless the mbox From_ line dates them.
UNDATED = datetime.min.replace(tzinfo=UTC)
COMMIT_EVERY = 100
# A file is taken for a message when its headers name at least one of these.
MAIL_HEADERS = ("from", "date", "message-id", "subject")


class MailSourceError(Exception):
    """The path cannot be read as a Takeout zip, an mbox file or a folder of messages."""


@dataclass(frozen=True)
class StoredMessage:
    """One message of the source, dated for sorting; its bytes are read again when imported
    so a large Takeout file is never held in memory."""

    label: str  # file name or mbox position, for log lines
    date: datetime
    received_at: datetime | None  # the mbox From_ line: stands in for a missing Date header
    read: Callable[[], bytes]
    looks_like_mail: bool  # its headers name a sender, date, subject or Message-ID
    msg_id: str  # as parse_rfc822 will give it: a rerun skips what it imported unread


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


@dataclass(frozen=True)
class MailSource:
    messages: list[StoredMessage]  # oldest first
    ignored: list[str]  # files that are not mail (a Takeout zip's HTML index, a README)


@contextmanager
def open_mail_source(path: Path) -> Iterator[MailSource]:
    """The messages at `path`: a folder of message files, an mbox file, or a Takeout zip (its
    .mbox members and message files). Raises MailSourceError when the path cannot be read or
    holds nothing that looks like mail."""
    with ExitStack() as cleanup:
        try:
            if path.is_dir():
                found = list(_folder_messages(path))
            elif zipfile.is_zipfile(path):
                found = list(_zip_messages(path, cleanup))
            elif path.is_file():
                found = list(_mbox_messages(path))
            else:
                raise MailSourceError(f"{path} is neither a file nor a folder.")
        except OSError as error:
            raise MailSourceError(f"Cannot read {path}: {error.strerror or error}") from error
        except zipfile.BadZipFile as error:
            raise MailSourceError(f"{path} is a damaged zip file: {error}") from error
        mail = [message for message in found if message.looks_like_mail]
        if not mail:
            raise MailSourceError(
                f"Nothing in {path} parses as mail: expected a Google Takeout .zip or .mbox "
                "file, or a folder of .eml files."
            )
        yield MailSource(
            sorted(mail, key=lambda message: message.date),
            [message.label for message in found if not message.looks_like_mail],
        )


def _folder_messages(folder: Path) -> Iterator[StoredMessage]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield _stored(str(path.relative_to(folder)), path.read_bytes(), None, path.read_bytes)


def _mbox_messages(path: Path, label_prefix: str = "") -> Iterator[StoredMessage]:
    box = mailbox.mbox(path, create=False)
    for position, key in enumerate(box.keys(), start=1):
        from_line, _, raw = box.get_bytes(key, from_=True).partition(b"\n")
        yield _stored(
            f"{label_prefix}message {position}",
            raw,
            _from_line_date(from_line),
            partial(box.get_bytes, key),
        )


def _zip_messages(path: Path, cleanup: ExitStack) -> Iterator[StoredMessage]:
    """Takeout's Mail folder holds one .mbox per label choice; other members may be .eml
    files. An mbox is extracted to a temporary file (mailbox needs a seekable file)."""
    archive = cleanup.enter_context(zipfile.ZipFile(path))
    scratch = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="jobhax-takeout-")))
    for position, member in enumerate(archive.infolist()):
        name = member.filename
        if member.is_dir() or Path(name).name.startswith("."):
            continue
        if name.lower().endswith(".mbox"):
            extracted = scratch / f"{position}.mbox"
            with archive.open(member) as source, extracted.open("wb") as target:
                shutil.copyfileobj(source, target)
            yield from _mbox_messages(extracted, label_prefix=f"{name}: ")
        else:
            raw = archive.read(member)
            yield _stored(name, raw, None, partial(archive.read, member))


def _stored(
    label: str, raw: bytes, received_at: datetime | None, read: Callable[[], bytes]
) -> StoredMessage:
    headers = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    looks_like_mail = any(headers.get(name) for name in MAIL_HEADERS)
    return StoredMessage(
        label,
        _sort_date(headers, received_at),
        received_at,
        read,
        looks_like_mail,
        rfc822_message_id(raw, headers),
    )


def _sort_date(headers, received_at: datetime | None) -> datetime:
    try:
        date = email.utils.parsedate_to_datetime(str(headers.get("Date", "")))
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
    index = ApplicationIndex.load(user=user)
    owner_names = owner_names_of(user)
    done = processed_message_ids(user=user)
    for chunk in _chunks(messages, COMMIT_EVERY):
        with transaction.atomic():  # one commit a chunk
            read = []
            for message in chunk:
                summary.read += 1
                item = _read_one(
                    user=user, message=message, summary=summary, owner_names=owner_names, done=done
                )
                if item is not None:
                    read.append(item)
            results = apply_batch(
                user=user,
                mails=[(mail, classification) for _, mail, classification in read],
                index=index,
            )
            for (message, _, _), result in zip(read, results, strict=True):
                _count(user=user, message=message, result=result, summary=summary)
    return summary


def _chunks(items: Iterable[StoredMessage], size: int) -> Iterator[list[StoredMessage]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _read_one(
    *,
    user,
    message: StoredMessage,
    summary: ImportSummary,
    owner_names: tuple[str, ...],
    done: set[str],
) -> tuple[StoredMessage, ParsedMail, Classification] | None:
    """The message parsed and classified; None when it was imported before or fails."""
    if storage_msg_id(message.msg_id) in done:  # a rerun: nothing to read again
        summary.skipped += 1
        summary.already_imported += 1
        return None
    raw = message.read()
    try:
        mail = parse_rfc822(raw, received_at=message.received_at)
        return message, mail, classify(mail, owner_names=owner_names)
    except MalformedMessage as error:
        _failed(user=user, message=message, reason=error.reason, summary=summary)
    except Exception as error:  # a bug costs one message, not the import
        _could_not_import(user=user, message=message, error=error, summary=summary)
    return None


def _count(
    *, user, message: StoredMessage, result: ApplyResult | Exception, summary: ImportSummary
) -> None:
    if isinstance(result, Exception):  # a bug or a refused value costs one message
        _could_not_import(user=user, message=message, error=result, summary=summary)
        return
    summary.created += result.created
    summary.updated += result.updated
    if not (result.created or result.updated):
        summary.skipped += 1
        summary.already_imported += result.already_processed
        summary.suggestions += result.outcome == JobEmail.Outcome.SUGGESTION


def _could_not_import(
    *, user, message: StoredMessage, error: Exception, summary: ImportSummary
) -> None:
    logger.error(
        "Could not import %s", message.label, exc_info=(type(error), error, error.__traceback__)
    )
    _failed(
        user=user,
        message=message,
        summary=summary,
        reason=f"could not be imported ({type(error).__name__})",
    )


def _failed(*, user, message: StoredMessage, reason: str, summary: ImportSummary) -> None:
    date = None if message.date == UNDATED else message.date
    if record_failure(
        user=user, msg_id=message.msg_id, reason=reason, date=date, origin=JobEmail.Origin.FILE
    ):
        summary.failed += 1
        summary.failures.append(f"{message.label}: {reason}")
    else:
        summary.skipped += 1
        summary.already_imported += 1
