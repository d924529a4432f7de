"""Gmail sync: the Gmail endpoints' writes, queueing a user's sync and running it.

A run reads the user's mailbox through `GmailClient`, parses and classifies each new message
and applies it (`gmail_sync.apply`, one transaction per message). The first run searches the
look-back window; later runs read the mailbox history from the stored cursor, so a run with no
new mail costs one `history.list` call. The cursor only advances once every message up to it is
committed, so a crash, a kill or a Gmail outage never skips a message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from gmail_sync import selectors, tasks
from gmail_sync.apply import ApplyResult, apply_batch, owner_names_of, record_failure
from gmail_sync.classifier import Classification, classify
from gmail_sync.client import (
    FetchResult,
    GmailAuthError,
    GmailClient,
    GmailError,
    GmailStats,
    HistoryTooOld,
)
from gmail_sync.locking import SyncLock, SyncLockLost, user_sync_lock
from gmail_sync.mail_import import ImportSummary
from gmail_sync.matching import ApplicationIndex
from gmail_sync.models import SyncState
from gmail_sync.parsing import MalformedMessage, ParsedMail, parse_gmail_message
from gmail_sync.search import build_search_query
from jobhax.api.errors import ApiError, ErrorCode, ServiceUnavailable
from users import providers
from users import selectors as user_selectors
from users import services as user_services
from users.models import Provider, ProviderCredential

logger = logging.getLogger(__name__)

# What queueing a task raises when the broker cannot be reached (kombu wraps connection errors).
BROKER_ERRORS = (BrokerOperationalError, OSError)

# Messages the history feed reports that are not mail the user received.
SKIPPED_LABELS = frozenset({"DRAFT", "SPAM", "TRASH", "CHAT"})
MAX_ERROR_CHARS = 500


# --------------------------------------------------------------------------- the endpoints


def sync_request(*, user: User) -> dict:
    """`sync_user_emails`: queues a sync; 17 without a Google account, 4 when Gmail refused the
    stored token."""
    if user_selectors.provider_credential(user=user, provider=Provider.GOOGLE) is None:
        raise ApiError(ErrorCode.GMAIL_NOT_CONNECTED)
    if not selectors.sync_state_get(user=user).gmail_ok:
        raise ApiError(ErrorCode.GOOGLE_TOKEN_EXPIRED)
    return sync_enqueue(user=user).as_status()


@transaction.atomic
def gmail_token_update(*, user: User, access_token: str, refresh_token: str = "") -> SyncState:
    """Stores a fresh Google token after Google confirms it belongs to the user's linked Google
    account and can read Gmail. Only the Google credential changes."""
    credential = user_selectors.provider_credential(user=user, provider=Provider.GOOGLE)
    if credential is None:
        raise ApiError(ErrorCode.GOOGLE_TOKEN_UPDATE_FAILED)
    try:
        # Only a token Google issued to JobHax's own client (GOOGLE_CLIENT_ID) is stored.
        info = providers.jobhax_google_token_info(access_token=access_token)
    except providers.ProviderNotConfigured as error:
        logger.warning("Gmail token update refused: %s", error)
        raise ApiError(ErrorCode.GOOGLE_TOKEN_UPDATE_FAILED) from None
    except providers.ProviderRefused as error:
        logger.info("Gmail token update refused: %s", error)
        raise ApiError(ErrorCode.GOOGLE_TOKEN_UPDATE_FAILED) from None
    # Another Google account's token, or one without Gmail access, would only fail later, in
    # the sync, where the user cannot see why.
    if info.sub != credential.uid or not info.can_read_gmail:
        raise ApiError(ErrorCode.GOOGLE_TOKEN_UPDATE_FAILED)
    user_services.provider_token_store(
        credential_id=credential.pk,
        access_token=access_token,
        refresh_token=refresh_token,
        expires_at=timezone.now() + timedelta(seconds=info.expires_in) if info.expires_in else None,
    )
    return gmail_reconnect(user=user)


# --------------------------------------------------------------------------- queueing a sync


def sync_enqueue(*, user: User, broker_required: bool = True) -> SyncState:
    """Marks the user's sync queued (unless a live one is running) and enqueues it once the
    current transaction commits, so the worker sees what the request just stored.

    When the broker cannot take the task, the state goes back to what it was (nothing is
    queued) and, if `broker_required`, ServiceUnavailable (code 19) is raised; otherwise the
    periodic sync (beat) will get to the user once the broker is back.
    """
    state, _ = SyncState.objects.get_or_create(user=user)
    previous = state.state
    if state.current_state() != SyncState.State.RUNNING:
        state.state = SyncState.State.QUEUED
        state.save(update_fields=["state", "updated_at"])
    transaction.on_commit(partial(_enqueue, state, previous, broker_required=broker_required))
    return state


def _enqueue(state: SyncState, previous: str, *, broker_required: bool) -> None:
    try:
        # No publish retries: with the broker away, the client hears so at once (code 19).
        tasks.sync_user.apply_async(args=[state.user_id], retry=False)
    except BROKER_ERRORS as error:
        logger.warning(
            "Gmail sync of user %s not queued, broker unavailable: %s", state.user_id, error
        )
        SyncState.objects.filter(pk=state.pk, state=SyncState.State.QUEUED).update(state=previous)
        state.state = previous
        if broker_required:
            raise ServiceUnavailable(detail=f"broker unavailable: {error}") from None


def gmail_reconnect(*, user: User) -> SyncState:
    """Google just gave us a fresh token for this user (a Google sign-in, or
    `update_gmail_token`): Gmail is readable again, sync now (or, with the broker away, at the
    next periodic sync: the token is stored either way)."""
    SyncState.objects.update_or_create(user=user, defaults={"gmail_ok": True})
    return sync_enqueue(user=user, broker_required=False)


def sync_state_record_import(*, user: User, summary: ImportSummary) -> None:
    """`import_mail`'s counts become the status object of a user without a Google account
    (CONTRACT.md §6); a Gmail user's status goes on describing the Gmail sync."""
    if user_selectors.provider_credential(user=user, provider=Provider.GOOGLE) is not None:
        return
    SyncState.objects.update_or_create(
        user=user,
        defaults={
            "state": SyncState.State.IDLE,
            "last_synced_at": timezone.now(),
            "messages_seen": summary.read,
            "applications_created": summary.created,
            "applications_updated": summary.updated,
            "errors": summary.failed,
            "last_error": "",
        },
    )


# --------------------------------------------------------------------------- running a sync


@dataclass
class SyncCounters:
    """This run's progress, written to SyncState after every batch (CONTRACT.md §6)."""

    messages_seen: int = 0
    applications_created: int = 0
    applications_updated: int = 0
    errors: int = 0

    def as_fields(self) -> dict[str, int]:
        return {
            "messages_seen": self.messages_seen,
            "applications_created": self.applications_created,
            "applications_updated": self.applications_updated,
            "errors": self.errors,
        }


@dataclass
class SyncReport:
    """What a run did; the task ignores it, tests and `make bench-sync` read it."""

    mode: str  # "full", "incremental", "locked" (another run holds the lock), "not connected"
    counters: SyncCounters = field(default_factory=SyncCounters)
    stats: GmailStats | None = None
    complete: bool = False  # every listed message was processed and the cursor advanced
    # Time spent parsing, classifying and storing fetched mail (not waiting for Gmail).
    processing_seconds: float = 0.0


def sync_user(user_id: int, *, sleep: Callable[[float], None] = time.sleep) -> SyncReport:
    """Runs one Gmail sync for the user, unless another one is running (then it does nothing:
    the running sync's successor, queued by the next request or by beat, picks up new mail).

    Never raises for Gmail's refusals or outages: those end the run as `failed` with the reason
    in `last_error` (and `gmail_ok` False when Google refused the token).
    """
    with user_sync_lock(user_id) as lock:
        if lock is None:
            logger.info("Gmail sync of user %s skipped: another sync is running", user_id)
            return SyncReport(mode="locked")
        credential = user_selectors.provider_credential_of_user_id(
            user_id=user_id, provider=Provider.GOOGLE
        )
        if credential is None:
            return SyncReport(mode="not connected")
        state, _ = SyncState.objects.get_or_create(user_id=user_id)
        if not state.gmail_ok:
            _set_state(
                user_id,
                state=SyncState.State.FAILED,
                last_error="Gmail refused the stored Google token.",
            )
            return SyncReport(mode="not connected")
        run = SyncRun(
            user=credential.user,
            client=gmail_client_for(credential=credential, sleep=sleep),
            lock=lock,
            history_id=state.history_id,
        )
        return _execute(run)


def gmail_client_for(
    *, credential: ProviderCredential, sleep: Callable[[float], None] = time.sleep
) -> GmailClient:
    """A client from the stored (decrypted) tokens; a refreshed token is stored encrypted."""
    can_refresh = bool(
        credential.refresh_token and settings.GOOGLE_CLIENT_ID and settings.GOOGLE_CLIENT_SECRET
    )
    return GmailClient(
        access_token=credential.access_token,
        refresh_token=credential.refresh_token if can_refresh else None,
        client_id=settings.GOOGLE_CLIENT_ID or None,
        client_secret=settings.GOOGLE_CLIENT_SECRET or None,
        api_endpoint=settings.GMAIL_API_ENDPOINT,
        token_uri=settings.GOOGLE_TOKEN_URI,
        on_token_refreshed=partial(_store_refreshed_token, credential.pk),
        sleep=sleep,
        access_token_expiry=credential.token_expires_at,
    )


def _store_refreshed_token(credential_id: int, token: str, expires_at: datetime | None) -> None:
    user_services.provider_token_store(
        credential_id=credential_id, access_token=token, expires_at=expires_at
    )


def _execute(run: SyncRun) -> SyncReport:
    user_id = run.user.pk
    _set_state(user_id, state=SyncState.State.RUNNING, last_error="", **run.counters.as_fields())
    try:
        run.execute()
    except SyncLockLost:
        logger.warning("Gmail sync of user %s lost its lock to another sync; stopping", user_id)
        return run.report()
    except GmailAuthError as error:
        _finish_failed(run, error, gmail_ok=False)
    except GmailError as error:  # GmailUnavailable, GmailRequestError: cursor left unchanged
        _finish_failed(run, error)
    except Exception:
        logger.exception("Gmail sync of user %s crashed", user_id)
        _set_state(
            user_id,
            state=SyncState.State.FAILED,
            last_error="Internal error.",
            **run.counters.as_fields(),
        )
        raise
    else:
        _set_state(
            user_id,
            state=SyncState.State.IDLE,
            last_synced_at=timezone.now(),
            **run.counters.as_fields(),
        )
    logger.info("Gmail sync of user %s: %s %s", user_id, run.counters, run.client.stats.as_dict())
    return run.report()


def _finish_failed(run: SyncRun, error: GmailError, **extra: Any) -> None:
    logger.warning("Gmail sync of user %s failed: %s", run.user.pk, error)
    _set_state(
        run.user.pk,
        state=SyncState.State.FAILED,
        last_error=str(error)[:MAX_ERROR_CHARS],
        **run.counters.as_fields(),
        **extra,
    )


def _set_state(user_id: int, **fields: Any) -> None:
    """A targeted update: a concurrent `update_gmail_token` (gmail_ok) is never overwritten."""
    SyncState.objects.filter(user_id=user_id).update(**fields, updated_at=timezone.now())


class SyncRun:
    """One sync of one mailbox: lists what is new, fetches it in batches, applies each mail.

    A message that cannot be fetched, parsed, classified or applied is recorded as failed
    (`JobEmail.Outcome.FAILED`) and the run goes on; the cursor moves past it, and the next
    runs fetch it again until it succeeds or has failed `selectors.MAX_ATTEMPTS` times.
    """

    def __init__(self, *, user: User, client: GmailClient, lock: SyncLock, history_id: str) -> None:
        self.user = user
        self.client = client
        self.lock = lock
        self.history_id = history_id
        self.counters = SyncCounters()
        self.mode = "incremental" if history_id else "full"
        self.complete = False
        self.owner_names = owner_names_of(user)
        self.index: ApplicationIndex | None = None  # loaded once there is mail to apply
        self.processing_seconds = 0.0

    def report(self) -> SyncReport:
        return SyncReport(
            self.mode, self.counters, self.client.stats, self.complete, self.processing_seconds
        )

    def execute(self) -> None:
        if self.history_id:
            try:
                self._incremental_sync()
                return
            except HistoryTooOld:
                logger.info("History of user %s expired; running a full sync", self.user.pk)
                self.mode = "full"
        self._full_sync()

    def _incremental_sync(self) -> None:
        refs, new_history_id = self.client.list_history(self.history_id)
        wanted = [ref["id"] for ref in refs if not SKIPPED_LABELS & set(ref.get("labelIds", ()))]
        self._process(wanted)  # history is in arrival order: oldest first
        self._advance_cursor(new_history_id)

    def _full_sync(self) -> None:
        # Taken before listing: mail arriving while this run lists or fetches is after the
        # cursor, so the next (incremental) run reads it.
        history_id = str(self.client.get_profile()["historyId"])
        query = build_search_query(settings.GMAIL_LOOKBACK_DAYS)
        refs = self.client.list_message_ids(query)
        # Gmail lists newest first; oldest first applies a confirmation before its rejection.
        self._process([ref["id"] for ref in reversed(refs)])
        self._advance_cursor(history_id)

    def _advance_cursor(self, history_id: str) -> None:
        SyncState.objects.filter(user=self.user).update(history_id=history_id)
        self.complete = True

    def _process(self, message_ids: list[str]) -> None:
        # Earlier failures first: they are older than anything new.
        retries = selectors.message_ids_retryable(user=self.user)
        todo = selectors.message_ids_unprocessed(
            user=self.user, message_ids=[*retries, *message_ids]
        )
        if todo:
            self.index = ApplicationIndex.load(user=self.user)
        for batch in self.client.iter_messages(todo):
            started = time.perf_counter()
            self._process_batch(batch)
            self.processing_seconds += time.perf_counter() - started
            _set_state(self.user.pk, **self.counters.as_fields())
            self.lock.renew()

    @transaction.atomic  # one commit a batch
    def _process_batch(self, batch: FetchResult) -> None:
        for failure in batch.failures:
            self._failed(failure.message_id, f"Gmail answered {failure.status}: {failure.reason}")
        mails = [mail for message in batch.messages if (mail := self._parse(message))]
        # Within a batch too: Gmail's order is arrival order, the Date header is when it was sent.
        read = [
            (mail, classification)
            for mail in sorted(mails, key=lambda mail: mail.date)
            if (classification := self._classify(mail))
        ]
        if self.index is None:  # _process loads it before the first batch
            raise RuntimeError("no application index to apply mail to")
        results = apply_batch(user=self.user, mails=read, index=self.index)
        for (mail, _), result in zip(read, results, strict=True):
            self._count(mail, result)

    def _parse(self, message: dict[str, Any]) -> ParsedMail | None:
        try:
            return parse_gmail_message(message)
        except MalformedMessage as error:
            self._failed(
                str(message.get("id")), error.reason, thread_id=str(message.get("threadId") or "")
            )
        except Exception as error:  # a parser bug must cost one message, not the whole sync
            logger.exception("Could not parse Gmail message %s", message.get("id"))
            self._failed(
                str(message.get("id")),
                f"could not be read ({type(error).__name__})",
                thread_id=str(message.get("threadId") or ""),
            )
        return None

    def _classify(self, mail: ParsedMail) -> Classification | None:
        try:
            return classify(mail, owner_names=self.owner_names)
        except Exception as error:  # a classifier bug costs one message, not the sync
            self._could_not_apply(mail, error)
            return None

    def _count(self, mail: ParsedMail, result: ApplyResult | Exception) -> None:
        if isinstance(result, Exception):  # a bug or a refused value costs one message
            self._could_not_apply(mail, result)
            return
        self.counters.messages_seen += 1
        self.counters.applications_created += result.created
        self.counters.applications_updated += result.updated

    def _could_not_apply(self, mail: ParsedMail, error: Exception) -> None:
        logger.error(
            "Could not apply Gmail message %s",
            mail.msg_id,
            exc_info=(type(error), error, error.__traceback__),
        )
        self._failed(
            mail.msg_id,
            f"could not be applied ({type(error).__name__})",
            thread_id=mail.thread_id,
            date=mail.date,
        )

    def _failed(self, msg_id: str, reason: str, **details: Any) -> None:
        self.counters.messages_seen += 1
        self.counters.errors += 1
        record_failure(user=self.user, msg_id=msg_id, reason=reason, **details)
