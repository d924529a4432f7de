"""`manage.py eval_mail PATH`: how well the importer reads a labelled corpus (see
tests/mail_corpus/README.md). Imports PATH for a throwaway user, prints the figures, deletes
the user again (unless --keep)."""

import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gmail_sync.evaluation import CorpusError, as_json, evaluate_corpus, load_labels, report
from gmail_sync.mail_import import MailSourceError


class Command(BaseCommand):
    help = (
        "Import a labelled mail corpus (labels.json + mail/) for a throwaway user and print "
        "the confusion matrix, per-kind precision and recall, company and title exactness "
        "and thread-level accuracy."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a corpus folder, e.g. tests/mail_corpus/dev")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="list every thread and mail read wrongly (not for held-out)",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="keep the throwaway user and its applications to look at",
        )

    def handle(self, *args, path: str, json: bool, misses: bool, keep: bool, **options):
        try:
            owner = load_labels(Path(path))["owner"]
        except CorpusError as error:
            raise CommandError(str(error)) from None
        first, _, last = owner.get("name", "").partition(" ")
        user = get_user_model().objects.create_user(
            username=f"eval-{uuid.uuid4().hex[:10]}", first_name=first, last_name=last
        )
        try:
            evaluation = evaluate_corpus(Path(path), user=user)
        except (CorpusError, MailSourceError) as error:
            raise CommandError(str(error)) from None
        finally:
            if not keep:
                user.delete()
        self.stdout.write(as_json(evaluation) if json else report(evaluation, misses=misses))
        if keep:
            self.stderr.write(f"Kept user {user.username} (id {user.pk}).")
