"""`manage.py import_mail --user U PATH`: import a Takeout .zip or .mbox, or a folder of .eml
files (CONTRACT.md §7). Exits non-zero only when it cannot run at all."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gmail_sync.mail_import import MailSourceError, import_messages, open_mail_source
from gmail_sync.services import sync_state_record_import


class Command(BaseCommand):
    help = (
        "Import job mail from a Google Takeout .zip or .mbox file, or a folder of .eml files, "
        "for one user, through the same parsing and matching as the Gmail sync. Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="username of the mail's owner")
        parser.add_argument("path", help="a Takeout .zip or .mbox file, or a folder of .eml files")

    def handle(self, *args, **options):
        user = _user_named(options["user"])
        try:
            with open_mail_source(Path(options["path"])) as source:
                if source.ignored:
                    self.stderr.write(
                        f"Ignored {len(source.ignored)} files that are not mail: "
                        f"{', '.join(source.ignored[:5])}"
                    )
                # On stderr, only on a terminal (disable=None): the summary stays parseable.
                progress = tqdm(source.messages, desc="Importing", unit="msg", disable=None)
                summary = import_messages(user=user, messages=progress)
        except MailSourceError as error:
            raise CommandError(str(error)) from None
        sync_state_record_import(user=user, summary=summary)
        for failure in summary.failures:
            self.stderr.write(f"Failed: {failure}")
        self.stdout.write(summary.line())


def _user_named(username: str):
    users = get_user_model().objects
    user = (
        users.filter(username=username).first() or users.filter(username__iexact=username).first()
    )
    if user is None:
        raise CommandError(f"No user named {username!r}.")
    return user
