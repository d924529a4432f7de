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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from gmail_sync.classifier import (
    Classification,
    MailKind,
    normalise_company,
    same_job_at_another_level,
    title_similarity,
)
from gmail_sync.companies import abbreviates, loose_key
from jobapps import selectors as jobapp_selectors
from jobapps.job_urls import normalize_job_url
from jobapps.models import ApplicationStatus, JobApplication, Source

# "Frontend Developer" vs "Frontend Engineer" is 0.74; "Software Engineer" vs "Data Engineer"
# 0.65 and "Backend Engineer" vs "Frontend Engineer" 0.61 are different jobs.
TITLE_MATCH_THRESHOLD = 0.7
# A confirmation naming no title duplicates an application at the same company only when that
# application was made around the same time (boards and ATSs confirm within days).
UNTITLED_DUPLICATE_WINDOW = timedelta(days=14)
# The same from the employer's own domain or ATS mailbox that wrote about the application.
SAME_SENDER_DUPLICATE_WINDOW = timedelta(days=60)
# A mail naming no company matches an application by title alone only this close.
SAME_TITLE_SIMILARITY = 0.9
# A one-word name shorter than this is no brand of a longer one ("Ace" is not "Ace Hardware").
MIN_BRAND_CHARS = 4
# A first word that tells a company apart on its own ("Penhallow", not "Blue").
MIN_DISTINCT_WORD = 6
# "PN", "HVB", "WRTA": a first word this short may be an acronym of several words.
MAX_ACRONYM_CHARS = 4


@dataclass
class Candidate:
    id: int
    company: str
    job_title: str
    apply_date: datetime
    is_rejected: bool
    job_url: str = ""
    # The employer domains its mail came from, as domain_key spells them.
    domains: set[str] = field(default_factory=set)
    # The people (their addresses, folded) who wrote about it: a recruiter's later mail in a
    # new thread is about the application she wrote about before.
    people: set[str] = field(default_factory=set)
    # What deciding a move needs (apply.AppState), and when the row last changed: a batch
    # decides on these and checks, when it writes, that nobody changed the row meanwhile.
    status_id: int | None = None
    hand_changed_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        self.name = CompanyName.of(self.company)


@dataclass(frozen=True)
class Match:
    jobapp_id: int
    # Why this is only a guess (never applied), e.g. several applications at the company.
    doubt: str = ""


class ApplicationIndex:
    def __init__(
        self,
        candidates: list[Candidate],
        threads: dict[str, int],
        deleted: Sequence[Candidate] = (),
        deleted_threads: dict[str, int] | None = None,
    ) -> None:
        self.candidates = {candidate.id: candidate for candidate in candidates}
        self.threads = threads
        # Candidates by what a same_company or a domain match needs (a mail is compared with
        # a few, not with every application the user has), and their order of arrival.
        self._by_token: dict[str, list[Candidate]] = {}
        self._by_domain: dict[str, list[Candidate]] = {}
        self._arrival: dict[int, int] = {}
        for candidate in candidates:
            self._file(candidate)
        # Applications the user deleted, and the threads of their mail: later mail about one
        # must not bring it back.
        self.deleted = list(deleted)
        self.deleted_threads = deleted_threads or {}

    @classmethod
    def load(cls, *, user) -> ApplicationIndex:
        """Four queries: the live applications, the user's own status changes, the thread and
        sender of their mail, and the people who wrote it."""
        candidates = {
            row["id"]: Candidate(
                id=row["id"],
                company=row["company"],
                job_title=row["job_title"],
                apply_date=row["apply_date"],
                is_rejected=row["is_rejected"],
                job_url=row["job_url"],
                status_id=row["application_status_id"],
                updated_at=row["updated_at"],
                hand_changed_at=latest_hand_change(
                    row["rejection_changed_by"], row["rejection_changed_at"], None
                ),
            )
            for row in jobapp_selectors.jobapps_for_matching(user=user)
        }
        for app_id, latest in hand_status_changes(user=user).items():
            candidate = candidates.get(app_id)
            if candidate is not None:
                candidate.hand_changed_at = max(filter(None, (candidate.hand_changed_at, latest)))
        deleted = {
            row["id"]: Candidate(**row)
            for row in jobapp_selectors.jobapps_for_matching(user=user, deleted=True)
        }
        threads: dict[str, int] = {}
        deleted_threads: dict[str, int] = {}
        for thread_id, app_id, domain in jobapp_selectors.job_email_links(user=user):
            if app_id in candidates:
                threads[thread_id] = app_id
                if domain:
                    candidates[app_id].domains.add(domain_key(domain))
            elif app_id in deleted:
                deleted_threads[thread_id] = app_id
        for app_id, email in jobapp_selectors.contacts_from_mail(user=user):
            if app_id in candidates:
                candidates[app_id].people.add(email.casefold())
        return cls(list(candidates.values()), threads, list(deleted.values()), deleted_threads)

    def reload(self, *, user) -> None:
        fresh = ApplicationIndex.load(user=user)
        self.__dict__.update(fresh.__dict__)

    # -- keeping it current ---------------------------------------------------------------------

    def added(self, jobapp: JobApplication, *, jobapp_id: int | None = None) -> None:
        """A new application (under `jobapp_id` while it has no id of its own)."""
        key = jobapp.pk if jobapp_id is None else jobapp_id
        candidate = Candidate(
            id=key,
            company=jobapp.company,
            job_title=jobapp.job_title,
            apply_date=jobapp.apply_date,
            is_rejected=jobapp.is_rejected,
            job_url=jobapp.job_url,
            status_id=jobapp.application_status_id,
            updated_at=jobapp.updated_at,
        )
        self.candidates[key] = candidate
        self._file(candidate)

    def _file(self, candidate: Candidate) -> None:
        self._arrival[id(candidate)] = len(self._arrival)
        for token in candidate.name.tokens:
            self._by_token.setdefault(token, []).append(candidate)
        for domain in candidate.domains:
            self._by_domain.setdefault(domain, []).append(candidate)

    def moved(self, jobapp: JobApplication) -> None:
        candidate = self.candidates.get(jobapp.pk)
        if candidate is not None:
            candidate.status_id = jobapp.application_status_id
            candidate.is_rejected = jobapp.is_rejected
            candidate.updated_at = jobapp.updated_at

    def renumbered(self, new_ids: dict[int, int]) -> None:
        """Applications written at last: their temporary ids become their own."""
        for old, new in new_ids.items():
            candidate = self.candidates.pop(old)
            candidate.id = new
            self.candidates[new] = candidate
        for thread_id, app_id in self.threads.items():
            if app_id in new_ids:
                self.threads[thread_id] = new_ids[app_id]

    def linked(
        self, *, jobapp_id: int, thread_id: str, employer_domain: str, person: str = ""
    ) -> None:
        candidate = self.candidates.get(jobapp_id)
        if candidate is None:
            return
        if person:
            candidate.people.add(person.casefold())
        if thread_id:
            self.threads[thread_id] = jobapp_id
        domain = domain_key(employer_domain)
        if domain and domain not in candidate.domains:
            candidate.domains.add(domain)
            self._by_domain.setdefault(domain, []).append(candidate)

    # -- finding ----------------------------------------------------------------------------------

    def find_application(self, *, thread_id: str, classification: Classification) -> Match | None:
        """The application a follow-up mail (interview, assessment, rejection, offer) is about;
        None when the mail is about an application not tracked yet."""
        by_thread = self._in_thread(thread_id)
        if by_thread is not None:
            return Match(by_thread)
        candidates = self.at_company(classification) or self._untitled_company_guess(classification)
        if not candidates:
            return None
        title = classification.job_title
        by_title = _best_title_match(candidates, title)
        if by_title is not None:
            return Match(by_title.id)
        if title and all(_names_another_job(title, c.job_title) for c in candidates):
            # Another job at this company, applied to outside the mailbox; unless the person or
            # the mailbox that wrote about its one open application writes again (a subject's
            # "coffee + chat" or "Member Experience" misread as the job).
            return _the_one_they_wrote_about(candidates, classification)
        return _one_of(candidates, classification)

    def find_duplicate(
        self, *, thread_id: str, classification: Classification, mail_date: datetime
    ) -> Match | None:
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
        open_candidates = [
            candidate
            for candidate in self.at_company(classification)
            if not candidate.is_rejected and not _other_posting(wanted_url, candidate.job_url)
        ]
        if classification.job_title:
            by_title = _best_title_match(open_candidates, classification.job_title)
            if by_title is not None:
                return Match(by_title.id)
            # An application tracked from a receipt that named no job ("Application
            # Confirmation"), then the ATS's "under review" naming it: the same one.
            open_candidates = [
                candidate for candidate in open_candidates if not candidate.job_title
            ]
        # An ATS's later "status update" from the employer's own domain or mailbox may come
        # weeks after the receipt.
        domain = domain_key(classification.employer_domain)
        recent = [
            candidate
            for candidate in open_candidates
            if abs(candidate.apply_date - mail_date)
            <= (
                SAME_SENDER_DUPLICATE_WINDOW
                if domain in candidate.domains
                else UNTITLED_DUPLICATE_WINDOW
            )
        ]
        return Match(recent[0].id) if len(recent) == 1 else None

    def deleted_one(
        self, *, thread_id: str, classification: Classification, follow_up: bool
    ) -> int | None:
        """The deleted application a mail (that matches no live one) is about: its thread or
        its posting's URL, or for a follow-up the same company and a similar title."""
        if thread_id in self.deleted_threads and thread_id not in self.threads:
            return self.deleted_threads[thread_id]
        url = normalize_job_url(classification.job_url) if classification.job_url else ""
        name = CompanyName.of(classification.company)
        for candidate in self.deleted:
            if url and candidate.job_url == url:
                return candidate.id
            if (
                follow_up
                and name.key
                and name.same_company(candidate.name)
                and (
                    title_similarity(classification.job_title, candidate.job_title)
                    >= TITLE_MATCH_THRESHOLD
                )
            ):
                return candidate.id
        return None

    def _untitled_company_guess(self, classification: Classification) -> list[Candidate]:
        """A mail naming no company (a board's relay, a bare "Interview - Data Analyst") is
        about the one application whose title it names, if there is exactly one."""
        if classification.company or not classification.job_title:
            return []
        same_title = [
            candidate
            for candidate in self.candidates.values()
            if title_similarity(classification.job_title, candidate.job_title)
            >= SAME_TITLE_SIMILARITY
        ]
        return same_title if len(same_title) == 1 else []

    def at_company(self, classification: Classification) -> list[Candidate]:
        """The live applications at the company the mail names or writes from."""
        name = CompanyName.of(classification.company)
        domain = domain_key(classification.employer_domain)
        nearby = {id(candidate): candidate for candidate in self._by_domain.get(domain, ())}
        # The employer's own domain names it too ("thorncresttrust.com" of an application
        # tracked as "Thorncrest Trust Company" from its ATS, but not of "Thorncrest
        # Logistics"), whatever name this mail gives.
        label = loose_key(_domain_label(domain)) if _is_a_domain(domain) else ""
        lookups = name.lookup_tokens if name.key else set()
        for token in (*lookups, *((f"loose:{label}", f"bare:{label}") if label else ())):
            nearby.update((id(candidate), candidate) for candidate in self._by_token.get(token, ()))
        # Two employers of one name write from different domains of that name: a candidate
        # known to write from its own name's domains only is another company. A domain that
        # does not spell the name says nothing (a test vendor, a parent group, an acronym):
        # "Lumo Kitchens" confirmed by hestiahomegroup.co.uk, then lumokitchens.co.uk
        # inviting to the interview.
        own_domain = bool(domain) and _spells(domain, name.loose)
        found = [
            candidate
            for candidate in nearby.values()
            if self.candidates.get(candidate.id) is candidate
            and (
                (domain and domain in candidate.domains)
                or (
                    label
                    and label in (candidate.name.loose, candidate.name.bare)
                    and not any(_is_a_domain(known) for known in candidate.domains)
                )
                or (
                    name.key
                    and name.same_company(candidate.name)
                    and not (
                        own_domain
                        and any(_spells(known, candidate.name.loose) for known in candidate.domains)
                    )
                )
            )
        ]
        return sorted(found, key=lambda candidate: self._arrival[id(candidate)])

    def _in_thread(self, thread_id: str) -> int | None:
        return self.threads.get(thread_id) if thread_id else None

    def _with_url(self, job_url: str) -> int | None:
        if not job_url:
            return None
        wanted = normalize_job_url(job_url)
        return next(
            (
                candidate.id
                for candidate in self.candidates.values()
                if candidate.job_url and candidate.job_url == wanted
            ),
            None,
        )


def hand_status_changes(*, user, jobapp_id: int | None = None) -> dict[int, datetime]:
    """{application id: the latest status change the user made by hand}, creating the
    application aside: one the user added today still moves on with last month's mail."""
    return jobapp_selectors.jobapp_hand_status_changes(user=user, jobapp_id=jobapp_id)


def latest_hand_change(
    rejection_changed_by: str,
    rejection_changed_at: datetime | None,
    status_changed_at: datetime | None,
) -> datetime | None:
    """The latest change the user made by hand to the status or the rejection flag."""
    rejection = rejection_changed_at if rejection_changed_by == Source.USER else None
    return max(filter(None, (rejection, status_changed_at)), default=None)


def _spells(domain: str, loose_name: str) -> bool:
    """The domain is the company's own: its name ("lumokitchens.co.uk" of Lumo Kitchens)."""
    if not _is_a_domain(domain):
        return False
    label = loose_key(_domain_label(domain))  # folded as the name is ("pulpoexpress")
    return len(label) >= 4 and len(loose_name) >= 4 and (loose_name in label or label in loose_name)


def _is_a_domain(employer: str) -> bool:
    """An employer's own domain, not its mailbox on an ATS (companies.employer_mailbox)."""
    return "." in employer and "@" not in employer


def _domain_label(domain: str) -> str:
    """ "thorncresttrust" of the registrable domain "thorncresttrust.com"."""
    return domain.split(".")[0]


def domain_key(domain: str) -> str:
    """An employer domain without its hyphens: "nimbus-networks.com" and "nimbusnetworks.com"
    are one employer's ("tideandpine.co" and "tideandpine.com" may not be)."""
    return domain.casefold().replace("-", "")


def _the_one_they_wrote_about(
    candidates: list[Candidate], classification: Classification
) -> Match | None:
    open_ones = [candidate for candidate in candidates if not candidate.is_rejected]
    if len(open_ones) != 1:
        return None
    [candidate] = open_ones
    domain = domain_key(classification.employer_domain)
    person = classification.contact.email.casefold() if classification.contact else ""
    if (domain and domain in candidate.domains) or (person and person in candidate.people):
        return Match(candidate.id)
    return None


def _one_of(candidates: list[Candidate], classification: Classification) -> Match:
    """Several applications at the company and no title to tell them apart: the one open
    application, or the one the employer wrote about from this mail's domain; else a guess."""
    narrowed = [c for c in candidates if not c.is_rejected] or candidates
    if len(narrowed) > 1 and classification.employer_domain:
        domain = domain_key(classification.employer_domain)
        narrowed = [c for c in narrowed if domain in c.domains] or narrowed
    if len(narrowed) > 1:
        narrowed = _named_in(narrowed, classification.evidence) or narrowed
    if len(narrowed) > 1 and classification.contact is not None:
        person = classification.contact.email.casefold()
        narrowed = [c for c in narrowed if person in c.people] or narrowed
    if len(narrowed) > 1 and _is_a_later_stage(classification):
        # A final round or an offer follows an interview: the application already past
        # Applied, if only one is.
        narrowed = [c for c in narrowed if c.status_id in _INTERVIEWED] or narrowed
    newest = max(narrowed, key=lambda candidate: candidate.apply_date)
    if len(narrowed) > 1:
        return Match(newest.id, doubt="several applications at this company")
    return Match(newest.id)


_INTERVIEWED = frozenset({ApplicationStatus.PHONE_SCREEN, ApplicationStatus.ONSITE_INTERVIEW})
_WORD_START = 6  # "strategy" and "strategist" share "strate"


def _word_starts(text: str) -> set[str]:
    return {word[:_WORD_START] for word in re.findall(r"\w{4,}", text.casefold())}


def _named_in(candidates: list[Candidate], sentence: str) -> list[Candidate]:
    """The one application whose title the sentence says most of, in however loose words
    ("the content strategy role" for a Content Strategist), if it says at least half."""
    said = _word_starts(sentence)
    scores = {}
    for candidate in candidates:
        title_words = _word_starts(candidate.job_title)
        scores[candidate.id] = len(title_words & said) / len(title_words) if title_words else 0.0
    best = max(scores.values(), default=0.0)
    winners = [candidate for candidate in candidates if scores[candidate.id] == best]
    return winners if best >= 0.5 and len(winners) == 1 else []


def _is_a_later_stage(classification: Classification) -> bool:
    return classification.kind is MailKind.OFFER or (
        classification.kind is MailKind.INTERVIEW_INVITATION and classification.is_onsite
    )


def _other_posting(url: str, tracked_url: str) -> bool:
    """Two links on one board or ATS to different postings. (A board's link and the ATS's
    link to one posting differ in host: they say nothing.)"""
    return (
        bool(url and tracked_url)
        and url != tracked_url
        and (urlsplit(url).hostname == urlsplit(tracked_url).hostname)
        # A posting's own pages ("/apply", "/confirm", "/thanks") are that posting.
        and not url.startswith(f"{tracked_url}/")
        and not tracked_url.startswith(f"{url}/")
    )


def _names_another_job(title: str, tracked_title: str) -> bool:
    """The mail's title and the tracked one are different jobs (a tracked application without
    a title could be any). The same job at another level is not: an interview or an offer can
    come up- or down-levelled."""
    return (
        bool(tracked_title)
        and title_similarity(title, tracked_title) < TITLE_MATCH_THRESHOLD
        and not same_job_at_another_level(title, tracked_title)
        and not _part_of(title, tracked_title)
    )


def _civic_name(stems: tuple[str, ...]) -> tuple[str, ...]:
    """ "City of Marlow Heights" -> "Marlow Heights" (stems); any other name -> ()."""
    if len(stems) > 2 and stems[0] in _CIVIC_BODIES and stems[1] == "of":
        return stems[2:]
    return ()


_CIVIC_BODIES = frozenset(
    {"city", "county", "town", "village", "borough", "municipality", "district", "state"}
)


def _part_of(title: str, tracked_title: str) -> bool:
    """A recruiter's short name for the job ("Developer Tools") that is all words of the
    tracked title ("Software Engineer II, Developer Tools"), or the other way round."""
    words, tracked = (
        _TITLE_WORD.findall(title.casefold()),
        _TITLE_WORD.findall(tracked_title.casefold()),
    )
    shorter, longer = sorted((words, tracked), key=len)
    return len(shorter) >= 2 and set(shorter) <= set(longer)


_TITLE_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CompanyName:
    """A company name in the forms comparing it takes (computed once per name)."""

    key: str  # normalise_company: case, "The" and legal suffixes aside
    loose: str  # loose_key: letters and digits only, accents folded
    bare: str  # loose_key of the key: "thorncresttrust" of "Thorncrest Trust Company"
    word_keys: tuple[str, ...]  # loose_key of the key's first six words
    stems: tuple[str, ...]  # the key's words, plural and possessive aside

    @staticmethod
    @lru_cache(maxsize=4096)
    def of(company: str) -> CompanyName:
        key = normalise_company(company)
        words = key.split()
        return CompanyName(
            key,
            loose_key(company),
            loose_key(key),
            # "and" stays a word: "Tallowandwick" spells Tallow & Wick.
            tuple(loose_key(word) or word for word in words[:6]),
            tuple(word.rstrip("s") for word in words),
        )

    def same_company(self, other: CompanyName) -> bool:
        if self.key == other.key or (self.loose and self.loose == other.loose):
            return True
        # A name read off a domain or an account ("Wexfordtransit"), or an acronym ("HV&Co"),
        # and the name it abbreviates (which starts with the first or, the first word left
        # out, the second).
        if self._abbreviates(other) or other._abbreviates(self):
            return True
        # Word by word, plural and possessive aside ("Brightwell Children" of "Brightwell
        # Children's Hospital"); a name without its first, generic word ("Cielo Abierto" of
        # "Academia Cielo Abierto").
        if _without_first_word(self.stems, other.stems) or _without_first_word(
            other.stems, self.stems
        ):
            return True
        if len(self.stems) > 1 and self._word_set == other._word_set:
            return True  # "Pell Harbor County" of "County of Pell Harbor"
        if _civic_name(self.stems) == other.stems or _civic_name(other.stems) == self.stems:
            return True  # "Marlow Heights" of "City of Marlow Heights"
        if _abbreviated_at_an_end(*sorted((self.stems, other.stems), key=len)):
            return True  # "PN CPAs" of "Pruitt Nakagawa CPAs"
        if not (self.stems and other.stems and self.stems[0] == other.stems[0]):
            return False
        shorter, longer = sorted((self.stems, other.stems), key=len)
        return longer[: len(shorter)] == shorter and len(" ".join(shorter)) >= MIN_BRAND_CHARS

    def _abbreviates(self, other: CompanyName) -> bool:
        if len(self.stems) != 1:
            # "Oldnorth Bio" of "Old North Biologics": run together but for a space.
            return (
                1 < len(self.stems) < len(other.stems)
                and self.word_keys[0] != other.word_keys[0]
                and _run_together("".join(self.word_keys), other.word_keys)
            )
        word = self.word_keys[0]
        return (word[:1] in other.initials and abbreviates(word, list(other.word_keys))) or (
            _run_together(word, other.word_keys)
        )

    @property
    def initials(self) -> tuple[str, ...]:
        return tuple(word[:1] for word in self.word_keys[:2])

    @property
    def _name_stems(self) -> set[str]:
        """The first word's stem, and the second's after a generic first word."""
        stems = {f"stem:{stem}" for stem in self.stems[:1]}
        if len(self.stems) > 1 and self.stems[0] in _GENERIC_FIRST_WORDS:
            stems.add(f"stem:{self.stems[1]}")
        return stems

    @property
    def _start(self) -> str:
        """What a name run together (_run_together) shares with the name it spells: its first
        MIN_DISTINCT_WORD letters, a leading "the" aside."""
        spelt = "".join(self.word_keys)
        if spelt.startswith("the") and len(self.stems) == 1:
            spelt = spelt[3:]
        return f"start:{spelt[:MIN_DISTINCT_WORD]}" if len(spelt) >= MIN_DISTINCT_WORD else ""

    @property
    def _word_set(self) -> str:
        return " ".join(sorted(set(self.stems) - {"of", "and", "et", "und", "&"}))

    @property
    def _tail(self) -> set[str]:
        """Filed: its words in any order ("County of Pell Harbor", "Pell Harbor County"), and the
        last word, which a name led by an acronym looks up ("PN CPAs" of "Pruitt Nakagawa
        CPAs"); an acronym-led name files its last word under its own token."""
        if len(self.stems) < 2:
            return set()
        tail = "acronym-tail" if self._led_by_an_acronym else "tail"
        return {f"{tail}:{self.stems[-1]}", f"words:{self._word_set}"}

    @property
    def _tail_lookups(self) -> set[str]:
        """Looked up: the same words, and the last word among the names that share it with
        this one when one of the two is led by an acronym (comparing every "... Health" with
        every other would cost a comparison per application at any company of that ending)."""
        if len(self.stems) < 2:
            return set()
        tails = {f"acronym-tail:{self.stems[-1]}"}
        if self._led_by_an_acronym:
            tails.add(f"tail:{self.stems[-1]}")
        return {*tails, f"words:{self._word_set}"}

    @property
    def _led_by_an_acronym(self) -> bool:
        return len(self.stems[0]) <= MAX_ACRONYM_CHARS

    # same_company holds only between names that share one of these tokens: one's tokens
    # filed, the other's looked up.
    @property
    def tokens(self) -> set[str]:
        tokens = {f"key:{self.key}", f"loose:{self.loose}", f"bare:{self.bare}"}
        tokens.update((*self._name_stems, *self._tail))
        tokens.update(f"initial:{initial}" for initial in self.initials)
        if len(self.stems) == 1:
            tokens.add(f"single:{self.loose[:1]}")
        if len(self.stems) > 1 and self._start:
            tokens.add(self._start)
        return tokens

    @property
    def lookup_tokens(self) -> set[str]:
        tokens = {f"key:{self.key}", f"loose:{self.loose}", *self._name_stems, *self._tail_lookups}
        if len(self.stems) == 1:
            tokens.add(f"initial:{self.loose[:1]}")
        tokens.update(f"single:{initial}" for initial in self.initials)
        if self._start:
            tokens.add(self._start)
        return tokens


def _run_together(label: str, words: tuple[str, ...]) -> bool:
    """A name run together into one word, as an address spells it: the name's first words (at
    least MIN_DISTINCT_WORD letters of them, a leading "the" aside), then nothing or a short form
    of the rest: some of its letters in order ("penhallowmfg" of Penhallow Manufacturing,
    "cottonwoodpeds" of Cottonwood Pediatrics & Family Care), the start of a later word
    ("pinehurstlasers" of Pinehurst Medical Lasers, "oldnorthbio" of Old North Biologics), or a
    trade's shorthand ("quillmeretx" of Quillmere Therapeutics; not "orchardly" of Orchard Lane
    Grocers)."""
    if label.startswith("the") and not words[0].startswith("the"):
        label = label[3:]
    spelt = ""
    for size, word in enumerate(words, start=1):
        spelt += word
        if not label.startswith(spelt):
            return False
        rest, later = label[len(spelt) :], words[size:]
        if len(spelt) < MIN_DISTINCT_WORD or (rest and not later):
            continue
        if (
            not rest
            or rest in _TRADE_SHORTHANDS
            or any(later_word.startswith(rest) for later_word in later)
            or (rest[0] == later[0][:1] and _in_order(rest, "".join(later)))
        ):
            return True
    return False


# What addresses append to a name for its trade: therapeutics, diagnostics, pharmacy, barbecue.
_TRADE_SHORTHANDS = frozenset({"tx", "dx", "rx", "bbq"})


def _in_order(letters: str, text: str) -> bool:
    remaining = iter(text)
    return all(letter in remaining for letter in letters)


def _abbreviated_at_an_end(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """The same words but for one end, whose last or first word abbreviates the other's
    words there: "Brightwater CU" of "Brightwater Credit Union", "Ferncastle CU" of
    "Ferncastle Community Credit Union", "PN CPAs" of "Pruitt Nakagawa CPAs"."""
    if len(shorter) < 2 or len(longer) <= len(shorter):
        return False
    same = len(shorter) - 1
    rest = len(longer) - same
    return (
        longer[:same] == shorter[:-1]
        and len(shorter[-1]) >= 2
        and abbreviates(shorter[-1], list(longer[same:]))
    ) or (
        longer[rest:] == shorter[1:]
        and len(shorter[0]) >= 2
        and shorter[0] == "".join(word[:1] for word in longer[:rest])
    )


def _without_first_word(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    return (
        len(shorter) >= 2
        and len(longer) == len(shorter) + 1
        and longer[1:] == shorter
        and longer[0] in _GENERIC_FIRST_WORDS
    )


# Words that open a name without being the name: "Academia Cielo Abierto", "Grupo Alcaraván".
# Compared with CompanyName.stems, which have lost a leading "The" and a plural "s" already.
_GENERIC_FIRST_WORDS = frozenset(
    {
        "academia",
        "grupo",
        "group",
        "groupe",
        "gruppe",
        "banco",
        "banque",
        "clinica",
        "instituto",
        "institut",
        "hotel",
        "studio",
        "casa",
        "maison",
        "editorial",
    }
)


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
