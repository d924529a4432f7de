"""Which of the user's live applications a mail is about.

A follow-up mail (interview, assessment, rejection, offer) is matched by its thread first (a
reply in the thread of the confirmation), then by company, then by job title. A confirmation is
matched against applications it would duplicate: the same posting URL, its thread, or the same
company and a similar title (a LinkedIn confirmation and the ATS confirmation of one
application).

"The same company" is spelt loosely: with or without a legal suffix or a leading "The", a brand
and its longer name ("Mercado Verde" and "Mercado Verde Markets"), or mail from the same
employer domain ("Castellan Federal Systems" and "Castellanfed" both wrote from castellanfed.com).

An `ApplicationIndex` holds what matching needs (the user's live applications, the threads and
employer domains of their mail) in memory: a sync or an import loads it once and keeps it
current as mails create and move applications, so matching costs no query per mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from gmail_sync.classifier import (
    Classification,
    normalise_company,
    same_job_at_another_level,
    title_similarity,
)
from gmail_sync.companies import abbreviates, loose_key
from jobapps.job_urls import normalize_job_url
from jobapps.models import JobApplication, JobEmail

# "Frontend Developer" vs "Frontend Engineer" is 0.74; "Software Engineer" vs "Data Engineer"
# 0.65 and "Backend Engineer" vs "Frontend Engineer" 0.61 are different jobs.
TITLE_MATCH_THRESHOLD = 0.7
# A confirmation naming no title duplicates an application at the same company only when that
# application was made around the same time (boards and ATSs confirm within days).
UNTITLED_DUPLICATE_WINDOW = timedelta(days=14)
# A mail naming no company matches an application by title alone only this close.
SAME_TITLE_SIMILARITY = 0.9
# A one-word name shorter than this is no brand of a longer one ("Ace" is not "Ace Hardware").
MIN_BRAND_CHARS = 4


@dataclass
class Candidate:
    id: int
    company: str
    job_title: str
    apply_date: datetime
    is_rejected: bool
    job_url: str = ""
    domains: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.key = normalise_company(self.company)
        self.loose = loose_key(self.company)


@dataclass(frozen=True)
class Match:
    jobapp_id: int
    # Why this is only a guess (never applied), e.g. several applications at the company.
    doubt: str = ""


class ApplicationIndex:
    def __init__(self, candidates: list[Candidate], threads: dict[str, int]) -> None:
        self.candidates = {candidate.id: candidate for candidate in candidates}
        self.threads = threads

    @classmethod
    def load(cls, *, user) -> ApplicationIndex:
        """Two queries: the live applications, and the thread and sender of their mail."""
        candidates = {
            row[0]: Candidate(*row) for row in JobApplication.objects.filter(
                user=user, is_deleted=False,
            ).values_list("id", "company", "job_title", "apply_date", "is_rejected", "job_url")
        }
        threads: dict[str, int] = {}
        for thread_id, app_id, domain in (
            JobEmail.objects.filter(user=user, job_application__isnull=False)
            .order_by("date", "id")
            .values_list("thread_id", "job_application_id", "employer_domain")
        ):
            if app_id in candidates:
                threads[thread_id] = app_id
                if domain:
                    candidates[app_id].domains.add(domain)
        return cls(list(candidates.values()), threads)

    # -- keeping it current ---------------------------------------------------------------------

    def added(self, jobapp: JobApplication) -> None:
        self.candidates[jobapp.pk] = Candidate(jobapp.pk, jobapp.company, jobapp.job_title,
                                               jobapp.apply_date, jobapp.is_rejected,
                                               jobapp.job_url)

    def linked(self, *, jobapp_id: int, thread_id: str, employer_domain: str) -> None:
        candidate = self.candidates.get(jobapp_id)
        if candidate is None:
            return
        if thread_id:
            self.threads[thread_id] = jobapp_id
        if employer_domain:
            candidate.domains.add(employer_domain)

    def rejected(self, jobapp_id: int) -> None:
        if jobapp_id in self.candidates:
            self.candidates[jobapp_id].is_rejected = True

    # -- finding ----------------------------------------------------------------------------------

    def find_application(self, *, thread_id: str,
                         classification: Classification) -> Match | None:
        """The application a follow-up mail (interview, assessment, rejection, offer) is about;
        None when the mail is about an application not tracked yet."""
        by_thread = self._in_thread(thread_id)
        if by_thread is not None:
            return Match(by_thread)
        candidates = self.at_company(classification) or self._untitled_company_guess(
            classification)
        if not candidates:
            return None
        title = classification.job_title
        by_title = _best_title_match(candidates, title)
        if by_title is not None:
            return Match(by_title.id)
        if title and all(_names_another_job(title, c.job_title) for c in candidates):
            return None  # another job at this company, applied to outside the mailbox
        return _one_of(candidates, classification)

    def find_duplicate(self, *, thread_id: str, classification: Classification,
                       mail_date: datetime) -> Match | None:
        """An application a confirmation would duplicate."""
        by_url = self._with_url(classification.job_url)
        if by_url is not None:
            return Match(by_url)
        by_thread = self._in_thread(thread_id)
        if by_thread is not None:
            return Match(by_thread)
        # A rejected application is over (applying again is a new application); another
        # posting's URL is another application.
        wanted_url = normalize_job_url(classification.job_url) if classification.job_url else ""
        open_candidates = [candidate for candidate in self.at_company(classification)
                           if not candidate.is_rejected
                           and not _other_posting(wanted_url, candidate.job_url)]
        if classification.job_title:
            by_title = _best_title_match(open_candidates, classification.job_title)
            return Match(by_title.id) if by_title else None
        recent = [candidate for candidate in open_candidates
                  if abs(candidate.apply_date - mail_date) <= UNTITLED_DUPLICATE_WINDOW]
        return Match(recent[0].id) if len(recent) == 1 else None

    def _untitled_company_guess(self, classification: Classification) -> list[Candidate]:
        """A mail naming no company (a board's relay, a bare "Interview - Data Analyst") is
        about the one application whose title it names, if there is exactly one."""
        if classification.company or not classification.job_title:
            return []
        same_title = [candidate for candidate in self.candidates.values()
                      if title_similarity(classification.job_title, candidate.job_title)
                      >= SAME_TITLE_SIMILARITY]
        return same_title if len(same_title) == 1 else []

    def at_company(self, classification: Classification) -> list[Candidate]:
        """The live applications at the company the mail names or writes from."""
        key = normalise_company(classification.company)
        loose = loose_key(classification.company)
        domain = classification.employer_domain
        # Two employers of one name write from different domains: a candidate known to write
        # from other domains only is another company.
        return [candidate for candidate in self.candidates.values()
                if (domain and domain in candidate.domains)
                or (key and _same_company(key, loose, candidate)
                    and not (domain and candidate.domains))]

    def _in_thread(self, thread_id: str) -> int | None:
        return self.threads.get(thread_id) if thread_id else None

    def _with_url(self, job_url: str) -> int | None:
        if not job_url:
            return None
        wanted = normalize_job_url(job_url)
        return next((candidate.id for candidate in self.candidates.values()
                     if candidate.job_url and candidate.job_url == wanted), None)


def _one_of(candidates: list[Candidate], classification: Classification) -> Match:
    """Several applications at the company and no title to tell them apart: the one open
    application, or the one the employer wrote about from this mail's domain; else a guess."""
    narrowed = [c for c in candidates if not c.is_rejected] or candidates
    if len(narrowed) > 1 and classification.employer_domain:
        narrowed = [c for c in narrowed if classification.employer_domain in c.domains] or narrowed
    newest = max(narrowed, key=lambda candidate: candidate.apply_date)
    if len(narrowed) > 1:
        return Match(newest.id, doubt="several applications at this company")
    return Match(newest.id)


def _other_posting(url: str, tracked_url: str) -> bool:
    """Two links on one board or ATS to different postings. (A board's link and the ATS's
    link to one posting differ in host: they say nothing.)"""
    return bool(url and tracked_url) and url != tracked_url and (
        urlsplit(url).hostname == urlsplit(tracked_url).hostname)


def _names_another_job(title: str, tracked_title: str) -> bool:
    """The mail's title and the tracked one are different jobs (a tracked application without
    a title could be any). The same job at another level is not: an interview or an offer can
    come up- or down-levelled."""
    return bool(tracked_title) and title_similarity(title, tracked_title) < TITLE_MATCH_THRESHOLD \
        and not same_job_at_another_level(title, tracked_title)


def _same_company(key: str, loose: str, candidate: Candidate) -> bool:
    if key == candidate.key or (loose and loose == candidate.loose):
        return True
    # A name read off a domain or an account ("Wexfordtransit") and the name it abbreviates.
    if " " not in key and abbreviates(loose, [loose_key(w) for w in candidate.key.split()[:6]]):
        return True
    if " " not in candidate.key and abbreviates(candidate.loose,
                                                [loose_key(w) for w in key.split()[:6]]):
        return True
    # Word by word, plural and possessive aside ("Brightwell Children" of "Brightwell
    # Children's Hospital").
    shorter, longer = sorted(([word.rstrip("s") for word in key.split()],
                              [word.rstrip("s") for word in candidate.key.split()]), key=len)
    return (bool(shorter) and longer[: len(shorter)] == shorter
            and len(" ".join(shorter)) >= MIN_BRAND_CHARS)


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
