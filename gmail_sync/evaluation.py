"""How well the importer reads a labelled corpus (`manage.py eval_mail`, `tests/mail_corpus`).

The corpus is imported for a throwaway user through the same road as `import_mail` (parse,
classify, match, apply, store), then read back from the database and compared with the labels:

* per mail: the kind it was read as (confusion matrix, precision and recall per kind);
* per application thread (a story of the corpus): right when its job mails ended linked to
  exactly one application, that application holds no mail of another story, and its status and
  rejection flag are what the mails say; company and title exactness of that application;
* non-job mails that created an application.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gmail_sync.apply import STATUS_RANK, storage_msg_id
from gmail_sync.classifier import COMPANY_SUFFIXES
from gmail_sync.mail_import import import_messages, open_mail_source
from gmail_sync.parsing import rfc822_message_id
from jobapps import selectors as jobapp_selectors
from jobapps.models import ApplicationStatus, JobEmail

KINDS = [kind.value for kind in JobEmail.Kind]
FAILED = "failed"
STATUS_BY_KIND = {
    "application_confirmation": ApplicationStatus.APPLIED,
    "assessment": ApplicationStatus.PHONE_SCREEN,
    "interview_invitation": ApplicationStatus.PHONE_SCREEN,
    "offer": ApplicationStatus.OFFER,
    "rejection": ApplicationStatus.APPLIED,  # a rejection flags; the stage stays
}
# Compared without dots: "S.A." is "sa", "A.Ş." is "aş"; "(Pty)" without its brackets.
_LEGAL_SUFFIXES = (
    COMPANY_SUFFIXES
    | frozenset(
        """
        a/s private kg ug sl dac lda pte bhd sdn kft zrt oü aps asa sro ooo aş pjsc psc fz-llc
        fzco fze gk tbk pt
        """.split()
    )
    | {"sa de cv", "de cv", "sp z oo"}
)


class CorpusError(Exception):
    """The corpus folder lacks its labels or mail."""


@dataclass
class ThreadResult:
    story: str
    right: bool
    applications: int
    expected: str
    got: str
    company: str
    company_read: str
    company_exact: bool | None
    title: str
    title_read: str
    title_exact: bool | None


@dataclass
class Evaluation:
    corpus: str
    messages: int
    seconds: float
    confusion: dict[str, dict[str, int]]
    threads: list[ThreadResult]
    false_applications: list[str]  # files of not-job mails that created an application
    not_job_messages: int
    misread: list[dict[str, str]] = field(default_factory=list)

    @property
    def messages_per_second(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    def recall(self, kind: str) -> float | None:
        row = self.confusion.get(kind, {})
        total = sum(row.values())
        return row.get(kind, 0) / total if total else None

    def precision(self, kind: str) -> float | None:
        column = sum(row.get(kind, 0) for row in self.confusion.values())
        return self.confusion.get(kind, {}).get(kind, 0) / column if column else None

    def share(self, attribute: str) -> float:
        judged = [getattr(t, attribute) for t in self.threads if getattr(t, attribute) is not None]
        return sum(judged) / len(judged) if judged else 0.0

    @property
    def thread_accuracy(self) -> float:
        return sum(t.right for t in self.threads) / len(self.threads) if self.threads else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "messages_per_second": round(self.messages_per_second, 1),
            "threads": len(self.threads),
            "threads_right": sum(t.right for t in self.threads),
            "thread_accuracy": round(self.thread_accuracy, 4),
            "company_exact": round(self.share("company_exact"), 4),
            "title_exact": round(self.share("title_exact"), 4),
            "false_applications": len(self.false_applications),
            "not_job_messages": self.not_job_messages,
            "recall": {kind: _round(self.recall(kind)) for kind in KINDS},
            "precision": {kind: _round(self.precision(kind)) for kind in KINDS},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def load_labels(corpus: Path) -> dict[str, Any]:
    try:
        labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorpusError(f"{corpus}/labels.json cannot be read: {error}") from None
    if not (corpus / "mail").is_dir():
        raise CorpusError(f"{corpus}/mail is not a folder of mail files")
    return labels


def evaluate_corpus(corpus: Path, *, user) -> Evaluation:
    """Imports the corpus for `user` (who should have no mail yet) and scores the result."""
    labels = load_labels(corpus)
    files = {path.name: path for path in sorted((corpus / "mail").iterdir()) if path.is_file()}
    msg_ids = {
        name: storage_msg_id(rfc822_message_id(path.read_bytes())) for name, path in files.items()
    }
    with open_mail_source(corpus / "mail") as source:
        started = time.perf_counter()
        import_messages(user=user, messages=source.messages)
        seconds = time.perf_counter() - started
    emails = jobapp_selectors.job_emails_as_read(user=user)
    applications = jobapp_selectors.jobapps_as_read(user=user)
    return _score(str(corpus), labels, msg_ids, emails, applications, seconds)


def _score(
    corpus: str,
    labels: dict[str, Any],
    msg_ids: dict[str, str],
    emails: dict[str, dict[str, Any]],
    applications: dict[int, dict[str, Any]],
    seconds: float,
) -> Evaluation:
    confusion: dict[str, dict[str, int]] = defaultdict(Counter)
    misread: list[dict[str, str]] = []
    story_of_application: dict[int, set[str]] = defaultdict(set)
    for name, label in labels["messages"].items():
        email = emails.get(msg_ids[name], {})
        read_as = (
            FAILED if email.get("outcome") == JobEmail.Outcome.FAILED else email.get("kind", FAILED)
        )
        confusion[label["kind"]][read_as] += 1
        if read_as != label["kind"]:
            misread.append(
                {
                    "file": name,
                    "story": label["story"] or "",
                    "label": label["kind"],
                    "read_as": read_as,
                    "evidence": email.get("evidence", ""),
                }
            )
        if email.get("job_application_id"):
            story_of_application[email["job_application_id"]].add(label["story"] or name)
    threads = [
        _thread(story_id, story, labels, msg_ids, emails, applications, story_of_application)
        for story_id, story in labels["stories"].items()
    ]
    not_job = {
        msg_ids[name]: name
        for name, label in labels["messages"].items()
        if label["kind"] == "not_job"
    }
    false_applications = sorted(
        not_job[app["msg_id"]] for app in applications.values() if app["msg_id"] in not_job
    )
    return Evaluation(
        corpus,
        len(labels["messages"]),
        seconds,
        {kind: dict(row) for kind, row in confusion.items()},
        threads,
        false_applications,
        len(not_job),
        misread,
    )


def _thread(
    story_id: str,
    story: dict[str, Any],
    labels: dict[str, Any],
    msg_ids: dict[str, str],
    emails: dict[str, dict[str, Any]],
    applications: dict[int, dict[str, Any]],
    story_of_application: dict[int, set[str]],
) -> ThreadResult:
    job_mail = [
        (name, label)
        for name, label in labels["messages"].items()
        if label["story"] == story_id and label["kind"] != "not_job"
    ]
    expected_status, expected_rejected = _expected_end(label for _, label in job_mail)
    linked = sorted(
        {
            app_id
            for name, _ in job_mail
            if (app_id := emails.get(msg_ids[name], {}).get("job_application_id")) is not None
        }
    )
    expected = _state(expected_status, expected_rejected)
    if not linked:
        return ThreadResult(
            story_id,
            False,
            0,
            expected,
            "no application",
            story["company"],
            "",
            None,
            story["title"],
            "",
            None,
        )
    app = applications[linked[0]]
    got = _state(app["application_status_id"], app["is_rejected"])
    right = len(linked) == 1 and story_of_application[app["id"]] == {story_id} and got == expected
    return ThreadResult(
        story_id,
        right,
        len(linked),
        expected,
        got if len(linked) == 1 else f"{len(linked)} applications",
        story["company"],
        app["company"],
        company_key(app["company"]) == company_key(story["company"]),
        story["title"],
        app["job_title"],
        title_key(app["job_title"]) == title_key(story["title"]),
    )


def _expected_end(labels) -> tuple[int, bool]:
    status, rejected = ApplicationStatus.APPLIED, False
    for label in labels:
        if label["kind"] == "rejection":
            rejected = True
        target = (
            ApplicationStatus.ONSITE_INTERVIEW
            if label.get("onsite")
            else STATUS_BY_KIND[label["kind"]]
        )
        if STATUS_RANK[target] > STATUS_RANK[status]:
            status = target
    return status, rejected


def _state(status_id: int | None, rejected: bool) -> str:
    names: dict[int | None, str] = {
        ApplicationStatus.APPLIED: "Applied",
        ApplicationStatus.TO_APPLY: "To Apply",
        ApplicationStatus.PHONE_SCREEN: "Phone Screen",
        ApplicationStatus.ONSITE_INTERVIEW: "Onsite Interview",
        ApplicationStatus.OFFER: "Offer",
    }
    return names.get(status_id, str(status_id)) + (", rejected" if rejected else "")


def company_key(name: str) -> str:
    """The name as the comparison sees it: case, a leading "The" and legal suffixes aside;
    accents and every other character kept."""
    words = unicodedata.normalize("NFC", name).casefold().replace(",", " ").split()
    words = [word.strip(".()") for word in words]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1:
        for size in (3, 2, 1):
            tail = " ".join(words[-size:]).replace(".", "")
            if len(words) > size and tail in _LEGAL_SUFFIXES:
                words = words[:-size]
                break
        else:
            break
    return " ".join(words)


def title_key(title: str) -> str:
    text = unicodedata.normalize("NFC", title).casefold().replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip(" .,;:-")


def report(evaluation: Evaluation, *, misses: bool = False) -> str:
    """The figures as a person reads them."""
    figures = evaluation.figures()
    lines = [
        f"Corpus {evaluation.corpus}: {evaluation.messages} messages, "
        f"{figures['threads']} application threads, {evaluation.not_job_messages} not-job mails",
        f"Imported in {evaluation.seconds:.2f} s: {figures['messages_per_second']:.0f} "
        "messages/s (parse, classify, match, store)",
        "",
        "Confusion matrix (rows: label, columns: read as)",
    ]
    columns = [*KINDS, FAILED]
    short = {kind: kind.split("_")[0][:9] for kind in columns}
    lines.append(" " * 26 + "".join(f"{short[c]:>11}" for c in columns))
    for kind in KINDS:
        row = evaluation.confusion.get(kind, {})
        lines.append(f"{kind:<26}" + "".join(f"{row.get(c, 0):>11}" for c in columns))
    lines += ["", f"{'kind':<26}{'precision':>11}{'recall':>11}"]
    for kind in KINDS:
        lines.append(
            f"{kind:<26}{_percent(evaluation.precision(kind)):>11}"
            f"{_percent(evaluation.recall(kind)):>11}"
        )
    threads = evaluation.threads
    lines += [
        "",
        f"Application threads right (one application, right state): {figures['threads_right']}"
        f"/{len(threads)} ({evaluation.thread_accuracy:.1%})",
        f"Company named exactly (case, 'The', legal suffix aside): "
        f"{evaluation.share('company_exact'):.1%}",
        f"Title exact: {evaluation.share('title_exact'):.1%}",
        f"Non-job mails that created an application: {len(evaluation.false_applications)} of "
        f"{evaluation.not_job_messages}",
    ]
    if misses:
        lines += _misses(evaluation)
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _misses(evaluation: Evaluation) -> list[str]:
    lines = ["", "Threads not right (x: a wrong application; -: right but misnamed):"]
    for thread in evaluation.threads:
        if not thread.right or thread.company_exact is False or thread.title_exact is False:
            company = (
                ""
                if thread.company_exact is not False
                else f" [company {thread.company!r} read {thread.company_read!r}]"
            )
            title = (
                ""
                if thread.title_exact is not False
                else f" [title {thread.title!r} read {thread.title_read!r}]"
            )
            lines.append(
                f"  {'-' if thread.right else 'x'} {thread.story}: expected {thread.expected}, "
                f"got {thread.got}{company}{title}"
            )
    lines += ["", "Mails read as another kind:"]
    for miss in evaluation.misread:
        lines.append(
            f"  {miss['file']} ({miss['story']}): {miss['label']} read as "
            f"{miss['read_as']}: {miss['evidence'][:120]!r}"
        )
    lines += [
        "",
        "Non-job mails that created an application: "
        + (", ".join(evaluation.false_applications) or "none"),
    ]
    return lines


def as_json(evaluation: Evaluation) -> str:
    return json.dumps(
        {**evaluation.figures(), "threads_detail": [asdict(t) for t in evaluation.threads]},
        indent=1,
    )
