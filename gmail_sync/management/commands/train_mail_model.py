"""manage.py train_mail_model [PATH]: trains the learned second reading (gmail_sync.learned)
on a labelled corpus, by default the development corpus, and writes its model file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gmail_sync import learned
from gmail_sync.evaluation import CorpusError, load_labels
from gmail_sync.parsing import parse_rfc822
from gmail_sync.reading import read
from jobapps.models import JobEmail

DEV_CORPUS = Path(__file__).resolve().parents[3] / "tests" / "mail_corpus" / "dev"


class Command(BaseCommand):
    help = "Train the learned reading of mail on a labelled corpus (never the held-out one)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEV_CORPUS))

    def handle(self, *args, path: str, **options):
        corpus = Path(path)
        if corpus.name == "heldout":
            raise CommandError("The held-out corpus measures the importer; never train on it.")
        try:
            labels = load_labels(corpus)
        except CorpusError as error:
            raise CommandError(str(error)) from error
        table = learned.train(
            _examples(corpus, labels["messages"]),
            [kind.value for kind in JobEmail.Kind],
            digest=learned.corpus_digest(corpus / "labels.json"),
        )
        learned.save(table)
        self.stdout.write(
            f"Trained on {sum(table['mails'])} mails: {len(table['counts'])} words and pairs "
            f"in {learned.MODEL_PATH.name}."
        )


def _examples(corpus: Path, messages: dict):
    for name, label in sorted(messages.items()):
        mail = parse_rfc822((corpus / "mail" / name).read_bytes())
        if mail.is_sent_by_user:
            continue  # never read: the classifier decides these before reading them
        reading = read(mail)
        yield label["kind"], (reading.subject, *reading.sentences)
