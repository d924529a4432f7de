"""The labelled mail corpus (tests/mail_corpus) as the judge of email understanding.

The held-out part is imported end to end (parse, classify, match, store) and its figures must
not fall below the floor reached when it was last measured: a change that reads real mail worse
fails CI even when every unit test passes. Raise the floor when the figures improve; never
lower it to let a change through (tests/mail_corpus/README.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gmail_sync import learned
from gmail_sync.evaluation import evaluate_corpus, load_labels
from tests.factories import UserFactory

CORPUS = Path(__file__).parent / "mail_corpus"
RENDER = CORPUS / "render.py"

# What the importer reached on the held-out corpus (tests/mail_corpus/heldout).
HELD_OUT_FLOOR = {
    "thread_accuracy": 0.98,
    "company_exact": 0.89,
    "title_exact": 0.96,
    "rejection_recall": 1.0,
    "not_job_precision": 0.96,
}
HELD_OUT_MAX_FALSE_APPLICATIONS = 3
# And on the development corpus, which the importer is tuned on (a regression there is real).
# Parts l to cb (11,198 messages written blind to the importer) made it harder: the floor is
# what the importer reaches on the whole of it now.
DEV_FLOOR = {
    "thread_accuracy": 0.835,
    "company_exact": 0.825,
    "title_exact": 0.73,
    "rejection_recall": 0.96,
    "not_job_precision": 0.93,
}
DEV_MAX_FALSE_APPLICATIONS = 38


def test_the_rendered_corpus_matches_its_stories():
    done = subprocess.run(
        [sys.executable, str(RENDER), "--check", str(CORPUS / "dev"), str(CORPUS / "heldout")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_learned_reading_was_trained_on_the_current_development_corpus():
    """After changing the development corpus: python manage.py train_mail_model."""
    trained_on = learned.read_table()["corpus"]

    assert trained_on == learned.corpus_digest(CORPUS / "dev" / "labels.json")


def test_the_learned_reading_is_never_trained_on_the_held_out_corpus():
    with pytest.raises(CommandError, match="never train on it"):
        call_command("train_mail_model", str(CORPUS / "heldout"))


def test_the_corpus_is_as_big_and_varied_as_the_issue_asks():
    labels = {part: load_labels(CORPUS / part) for part in ("dev", "heldout")}
    messages = {part: list(labels[part]["messages"].values()) for part in labels}
    hard_negatives = sum(
        label["kind"] == "not_job" for part in messages for label in messages[part]
    )
    assert len(messages["heldout"]) >= 200
    assert len(messages["dev"]) + len(messages["heldout"]) >= 600
    assert hard_negatives >= 150
    for part in messages:
        assert {label["kind"] for label in messages[part]} == {
            "application_confirmation",
            "interview_invitation",
            "assessment",
            "rejection",
            "offer",
            "not_job",
        }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("part", "floor", "max_false"),
    [
        ("heldout", HELD_OUT_FLOOR, HELD_OUT_MAX_FALSE_APPLICATIONS),
        ("dev", DEV_FLOOR, DEV_MAX_FALSE_APPLICATIONS),
    ],
)
def test_the_importer_reads_the_corpus_at_least_as_well_as_before(part, floor, max_false):
    owner = load_labels(CORPUS / part)["owner"]["name"].split()
    user = UserFactory(first_name=owner[0], last_name=owner[-1])

    evaluation = evaluate_corpus(CORPUS / part, user=user)

    reached = {
        "thread_accuracy": evaluation.thread_accuracy,
        "company_exact": evaluation.share("company_exact"),
        "title_exact": evaluation.share("title_exact"),
        "rejection_recall": evaluation.recall("rejection"),
        "not_job_precision": evaluation.precision("not_job"),
    }
    below = {name: round(value, 4) for name, value in reached.items() if value < floor[name]}
    assert not below, f"{part}: below the floor {floor}: {below}"
    assert len(evaluation.false_applications) <= max_false, evaluation.false_applications
