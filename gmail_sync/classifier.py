"""Decide what a parsed mail means for the user's job search. Pure: `ParsedMail` in, result out.

How a mail is decided (the wording lives in `gmail_sync.phrases`):

1. Mail the user sent, and mail from alert/newsletter mailboxes, is never a job mail.
2. The mail is read as a person reads it (`gmail_sync.reading`): the subject and what the
   sender wrote now, sentence by sentence, with quoted history, a forward's headers, the
   signature and the footer set aside.
3. Each sentence is an event when a phrase family of that kind matches it and nothing takes it
   back: a condition or a vague future ("if selected, we will contact you") makes a sentence no
   event; a look back ("thank you for completing the assessment") is no new assessment or
   interview; a denied offer ("we are unable to offer you the role") is no offer.
4. The decisive sentence wins wherever it stands: an offer outranks a rejection, a rejection an
   interview, an interview an assessment, and each of them the thank-you for applying that
   opens the mail. Polite closings ("we'll keep your résumé on file", "we wish you the best in
   your search") make a rejection only together.
5. Hiring is the context: mail about another kind of application (a credit card, a flat, a
   degree, a hackathon), scams, job alerts, "finish your application" reminders and a
   recruiter's cold outreach are NOT_JOB, unless an event sentence comes before what they say.
6. Company, job title and source come from `gmail_sync.companies`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from rapidfuzz import fuzz

from gmail_sync import learned, phrases
from gmail_sync.companies import (
    ATS,
    BOARD,
    COMPANY_WEBSITE,
    PLATFORMS,
    TITLE_NOUNS,
    JobIdentity,
    employer_domain,
    employer_mailbox,
    from_a_persons_mailbox,
    identify,
    job_title,
)
from gmail_sync.dates import StatedTime, stated_times, states_a_time
from gmail_sync.parsing import ParsedMail
from gmail_sync.people import MailContact, sender_as_contact
from gmail_sync.prefilter import Phrases
from gmail_sync.reading import Reading, read

logger = logging.getLogger(__name__)

__all__ = [
    "AUTO_APPLY_CONFIDENCE",
    "COMPANY_SUFFIXES",
    "COMPANY_WEBSITE",
    "Classification",
    "MailKind",
    "classify",
    "normalise_company",
    "title_similarity",
]


class MailKind(StrEnum):
    APPLICATION_CONFIRMATION = "application_confirmation"
    INTERVIEW_INVITATION = "interview_invitation"
    ASSESSMENT = "assessment"
    REJECTION = "rejection"
    OFFER = "offer"
    NOT_JOB = "not_job"


@dataclass(frozen=True)
class Classification:
    kind: MailKind
    company: str = ""  # "" when unknown (also for every NOT_JOB result)
    job_title: str = ""
    job_url: str = ""
    source: str = ""  # board/ATS display name, COMPANY_WEBSITE, or "" for NOT_JOB
    evidence: str = ""  # the sentence that decided the kind
    confidence: float = 0.0  # 0..1; below AUTO_APPLY_CONFIDENCE keep it as a suggestion
    is_onsite: bool = False  # interview invitations only: onsite rather than phone/video
    # The employer's own mail domain when it wrote itself (not through a board, an ATS or a
    # vendor), or its own mailbox on an ATS (companies.employer_mailbox): later mail from it is
    # about the same company however it is spelt.
    employer_domain: str = ""
    contact: MailContact | None = None  # the person who wrote it, if a person did
    appointment: StatedTime | None = None  # an interview's time or a test's deadline


# Results at or above this confidence are safe to apply without asking the user.
AUTO_APPLY_CONFIDENCE = 0.7
# The decisive event, in order of precedence.
PRECEDENCE = (
    MailKind.OFFER,
    MailKind.REJECTION,
    MailKind.INTERVIEW_INVITATION,
    MailKind.ASSESSMENT,
    MailKind.APPLICATION_CONFIRMATION,
)
SOFT_REJECTION_WEIGHT = 0.8
# The learned reading (gmail_sync.learned) counts only when this sure, and then weighs as a soft
# phrase does: every not-job purpose the mail shows still vetoes it.
LEARNED_SURENESS = 0.999999
LEARNED_WEIGHT = 0.75
# An interview named with its day and time but with no phrase of invitation (_meeting_at_a_time).
MEETING_AT_A_TIME_WEIGHT = 0.8
# Mail from an alerts@/newsletter@ mailbox is bulk mail unless it states an event this surely
# (boards send application confirmations from such mailboxes too).
BULK_SENDER_OVERRIDE = 0.9
# A not-job purpose (an alert, a reminder, a newsletter) shows in the subject or the first
# sentences; later, it vetoes only an event less sure than this.
PURPOSE_SENTENCES = 2
SURE_EVENT = 0.9
MAX_EVIDENCE_CHARS = 300
# How much of a reply's quoted history tells whether its thread is about hiring.
QUOTED_CONTEXT_CHARS = 3000
# Parts of a sender's mailbox name that mark bulk mail: jobalerts-noreply@, newsletter@, ...
BULK_SENDER_TOKENS = frozenset(
    {
        "jobalert",
        "jobalerts",
        "alert",
        "alerts",
        "newsletter",
        "newsletters",
        "news",
        "digest",
        "marketing",
        "promo",
        "promotions",
        "recommendations",
        "jobrecommendations",
        "offers",
        "deals",
    }
)
# Vendors whose mail asks for a test: their "interview" is a recorded one.
ASSESSMENT_VENDORS = frozenset(
    {
        "hackerrank.com",
        "hackerrankforwork.com",
        "codility.com",
        "codesignal.com",
        "hackerearth.com",
        "testgorilla.com",
        "hirevue.com",
        "coderbyte.com",
        "pymetrics.ai",
        "criteriacorp.com",
        "shl.com",
        "mettl.com",
        "vervoe.com",
        "harver.com",
    }
)
# Event and community platforms: their "new event" is a meetup, never an interview.
EVENT_PLATFORMS = frozenset({"meetup.com", "eventbrite.com", "luma.com", "lu.ma"})
JOB_URL_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"linkedin\.com/(?:comm/)?jobs/view/",
        r"indeed\.com/(?:viewjob|rc/clk|m/viewjob)",
        r"greenhouse\.io/.+/jobs/\d+",
        r"jobs\.(?:eu\.)?lever\.co/[\w.-]+/[\w-]+",
        r"myworkdayjobs\.com/.+/job/",
        r"jobs\.ashbyhq\.com/[\w.%-]+/[\w-]+",
        r"jobs\.smartrecruiters\.com/[\w-]+/\d+",
        r"icims\.com/jobs/\d+",
        r"jobs\.jobvite\.com/[\w-]+/job/",
        r"ziprecruiter\.com/(?:jobs|c/|k/)",
        r"hired\.com/(?:jobs|job)/",
        r"[?&]gh_jid=\d+",
        r"/(?:jobs?|careers?|positions?|openings?|vacanc(?:y|ies))/[^/?#\s]+",
    )
)
# Links in job mail that are no posting: the candidate's own pages, searches, settings.
_NOT_A_JOB_LINK = re.compile(
    r"unsubscribe|preferences|privacy|settings|/help|/search|alerts?\b|/applications?\b|"
    r"my-?jobs|/dashboard|/status|/login|/sign-?in|/track|/profile|/account|candidate-?home|"
    r"/me\b|/saved|/recommended|/inbox|/messages|/member/|/applied\b|userhome|/notifications|"
    r"/collections?\b|similar",
    re.IGNORECASE,
)
_FINAL_ROUND = re.compile(
    r"\bfinal (?:round|interview|stage)|\bonsite\b|\bon-site\b|"
    r"\bsuper ?day\b",
    re.IGNORECASE,
)
# "After that there's a final round with our CEO": a step after the one the mail invites to.
_LATER_STEP = re.compile(
    r"\b(?:after (?:that|this|which)|afterwards|followed by|later on|if "
    r"(?:that|it|all|this) goes well|the (?:last|final) step would)\b",
    re.IGNORECASE,
)
_REMOTE_CALL = re.compile(
    r"\b(?:phone|video|zoom|google meet|teams call|screening call|virtual|"
    r"remote(?:ly)?|webex|hangout)\b",
    re.IGNORECASE,
)
_CALL_ME = re.compile(r"\bcall me\b|\bgive me a call\b", re.IGNORECASE)
_OPENING_CONDITION = re.compile(
    r"(?:if|should|once|when|in case|unless|provided|in the event)\b", re.IGNORECASE
)
_QUOTED = re.compile(r'"[^"]{3,300}"|^"[^"]*$')
# Where one sentence holds two statements: "..., and ...", "...; ...", "... but ...".
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:and|but|so|however|although|though|while)\b)"
    r"|\s+but\s+"
)
# A job and its selection in German, French, Spanish, Dutch, Portuguese, Italian and Swedish.
_JOB_WORDS_ABROAD = (
    r"bewerbung\w*|stelle|poste|candidature|candidatura|sollicitatie|vacature|puesto|vacante|"
    r"vaga|posição|posizione|proceso de selección|processo seletivo|tjänsten|rekrytering|"
    r"função|recrutamento|currículo"
)
_JOB_ABROAD = re.compile(rf"\b(?:{_JOB_WORDS_ABROAD})\b", re.IGNORECASE)
# Words only employment uses (a university or a landlord has "applicants", a course is
# full-time, an admission comes with an "offer letter").
_EMPLOYMENT = re.compile(
    r"\b(?:positions?|roles?|jobs?|employment|employer|hiring|recruiter|recruiting|recruitment|"
    r"talent acquisition|salary|compensation|vacanc(?:y|ies)|internship|requisition|hiring "
    rf"manager|early careers|graduate (?:scheme|programme|program|trainee)s?|{_JOB_WORDS_ABROAD})"
    r"\b",
    re.IGNORECASE,
)
# careers@acme.com, no-reply@careers.acme.no, jobs@, talent@: a mailbox only hiring writes from.
_HIRING_MAILBOX = re.compile(
    r"(?:^|[.@_+-])(?:careers?|jobs|recruit\w*|talent|hiring|hr)(?:[.@_+-]|$)", re.IGNORECASE
)
# "We've decided to move forward with another finalist": the ones who decide are writing.
_HIRING_SIDE = re.compile(
    r"^(?:\w+ ){0,6}?we(?:'ve| have|'re| are)? (?:decided|chosen|chose)\b", re.IGNORECASE
)
# A step of a hiring process, which cold outreach does not name: "I'd like to schedule a
# phone screen for the Distribution Center Supervisor role" answers an application.
_SCREENING = re.compile(
    r"\b(?:phone screen|phone interview|screening call|video interview|first-round interview)\b",
    re.IGNORECASE,
)
_YOUR_APPLICATION = re.compile(
    r"\byour (?:[\w-]+ ){0,3}?application\b|\byou(?:'ve| have)? "
    r"applied\b",
    re.IGNORECASE,
)
_HIRING_CORE = re.compile(
    r"\b(?:positions?|roles?|jobs?|careers?|employment|employers?|hiring|recruit\w*|talent "
    r"acquisition|candidates?|candidacy|applicants?|resumes?|résumés?|cv|salary|internships?|"
    r"vacanc(?:y|ies)|openings?|requisition|hiring manager|offer letter|start date|interview\w*|"
    r"phone screen|screening call|shortlist\w*|finalists?|employ|selection (?:process|committee|"
    r"panel)|(?:made|extended) (?:an |the )?offer to (?:someone|another)|(?:our|a|the|first|next|"
    r"new|only) (?:[\w-]+ ){0,2}hire\b|(?:bring|bringing|brought|take|taking|took) on "
    r"(?:someone|somebody)|"
    r"(?:coding|design|technical|final|onsite) (?:round|session)|not to make an offer|"
    r"(?:someone|somebody) who(?:'s| has) (?:done|had) more|promot(?:e|ed|ing) (?:one of "
    r"(?:our|their)|someone|from within)|(?:code|coding|design|take-home|"
    r"technical|written) (?:exercise|challenge|task|assignment)|"
    r"(?:next|first|second|final|interview|onsite) (?:round|stage)|"
    # "someone with more hands-on years in regulated clinical data": said of a hire.
    r"someone (?:with more|more experienced|whose (?:experience|background))|(?:going|go|gone|"
    r"went) with (?:someone|another (?:candidate|applicant))|(?:want|wants|need|"
    r"needs|looking for) someone (?:with|who)|hired|more (?:[\w-]+ )"
    r"{0,2}years (?:of|in)\b|years of (?:[\w-]+ ){0,2}experience|"
    rf"{_JOB_WORDS_ABROAD})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Event:
    kind: MailKind
    weight: float
    position: int  # sentence index: 0 is the subject
    sentence: str
    by_role: bool = False  # said in words of its own (phrases.ROLES), not by a phrase
    ahead: bool = False  # a test or an interview a receipt says will come (phrases.STEPS_AHEAD)
    learned: bool = False  # guessed by the learned reading, no phrase said it


# --------------------------------------------------------------------------- public API


def classify(mail: ParsedMail, *, owner_names: Iterable[str] = ()) -> Classification:
    """What this mail means for the user's applications (see the module docstring)."""
    if mail.is_sent_by_user:
        return Classification(MailKind.NOT_JOB, evidence="Sent by the user.", confidence=1.0)
    reading = read(mail)
    sentences = (reading.subject, *reading.sentences)
    events = _events(sentences)
    decisive = _decisive(events) or _meeting_at_a_time(mail, sentences)
    if decisive is None or decisive.kind is MailKind.APPLICATION_CONFIRMATION:
        # "Thanks for the resume. Does Thursday around 4 suit you?" asks for more than a receipt.
        decisive = _meeting_proposed_in_a_job_thread(reading) or decisive
    if decisive is None:
        decisive = _learned_event(sentences)
    if decisive is None:
        return Classification(MailKind.NOT_JOB, confidence=0.7)
    if _is_bulk_sender(mail.sender_address) and decisive.weight < BULK_SENDER_OVERRIDE:
        return Classification(
            MailKind.NOT_JOB, evidence=f"Bulk mail from {mail.sender_address}.", confidence=0.95
        )
    identity = identify(reading, mail.links, owner_names)
    not_job = _not_job_reason(reading, sentences, decisive, identity)
    if not_job is not None:
        return Classification(
            MailKind.NOT_JOB, evidence=not_job[:MAX_EVIDENCE_CHARS], confidence=0.9
        )
    invitations = [
        event.sentence for event in events if event.kind is MailKind.INTERVIEW_INVITATION
    ]
    classification = _job_classification(mail, reading, decisive, identity, invitations)
    return replace(
        classification,
        contact=sender_as_contact(reading, mail.links, owner_names),
        appointment=_appointment(classification.kind, mail, sentences),
    )


def _learned_event(sentences: tuple[str, ...]) -> _Event | None:
    """What the learned reading is very sure the mail says, when no phrase said anything."""
    guess = learned.model().guess(sentences)
    if guess is None or guess.kind == learned.NOT_JOB or guess.probability < LEARNED_SURENESS:
        return None
    return _Event(
        MailKind(guess.kind), LEARNED_WEIGHT, guess.position, guess.sentence, learned=True
    )


def _appointment(kind: MailKind, mail: ParsedMail, sentences: tuple[str, ...]) -> StatedTime | None:
    """When the interview is, or the test is due, if the mail states it."""
    if kind not in (MailKind.INTERVIEW_INVITATION, MailKind.ASSESSMENT):
        return None
    try:
        stated = stated_times(sentences, sent_at=mail.date, calendar=mail.calendar)
    except (ValueError, OverflowError):  # a date no calendar has: the mail is read without it
        logger.warning("No appointment read from %s: unusable date", mail.msg_id, exc_info=True)
        return None
    return stated[0] if stated else None


def normalise_company(name: str) -> str:
    """'Bluefin Analytics, Inc.' -> 'bluefin analytics': the key the sync matches companies by."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.'’]", "", text.replace("&", " and "))
    words = re.sub(r"[^\w\s]|_", " ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    # "Hessler Vance & Co." ends at "Vance": a suffix and the "&" before it
    while len(words) > 1 and (words[-1] in COMPANY_SUFFIXES or words[-1] == "and"):
        words = words[:-1]
    return " ".join(words)


def title_similarity(a: str, b: str) -> float:
    """0..1 similarity of two job titles, ignoring word order, case and common abbreviations.

    The mean of a token-set ratio (a title contained in the other, "Analytics Engineer" in
    "Analytics Engineer, Growth", scores high) and a token-sort ratio (so every extra word still
    costs a little). Titles of different levels ("Senior Data Engineer", "Data Engineer") are
    different jobs: at most LEVEL_MISMATCH_SIMILARITY.
    """
    expanded_a, expanded_b = _expand_title(a), _expand_title(b)
    if not expanded_a or not expanded_b:
        return 0.0
    expanded_a, expanded_b = _spelt_out(expanded_a, expanded_b), _spelt_out(expanded_b, expanded_a)
    score = (
        fuzz.token_set_ratio(expanded_a, expanded_b) + fuzz.token_sort_ratio(expanded_a, expanded_b)
    ) / 200
    if _levels(expanded_a) != _levels(expanded_b) or _different_specialties(expanded_a, expanded_b):
        score = min(score, LEVEL_MISMATCH_SIMILARITY)
    return round(score, 4)


# --------------------------------------------------------------------------- events


def _events(sentences: tuple[str, ...]) -> list[_Event]:
    """Every event a sentence states, clause by clause (a condition in one clause of "I'm sorry
    it's a no, and I'll be in touch if a role opens" does not take back the other)."""
    events: list[_Event] = []
    soft: list[tuple[int, str]] = []
    for position, sentence in enumerate(sentences):
        # "If your background matches, we'll call you, and we'll send a short test": a
        # condition that opens the sentence holds for every clause of it.
        # Quick searches: the kinds this sentence may state (a clause states no other).
        kinds = [
            kind for kind, any_phrase in phrases.ANY_EVENT.items() if any_phrase.may_match(sentence)
        ]
        if not (
            kinds
            or phrases.ANY_ROLE.may_match(sentence)
            or phrases.ANY_SOFT_REJECTION.may_match(sentence)
        ):
            continue  # most sentences state nothing
        opening_condition = bool(_OPENING_CONDITION.match(sentence))
        stated: list[_Event] = []
        for clause in _CLAUSE_BREAK.split(sentence):
            found = _clause_events(clause, kinds, opening_condition) if kinds else []
            stated.extend(_Event(kind, weight, position, sentence) for kind, weight in found)
            if not found:
                stated.extend(
                    _Event(kind, phrases.ROLE_WEIGHT, position, sentence, by_role=True)
                    for kind in _clause_roles(
                        clause, opening_condition, addressed=bool(_ADDRESSED.search(sentence))
                    )
                )
            if phrases.ANY_SOFT_REJECTION.may_match(clause) and not phrases.CONDITIONAL.search(
                clause
            ):
                soft.extend(
                    (position, sentence)
                    for regex in phrases.SOFT_REJECTIONS
                    if regex.search(clause)
                )
        if stated and phrases.STEPS_AHEAD.search(sentence):
            stated = [replace(event, ahead=True) for event in stated]
        events.extend(_test_named_over_a_bare_invitation(stated, sentence))
    if len(soft) >= 2:
        position, sentence = soft[-1]
        events.append(_Event(MailKind.REJECTION, SOFT_REJECTION_WEIGHT, position, sentence))
    return events


def _test_named_over_a_bare_invitation(stated: list[_Event], sentence: str) -> list[_Event]:
    """ "We'd like to move you forward, and the next step is a short take-home exercise": an
    invitation that names no meeting, beside the test it leads to, is that test."""
    kinds = {event.kind for event in stated}
    if {MailKind.INTERVIEW_INVITATION, MailKind.ASSESSMENT} <= kinds and not _MEETING.search(
        sentence
    ):
        return [event for event in stated if event.kind is not MailKind.INTERVIEW_INVITATION]
    return stated


_MEETING = re.compile(
    r"\b(?:interview\w*|call|chat|meet|meeting|conversation|screen|onsite|on-site|visit|"
    r"coffee|talk|panel|loop|round|in person|bring you (?:in|back|out|over))\b",
    re.IGNORECASE,
)


def _clause_events(
    clause: str, kinds: list[str], conditional: bool = False
) -> list[tuple[MailKind, float]]:
    clause = _QUOTED.sub(" ", clause)  # words quoted from another mail are not this mail's
    # Quick searches only: each phrase of a kind that may be here is then tried exactly.
    stated = [kind for kind in kinds if phrases.ANY_EVENT[kind].may_match(clause)]
    if not stated:
        return []
    conditional = conditional or bool(phrases.CONDITIONAL.search(clause))
    looked_back_on, looked_back_to = _looked_back_on(clause)
    found = []
    for kind_name in stated:
        families = phrases.EVENTS[kind_name]
        kind = MailKind(kind_name)
        if conditional and kind is not MailKind.APPLICATION_CONFIRMATION:
            continue
        if kind is MailKind.INTERVIEW_INVITATION and phrases.INTERVIEW_LATER.search(clause):
            continue
        if kind is MailKind.OFFER and phrases.OFFER_DENIED.search(clause):
            continue
        # What a clause looks back on is no event; what it goes on to say may be ("after your
        # technical interview, we'd love to invite you to our final round").
        start = looked_back_to if kind in looked_back_on else 0
        weight = next(
            (
                weight
                for weight, regex in families
                if _affirmed(kind, regex.search(clause, start), clause)
            ),
            0.0,
        )
        if weight:
            found.append((kind, weight))
    return _one_of_interview_and_assessment(found, clause)


def _looked_back_on(clause: str) -> tuple[frozenset[MailKind], int]:
    """The kinds a clause looks back on ("thank you for interviewing with us") and where what
    it says anew may start. The kinds are the ones its words name ("following your assessment,
    we'd like to invite you to interviews" looks back on a test only), else an interview and a
    test."""
    back = phrases.LOOKING_BACK.search(clause)
    if back is None:
        return frozenset(), 0
    named = frozenset(
        kind for kind, words in _LOOKED_BACK_WORDS.items() if words.search(back.group(0))
    )
    # "After your interview" is said and done; a thanks or a "you had" runs on to its object
    # ("thank you for the time you put into the online assessments", "you had a phone
    # interview"): nothing after it in the clause is new.
    done = _LOOK_BACK_PHRASE.match(back.group(0))
    return named or _MEETING_OR_TEST, back.end() if done else len(clause)


_LOOK_BACK_PHRASE = re.compile(r"(?:after|following|further to) ", re.IGNORECASE)


_MEETING_OR_TEST = frozenset({MailKind.ASSESSMENT, MailKind.INTERVIEW_INVITATION})
_LOOKED_BACK_WORDS = {
    MailKind.ASSESSMENT: re.compile(
        r"\b(?:assessment|test|challenge|exercise|take-home|case study|task)s?\b", re.IGNORECASE
    ),
    MailKind.INTERVIEW_INVITATION: re.compile(
        r"\b(?:interview\w*|call|chat|conversation|meeting|visit|onsite|spoke|talked|met|"
        r"chatted|speaking|meeting)\b",
        re.IGNORECASE,
    ),
}


def _affirmed(kind: MailKind, match: re.Match[str] | None, clause: str) -> bool:
    """A phrase that matched and is not denied just before ("not be inviting you to ...");
    rejection phrases carry their own negation."""
    if match is None:
        return False
    return kind is MailKind.REJECTION or not phrases.NEGATION_BEFORE.search(
        clause, 0, match.start()
    )


def _one_of_interview_and_assessment(
    found: list[tuple[MailKind, float]], clause: str
) -> list[tuple[MailKind, float]]:
    """ "Complete a one-way video interview" is an assessment, "the interview starts with a
    coding exercise" an interview: in one clause the more specific phrase (heavier) wins, and an
    invitation that names no meeting ("we'd like to move you to our take-home exercise") is to
    the test it names."""
    weights = dict(found)
    interview = weights.get(MailKind.INTERVIEW_INVITATION, 0.0)
    assessment = weights.get(MailKind.ASSESSMENT, 0.0)
    if interview and assessment:
        test_wins = assessment >= interview or not _MEETING.search(clause)
        loser = MailKind.INTERVIEW_INVITATION if test_wins else MailKind.ASSESSMENT
        return [(kind, weight) for kind, weight in found if kind is not loser]
    return found


def _clause_roles(clause: str, conditional: bool, addressed: bool) -> list[MailKind]:
    """Kinds a clause states in words of its own (phrases.ROLES). A test, an interview or an
    offer is the reader's only in a sentence that speaks to them ("your", "please"): "I will
    go through the applications with our head of test after the deadline" is no test."""
    clause = _QUOTED.sub(" ", clause)
    if conditional or not phrases.ANY_ROLE.may_match(clause) or phrases.CONDITIONAL.search(clause):
        return []
    negated = bool(phrases.ANY_NEGATION.search(clause))
    looked_back_on, _ = _looked_back_on(clause)
    found = []
    for kind_name, alternatives in phrases.ROLES.items():
        kind = MailKind(kind_name)
        if kind is not MailKind.REJECTION and negated:
            continue
        if kind in looked_back_on:
            continue
        if not addressed and kind in _ADDRESSED_KINDS:
            continue
        if kind is MailKind.OFFER and phrases.OFFER_DENIED.search(clause):
            continue
        if any(all(part.search(clause) for part in parts) for parts in alternatives):
            found.append(kind)
    return found


_ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself|please)\b", re.IGNORECASE)
_ADDRESSED_KINDS = (MailKind.ASSESSMENT, MailKind.INTERVIEW_INVITATION, MailKind.OFFER)


def _decisive(events: list[_Event]) -> _Event | None:
    """The phrase of the highest kind; a kind said only in a sentence's own words decides
    when no phrase of a higher kind than a confirmation does; a confirmation comes last."""
    confirmations = [e for e in events if e.kind is MailKind.APPLICATION_CONFIRMATION]
    if confirmations:
        # A receipt's "you'll shortly receive an invitation to our online test" is what comes
        # next, not the test itself.
        events = [
            e for e in events if not (e.ahead and e.kind is not MailKind.APPLICATION_CONFIRMATION)
        ]
    # "We've received your application and we're excited to learn more about you": a weaker
    # phrase of another kind in a confirmation's own sentence is part of the receipt.
    receipts = {(e.position, e.sentence): e.weight for e in confirmations}
    events = [
        e
        for e in events
        if e.kind is MailKind.APPLICATION_CONFIRMATION
        or e.weight >= receipts.get((e.position, e.sentence), 0.0)
    ]
    phrased = [event for event in events if not event.by_role]
    by_role = [event for event in events if event.by_role]
    for pool in (phrased, by_role):
        for kind in PRECEDENCE[:-1]:
            of_kind = [event for event in pool if event.kind is kind]
            if of_kind:
                return max(of_kind, key=lambda event: (event.weight, -event.position))
    return max(
        confirmations,
        key=lambda event: (not event.by_role, event.weight, -event.position),
        default=None,
    )


def _meeting_at_a_time(mail: ParsedMail, sentences: tuple[str, ...]) -> _Event | None:
    """A hiring conversation a sentence names with its day and time, in no phrase of
    invitation: a calendar's "Invitation: Phone screen - Jamie / Prism & Pine @ Tue Jul 14
    10am", "we've moved your system design session to Thursday at 11:00". With a calendar
    invitation attached, the subject naming it is enough."""
    for position, sentence in enumerate(sentences):
        if _HIRING_CONVERSATION.search(sentence) and (
            (position == 0 and mail.calendar) or states_a_time(sentence, sent_at=mail.date)
        ):
            return _Event(
                MailKind.INTERVIEW_INVITATION, MEETING_AT_A_TIME_WEIGHT, position, sentence
            )
    return None


def _meeting_proposed_in_a_job_thread(reading: Reading) -> _Event | None:
    """A day and an hour asked or settled in a reply about a job, in no phrase of invitation:
    "Re: Move Coordinator" with "Can you swing by Thursday around 4?", "Let's do Thursday 1/15
    at 1:30", "Confirmed for tomorrow at 10:00". The job shows in the subject (its words or a
    job's title) or in the mail quoted below, never only in the body ("are you still coming
    Sunday at 5?" after "how did the interview go" is a friend's)."""
    proposal = next(
        (
            (position, sentence)
            for position, sentence in enumerate(reading.sentences, start=1)
            if _PROPOSES_A_TIME.search(sentence)
            and _DAY.search(sentence)
            and _HOUR.search(sentence)
        ),
        None,
    )
    if proposal is None:
        return None
    job_thread = (
        _HIRING_CORE.search(reading.subject)
        or (reading.is_reply and _quoted_mail_speaks_of_hiring(reading))
        or (reading.is_reply and job_title(reading))
    )
    if not job_thread:
        return None
    position, sentence = proposal
    return _Event(MailKind.INTERVIEW_INVITATION, MEETING_AT_A_TIME_WEIGHT, position, sentence)


def _quoted_mail_speaks_of_hiring(reading: Reading) -> bool:
    """The thread's earlier mail, quoted below this one, speaks of hiring."""
    return bool(_HIRING_CORE.search(reading.quoted[:QUOTED_CONTEXT_CHARS]))


# Asking for a time or settling one: a question, "let's do", "confirmed for", "see you".
_PROPOSES_A_TIME = re.compile(
    r"\?\s*$|^(?:\w+[,:-]?\s+){0,3}?(?:let'?s (?:do|say|go with|make it)|confirmed for|(?:a )?"
    r"reminder for|see you|say \d|works? for me)\b",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:today|tomorrow|"
    r"tmrw|tmr|tonight)\b|\b\d{1,2}/\d{1,2}\b|\bthe \d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_HOUR = re.compile(
    r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.|h\b)|\b(?:at|around|say|by) \d{1,2}"
    r"(?:[:.]\d\d)?\b|\b(?:morning|afternoon|noon|lunchtime|same time)\b",
    re.IGNORECASE,
)


# Conversations that are steps of hiring, whatever else a mail calls them (narrower than
# _MEETING, which tells an invitation to meet from one to a test).
_HIRING_CONVERSATION = re.compile(
    r"\b(?:phone screen\w*|phone interview|screening call|recruiter (?:call|screen|chat)|intro"
    r"(?:ductory)? (?:call|chat)|\d+ minute intro|(?:job |video |panel |virtual |final |technical "
    r")?interview|(?:virtual )?on-?site\b(?! (?:parking|visit)\b)|final round|panel "
    r"(?:interview|conversation)|team[- ]matching|hiring manager (?:call|chat|conversation)|"
    r"tech(?:nical)? screen|coffee chat|meet the team|system design (?:session|round|interview)|"
    r"pair(?:ing)? (?:session|interview)|entrevista|entretien|vorstellungsgespräch)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- not a job mail


def _is_bulk_sender(address: str) -> bool:
    local_part, _, domain = address.lower().partition("@")
    return any(token in BULK_SENDER_TOKENS for token in re.split(r"[-_.+]", local_part)) or any(
        domain == d or domain.endswith("." + d) for d in EVENT_PLATFORMS
    )


def _not_job_reason(
    reading: Reading, sentences: tuple[str, ...], decisive: _Event, identity: JobIdentity
) -> str | None:
    """The sentence that shows the mail is not about the user's applications, or None."""
    if _EVENT_NAME.search(identity.company):
        return f"An event, not an employer: {identity.company}"
    whole = " ".join(sentences)
    employment = bool(
        _EMPLOYMENT.search(whole)
        or _EMPLOYMENT.search(reading.signature)
        or identity.source not in ("", COMPANY_WEBSITE)
        or _HIRING_MAILBOX.search(reading.sender_address)
    )
    # A reply speaks of what its thread spoke of: "we went with someone who..." answers the
    # interview invitation quoted below it.
    said_here = employment or bool(_HIRING_CORE.search(whole) or identity.title)
    hiring = said_here or _quoted_mail_speaks_of_hiring(reading)
    if decisive.learned and not said_here:
        # Words alone do not make a meeting or a "thanks for your time" a job's: the mail itself
        # must speak of hiring (a quoted reference request is someone else's).
        return f"No hiring context for a learned reading: {decisive.sentence}"
    if (
        decisive.learned
        and decisive.kind is MailKind.REJECTION
        and not from_a_persons_mailbox(reading.sender_address)
        and not (identity.title or _refers_to_an_application(reading, whole))
        and not _JOB_ABROAD.search(whole)
    ):
        # A template's refusal names the job or the application; "no role matches you right
        # now" from a careers mailbox is a talent pool's.
        return f"No application for a learned refusal: {decisive.sentence}"
    # A quick search only: each family then searches the suspects exactly.
    suspects = [
        (position, sentence)
        for position, sentence in enumerate(sentences)
        if phrases.ANY_NOT_JOB.may_match(sentence)
    ]
    for name, pattern in phrases.NOT_JOB.items():
        hits = [
            (position, sentence)
            for position, sentence in suspects
            if _says(name, pattern, sentence, identity.title)
        ]
        if not hits:
            continue
        first_position, first_sentence = hits[0]
        if name == "scam":
            # Counted sentence by sentence: one cue's ".*" must not swallow the others.
            cues = {
                match.group(0).casefold()
                for sentence in sentences
                for match in pattern.finditer(sentence)
            }
            if len(cues) >= 2:
                return first_sentence
        elif name == "other application":
            # A flat, a degree, a credit card: said more than once (or in the subject) in a
            # mail without employment words, or said by the decisive sentence itself.
            cues = {
                match.group(0).casefold()
                for _, sentence in hits
                for match in pattern.finditer(sentence)
                if not _names_a_job(sentence, match, identity.title)
            }
            strength = len(cues) + 2 * (hits[0][0] == 0)
            # A job title the mail names ("applying to be our Research Assistant") speaks of
            # employment as much as the word "job" does.
            employment_words = {
                match.group(0).casefold()
                for match in _EMPLOYMENT.finditer(f"{whole} {reading.signature}")
            } | ({identity.title.casefold()} if _a_job_title(identity.title, pattern) else set())
            in_decisive = any(position == decisive.position for position, _ in hits) and not (
                _HIRING_CORE.search(decisive.sentence)
            )
            through_a_platform = identity.source not in ("", COMPANY_WEBSITE)
            # One cue is enough in a mail that says nothing of hiring at all (a bootcamp's
            # "admissions team", a hackathon's "waitlist").
            if in_decisive or (
                strength > len(employment_words)
                and (strength >= 2 or not hiring)
                and not through_a_platform
            ):
                return first_sentence
        elif name == "outreach":
            # Cold outreach invites to talk, before or after its pitch; it never offers a job
            # or turns one down, and never speaks of an application.
            if (
                decisive.kind not in (MailKind.OFFER, MailKind.REJECTION)
                and not _refers_to_an_application(reading, whole)
                and not _SCREENING.search(decisive.sentence)
            ):
                return first_sentence
        elif name == "hiring side":
            return first_sentence  # whatever else it says, the owner is the one hiring
        elif name == "media":
            # A journalist's interview is for their piece; their "no" or "offer" would be too,
            # but a job's own rejection or offer can mention a story.
            if decisive.kind not in (MailKind.OFFER, MailKind.REJECTION):
                return first_sentence
        elif name == "personal news":
            # A friend's news is theirs; "they won't be moving forward with you" is the owner's.
            owners_outcome = decisive.kind in (
                MailKind.REJECTION,
                MailKind.OFFER,
            ) and (_ADDRESSED.search(decisive.sentence) or _HIRING_SIDE.search(decisive.sentence))
            if not (_YOUR_APPLICATION.search(whole) or owners_outcome):
                return first_sentence
        elif first_position <= PURPOSE_SENTENCES or (
            first_position <= decisive.position and decisive.weight < SURE_EVENT
        ):
            # An alert, a reminder or a newsletter says so first; a rejection that later
            # suggests setting up job alerts is still a rejection.
            return first_sentence
    # Interview, assessment and offer phrases speak of hiring themselves; "your application
    # was received" or "we regret..." could be a flat's or a card's.
    needs_context = decisive.kind is MailKind.APPLICATION_CONFIRMATION or (
        decisive.kind is MailKind.REJECTION and not _HIRING_CORE.search(decisive.sentence)
    )
    if needs_context and not hiring:
        return f"No hiring context: {decisive.sentence}"
    return None


# "HackCorbie 2026", "DataConf 2027": an event's name carries its year, an employer's does not.
_EVENT_NAME = re.compile(r"\b(?:19|20)\d\d$")
# "Housing Data Officer", "Loan Officer", "Admissions Coordinator": a cue word that begins a
# job title says nothing about what the mail is.
_JOB_NOUN_AFTER = re.compile(
    r"(?:\s+[A-Z][\w&-]*){0,3}?\s+(?i:officer|analyst|manager|engineer|"
    r"coordinator|specialist|assistant|advis[eo]r|associate|developer|"
    r"designer|director|lead|intern|administrator|consultant|scientist|"
    r"planner|counsel+or|representative|underwriter|processor|tutor|editor|writer|producer)s?"
    r"\b"
)


def _a_job_title(title: str, cues: Phrases) -> bool:
    """A title that is a job's, not the other application's ("Volunteer Coordinator")."""
    return bool(title) and not cues.search(title)


def _says(family: str, pattern: Phrases, sentence: str, title: str = "") -> bool:
    match = pattern.search(sentence)
    if match is None or family == "scam" or not _names_a_job(sentence, match, title):
        return match is not None
    # "Newsletter Editor", "Housing Officer": a cue that names the job is no cue; another may be.
    return any(not _names_a_job(sentence, match, title) for match in pattern.finditer(sentence))


def _names_a_job(sentence: str, match: re.Match[str], title: str = "") -> bool:
    """The cue word is part of a job title: it begins one ("Loan Officer") or lies inside the
    title the mail is about ("Software Engineer, Lending")."""
    if match.group(0)[:1].isupper() and _JOB_NOUN_AFTER.match(sentence, match.end()):
        return True
    start = sentence.find(title) if len(title) > 3 else -1
    if start < 0 or match.start() < start:
        return False
    end = start + len(title)
    # "Research Assistant - Housing & Planning": the specialism right after the title is its own
    return match.end() <= end or bool(_SPECIALISM_AFTER.fullmatch(sentence, end, match.start()))


_SPECIALISM_AFTER = re.compile(r"\s*[-–,(]\s*")


def _refers_to_an_application(reading: Reading, whole: str) -> bool:
    return bool(
        phrases.APPLICATION_REFERENCE.search(whole)
        or phrases.APPLICATION_REFERENCE.search(reading.quoted[:5000])
    )


# --------------------------------------------------------------------------- a job mail


def _job_classification(
    mail: ParsedMail,
    reading: Reading,
    decisive: _Event,
    identity: JobIdentity,
    invitations: list[str],
) -> Classification:
    kind = decisive.kind
    if kind is MailKind.INTERVIEW_INVITATION and (
        _is_assessment_vendor(reading.sender_domain)
        or _ONE_WAY_VIDEO.search(" ".join((reading.subject, *reading.sentences)))
    ):
        kind = MailKind.ASSESSMENT  # a "video interview" recorded alone is a test, not a meeting
    return Classification(
        kind=kind,
        company=identity.company,
        job_title=identity.title,
        job_url=_job_url(mail.links),
        source=identity.source,
        evidence=decisive.sentence[:MAX_EVIDENCE_CHARS],
        confidence=_confidence(decisive.weight, identity.source, identity.company),
        is_onsite=(
            kind is MailKind.INTERVIEW_INVITATION
            and _is_onsite([decisive.sentence, *invitations], reading)
        ),
        employer_domain=(
            employer_domain(reading.sender_domain) or employer_mailbox(reading.sender_address)
        ),
    )


# "Record short video answers to 5 questions", "no interviewer is present".
_ONE_WAY_VIDEO = re.compile(
    r"\b(?:pre-?)?recorded video\b|\brecord (?:your |short |brief )?(?:video )?(?:answers|"
    r"responses|interview)\b|\bone-way video\b|\bno interviewer\b|\bself-recorded\b",
    re.IGNORECASE,
)


def _is_assessment_vendor(domain: str) -> bool:
    return any(domain == vendor or domain.endswith("." + vendor) for vendor in ASSESSMENT_VENDORS)


def _confidence(phrase_weight: float, source: str, company: str) -> float:
    """The phrase's weight, plus trust for a known board/ATS sender; a result naming no company
    loses some, since only its thread can tie it to an application."""
    known_sender = 0.05 if source != COMPANY_WEBSITE else 0.0
    company_bonus = 0.05 if company else -0.1
    return round(min(max(phrase_weight + known_sender + company_bonus, 0.0), 0.99), 2)


def _is_onsite(invitations: list[str], reading: Reading) -> bool:
    """An onsite interview: a final round (also over video: the last stage before an offer)
    named where the mail invites, or in its subject; else a place to come to ("at our Leeds
    office", "in person") when the mail names no call or video meeting."""
    if any(
        _FINAL_ROUND.search(text) and not _LATER_STEP.search(text)
        for text in (*invitations, reading.subject)
    ):
        return True
    body = " ".join((reading.subject, *reading.sentences))
    # What already happened over the phone ("thanks for your time on the phone", "following
    # your video interview") or after ("call me right after") says nothing of this meeting.
    ahead = " ".join(
        sentence
        for sentence in (reading.subject, *reading.sentences)
        if not phrases.LOOKING_BACK.search(sentence) and not _CALL_ME.search(sentence)
    )
    places = {match.group(0).casefold() for match in phrases.ONSITE_WORDS.finditer(body)}
    # Directions for the day (a floor, a lobby, a security desk) outweigh a phone mentioned
    # in passing ("your phone screen notes", "call or text me if you're running late").
    return len(places) >= _SURE_PLACES or (bool(places) and not _REMOTE_CALL.search(ahead))


_SURE_PLACES = 3


def _job_url(links: tuple[str, ...]) -> str:
    for regex in JOB_URL_PATTERNS:
        for link in links:
            if regex.search(link) and not _NOT_A_JOB_LINK.search(link):
                return link
    return ""


# --------------------------------------------------------------------------- names and titles

SOURCE_BY_DOMAIN: dict[str, str] = {
    domain: name for domain, (name, kind) in PLATFORMS.items() if kind in (ATS, BOARD)
}
# Legal forms and the like that end a company's name: normalise_company drops them.
COMPANY_SUFFIXES = frozenset(
    """
    inc incorporated llc llp lp ltd limited gmbh corp corporation co company plc ag sa sas sarl
    bv nv pty srl spa oy ab kk pvt se as ltda group
    """.split()
)
_TITLE_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "mgr": "manager",
    "swe": "software engineer",
    "sre": "site reliability engineer",
    "ml": "machine learning",
    "qa": "quality assurance",
    "bi": "business intelligence",
    "ai": "artificial intelligence",
    "ux": "user experience",
    "ui": "user interface",
    "hr": "human resources",
    "sde": "software development engineer",
    "asst": "assistant",
    "assoc": "associate",
    "coord": "coordinator",
    "admin": "administrator",
    "mktg": "marketing",
    "ops": "operations",
    "acct": "accountant",
}


LEVEL_MISMATCH_SIMILARITY = 0.5
_TITLE_FILLER = frozenset({"of", "and", "the", "for", "in", "to", "a", "an", "remote", "hybrid"})
_LEVEL_WORDS = frozenset(
    {
        "senior",
        "staff",
        "principal",
        "lead",
        "junior",
        "intern",
        "ii",
        "iii",
        "iv",
        "head",
        "chief",
        "director",
        "vp",
        "entry",
        "graduate",
        "apprentice",
        "trainee",
        "associate",
    }
)


def same_job_at_another_level(a: str, b: str) -> bool:
    """'Site Reliability Engineer' and 'Senior Site Reliability Engineer'."""
    words_a = set(_expand_title(a).split()) - _LEVEL_WORDS
    words_b = set(_expand_title(b).split()) - _LEVEL_WORDS
    return bool(words_a) and words_a == words_b


def _levels(expanded_title: str) -> frozenset[str]:
    return frozenset(expanded_title.split()) & _LEVEL_WORDS


def _different_specialties(expanded_a: str, expanded_b: str) -> bool:
    """'Data Engineer' and 'Analytics Engineer' share only the kind of job: what makes each
    its own (data, analytics) differs entirely."""
    own_a = set(expanded_a.split()) - TITLE_NOUNS - _LEVEL_WORDS - _TITLE_FILLER
    own_b = set(expanded_b.split()) - TITLE_NOUNS - _LEVEL_WORDS - _TITLE_FILLER
    return bool(own_a) and bool(own_b) and not own_a & own_b


def _spelt_out(title: str, other: str) -> str:
    """The title with each short word that the other title spells out by its initials replaced
    by those words: "assistant cno" of "assistant chief nursing officer", "mi analyst" of
    "management information analyst"."""
    words, others = title.split(), other.split()
    if not any(2 <= len(word) <= MAX_TITLE_ACRONYM for word in words):
        return title
    spelt = []
    for word in words:
        if word in _TRUNCATED_WORDS and word not in others:
            # "Vet Tech" of "Veterinary Technician": whichever word the other title cut short.
            word = next((w for w in others if w.startswith(word)), word)
        run = len(word)
        found = (
            next(
                (
                    others[start : start + run]
                    for start in range(len(others) - run + 1)
                    if "".join(w[0] for w in others[start : start + run]) == word
                ),
                None,
            )
            if 2 <= run <= MAX_TITLE_ACRONYM and word not in others
            else None
        )
        spelt.extend(found or [word])
    return " ".join(spelt)


# "CNO", "MI", "OD": an acronym a title may use for words the other title spells out.
MAX_TITLE_ACRONYM = 4
# Words titles cut short, each for more than one word ("tech": technician, technical, technology).
_TRUNCATED_WORDS = frozenset({"tech", "vet", "med", "lab", "maint", "mech", "elec", "pharm"})


def _expand_title(title: str) -> str:
    # "L&D", "M&A": an acronym whose "&" joins its letters ("learning & development").
    title = re.sub(r"\b([a-z])&([a-z])\b", r"\1\2", title.lower())
    words = re.findall(r"[a-z0-9+#]+", title)
    return " ".join(_TITLE_ABBREVIATIONS.get(word, word) for word in words)
