"""Which of the user's live applications a mail is about. Reads only; no writes.

A follow-up mail (interview, assessment, rejection, offer) is matched by its thread first (a
reply in the thread of the confirmation), then by company and job title. A confirmation is
matched against applications it would duplicate: the same posting URL, or the same company and
a similar title (a LinkedIn confirmation and the ATS confirmation of one application).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gmail_sync.classifier import Classification, normalise_company, title_similarity
from jobapps.job_urls import normalize_job_url
from jobapps.models import JobApplication, JobEmail

# "Frontend Developer" vs "Frontend Engineer" is 0.74; "Software Engineer" vs "Data Engineer"
# 0.65 and "Backend Engineer" vs "Frontend Engineer" 0.61 are different jobs.
TITLE_MATCH_THRESHOLD = 0.7
# A confirmation naming no title duplicates an application at the same company only when that
# application was made around the same time (boards and ATSs confirm within days).
UNTITLED_DUPLICATE_WINDOW = timedelta(days=14)


@dataclass(frozen=True)
class Candidate:
    id: int
    company: str
    job_title: str
    apply_date: datetime
    is_rejected: bool


@dataclass(frozen=True)
class Match:
    jobapp_id: int
    how: str  # "thread", "job url", "company and title", "company"
    # Why this is only a guess (never applied), e.g. several applications at the company.
    doubt: str = ""


def find_application(
    *, user, thread_id: str, classification: Classification
) -> Match | None:
    """The application a follow-up mail (interview, assessment, rejection, offer) is about."""
    by_thread = _application_in_thread(user=user, thread_id=thread_id)
    if by_thread is not None:
        return Match(by_thread, "thread")
    candidates = applications_at_company(user=user, company=classification.company)
    if not candidates:
        return None
    by_title = _best_title_match(candidates, classification.job_title)
    if by_title is not None:
        return Match(by_title.id, "company and title")
    newest = max(candidates, key=lambda candidate: candidate.apply_date)
    # The company alone names the application only when it is the user's one application there
    # and the mail names no other job ("Staff Data Engineer" does not reject the SRE application).
    if len(candidates) > 1:
        return Match(newest.id, "company", doubt="several applications at this company")
    if classification.job_title and newest.job_title:
        return Match(newest.id, "company", doubt="the mail names another job title")
    return Match(newest.id, "company")


def find_duplicate(
    *, user, thread_id: str, classification: Classification, mail_date: datetime
) -> Match | None:
    """An application a confirmation would duplicate."""
    by_url = _application_with_url(user=user, job_url=classification.job_url)
    if by_url is not None:
        return Match(by_url, "job url")
    by_thread = _application_in_thread(user=user, thread_id=thread_id)
    if by_thread is not None:
        return Match(by_thread, "thread")
    # A rejected application is over: applying again is a new application.
    open_candidates = [
        candidate
        for candidate in applications_at_company(user=user, company=classification.company)
        if not candidate.is_rejected
    ]
    if classification.job_title:
        by_title = _best_title_match(open_candidates, classification.job_title)
        return Match(by_title.id, "company and title") if by_title else None
    recent = [
        candidate for candidate in open_candidates
        if abs(candidate.apply_date - mail_date) <= UNTITLED_DUPLICATE_WINDOW
    ]
    return Match(recent[0].id, "company") if len(recent) == 1 else None


def applications_at_company(*, user, company: str) -> list[Candidate]:
    """The user's live applications whose company normalises to the same name.

    SQL narrows by the longest word of the name; Python compares the normalised names
    ("Bluefin Analytics, Inc." is "Bluefin Analytics"). Names whose stored spelling differs in
    that word (accents, "&" vs "and") are not found this way; thread matching still is.
    """
    key = normalise_company(company)
    if not key:
        return []
    probe = max(key.split(), key=len)
    rows = JobApplication.objects.filter(
        user=user, is_deleted=False, company__icontains=probe
    ).values_list("id", "company", "job_title", "apply_date", "is_rejected")
    return [Candidate(*row) for row in rows if normalise_company(row[1]) == key]


def _best_title_match(candidates: list[Candidate], job_title: str) -> Candidate | None:
    if not job_title:
        return None
    scored = [
        (title_similarity(job_title, candidate.job_title), candidate) for candidate in candidates
    ]
    good = [(score, candidate) for score, candidate in scored if score >= TITLE_MATCH_THRESHOLD]
    if not good:
        return None
    # Best title first; among equals, the open and most recent application.
    return max(
        good,
        key=lambda pair: (pair[0], not pair[1].is_rejected, pair[1].apply_date),
    )[1]


def _application_in_thread(*, user, thread_id: str) -> int | None:
    if not thread_id:
        return None
    return (
        JobEmail.objects.filter(
            user=user,
            thread_id=thread_id,
            job_application__isnull=False,
            job_application__is_deleted=False,
        )
        .order_by("-date", "-id")
        .values_list("job_application_id", flat=True)
        .first()
    )


def _application_with_url(*, user, job_url: str) -> int | None:
    if not job_url:
        return None
    return (
        JobApplication.objects.filter(
            user=user, is_deleted=False, job_url=normalize_job_url(job_url)
        )
        .values_list("id", flat=True)
        .first()
    )
